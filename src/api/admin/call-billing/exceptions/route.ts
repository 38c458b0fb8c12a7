import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { countByReason, graphFilters } from "./helpers"
import type { AdminGetUsageExceptionsParamsType } from "./validators"

/** The exception queue, newest first, with how many of each reason the filter holds. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { status, reason, source, account_code, import_job_id, q } = req.validatedQuery as unknown as AdminGetUsageExceptionsParamsType
  const filters = { status, reason, source, account_code, import_job_id, q }
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const [{ data: exceptions, metadata }, by_reason] = await Promise.all([
    query.graph({
      entity: "usage_exception",
      fields: req.queryConfig.fields,
      filters: graphFilters(filters),
      pagination: { ...req.queryConfig.pagination, order: req.queryConfig.pagination?.order ?? { created_at: "DESC", id: "DESC" } },
    }),
    countByReason(req.scope, { ...filters, reason: undefined }),
  ])
  res.json({ exceptions, count: metadata!.count, offset: metadata!.skip, limit: metadata!.take, by_reason })
}
