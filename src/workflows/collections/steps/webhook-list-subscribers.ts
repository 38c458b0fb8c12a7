import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { OutgoingWebhookEvent } from "../../../lib/constants"
import { BILLING_MODULE } from "../../../modules/billing"
import type BillingModuleService from "../../../modules/billing/service"

export type ListWebhookSubscribersStepInput = { event: OutgoingWebhookEvent; event_key: string }

export const listWebhookSubscribersStepId = "list-webhook-subscribers"
/**
 * The active endpoints subscribed to an event type that have no delivery of
 * this event yet (by event key): the ones to queue it for. Reads only.
 *
 * @example
 * const endpointIds = listWebhookSubscribersStep({ event: "invoice.paid", event_key: "invoice.paid:9c1e…" })
 */
export const listWebhookSubscribersStep = createStep(
  listWebhookSubscribersStepId,
  async (input: ListWebhookSubscribersStepInput, { container }) => {
    const billing: BillingModuleService = container.resolve(BILLING_MODULE)
    const endpoints = await billing.listWebhookEndpoints({ active: true }, { select: ["id", "events"] })
    const subscribed = endpoints
      .filter((e) => Array.isArray(e.events) && (e.events as unknown as string[]).includes(input.event))
      .map((e) => e.id)
    if (!subscribed.length) {
      return new StepResponse([] as string[])
    }
    const existing = await billing.listWebhookDeliveries(
      { endpoint_id: subscribed, event_key: input.event_key },
      { select: ["id", "endpoint_id"] }
    )
    const queued = new Set(existing.map((d) => d.endpoint_id))
    return new StepResponse(subscribed.filter((id) => !queued.has(id)))
  }
)
