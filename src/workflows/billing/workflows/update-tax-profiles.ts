import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { UpdateTaxProfileInput } from "../steps/create-tax-profiles"
import { updateTaxProfilesStep } from "../steps/update-tax-profiles"

export type UpdateTaxProfilesWorkflowInput = { tax_profiles: UpdateTaxProfileInput[] }

export const updateTaxProfilesWorkflowId = "update-tax-profiles"
/**
 * Updates tax profiles; periods closed from now on are taxed with the new
 * values, issued invoices keep theirs.
 *
 * @example
 * await updateTaxProfilesWorkflow(container).run({ input: { tax_profiles: [{ id: "btax_1", inclusive: true }] } })
 */
export const updateTaxProfilesWorkflow = createWorkflow(
  updateTaxProfilesWorkflowId,
  (input: UpdateTaxProfilesWorkflowInput) => {
    return new WorkflowResponse(updateTaxProfilesStep(input.tax_profiles))
  }
)
