import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { readUsageSources } from "../lib/usage-pull"
import { pullUsageSourcesWorkflow } from "../workflows/metering/workflows/pull-usage"

/**
 * Pulls new usage files from the configured SFTP and S3 sources (plugin
 * option `usage_sources`, or the JSON list in `CALL_BILLING_USAGE_SOURCES`)
 * every five minutes. Does nothing when no source is configured.
 */
export default async function pullUsage(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  let names: string[]
  try {
    names = readUsageSources(container).map((s) => s.name)
  } catch (e: any) {
    logger.error(`call-billing: usage pulls not run, their configuration is invalid: ${e.message}`)
    return
  }
  if (!names.length) return
  const { result } = await pullUsageSourcesWorkflow(container).run({ input: { sources: names } })
  return result
}

export const config = {
  name: "call-billing-pull-usage",
  // every 5 minutes; CALL_BILLING_PULL_SCHEDULE (cron) changes it, e.g. every minute in the demo
  schedule: process.env.CALL_BILLING_PULL_SCHEDULE || "*/5 * * * *",
}
