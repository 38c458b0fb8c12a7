import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { UpdateWebhookEndpointInput } from "../steps/webhook-create-endpoints"
import { updateWebhookEndpointsStep } from "../steps/webhook-update-endpoints"

export type UpdateWebhookEndpointsWorkflowInput = { webhook_endpoints: UpdateWebhookEndpointInput[] }

export const updateWebhookEndpointsWorkflowId = "update-webhook-endpoints"
/**
 * Changes webhook endpoints' URL, description, events or active flag; the
 * secret stays as it is.
 *
 * @example
 * await updateWebhookEndpointsWorkflow(container).run({
 *   input: { webhook_endpoints: [{ id: "bwhe_1", events: ["invoice.paid"], active: true }] },
 * })
 */
export const updateWebhookEndpointsWorkflow = createWorkflow(
  updateWebhookEndpointsWorkflowId,
  (input: UpdateWebhookEndpointsWorkflowInput) => {
    return new WorkflowResponse(updateWebhookEndpointsStep(input.webhook_endpoints))
  }
)
