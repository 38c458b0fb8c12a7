import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { type CreateWebhookEndpointInput, createWebhookEndpointsStep } from "../steps/webhook-create-endpoints"

export type CreateWebhookEndpointsWorkflowInput = { webhook_endpoints: CreateWebhookEndpointInput[] }

export const createWebhookEndpointsWorkflowId = "create-webhook-endpoints"
/**
 * Registers URLs to receive the plugin's events (invoice.finalized,
 * invoice.paid, payment.failed, usage.threshold_reached, balance.low,
 * account.suspended, account.reactivated), HMAC-signed. The result carries
 * each endpoint's new `secret`: the only time it is shown.
 *
 * @example
 * const { result } = await createWebhookEndpointsWorkflow(container).run({
 *   input: { webhook_endpoints: [{ url: "https://erp.example.com/hooks", events: ["invoice.finalized", "invoice.paid"] }] },
 * })
 * // [{ id: "bwhe_…", url: "https://erp.example.com/hooks", events: [...], active: true, secret: "whsec_…" }]
 */
export const createWebhookEndpointsWorkflow = createWorkflow(
  createWebhookEndpointsWorkflowId,
  (input: CreateWebhookEndpointsWorkflowInput) => {
    return new WorkflowResponse(createWebhookEndpointsStep(input.webhook_endpoints))
  }
)
