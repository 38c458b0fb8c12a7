import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { OutgoingWebhookEvent } from "../../../lib/constants"
import { BILLING_MODULE } from "../../../modules/billing"
import type BillingModuleService from "../../../modules/billing/service"
import type { WebhookPayload } from "./webhook-build-payload"

export type CreateWebhookDeliveriesStepInput = {
  endpoint_ids: string[]
  event: OutgoingWebhookEvent
  event_key: string
  payload: WebhookPayload
}

export const createWebhookDeliveriesStepId = "create-webhook-deliveries"
/**
 * Queues an event for endpoints: one `pending` delivery each, due now. A
 * delivery of the same event (endpoint and event key) that another worker
 * queued in the meantime is kept and not counted: the unique index decides,
 * the workflow does not fail. Returns the ids it created; the compensation
 * deletes those.
 *
 * @example
 * const ids = createWebhookDeliveriesStep({ endpoint_ids: ["bwhe_1"], event: "invoice.paid", event_key, payload })
 */
export const createWebhookDeliveriesStep = createStep(
  createWebhookDeliveriesStepId,
  async (input: CreateWebhookDeliveriesStepInput, { container }) => {
    const billing: BillingModuleService = container.resolve(BILLING_MODULE)
    const created: string[] = []
    // one at a time: a duplicate must not take the others down with it
    for (const endpoint_id of input.endpoint_ids) {
      try {
        const [row] = await billing.createWebhookDeliveries([
          {
            endpoint_id,
            event: input.event,
            event_key: input.event_key,
            payload: input.payload as any,
            status: "pending",
            attempts: 0,
            next_attempt_at: null,
          },
        ])
        created.push(row.id)
      } catch (e) {
        const [other] = await billing.listWebhookDeliveries({ endpoint_id, event_key: input.event_key }, { select: ["id"] })
        if (!other) throw e
      }
    }
    return new StepResponse(created, created)
  },
  async (ids, { container }) => {
    if (!ids?.length) return
    const billing: BillingModuleService = container.resolve(BILLING_MODULE)
    await billing.deleteWebhookDeliveries(ids)
  }
)
