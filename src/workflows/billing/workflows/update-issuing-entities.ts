import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { UpdateIssuingEntityInput } from "../steps/create-issuing-entities"
import { updateIssuingEntitiesStep } from "../steps/update-issuing-entities"

export type UpdateIssuingEntitiesWorkflowInput = { issuing_entities: UpdateIssuingEntityInput[] }

export const updateIssuingEntitiesWorkflowId = "update-issuing-entities"
/**
 * Updates issuing entities. Documents already issued keep what they printed;
 * the number sequences are not editable.
 *
 * @example
 * await updateIssuingEntitiesWorkflow(container).run({ input: { issuing_entities: [{ id: "bent_1", email: "billing@acme.test" }] } })
 */
export const updateIssuingEntitiesWorkflow = createWorkflow(
  updateIssuingEntitiesWorkflowId,
  (input: UpdateIssuingEntitiesWorkflowInput) => {
    return new WorkflowResponse(updateIssuingEntitiesStep(input.issuing_entities))
  }
)
