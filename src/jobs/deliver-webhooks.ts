import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { deliverWebhooksWorkflow } from "../workflows/collections/workflows/webhook-deliver"

const BATCH = 500
/** A run's bound: 20 × 500 deliveries; what is left is due at the next run. */
const MAX_ROUNDS = 20

/**
 * Every minute: sends the webhook deliveries that are due (new ones a
 * subscriber could not send, and retries whose backoff has passed). Safe on
 * several workers and next to the subscribers: each delivery is claimed
 * before it is sent. Pages until a round finds fewer than a full batch due.
 */
export default async function deliverWebhooks(container: MedusaContainer) {
  const totals = { delivered: 0, retrying: 0, failed: 0 }
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const { result } = await deliverWebhooksWorkflow(container).run({ input: { limit: BATCH } })
    totals.delivered += result.delivered.length
    totals.retrying += result.retrying.length
    totals.failed += result.failed.length
    // a full page may have more behind it; a page only of rows other workers took makes no progress here
    if (result.due < BATCH || result.skipped.length === result.due) break
  }
  if (totals.delivered || totals.retrying || totals.failed) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .info(`call-billing: webhooks ${totals.delivered} delivered, ${totals.retrying} to retry, ${totals.failed} failed`)
  }
}

export const config = {
  name: "call-billing-deliver-webhooks",
  schedule: "* * * * *",
}
