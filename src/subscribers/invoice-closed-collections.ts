import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { CallBillingEvents } from "../lib/constants"
import { reactivateAccountsWorkflow, voidExternalInvoicesWorkflow } from "../workflows/collections"

/**
 * An invoice paid or voided may be the last thing that kept its account
 * suspended; a voided one is voided in Stripe and Xero too.
 */
export default async function invoiceClosedCollections({ event, container }: SubscriberArgs<any>) {
  const items = (Array.isArray(event.data) ? event.data : [event.data]) as Array<{ id: string; account_id?: string }>
  if (event.name === CallBillingEvents.INVOICE_VOIDED) {
    await voidExternalInvoicesWorkflow(container).run({ input: { invoice_ids: items.map((i) => i.id) } })
  }
  const ids = [...new Set(items.map((i) => i.account_id).filter((a): a is string => !!a))]
  if (ids.length) await reactivateAccountsWorkflow(container).run({ input: { account_ids: ids } })
}

export const config: SubscriberConfig = {
  event: [CallBillingEvents.INVOICE_PAID, CallBillingEvents.INVOICE_VOIDED],
  context: { subscriberId: "call-billing-invoice-closed-collections" },
}
