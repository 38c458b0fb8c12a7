import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { CallBillingEvents } from "../../../lib/constants"
import { issueCreditNoteStep, type IssueCreditNoteStepInput } from "../steps/issue-credit-note"

export const issueCreditNoteWorkflowId = "issue-credit-note"
/**
 * A full or partial credit note with a reason, reducing what is due on a
 * finalized invoice (BILLING.md §5).
 *
 * @example
 * const { result } = await issueCreditNoteWorkflow(container).run({ input: { invoice_id: "binv_1", reason: "billing error" } })
 * // a full credit: { credit_note_id, number: "CCN-2026-000001", … }
 */
export const issueCreditNoteWorkflow = createWorkflow(issueCreditNoteWorkflowId, (input: IssueCreditNoteStepInput) => {
  const out = issueCreditNoteStep(input)
  emitEventStep({
    eventName: CallBillingEvents.CREDIT_NOTE_ISSUED,
    data: transform({ out, input }, ({ out, input }) => ({ id: out.credit_note_id, invoice_id: input.invoice_id, account_id: out.account_id })),
  })
  return new WorkflowResponse(out)
})
