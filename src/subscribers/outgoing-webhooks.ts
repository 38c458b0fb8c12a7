import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { OutgoingWebhookEvents, type OutgoingWebhookEvent } from "../lib/constants"
import { deliverWebhooksWorkflow } from "../workflows/collections/workflows/webhook-deliver"
import { enqueueWebhooksWorkflow } from "../workflows/collections/workflows/webhook-enqueue"

/** internal event name → the public name endpoints subscribe to */
const PUBLIC_NAME = new Map(
  (Object.entries(OutgoingWebhookEvents) as Array<[OutgoingWebhookEvent, string]>).map(([pub, internal]) => [internal, pub])
)

/**
 * The plugin's events go out to registered webhook endpoints: queued once
 * per endpoint (an event delivered twice to this subscriber is queued once),
 * then sent at once; what fails is retried by the `deliver-webhooks` job.
 */
export default async function outgoingWebhooks({ event, container }: SubscriberArgs<Record<string, unknown> | Array<Record<string, unknown>>>) {
  const type = PUBLIC_NAME.get(event.name)
  if (!type) return
  const items = Array.isArray(event.data) ? event.data : [event.data]
  const ids: string[] = []
  for (const data of items) {
    const { result } = await enqueueWebhooksWorkflow(container).run({ input: { event: type, data: data ?? {} } })
    ids.push(...result.delivery_ids)
  }
  if (ids.length) {
    await deliverWebhooksWorkflow(container).run({ input: { ids } })
  }
}

export const config: SubscriberConfig = {
  event: Object.values(OutgoingWebhookEvents),
  context: { subscriberId: "call-billing-outgoing-webhooks" },
}
