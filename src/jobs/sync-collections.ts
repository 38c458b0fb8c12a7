import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { pushDueSyncRecordsWorkflow } from "../workflows/collections"

/**
 * Every minute: pushes the Stripe and Xero sync rows that are due (new ones a
 * subscriber could not push, failed ones whose backoff has passed). Safe to
 * run on several workers: each row is claimed before it is pushed, and every
 * push is idempotent at the provider.
 */
export default async function syncCollections(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  for (let round = 0; round < 10; round++) {
    const { result } = await pushDueSyncRecordsWorkflow(container).run({ input: { limit: 200 } })
    const n = result.synced.length + result.failed.length
    if (result.failed.length) logger.warn(`call-billing: ${result.failed.length} sync record(s) failed, first: ${result.failed[0].error}`)
    if (n < 200) break
  }
}

export const config = { name: "call-billing-sync-collections", schedule: "* * * * *" }
