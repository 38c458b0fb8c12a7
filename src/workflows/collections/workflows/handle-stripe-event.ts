import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { CallBillingEvents } from "../../../lib/constants"
import { postWalletEntryWorkflow, recordPaymentWorkflow } from "../../billing"
import { recordDunningEventsStep } from "../steps/record-dunning-events"
import { recordProviderEventsStep } from "../steps/record-provider-events"
import { resolveStripeEventStep, type StripeEventInput } from "../steps/resolve-stripe-event"

export const handleStripeEventWorkflowId = "handle-stripe-event"
/**
 * Acts on a verified Stripe webhook event, once: `invoice.paid` records the
 * payment on our invoice (and so `invoice.paid`, Xero's payment sync and
 * reactivation follow); `invoice.payment_failed` enters the dunning timeline
 * and emits `payment.failed`; a top-up's `payment_intent.succeeded` credits
 * the wallet. The event id is recorded after its effects, so a resent event
 * changes nothing, and an event whose handling failed is handled when Stripe
 * resends it.
 *
 * @example
 * const { result } = await handleStripeEventWorkflow(container).run({ input: event })
 * // { action: "payment", detail: "120.00 GBP paid on invoice ACME-2026-000001" }
 */
export const handleStripeEventWorkflow = createWorkflow(handleStripeEventWorkflowId, (event: StripeEventInput) => {
  const decision = resolveStripeEventStep(event)

  when("stripe-payment", { decision }, ({ decision }) => decision.action === "payment").then(() => {
    recordPaymentWorkflow.runAsStep({ input: transform({ decision }, ({ decision }) => (decision as any).payment) })
  })
  when("stripe-top-up", { decision }, ({ decision }) => decision.action === "top_up").then(() => {
    postWalletEntryWorkflow.runAsStep({
      input: transform({ decision }, ({ decision }) => {
        const d = decision as Extract<typeof decision, { action: "top_up" }>
        return { account_id: d.account_id, type: "top_up" as const, amount: d.amount, reference: d.reference, note: "Stripe top-up" }
      }),
    })
  })
  when("stripe-payment-failed", { decision }, ({ decision }) => decision.action === "payment_failed").then(() => {
    const entries = recordDunningEventsStep(
      transform({ decision, event }, ({ decision, event }) => {
        const d = decision as Extract<typeof decision, { action: "payment_failed" }>
        return [
          {
            account_id: d.account_id,
            invoice_id: d.invoice_id,
            step: "payment_failed",
            action: "payment_failed",
            detail: { provider: "stripe", event_id: event.id, code: d.code, message: d.message },
          },
        ]
      })
    )
    emitEventStep({
      eventName: CallBillingEvents.PAYMENT_FAILED,
      data: transform({ decision, event, entries }, ({ decision, event, entries }) => {
        const d = decision as Extract<typeof decision, { action: "payment_failed" }>
        return {
          account_id: d.account_id,
          invoice_id: d.invoice_id,
          code: d.code,
          message: d.message,
          provider_event_id: event.id,
          dunning_event_id: entries[0]?.id ?? null,
        }
      }),
    }).config({ name: "emit-payment-failed" })
  })
  when("stripe-event-new", { decision }, ({ decision }) => decision.action !== "duplicate").then(() => {
    recordProviderEventsStep(
      transform({ decision, event }, ({ decision, event }) => [
        {
          provider: "stripe" as const,
          event_id: event.id,
          type: event.type,
          outcome: decision.action === "ignore" ? ("ignored" as const) : ("processed" as const),
          detail: decision.detail,
        },
      ])
    )
  })
  return new WorkflowResponse(transform({ decision }, ({ decision }) => ({ action: decision.action, detail: decision.detail })))
})
