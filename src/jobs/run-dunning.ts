import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { runDunningWorkflow } from "../workflows/collections"

/**
 * Every hour: takes the dunning steps that came due (each once per invoice,
 * so the hourly run only acts on a new day's steps) and suspends accounts
 * that reached a suspension step.
 */
export default async function runDunning(container: MedusaContainer) {
  const { result } = await runDunningWorkflow(container).run({ input: {} })
  if (result.taken.length) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .info(`call-billing: dunning took ${result.taken.length} step(s), suspended ${result.suspended.length} account(s)`)
  }
}

export const config = { name: "call-billing-run-dunning", schedule: "0 * * * *" }
