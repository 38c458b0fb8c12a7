import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { CallBillingEvents } from "../lib/constants"
import { reactivateAccountsWorkflow, syncRecordsWorkflow } from "../workflows/collections"

/** A credit note goes to Stripe and Xero; it may settle what kept an account suspended. */
export default async function creditNoteIssuedCollections({ event, container }: SubscriberArgs<any>) {
  const items = (Array.isArray(event.data) ? event.data : [event.data]) as Array<{ id: string; account_id: string }>
  if (!items.length) return
  await syncRecordsWorkflow(container).run({ input: { record_type: "credit_note", records: items.map((i) => ({ id: i.id, account_id: i.account_id })) } })
  await reactivateAccountsWorkflow(container).run({ input: { account_ids: [...new Set(items.map((i) => i.account_id))] } })
}

export const config: SubscriberConfig = { event: CallBillingEvents.CREDIT_NOTE_ISSUED, context: { subscriberId: "call-billing-credit-note-issued-collections" } }
