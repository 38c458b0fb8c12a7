import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { CallBillingEvents } from "../lib/constants"
import { sendBillingNotificationsWorkflow } from "../workflows/collections"

type StepTaken = { id: string; account_id: string; invoice_id: string | null; action: string; detail?: Record<string, any> | null; announce?: boolean }
type Reactivated = { account_id: string; dunning_event_id: string }

const KIND: Record<string, "reminder" | "overdue" | "warning" | "suspension"> = {
  reminder: "reminder",
  overdue: "overdue",
  warning: "warning",
  suspend: "suspension",
}

/**
 * Tells the tenant of a dunning step (only the latest per invoice of a round)
 * and of its reactivation. Apart from the dunning workflow on purpose: an
 * email that cannot be sent never undoes a step or a suspension. Each
 * message is keyed by its timeline entry, so a redelivered event sends once.
 */
export default async function dunningNotifications({ event, container }: SubscriberArgs<any>) {
  const items = (Array.isArray(event.data) ? event.data : [event.data]) as Array<StepTaken | Reactivated>
  const notifications =
    event.name === CallBillingEvents.ACCOUNT_REACTIVATED
      ? (items as Reactivated[]).map((e) => ({ kind: "reactivation" as const, account_id: e.account_id, key: `dunning:${e.dunning_event_id}` }))
      : (items as StepTaken[])
          .filter((e) => e.announce && KIND[e.action])
          .map((e) => ({
            kind: KIND[e.action],
            account_id: e.account_id,
            key: `dunning:${e.id}`,
            data: { ...(e.detail ?? {}), days: Math.abs(Number(e.detail?.days ?? 0)) },
          }))
  if (notifications.length) await sendBillingNotificationsWorkflow(container).run({ input: { notifications } })
}

export const config: SubscriberConfig = {
  event: [CallBillingEvents.DUNNING_STEP_TAKEN, CallBillingEvents.ACCOUNT_REACTIVATED],
  context: { subscriberId: "call-billing-dunning-notifications" },
}
