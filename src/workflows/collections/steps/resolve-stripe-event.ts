import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import Decimal from "decimal.js"
import { BILLING_MODULE } from "../../../modules/billing"
import { fromMinorUnits } from "../../../modules/billing/integrations/stripe"
import type BillingModuleService from "../../../modules/billing/service"

/** What a Stripe event asks of us, decided before anything is written. */
export type StripeEventDecision =
  | { action: "duplicate"; detail: string }
  | { action: "ignore"; detail: string }
  | {
      action: "payment"
      detail: string
      payment: { account_id: string; amount: string; method: "stripe"; reference: string; received_at: string; allocations: Array<{ invoice_id: string }>; note: string }
    }
  | { action: "payment_failed"; detail: string; account_id: string; invoice_id: string | null; code: string | null; message: string | null }
  | { action: "top_up"; detail: string; account_id: string; amount: string; reference: string }

export type StripeEventInput = { id: string; type: string; created: number; data: { object: any } }

async function ourInvoice(billing: BillingModuleService, obj: any) {
  let id: string | null = obj?.metadata?.call_billing_invoice_id ?? null
  if (!id && obj?.id) {
    const [row] = await billing.listSyncRecords({ provider: "stripe", record_type: "invoice", external_id: obj.id }, { select: ["record_id"] })
    id = row?.record_id ?? null
  }
  if (!id) return null
  const [inv] = await billing.listInvoices({ id }, { select: ["id", "account_id", "status", "currency_code", "number"] })
  return inv ?? null
}

export const resolveStripeEventStepId = "resolve-stripe-event"
/**
 * Decides what a verified Stripe event means here, reading only:
 * `invoice.paid` → a payment on our invoice (unless a payment with the same
 * Stripe reference is already recorded); `invoice.payment_failed` → a
 * dunning entry and `payment.failed` (ignored when the invoice is settled by
 * then: events may arrive out of order); `payment_intent.succeeded` for a
 * wallet top-up → a wallet credit; an event already handled → duplicate.
 *
 * @example
 * const decision = resolveStripeEventStep({ id: "evt_1", type: "invoice.paid", created: 1763800000, data: { object: stripeInvoice } })
 */
export const resolveStripeEventStep = createStep(resolveStripeEventStepId, async (event: StripeEventInput, { container }) => {
  const billing: BillingModuleService = container.resolve(BILLING_MODULE)
  const decide = async (): Promise<StripeEventDecision> => {
    const [seen] = await billing.listProviderEvents({ provider: "stripe", event_id: event.id }, { select: ["id", "outcome"] })
    if (seen) return { action: "duplicate", detail: `event ${event.id} was handled already (${seen.outcome})` }
    const obj = event.data?.object ?? {}
    switch (event.type) {
      case "invoice.paid":
      case "invoice.payment_succeeded": {
        const inv = await ourInvoice(billing, obj)
        if (!inv) return { action: "ignore", detail: `Stripe invoice ${obj.id} is not one of ours` }
        if (inv.status === "void" || inv.status === "draft") return { action: "ignore", detail: `invoice ${inv.number ?? inv.id} is ${inv.status}` }
        if (obj.paid_out_of_band) return { action: "ignore", detail: `Stripe invoice ${obj.id} was marked paid out of band: the payment is recorded here` }
        const reference = `stripe:${obj.id}`
        const [dup] = await billing.listAccountPayments({ account_id: inv.account_id, reference }, { select: ["id"] })
        if (dup) return { action: "ignore", detail: `payment ${dup.id} already records ${reference}` }
        const currency = String(obj.currency ?? inv.currency_code).toUpperCase()
        if (currency !== inv.currency_code) return { action: "ignore", detail: `paid in ${currency}, the invoice is in ${inv.currency_code}` }
        const amount = fromMinorUnits(Number(obj.amount_paid ?? 0), currency)
        if (!new Decimal(amount).gt(0)) return { action: "ignore", detail: `nothing paid on ${obj.id}` }
        const paidAt = obj.status_transitions?.paid_at ?? event.created
        return {
          action: "payment",
          detail: `${amount} ${currency} paid on invoice ${inv.number}`,
          payment: {
            account_id: inv.account_id,
            amount,
            method: "stripe",
            reference,
            received_at: new Date(paidAt * 1000).toISOString(),
            allocations: [{ invoice_id: inv.id }],
            note: `Stripe ${event.type} ${event.id}`,
          },
        }
      }
      case "invoice.payment_failed": {
        const inv = await ourInvoice(billing, obj)
        if (!inv) return { action: "ignore", detail: `Stripe invoice ${obj.id} is not one of ours` }
        if (!["finalized", "partially_paid"].includes(inv.status)) {
          return { action: "ignore", detail: `invoice ${inv.number} is ${inv.status} by now` }
        }
        const err = obj.last_finalization_error ?? obj.last_payment_error ?? null
        return {
          action: "payment_failed",
          detail: `card payment failed on invoice ${inv.number}`,
          account_id: inv.account_id,
          invoice_id: inv.id,
          code: err?.code ?? null,
          message: err?.message ?? null,
        }
      }
      case "payment_intent.succeeded": {
        if (obj.metadata?.call_billing_purpose !== "wallet_top_up") return { action: "ignore", detail: "not a wallet top-up" }
        const accountId = obj.metadata?.call_billing_account_id
        const [acc] = accountId ? await billing.listBillingAccounts({ id: accountId }, { select: ["id", "currency_code"] }) : []
        if (!acc) return { action: "ignore", detail: `account ${accountId} not found` }
        const currency = String(obj.currency).toUpperCase()
        if (currency !== acc.currency_code) return { action: "ignore", detail: `paid in ${currency}, the wallet is in ${acc.currency_code}` }
        const amount = fromMinorUnits(Number(obj.amount_received ?? obj.amount), currency)
        return { action: "top_up", detail: `wallet top-up of ${amount} ${currency}`, account_id: acc.id, amount, reference: `stripe:${obj.id}` }
      }
      case "payment_intent.payment_failed": {
        if (obj.metadata?.call_billing_purpose !== "wallet_top_up") return { action: "ignore", detail: "not a wallet top-up" }
        const err = obj.last_payment_error ?? null
        return {
          action: "payment_failed",
          detail: "wallet top-up payment failed",
          account_id: obj.metadata.call_billing_account_id,
          invoice_id: null,
          code: err?.code ?? null,
          message: err?.message ?? null,
        }
      }
      default:
        return { action: "ignore", detail: `${event.type} is not handled` }
    }
  }
  return new StepResponse(await decide())
})
