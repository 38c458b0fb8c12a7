import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { CreateFxRateInput, createFxRatesStep } from "../steps/create-fx-rates"

export type CreateFxRatesWorkflowInput = { fx_rates: CreateFxRateInput[] }

export const createFxRatesWorkflowId = "create-fx-rates"
/**
 * Records FX rates: a pair's rate from `effective_from` until its next row.
 *
 * @example
 * await createFxRatesWorkflow(container).run({
 *   input: { fx_rates: [{ base: "USD", quote: "GBP", rate: "0.7865", effective_from: new Date("2026-12-01T00:00:00Z") }] },
 * })
 */
export const createFxRatesWorkflow = createWorkflow(createFxRatesWorkflowId, (input: CreateFxRatesWorkflowInput) => {
  return new WorkflowResponse(createFxRatesStep(input.fx_rates))
})
