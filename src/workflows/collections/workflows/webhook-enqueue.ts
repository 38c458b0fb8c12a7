import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { OutgoingWebhookEvent } from "../../../lib/constants"
import { webhookEventId, webhookEventKey } from "../../../modules/billing/integrations/webhooks/sign"
import { assertWebhookEventType, buildWebhookPayloadStep } from "../steps/webhook-build-payload"
import { createWebhookDeliveriesStep } from "../steps/webhook-create-deliveries"
import { listWebhookSubscribersStep } from "../steps/webhook-list-subscribers"

export type EnqueueWebhooksWorkflowInput = {
  /** the public event name */
  event: OutgoingWebhookEvent
  /** the internal event's data */
  data: Record<string, unknown>
}

export type EnqueueWebhooksWorkflowOutput = {
  event_id: string
  event_key: string
  /** deliveries created now (none when every subscribed endpoint has this event already) */
  delivery_ids: string[]
}

export const enqueueWebhooksWorkflowId = "enqueue-webhooks"
/**
 * Queues an event for every active endpoint subscribed to its type: one
 * `pending` delivery each, with the payload built once (`{ id, type,
 * created_at, data }`, data enriched with the invoice and account). The
 * event's key is its type and a hash of its data, unique per endpoint: the
 * same event emitted twice, or by two workers at once, is delivered once.
 * Sends nothing; `deliverWebhooksWorkflow` does.
 *
 * @example
 * const { result } = await enqueueWebhooksWorkflow(container).run({
 *   input: { event: "invoice.paid", data: { id: "binv_1", account_id: "bacct_1" } },
 * })
 * // { event_id: "evt_…", event_key: "invoice.paid:…", delivery_ids: ["bwhd_…"] }
 */
export const enqueueWebhooksWorkflow = createWorkflow(enqueueWebhooksWorkflowId, (input: EnqueueWebhooksWorkflowInput) => {
  const key = transform({ input }, ({ input }) => {
    assertWebhookEventType(input.event)
    const event_key = webhookEventKey(input.event, input.data ?? {})
    return { event: input.event, event_key, event_id: webhookEventId(event_key) }
  })
  const endpointIds = listWebhookSubscribersStep(key)

  const created = when("webhook-has-subscribers", { endpointIds }, ({ endpointIds }) => endpointIds.length > 0).then(() => {
    const payload = buildWebhookPayloadStep(
      transform({ input, key }, ({ input, key }) => ({ event: input.event, event_key: key.event_key, data: input.data ?? {} }))
    )
    return createWebhookDeliveriesStep(
      transform({ key, endpointIds, payload }, ({ key, endpointIds, payload }) => ({
        endpoint_ids: endpointIds,
        event: key.event,
        event_key: key.event_key,
        payload,
      }))
    )
  })

  return new WorkflowResponse(
    transform({ key, created }, ({ key, created }): EnqueueWebhooksWorkflowOutput => ({
      event_id: key.event_id,
      event_key: key.event_key,
      delivery_ids: created ?? [],
    }))
  )
})
