import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { releaseExpiredReservationsWorkflow } from "../workflows/billing"

/**
 * Every minute: holds of calls that never reported back before their
 * reservation expired go back to the wallet (BILLING.md §6), flagged
 * `expired`. Safe to run twice: only open reservations are touched.
 */
export default async function releaseExpiredReservations(container: MedusaContainer) {
  const { result } = await releaseExpiredReservationsWorkflow(container).run({ input: { limit: 1000 } })
  if (result.released) {
    container.resolve(ContainerRegistrationKeys.LOGGER).info(`call-billing: released ${result.released} expired reservation(s)`)
  }
}

export const config = {
  name: "call-billing-release-expired-reservations",
  schedule: "* * * * *",
}
