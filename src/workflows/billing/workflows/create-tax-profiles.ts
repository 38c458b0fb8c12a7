import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { CreateTaxProfileInput, createTaxProfilesStep } from "../steps/create-tax-profiles"

export type CreateTaxProfilesWorkflowInput = { tax_profiles: CreateTaxProfileInput[] }

export const createTaxProfilesWorkflowId = "create-tax-profiles"
/**
 * Creates tax profiles (BILLING.md §4): rates computed separately,
 * inclusive or exclusive, or exempt / reverse charge with a legal note, and
 * telecom surcharges.
 *
 * @example
 * await createTaxProfilesWorkflow(container).run({
 *   input: { tax_profiles: [{ code: "IN-GST", name: "GST 18 %", components: [{ code: "cgst", name: "CGST", rate: "0.09" }, { code: "sgst", name: "SGST", rate: "0.09" }] }] },
 * })
 */
export const createTaxProfilesWorkflow = createWorkflow(
  createTaxProfilesWorkflowId,
  (input: CreateTaxProfilesWorkflowInput) => {
    return new WorkflowResponse(createTaxProfilesStep(input.tax_profiles))
  }
)
