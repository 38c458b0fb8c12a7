import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { PlanComponentInput, UpdatePlanInput } from "../steps/create-plans"
import { replacePlanComponentsStep } from "../steps/replace-plan-components"
import { updatePlansStep } from "../steps/update-plans"

export type UpdatePlansWorkflowInput = {
  /** `components`, when given, replaces the plan's whole component list */
  plans: Array<UpdatePlanInput & { components?: PlanComponentInput[] }>
}

export const updatePlansWorkflowId = "update-plans"
/**
 * Updates plans and, where a list is given, replaces their components. A
 * running subscription bills with the plan as it is when its period closes,
 * matching components by code.
 *
 * @example
 * await updatePlansWorkflow(container).run({
 *   input: { plans: [{ id: "bplan_1", name: "Pro 2027", components: [{ code: "seats", name: "Agent seat", type: "seat", price: "27" }] }] },
 * })
 */
export const updatePlansWorkflow = createWorkflow(updatePlansWorkflowId, (input: UpdatePlansWorkflowInput) => {
  const fields = transform({ input }, ({ input }) => input.plans.map(({ components, ...plan }) => plan))
  const replacements = transform({ input }, ({ input }) =>
    input.plans.filter((p) => p.components !== undefined).map((p) => ({ plan_id: p.id, components: p.components! }))
  )
  const plans = updatePlansStep(fields)
  when("components-given", { replacements }, ({ replacements }) => replacements.length > 0).then(() => {
    replacePlanComponentsStep(replacements)
  })
  return new WorkflowResponse(plans)
})
