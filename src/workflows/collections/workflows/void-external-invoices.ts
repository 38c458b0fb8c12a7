import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { voidStripeInvoicesStep } from "../steps/void-stripe-invoices"

export const voidExternalInvoicesWorkflowId = "void-external-invoices"
/**
 * An invoice voided here is voided in Stripe too (Xero: see the
 * reconciliation report, which flags a void invoice Xero still holds).
 *
 * @example
 * await voidExternalInvoicesWorkflow(container).run({ input: { invoice_ids: ["binv_1"] } })
 */
export const voidExternalInvoicesWorkflow = createWorkflow(voidExternalInvoicesWorkflowId, (input: { invoice_ids: string[] }) => {
  return new WorkflowResponse(voidStripeInvoicesStep(input))
})
