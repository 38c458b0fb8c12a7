import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { deleteRateCardVersionsStep } from "../steps"

export type DeleteRateCardVersionsWorkflowInput = { ids: string[] }

export const deleteRateCardVersionsWorkflowId = "delete-rate-card-versions"
/**
 * Deletes draft versions and their rows; published versions are refused.
 *
 * @example
 * await deleteRateCardVersionsWorkflow(container).run({ input: { ids: ["rcver_1"] } })
 */
export const deleteRateCardVersionsWorkflow = createWorkflow(
  deleteRateCardVersionsWorkflowId,
  (input: DeleteRateCardVersionsWorkflowInput) => {
    deleteRateCardVersionsStep(input.ids)
    return new WorkflowResponse(input.ids)
  }
)
