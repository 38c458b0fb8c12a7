import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { CallBillingEvents } from "../../../lib/constants"
import { recordPaymentStep, type RecordPaymentStepInput } from "../steps/record-payment"

export const recordPaymentWorkflowId = "record-payment"
/**
 * Records a payment (bank transfer, card, cash, wallet …), allocates it to
 * open invoices and keeps the rest as account credit; emits
 * `call_billing.payment.recorded` and `call_billing.invoice.paid` per
 * invoice it settled.
 *
 * @example
 * const { result } = await recordPaymentWorkflow(container).run({
 *   input: { account_id: "bacct_1", amount: "150.00", method: "bank_transfer", reference: "BANK-7" },
 * })
 * // { payment_id, allocations: [{ invoice_id, amount: "100" }, …], unallocated: "0", paid_invoice_ids: ["binv_1"] }
 */
export const recordPaymentWorkflow = createWorkflow(recordPaymentWorkflowId, (input: RecordPaymentStepInput) => {
  const out = recordPaymentStep(input)
  emitEventStep({
    eventName: CallBillingEvents.PAYMENT_RECORDED,
    data: transform({ out }, ({ out }) => ({ id: out.payment_id, account_id: out.account_id })),
  }).config({ name: "emit-payment-recorded" })
  emitEventStep({
    eventName: CallBillingEvents.INVOICE_PAID,
    data: transform({ out }, ({ out }) => out.paid_invoice_ids.map((id) => ({ id, account_id: out.account_id }))),
  }).config({ name: "emit-invoices-paid" })
  return new WorkflowResponse(out)
})
