import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { ReplacePlanComponentsInput, replacePlanComponentsStep } from "../steps/replace-plan-components"

export type ReplacePlanComponentsWorkflowInput = { plans: ReplacePlanComponentsInput }

export const replacePlanComponentsWorkflowId = "replace-plan-components"
/**
 * Replaces plans' component lists (what `updatePlansWorkflow` does when
 * given `components`), for callers that change nothing else.
 *
 * @example
 * await replacePlanComponentsWorkflow(container).run({
 *   input: { plans: [{ plan_id: "bplan_1", components: [{ code: "base", name: "Platform", type: "recurring", price: "120" }] }] },
 * })
 */
export const replacePlanComponentsWorkflow = createWorkflow(
  replacePlanComponentsWorkflowId,
  (input: ReplacePlanComponentsWorkflowInput) => {
    return new WorkflowResponse(replacePlanComponentsStep(input.plans))
  }
)
