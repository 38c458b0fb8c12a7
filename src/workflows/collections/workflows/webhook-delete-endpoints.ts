import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { deleteWebhookEndpointsStep } from "../steps/webhook-delete-endpoints"

export type DeleteWebhookEndpointsWorkflowInput = { ids: string[] }

export const deleteWebhookEndpointsWorkflowId = "delete-webhook-endpoints"
/**
 * Deletes webhook endpoints: nothing more is sent to them; their delivery
 * history stays.
 *
 * @example
 * await deleteWebhookEndpointsWorkflow(container).run({ input: { ids: ["bwhe_1"] } })
 */
export const deleteWebhookEndpointsWorkflow = createWorkflow(
  deleteWebhookEndpointsWorkflowId,
  (input: DeleteWebhookEndpointsWorkflowInput) => {
    return new WorkflowResponse(deleteWebhookEndpointsStep(input.ids))
  }
)
