import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { removeCardAssignmentsStep } from "../steps"

export type RemoveCardAssignmentsWorkflowInput = { ids: string[] }

export const removeCardAssignmentsWorkflowId = "remove-card-assignments"
/**
 * Removes card assignments.
 *
 * @example
 * await removeCardAssignmentsWorkflow(container).run({ input: { ids: ["cassign_1"] } })
 */
export const removeCardAssignmentsWorkflow = createWorkflow(
  removeCardAssignmentsWorkflowId,
  (input: RemoveCardAssignmentsWorkflowInput) => {
    return new WorkflowResponse(removeCardAssignmentsStep({ ids: input.ids }))
  }
)
