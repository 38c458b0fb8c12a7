import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { METERING_MODULE } from "../modules/metering"
import type MeteringModuleService from "../modules/metering/service"
import { settleImportWorkflow } from "../workflows/billing"

/** An import is left to its own workflow this long after it finished. */
const GRACE_MS = 2 * 60 * 1000

/**
 * Every five minutes: completed imports whose calls the prepaid wallets and
 * open reservations have not seen (the process stopped between storing the
 * calls and settling them) are settled now. Nothing is charged twice: the
 * debits are unique per stored call, a reservation settles once.
 */
export default async function settleImports(container: MedusaContainer) {
  const metering: MeteringModuleService = container.resolve(METERING_MODULE)
  const pending = await metering.listImportJobs(
    { status: "completed", settled_at: null, inserted: { $gt: 0 }, finished_at: { $lt: new Date(Date.now() - GRACE_MS) } },
    { select: ["id", "inserted"], order: { finished_at: "ASC" }, take: 100 }
  )
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  for (const job of pending) {
    const { result } = await settleImportWorkflow(container).run({ input: { job_id: job.id, inserted: job.inserted } })
    if (result.error) logger.error(`call-billing: settling import ${job.id} failed again: ${result.error}`)
    else logger.warn(`call-billing: settled import ${job.id}, which had stopped before its calls reached the wallets`)
  }
}

export const config = {
  name: "call-billing-settle-imports",
  schedule: "*/5 * * * *",
}
