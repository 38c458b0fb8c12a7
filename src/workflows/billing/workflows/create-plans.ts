import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { CreatePlanInput, createPlansStep } from "../steps/create-plans"

export type CreatePlansWorkflowInput = { plans: CreatePlanInput[] }

export const createPlansWorkflowId = "create-plans"
/**
 * Creates plans with their components, in the order given.
 *
 * @example
 * await createPlansWorkflow(container).run({
 *   input: { plans: [{ code: "PRO", name: "Pro", currency_code: "GBP", components: [{ code: "seats", name: "Agent seat", type: "seat", price: "25" }] }] },
 * })
 */
export const createPlansWorkflow = createWorkflow(createPlansWorkflowId, (input: CreatePlansWorkflowInput) => {
  return new WorkflowResponse(createPlansStep(input.plans))
})
