import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { resetWebhookDeliveriesStep } from "../steps/webhook-reset-deliveries"
import { sendWebhookDeliveriesStep } from "../steps/webhook-send-deliveries"

export type RetryWebhookDeliveryWorkflowInput = { id: string }

export const retryWebhookDeliveryWorkflowId = "retry-webhook-delivery"
/**
 * The admin's retry: a failed (or waiting) delivery goes back to pending,
 * due now, and is sent at once. The outcome is on the delivery; if the
 * endpoint is inactive it stays pending until the endpoint is active again.
 *
 * @example
 * const { result } = await retryWebhookDeliveryWorkflow(container).run({ input: { id: "bwhd_1" } })
 * // { delivered: ["bwhd_1"], retrying: [], failed: [], skipped: [] }
 */
export const retryWebhookDeliveryWorkflow = createWorkflow(retryWebhookDeliveryWorkflowId, (input: RetryWebhookDeliveryWorkflowInput) => {
  const ids = resetWebhookDeliveriesStep(transform({ input }, ({ input }) => ({ ids: [input.id] })))
  return new WorkflowResponse(sendWebhookDeliveriesStep(transform({ ids }, ({ ids }) => ({ ids }))))
})
