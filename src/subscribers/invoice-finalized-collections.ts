import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { CallBillingEvents } from "../lib/constants"
import { sendBillingNotificationsWorkflow, syncRecordsWorkflow } from "../workflows/collections"

/**
 * A finalized invoice goes to Stripe and Xero (when configured) and to the
 * tenant by email with its PDF. Both are idempotent: an event delivered twice
 * pushes and sends once.
 */
export default async function invoiceFinalizedCollections({ event, container }: SubscriberArgs<any>) {
  const items = (Array.isArray(event.data) ? event.data : [event.data]) as Array<{ id: string; account_id: string; number?: string }>
  if (!items.length) return
  await syncRecordsWorkflow(container).run({ input: { record_type: "invoice", records: items.map((i) => ({ id: i.id, account_id: i.account_id })) } })
  await sendBillingNotificationsWorkflow(container).run({
    input: {
      notifications: items.map((i) => ({
        kind: "invoice_issued" as const,
        account_id: i.account_id,
        key: `invoice_issued:${i.id}`,
        data: { invoice_number: i.number },
        attach: { type: "invoice" as const, id: i.id },
      })),
    },
  })
}

export const config: SubscriberConfig = { event: CallBillingEvents.INVOICE_FINALIZED, context: { subscriberId: "call-billing-invoice-finalized-collections" } }
