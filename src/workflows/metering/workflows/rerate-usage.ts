import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { issueRerateAdjustmentsStep } from "../../billing/steps/issue-rerate-adjustments"
import { rerateCallsStep, type RerateCallsStepInput } from "../steps/rerate-calls"

export type RerateUsageWorkflowInput = RerateCallsStepInput

export const rerateUsageWorkflowId = "rerate-usage"
/**
 * Re-rates an account's calls answered in [from, to) against the cards as
 * they are now (after a late rate change) and reports what moved: calls
 * considered, changed, unchanged, invoiced ones skipped, ones that no longer
 * rate, and the total charge before and after as exact decimals. With
 * `adjust_invoiced`, calls of finalized invoices are re-rated too and each
 * invoice's difference becomes a draft debit note or a credit note — never an
 * edit of the invoice. Idempotent: a second run changes nothing.
 *
 * @example
 * const { result } = await rerateUsageWorkflow(container).run({
 *   input: { account_id: "bacc_1", from: "2026-03-01T00:00:00Z", to: "2026-04-01T00:00:00Z", actor: "user_1", adjust_invoiced: true },
 * })
 * // { count: 21, changed: 12, …, adjustments: [{ invoice_id, delta: "-0.0200", calls: 2 }], documents: [{ kind: "credit_note", … }] }
 */
export const rerateUsageWorkflow = createWorkflow(rerateUsageWorkflowId, (input: RerateUsageWorkflowInput) => {
  const report = rerateCallsStep(input)
  const documents = when("invoiced-calls-moved", { report }, ({ report }) => report.adjustments.length > 0).then(() =>
    issueRerateAdjustmentsStep(transform({ report, input }, ({ report, input }) => ({ adjustments: report.adjustments, actor: input.actor ?? null })))
  )
  return new WorkflowResponse(transform({ report, documents }, ({ report, documents }) => ({ ...report, documents: documents ?? [] })))
})
