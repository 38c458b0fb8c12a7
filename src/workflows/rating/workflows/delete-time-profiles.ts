import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { deleteTimeProfilesStep } from "../steps"

export type DeleteTimeProfilesWorkflowInput = { ids: string[] }

export const deleteTimeProfilesWorkflowId = "delete-time-profiles"
/**
 * Deletes time profiles that no rate card uses.
 *
 * @example
 * await deleteTimeProfilesWorkflow(container).run({ input: { ids: ["tprof_1"] } })
 */
export const deleteTimeProfilesWorkflow = createWorkflow(
  deleteTimeProfilesWorkflowId,
  (input: DeleteTimeProfilesWorkflowInput) => {
    deleteTimeProfilesStep(input.ids)
    return new WorkflowResponse(input.ids)
  }
)
