import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { BILLING_MODULE } from "../modules/billing"
import type BillingModuleService from "../modules/billing/service"
import { closePeriodsWorkflow } from "../workflows/billing"

const BATCH = 1000
/** workflow runs at a time: Node calculates one batch while Postgres writes another */
const CONCURRENCY = Math.max(1, Number(process.env.CALL_BILLING_CLOSE_CONCURRENCY ?? 2))

/**
 * Every 15 minutes: closes every account's due periods, in batches of
 * accounts run side by side. Safe to run on several workers or twice: a period
 * closes once (BILLING.md §1). An account several periods behind closes one
 * per pass, oldest first.
 */
export default async function closePeriods(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const billing: BillingModuleService = container.resolve(BILLING_MODULE)
  const asOf = new Date().toISOString()
  const ids = (await billing.listBillingAccounts({ status: ["active", "suspended"] }, { select: ["id"], order: { id: "ASC" } })).map((a) => a.id)
  let closed = 0
  for (let pass = 0; pass < 36; pass++) {
    const chunks: string[][] = []
    for (let i = 0; i < ids.length; i += BATCH) chunks.push(ids.slice(i, i + BATCH))
    let closedInPass = 0
    const worker = async () => {
      for (let chunk = chunks.shift(); chunk; chunk = chunks.shift()) {
        const { result } = await closePeriodsWorkflow(container).run({ input: { as_of: asOf, account_ids: chunk, limit: chunk.length } })
        closedInPass += result.closed.length
        if (pass === 0) for (const s of result.skipped) logger.warn(`call-billing: period close skipped for ${s.code}: ${s.reason}`)
      }
    }
    await Promise.all(Array.from({ length: CONCURRENCY }, worker))
    closed += closedInPass
    if (!closedInPass) break
  }
  if (closed) logger.info(`call-billing: closed ${closed} period(s)`)
}

export const config = {
  name: "call-billing-close-periods",
  schedule: "*/15 * * * *",
}
