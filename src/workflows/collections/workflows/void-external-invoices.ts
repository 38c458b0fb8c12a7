import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { voidStripeInvoicesStep } from "../steps/void-stripe-invoices"
import { voidXeroInvoicesStep } from "../steps/void-xero-invoices"

export const voidExternalInvoicesWorkflowId = "void-external-invoices"
/**
 * An invoice voided here is voided in Stripe (no longer asked of the
 * customer) and in Xero (no longer a receivable) too.
 *
 * @example
 * await voidExternalInvoicesWorkflow(container).run({ input: { invoice_ids: ["binv_1"] } })
 */
export const voidExternalInvoicesWorkflow = createWorkflow(voidExternalInvoicesWorkflowId, (input: { invoice_ids: string[] }) => {
  const stripe = voidStripeInvoicesStep(input)
  const xero = voidXeroInvoicesStep(input)
  return new WorkflowResponse({ stripe, xero })
})
