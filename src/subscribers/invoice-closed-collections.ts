import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { CallBillingEvents } from "../lib/constants"
import { reactivateAccountsWorkflow } from "../workflows/collections"

/** An invoice paid or voided may be the last thing that kept its account suspended. */
export default async function invoiceClosedCollections({ event, container }: SubscriberArgs<any>) {
  const items = (Array.isArray(event.data) ? event.data : [event.data]) as Array<{ account_id?: string }>
  const ids = [...new Set(items.map((i) => i.account_id).filter((a): a is string => !!a))]
  if (ids.length) await reactivateAccountsWorkflow(container).run({ input: { account_ids: ids } })
}

export const config: SubscriberConfig = {
  event: [CallBillingEvents.INVOICE_PAID, CallBillingEvents.INVOICE_VOIDED],
  context: { subscriberId: "call-billing-invoice-closed-collections" },
}
