import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import Decimal from "decimal.js"
import { BILLING_MODULE } from "../../../modules/billing"
import type BillingModuleService from "../../../modules/billing/service"
import type { WalletEntryInput } from "../../../modules/billing/types"

export type PostWalletEntriesStepInput = { account_id: string; entries: WalletEntryInput[] }

export const postWalletEntriesStepId = "post-wallet-entries"
/**
 * Adds top-ups, refunds or adjustments to an account's wallet; an entry
 * with a (type, reference) already on the ledger is not added again.
 * Compensation posts the opposite entries (the ledger is never edited).
 *
 * @example
 * postWalletEntriesStep({ account_id: "bacct_1", entries: [{ type: "top_up", amount: "50", reference: "bank-2026-11-22-7" }] })
 */
export const postWalletEntriesStep = createStep(
  postWalletEntriesStepId,
  async (input: PostWalletEntriesStepInput, { container }) => {
    const billing: BillingModuleService = container.resolve(BILLING_MODULE)
    const move = await billing.postWalletEntries(input.account_id, input.entries)
    return new StepResponse(move, { account_id: input.account_id, before: move.before, after: move.after })
  },
  async (done, { container }) => {
    if (!done || done.before === done.after) return
    const billing: BillingModuleService = container.resolve(BILLING_MODULE)
    await billing.postWalletEntries(done.account_id, [
      { type: "adjustment", amount: new Decimal(done.before).minus(done.after).toString(), note: "reversal of a failed posting" },
    ])
  }
)
