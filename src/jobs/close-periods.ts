import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { closePeriodsWorkflow } from "../workflows/billing"

/**
 * Every 15 minutes: closes every account's due periods, 250 accounts per
 * workflow run, paging by account id until the last page. Safe to run on
 * several workers or twice: a period closes once (BILLING.md §1).
 */
export default async function closePeriods(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const asOf = new Date().toISOString()
  let closed = 0
  // an account behind by several periods closes one per pass, oldest first
  for (let pass = 0; pass < 36; pass++) {
    let after: string | null = null
    let closedInPass = 0
    for (;;) {
      const { result } = await closePeriodsWorkflow(container).run({ input: { as_of: asOf, limit: 250, after_id: after } })
      closedInPass += result.closed.length
      if (pass === 0) for (const s of result.skipped) logger.warn(`call-billing: period close skipped for ${s.code}: ${s.reason}`)
      if (!result.last_id) break
      after = result.last_id
    }
    closed += closedInPass
    if (!closedInPass) break
  }
  if (closed) logger.info(`call-billing: closed ${closed} period(s)`)
}

export const config = {
  name: "call-billing-close-periods",
  schedule: "*/15 * * * *",
}
