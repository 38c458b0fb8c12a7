import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { listUsage } from "./queries"
import type { AdminGetUsageParamsType } from "./validators"

/** The usage explorer: a page of rated calls with their traces, and the totals of the whole filter. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { offset, limit, ...filters } = req.validatedQuery as unknown as AdminGetUsageParamsType
  const knex = req.scope.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const { calls, count, totals } = await listUsage(knex, filters, { offset, limit })
  res.json({ calls, count, offset, limit, totals })
}
