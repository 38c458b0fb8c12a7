import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { CallBillingEvents } from "../lib/constants"
import { sendBillingNotificationsWorkflow } from "../workflows/collections"

/** A failed card payment: the tenant is told (once per failure event). */
export default async function paymentFailedCollections({ event, container }: SubscriberArgs<any>) {
  const items = (Array.isArray(event.data) ? event.data : [event.data]) as Array<{
    account_id: string
    invoice_id: string | null
    code?: string | null
    message?: string | null
    provider_event_id?: string | null
  }>
  const notifications = items
    .filter((i) => i.account_id)
    .map((i) => ({
      kind: "payment_failed" as const,
      account_id: i.account_id,
      key: `payment_failed:${i.provider_event_id ?? `${i.invoice_id}:${i.code}`}`,
      data: { invoice_id: i.invoice_id, reason: i.message ?? i.code ?? "declined" },
    }))
  if (notifications.length) await sendBillingNotificationsWorkflow(container).run({ input: { notifications } })
}

export const config: SubscriberConfig = { event: CallBillingEvents.PAYMENT_FAILED, context: { subscriberId: "call-billing-payment-failed-collections" } }
