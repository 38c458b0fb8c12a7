import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { rerateCallsStep, type RerateCallsStepInput } from "../steps/rerate-calls"

export type RerateUsageWorkflowInput = RerateCallsStepInput

export const rerateUsageWorkflowId = "rerate-usage"
/**
 * Re-rates an account's calls answered in [from, to) against the cards as
 * they are now (after a late rate change) and reports what moved: calls
 * considered, changed, unchanged, invoiced ones skipped, ones that no longer
 * rate, and the total charge before and after as exact decimals. Idempotent:
 * a second run changes nothing.
 *
 * @example
 * const { result } = await rerateUsageWorkflow(container).run({
 *   input: { account_id: "bacc_1", from: "2026-03-01T00:00:00Z", to: "2026-04-01T00:00:00Z", actor: "user_1" },
 * })
 * // { count: 21, changed: 12, unchanged: 7, skipped_invoiced: 2, failed: [], old_total: "1.6408", new_total: "1.9012", currency: "USD", … }
 */
export const rerateUsageWorkflow = createWorkflow(rerateUsageWorkflowId, (input: RerateUsageWorkflowInput) => {
  const report = rerateCallsStep(input)
  return new WorkflowResponse(report)
})
