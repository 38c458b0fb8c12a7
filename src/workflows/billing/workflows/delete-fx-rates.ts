import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { deleteFxRatesStep } from "../steps/delete-fx-rates"

export type DeleteFxRatesWorkflowInput = { ids: string[] }

export const deleteFxRatesWorkflowId = "delete-fx-rates"
/**
 * Deletes FX rates; periods closed afterwards convert at the rate then in force.
 *
 * @example
 * await deleteFxRatesWorkflow(container).run({ input: { ids: ["bfx_1"] } })
 */
export const deleteFxRatesWorkflow = createWorkflow(deleteFxRatesWorkflowId, (input: DeleteFxRatesWorkflowInput) => {
  deleteFxRatesStep(input.ids)
  return new WorkflowResponse(input.ids)
})
