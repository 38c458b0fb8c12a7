import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { randomUUID } from "node:crypto"
import { BILLING_MODULE } from "../../../modules/billing"
import { createStripeClient, createStripeTopUp, ensureStripeCustomer } from "../../../modules/billing/integrations/stripe"
import type BillingModuleService from "../../../modules/billing/service"
import { loadSyncAccount } from "../utils/documents"

export type StripeTopUpInput = { account_id: string; amount: string; payment_method?: string | null; key?: string | null }
export type StripeTopUpResult = {
  payment_intent_id: string
  status: string
  client_secret: string | null
  amount: string
  currency_code: string
  reference: string
  declined: { code: string; message: string } | null
}

export const createStripeTopUpStepId = "create-stripe-top-up"
/**
 * Starts a wallet top-up through Stripe for a prepaid account: its Stripe
 * customer (created once), then a payment intent keyed by the request's
 * idempotency key. Not compensated: an intent that is never confirmed
 * charges nothing.
 *
 * @example
 * const topUp = createStripeTopUpStep({ account_id: "bacct_1", amount: "50.00" })
 */
export const createStripeTopUpStep = createStep(createStripeTopUpStepId, async (input: StripeTopUpInput, { container }) => {
  const billing: BillingModuleService = container.resolve(BILLING_MODULE)
  const options = billing.collectionsOptions().stripe
  if (!options) throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "Stripe is not configured: set the plugin option stripe.secret_key")
  const account = await loadSyncAccount(billing, input.account_id)
  const full: any = await billing.retrieveBillingAccount(input.account_id, { select: ["id", "payment_mode"] })
  if (full.payment_mode !== "prepaid") {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `account ${account.code} is postpaid; only a prepaid wallet is topped up`)
  }
  const stripe = createStripeClient(options)
  const [row] = await billing.queueSyncRecords([{ provider: "stripe", record_type: "account", record_id: account.id, account_id: account.id }])
  const customer = await ensureStripeCustomer(stripe, account, row.external_id)
  if (row.status !== "synced") {
    await billing.updateSyncRecords({ id: row.id, status: "synced", external_id: customer, synced_at: new Date(), last_error: null, next_attempt_at: null })
  }
  const out = await createStripeTopUp(stripe, {
    account_id: account.id,
    customer_id: customer,
    amount: input.amount,
    currency_code: account.currency_code,
    key: input.key ?? randomUUID(),
    payment_method: input.payment_method ?? undefined,
  })
  return new StepResponse<StripeTopUpResult>({
    payment_intent_id: out.id,
    status: out.status,
    client_secret: out.client_secret,
    amount: input.amount,
    currency_code: account.currency_code,
    reference: `stripe:${out.id}`,
    declined: out.declined ?? null,
  })
})
