import { removeRemoteLinkStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../../modules/billing"
import { removeCardAssignmentsStep } from "../../rating/steps"
import { deleteBillingAccountsStep } from "../steps"

export type DeleteBillingAccountsWorkflowInput = { ids: string[] }

export const deleteBillingAccountsWorkflowId = "delete-billing-accounts"
/**
 * Deletes billing accounts with their card assignments and customer links.
 *
 * @example
 * await deleteBillingAccountsWorkflow(container).run({ input: { ids: ["bacct_1"] } })
 */
export const deleteBillingAccountsWorkflow = createWorkflow(
  deleteBillingAccountsWorkflowId,
  (input: DeleteBillingAccountsWorkflowInput) => {
    removeCardAssignmentsStep({ account_ids: input.ids })
    removeRemoteLinkStep(
      transform({ input }, ({ input }) => ({
        [BILLING_MODULE]: { billing_account_id: input.ids },
      })) as any
    )
    deleteBillingAccountsStep(input.ids)
    return new WorkflowResponse(input.ids)
  }
)
