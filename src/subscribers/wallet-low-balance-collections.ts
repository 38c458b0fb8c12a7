import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { CallBillingEvents } from "../lib/constants"
import { autoTopUpWorkflow, sendBillingNotificationsWorkflow } from "../workflows/collections"

/**
 * A prepaid wallet fell below its threshold: the tenant is told, and an
 * account with automatic top-up set charges its saved card through Stripe.
 */
export default async function walletLowBalanceCollections({ event, container }: SubscriberArgs<any>) {
  const items = (Array.isArray(event.data) ? event.data : [event.data]) as Array<{ account_id: string; balance: string; threshold: string; currency_code: string }>
  if (!items.length) return
  for (const account_id of new Set(items.map((i) => i.account_id))) {
    await autoTopUpWorkflow(container).run({ input: { account_id } })
  }
  await sendBillingNotificationsWorkflow(container).run({
    input: {
      notifications: items.map((i) => ({
        kind: "low_balance" as const,
        account_id: i.account_id,
        key: `low_balance:${i.account_id}:${i.balance}:${new Date().toISOString().slice(0, 13)}`,
        data: { balance: i.balance, threshold: i.threshold },
      })),
    },
  })
}

export const config: SubscriberConfig = { event: CallBillingEvents.WALLET_LOW_BALANCE, context: { subscriberId: "call-billing-wallet-low-balance-collections" } }
