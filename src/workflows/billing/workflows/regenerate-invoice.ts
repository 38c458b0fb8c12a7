import { useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { MedusaError } from "@medusajs/framework/utils"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { reopenPeriodCloseStep } from "../steps/reopen-period-close"
import { closePeriodsWorkflow } from "./close-periods"

export const regenerateInvoiceWorkflowId = "regenerate-invoice"
/**
 * Throws a draft away and closes its period again with today's data (a late
 * CDR, a fixed rate, a changed subscription). Refused once finalized.
 *
 * @example
 * const { result } = await regenerateInvoiceWorkflow(container).run({ input: { id: "binv_1" } })
 * // the new draft: { closed: [{ invoice_id: "binv_2", … }] }
 */
export const regenerateInvoiceWorkflow = createWorkflow(regenerateInvoiceWorkflowId, (input: { id: string }) => {
  const { data: periods } = useQueryGraphStep({
    entity: "billing_period",
    fields: ["id", "account_id", "invoice_id", "debit_note_id"],
    filters: { $or: [{ invoice_id: input.id }, { debit_note_id: input.id }] } as any,
  })
  const period = transform({ periods, input }, ({ periods, input }) => {
    if (!periods[0]) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Invoice with id: ${input.id} was not found among closed periods`)
    return { id: periods[0].id, account_id: periods[0].account_id }
  })
  const reopened = reopenPeriodCloseStep(period)
  const closed = closePeriodsWorkflow.runAsStep({
    // the reopened period was due already (it had been closed) and is now the account's oldest
    // open one, which is the only period a run closes per account
    input: transform({ reopened }, ({ reopened }) => ({ account_ids: [reopened.account_id], as_of: "9999-12-31T00:00:00Z" })),
  })
  return new WorkflowResponse(closed)
})
