import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { reconcileInvoicesStep } from "../steps/reconcile-invoices"

export const reconcileInvoicesWorkflowId = "reconcile-invoices"
/**
 * The reconciliation report (issue 6 §2): invoices issued from `from` to
 * `to`, here against Xero and Stripe, mismatches first.
 *
 * @example
 * const { result } = await reconcileInvoicesWorkflow(container).run({ input: { from: "2026-11-01", to: "2026-11-30" } })
 * // { summary: { invoices: 120, mismatches: 2 }, rows: [{ number, total, xero: { total }, reasons: ["paid: 100.00 here, 0.00 in Xero"] }, …] }
 */
export const reconcileInvoicesWorkflow = createWorkflow(reconcileInvoicesWorkflowId, (input: { from: string; to: string }) => {
  return new WorkflowResponse(reconcileInvoicesStep(input))
})
