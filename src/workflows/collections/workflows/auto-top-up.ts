import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { CallBillingEvents } from "../../../lib/constants"
import { postWalletEntriesStep } from "../../billing/steps/post-wallet-entries"
import { chargeAutoTopUpStep } from "../steps/charge-auto-top-up"

export const autoTopUpWorkflowId = "auto-top-up"
/**
 * Automatic top-up of a prepaid wallet from the saved card: charged through
 * Stripe, credited with the payment intent as reference (so the webhook that
 * follows adds nothing twice); a decline emits `call_billing.payment.failed`.
 *
 * @example
 * const { result } = await autoTopUpWorkflow(container).run({ input: { account_id: "bacct_1" } })
 * // { status: "succeeded", amount: "50", reference: "stripe:pi_…" }
 */
export const autoTopUpWorkflow = createWorkflow(autoTopUpWorkflowId, (input: { account_id: string }) => {
  const charge = chargeAutoTopUpStep(input)
  when("auto-top-up-charged", { charge }, ({ charge }) => charge.status === "succeeded").then(() => {
    postWalletEntriesStep(
      transform({ charge }, ({ charge }) => {
        const c = charge as Extract<typeof charge, { status: "succeeded" }>
        return { account_id: c.account_id, entries: [{ type: "top_up" as const, amount: c.amount, reference: c.reference, note: "automatic top-up (Stripe)" }] }
      })
    )
  })
  when("auto-top-up-declined", { charge }, ({ charge }) => charge.status === "failed").then(() => {
    emitEventStep({
      eventName: CallBillingEvents.PAYMENT_FAILED,
      data: transform({ charge }, ({ charge }) => {
        const c = charge as Extract<typeof charge, { status: "failed" }>
        return { account_id: c.account_id, invoice_id: null, code: c.code, message: c.message, provider_event_id: c.reference }
      }),
    }).config({ name: "emit-auto-top-up-failed" })
  })
  return new WorkflowResponse(charge)
})
