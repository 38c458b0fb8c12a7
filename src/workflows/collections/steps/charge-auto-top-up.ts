import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import Decimal from "decimal.js"
import { exactOf } from "../../../lib/big-number"
import { BILLING_MODULE } from "../../../modules/billing"
import { createStripeClient, createStripeTopUp, ensureStripeCustomer } from "../../../modules/billing/integrations/stripe"
import type BillingModuleService from "../../../modules/billing/service"
import { loadSyncAccount } from "../utils/documents"

export type AutoTopUpCharge =
  | { status: "skipped"; detail: string }
  | { status: "succeeded"; account_id: string; amount: string; reference: string }
  | { status: "failed"; account_id: string; code: string | null; message: string; reference: string | null }

export const chargeAutoTopUpStepId = "charge-auto-top-up"
/**
 * Charges a prepaid account's saved card through Stripe when its wallet is
 * below the automatic top-up threshold. The idempotency key is the account
 * and the last ledger entry before the charge, so a retried run charges once.
 * Not compensated: a charged card is refunded through Stripe, not rolled
 * back; the wallet credit is the next step.
 *
 * @example
 * const charge = chargeAutoTopUpStep({ account_id: "bacct_1" })
 */
export const chargeAutoTopUpStep = createStep(chargeAutoTopUpStepId, async (input: { account_id: string }, { container }) => {
  const billing: BillingModuleService = container.resolve(BILLING_MODULE)
  const stripeOptions = billing.collectionsOptions().stripe
  const skip = (detail: string) => new StepResponse<AutoTopUpCharge>({ status: "skipped", detail })
  const account: any = await billing.retrieveBillingAccount(input.account_id)
  const cfg = account.auto_top_up as { threshold?: string; amount?: string; payment_method?: string } | null
  if (!cfg?.payment_method || !cfg.amount || cfg.threshold === undefined) return skip("no automatic top-up set")
  if (account.payment_mode !== "prepaid") return skip("not prepaid")
  if (!stripeOptions) return skip("Stripe is not configured")
  if (exactOf(account, "wallet_balance").gte(new Decimal(cfg.threshold))) return skip("balance is above the threshold")
  const stripe = createStripeClient(stripeOptions)
  // the saved card belongs to the account's Stripe customer (created once, keyed by our id)
  const [row] = await billing.queueSyncRecords([{ provider: "stripe", record_type: "account", record_id: account.id, account_id: account.id }])
  const customerId = await ensureStripeCustomer(stripe, await loadSyncAccount(billing, account.id), row.external_id)
  if (row.status !== "synced") {
    await billing.updateSyncRecords({ id: row.id, status: "synced", external_id: customerId, synced_at: new Date(), last_error: null, next_attempt_at: null })
  }
  const [last] = await billing.listWalletEntries({ account_id: account.id }, { select: ["id"], order: { created_at: "DESC" }, take: 1 })
  const out = await createStripeTopUp(stripe, {
    account_id: account.id,
    customer_id: customerId,
    amount: new Decimal(cfg.amount).toFixed(),
    currency_code: account.currency_code,
    key: `auto-${account.id}-${last?.id ?? "first"}`,
    payment_method: cfg.payment_method,
  })
  if (out.status === "succeeded") {
    return new StepResponse<AutoTopUpCharge>({ status: "succeeded", account_id: account.id, amount: new Decimal(cfg.amount).toFixed(), reference: `stripe:${out.id}` })
  }
  return new StepResponse<AutoTopUpCharge>({
    status: "failed",
    account_id: account.id,
    code: out.declined?.code ?? out.status,
    message: out.declined?.message ?? `payment intent ${out.id} is ${out.status}`,
    reference: out.id ?? null,
  })
})
