import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { deleteIssuingEntitiesStep } from "../steps/delete-issuing-entities"

export type DeleteIssuingEntitiesWorkflowInput = { ids: string[] }

export const deleteIssuingEntitiesWorkflowId = "delete-issuing-entities"
/**
 * Deletes issuing entities that no billing account uses and that never
 * issued a document.
 *
 * @example
 * await deleteIssuingEntitiesWorkflow(container).run({ input: { ids: ["bent_1"] } })
 */
export const deleteIssuingEntitiesWorkflow = createWorkflow(
  deleteIssuingEntitiesWorkflowId,
  (input: DeleteIssuingEntitiesWorkflowInput) => {
    deleteIssuingEntitiesStep(input.ids)
    return new WorkflowResponse(input.ids)
  }
)
