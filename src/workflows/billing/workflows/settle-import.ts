import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitUsageThresholdsStep } from "../steps/emit-usage-thresholds"
import { emitWalletThresholdsStep } from "../steps/emit-wallet-thresholds"
import { settleImportedCallsStep } from "../steps/settle-imported-calls"

export const settleImportWorkflowId = "settle-import"
/**
 * Lets prepaid wallets and open reservations see a completed import's calls
 * (the import workflow's last step, run on its own): for an import that
 * stopped after storing its calls and before settling them. Idempotent.
 *
 * @example
 * await settleImportWorkflow(container).run({ input: { job_id: "ijob_1", inserted: 120 } })
 */
export const settleImportWorkflow = createWorkflow(settleImportWorkflowId, (input: { job_id: string; inserted: number }) => {
  const settled = settleImportedCallsStep(input)
  emitWalletThresholdsStep(transform({ settled }, ({ settled }) => settled.moves))
  emitUsageThresholdsStep(transform({ settled, input }, ({ input }) => ({ job_id: input.job_id })))
  return new WorkflowResponse(settled)
})
