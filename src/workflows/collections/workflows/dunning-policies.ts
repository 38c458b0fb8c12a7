import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createDunningPoliciesStep, type DunningPolicyInput } from "../steps/create-dunning-policies"
import { deleteDunningPoliciesStep } from "../steps/delete-dunning-policies"
import { updateDunningPoliciesStep } from "../steps/update-dunning-policies"

export const createDunningPoliciesWorkflowId = "create-dunning-policies"
/**
 * Creates dunning policies.
 *
 * @example
 * await createDunningPoliciesWorkflow(container).run({ input: { policies: [{ name: "Strict", entity_id: "bent_1", steps: [...] }] } })
 */
export const createDunningPoliciesWorkflow = createWorkflow(createDunningPoliciesWorkflowId, (input: { policies: DunningPolicyInput[] }) => {
  return new WorkflowResponse(createDunningPoliciesStep(input.policies))
})

export const updateDunningPoliciesWorkflowId = "update-dunning-policies"
/**
 * Updates dunning policies.
 *
 * @example
 * await updateDunningPoliciesWorkflow(container).run({ input: { policies: [{ id: "bdunp_1", grace_days: 3 }] } })
 */
export const updateDunningPoliciesWorkflow = createWorkflow(
  updateDunningPoliciesWorkflowId,
  (input: { policies: Array<Partial<DunningPolicyInput> & { id: string }> }) => {
    return new WorkflowResponse(updateDunningPoliciesStep(input.policies))
  }
)

export const deleteDunningPoliciesWorkflowId = "delete-dunning-policies"
/**
 * Deletes dunning policies.
 *
 * @example
 * await deleteDunningPoliciesWorkflow(container).run({ input: { ids: ["bdunp_1"] } })
 */
export const deleteDunningPoliciesWorkflow = createWorkflow(deleteDunningPoliciesWorkflowId, (input: { ids: string[] }) => {
  return new WorkflowResponse(deleteDunningPoliciesStep(input.ids))
})
