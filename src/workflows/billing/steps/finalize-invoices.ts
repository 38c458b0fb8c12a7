import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../../modules/billing"
import type BillingModuleService from "../../../modules/billing/service"

export const finalizeInvoicesStepId = "finalize-invoices"
/**
 * Numbers and freezes drafts (gapless per entity, inside one transaction);
 * one no longer a draft is skipped, or with `strict` refused.
 * Not compensated: a finalized invoice is never un-finalized; it is the last
 * mutation of the workflows that call it.
 *
 * @example
 * finalizeInvoicesStep({ ids: ["binv_1"] })
 */
export const finalizeInvoicesStep = createStep(
  finalizeInvoicesStepId,
  async (input: { ids: string[]; strict?: boolean }, { container }) => {
    if (!input.ids.length) return new StepResponse([] as Array<{ id: string; number: string | null; account_id: string; total: unknown; status: string }>)
    const billing: BillingModuleService = container.resolve(BILLING_MODULE)
    const done = await billing.finalizeInvoices(input.ids, { strict: input.strict })
    return new StepResponse(done.map((i) => ({ id: i.id, number: i.number, account_id: i.account_id, total: i.total, status: i.status })))
  }
)
