import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { deleteTaxProfilesStep } from "../steps/delete-tax-profiles"

export type DeleteTaxProfilesWorkflowInput = { ids: string[] }

export const deleteTaxProfilesWorkflowId = "delete-tax-profiles"
/**
 * Deletes tax profiles that no billing account uses.
 *
 * @example
 * await deleteTaxProfilesWorkflow(container).run({ input: { ids: ["btax_1"] } })
 */
export const deleteTaxProfilesWorkflow = createWorkflow(
  deleteTaxProfilesWorkflowId,
  (input: DeleteTaxProfilesWorkflowInput) => {
    deleteTaxProfilesStep(input.ids)
    return new WorkflowResponse(input.ids)
  }
)
