import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { listDueWebhookDeliveriesStep } from "../steps/webhook-list-due-deliveries"
import { sendWebhookDeliveriesStep, type SendWebhookDeliveriesResult } from "../steps/webhook-send-deliveries"

export type DeliverWebhooksWorkflowInput = {
  /** only these deliveries (e.g. the ones just queued); otherwise any that are due */
  ids?: string[]
  /** at most this many (default 100) */
  limit?: number
}

export type DeliverWebhooksWorkflowOutput = SendWebhookDeliveriesResult & {
  /** how many were due when listed: the job pages while this reaches its limit */
  due: number
}

export const deliverWebhooksWorkflowId = "deliver-webhooks"
/**
 * Sends the webhook deliveries that are due: pending, never tried or past
 * their backoff, to an active endpoint. Each is claimed before it is sent,
 * so runs side by side (workers, the job and a subscriber) send each
 * delivery once. Outcomes are on the rows: `delivered`, `pending` with the
 * next attempt, or `failed` when the backoff schedule (30 s, 2 min, 10 min,
 * 1 h, 6 h, 24 h) is exhausted.
 *
 * @example
 * const { result } = await deliverWebhooksWorkflow(container).run({ input: { limit: 500 } })
 * // { due: 3, delivered: ["bwhd_1", "bwhd_2"], retrying: ["bwhd_3"], failed: [], skipped: [] }
 */
export const deliverWebhooksWorkflow = createWorkflow(deliverWebhooksWorkflowId, (input: DeliverWebhooksWorkflowInput) => {
  const ids = listDueWebhookDeliveriesStep(
    transform({ input }, ({ input }) => ({ ids: input.ids, limit: input.limit ?? Math.max(100, input.ids?.length ?? 0) }))
  )
  const sent = sendWebhookDeliveriesStep(transform({ ids }, ({ ids }) => ({ ids })))
  return new WorkflowResponse(
    transform({ ids, sent }, ({ ids, sent }): DeliverWebhooksWorkflowOutput => ({ due: ids.length, ...sent }))
  )
})
