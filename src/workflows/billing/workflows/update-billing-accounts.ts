import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { updateBillingAccountsStep } from "../steps"
import { UpdateBillingAccountInput } from "../types"

export type UpdateBillingAccountsWorkflowInput = { billing_accounts: UpdateBillingAccountInput[] }

export const updateBillingAccountsWorkflowId = "update-billing-accounts"
/**
 * Updates billing accounts.
 *
 * @example
 * await updateBillingAccountsWorkflow(container).run({ input: { billing_accounts: [{ id: "bacct_1", status: "suspended" }] } })
 */
export const updateBillingAccountsWorkflow = createWorkflow(
  updateBillingAccountsWorkflowId,
  (input: UpdateBillingAccountsWorkflowInput) => {
    return new WorkflowResponse(updateBillingAccountsStep(input.billing_accounts))
  }
)
