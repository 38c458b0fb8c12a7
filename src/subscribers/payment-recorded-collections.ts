import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { CallBillingEvents } from "../lib/constants"
import { reactivateAccountsWorkflow, sendBillingNotificationsWorkflow, syncRecordsWorkflow } from "../workflows/collections"

/**
 * A recorded payment goes to Xero (against the invoices it paid), the tenant
 * gets a receipt, and a dunning suspension it settles is lifted.
 */
export default async function paymentRecordedCollections({ event, container }: SubscriberArgs<any>) {
  const items = (Array.isArray(event.data) ? event.data : [event.data]) as Array<{ id: string; account_id: string }>
  if (!items.length) return
  await syncRecordsWorkflow(container).run({ input: { record_type: "payment", records: items.map((i) => ({ id: i.id, account_id: i.account_id })) } })
  await reactivateAccountsWorkflow(container).run({ input: { account_ids: [...new Set(items.map((i) => i.account_id))] } })
  await sendBillingNotificationsWorkflow(container).run({
    input: {
      notifications: items.map((i) => ({
        kind: "payment_received" as const,
        account_id: i.account_id,
        key: `payment_received:${i.id}`,
        attach: { type: "receipt" as const, id: i.id },
      })),
    },
  })
}

export const config: SubscriberConfig = { event: CallBillingEvents.PAYMENT_RECORDED, context: { subscriberId: "call-billing-payment-recorded-collections" } }
