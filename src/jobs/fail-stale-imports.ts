import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { METERING_MODULE } from "../modules/metering"
import type MeteringModuleService from "../modules/metering/service"

/** A running import reports progress at least every few seconds; ten quiet minutes means its process died. */
export const STALE_IMPORT_MS = 10 * 60 * 1000

/**
 * Marks imports whose process died (`running`, no progress for ten minutes)
 * as failed. Their transaction rolled back with the process, so they stored
 * nothing; the admin sees why and runs them again.
 */
export default async function failStaleImports(container: MedusaContainer) {
  const metering: MeteringModuleService = container.resolve(METERING_MODULE)
  const ids = await metering.failStaleJobs(STALE_IMPORT_MS)
  if (ids.length) {
    container.resolve(ContainerRegistrationKeys.LOGGER).warn(`call-billing: ${ids.length} interrupted import(s) marked failed: ${ids.join(", ")}`)
  }
}

export const config = {
  name: "call-billing-fail-stale-imports",
  schedule: "*/5 * * * *",
}
