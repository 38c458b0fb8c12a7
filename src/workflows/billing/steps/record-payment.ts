import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../../modules/billing"
import type BillingModuleService from "../../../modules/billing/service"

export type RecordPaymentStepInput = Parameters<BillingModuleService["recordPayment"]>[0]

export const recordPaymentStepId = "record-payment"
/**
 * Records a payment and allocates it (oldest open invoices first unless
 * told otherwise); the rest becomes account credit. One transaction under
 * the account's lock. Not compensated: it is the last mutation of its
 * workflow, and a recorded payment is reversed by a refund, not a delete.
 *
 * @example
 * recordPaymentStep({ account_id: "bacct_1", amount: "150.00", method: "bank_transfer", reference: "BANK-7" })
 */
export const recordPaymentStep = createStep(recordPaymentStepId, async (input: RecordPaymentStepInput, { container }) => {
  const billing: BillingModuleService = container.resolve(BILLING_MODULE)
  const out = await billing.recordPayment(input)
  return new StepResponse({
    payment_id: out.payment.id,
    account_id: input.account_id,
    allocations: out.allocations,
    unallocated: out.unallocated,
    paid_invoice_ids: out.paid_invoice_ids,
  })
})
