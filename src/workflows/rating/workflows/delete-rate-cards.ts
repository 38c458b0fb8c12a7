import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { deleteRateCardsStep, validateRateCardsDeletableStep } from "../steps"

export type DeleteRateCardsWorkflowInput = { ids: string[] }

export const deleteRateCardsWorkflowId = "delete-rate-cards"
/**
 * Deletes rate cards that no account and no system default uses.
 *
 * @example
 * await deleteRateCardsWorkflow(container).run({ input: { ids: ["rcard_1"] } })
 */
export const deleteRateCardsWorkflow = createWorkflow(
  deleteRateCardsWorkflowId,
  (input: DeleteRateCardsWorkflowInput) => {
    validateRateCardsDeletableStep(input.ids)
    deleteRateCardsStep(input.ids)
    return new WorkflowResponse(input.ids)
  }
)
