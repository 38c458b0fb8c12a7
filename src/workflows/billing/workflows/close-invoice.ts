import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { CallBillingEvents } from "../../../lib/constants"
import { closeInvoiceStep } from "../steps/close-invoice"

export const closeInvoiceWorkflowId = "close-invoice"
/**
 * Voids an invoice issued in error, or marks it uncollectible.
 *
 * @example
 * await closeInvoiceWorkflow(container).run({ input: { id: "binv_1", status: "void" } })
 */
export const closeInvoiceWorkflow = createWorkflow(
  closeInvoiceWorkflowId,
  (input: { id: string; status: "void" | "uncollectible" }) => {
    const inv = closeInvoiceStep(input)
    emitEventStep({
      eventName: CallBillingEvents.INVOICE_VOIDED,
      data: transform({ inv }, ({ inv }) => (inv.status === "void" ? [{ id: inv.id, account_id: inv.account_id }] : [])),
    })
    return new WorkflowResponse(inv)
  }
)
