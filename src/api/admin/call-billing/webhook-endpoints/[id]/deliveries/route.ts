import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { refetchOrNotFound } from "../../../../../utils/refetch"

/** An endpoint's deliveries, newest first by default; `?status=failed` to see what did not arrive. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await refetchOrNotFound(req.scope, "webhook_endpoint", "Webhook endpoint", { id: req.params.id }, ["id"])
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data, metadata } = await query.graph({
    entity: "webhook_delivery",
    fields: req.queryConfig.fields,
    filters: { ...req.filterableFields, endpoint_id: req.params.id },
    pagination: req.queryConfig.pagination,
  })
  res.json({ webhook_deliveries: data, count: metadata!.count, offset: metadata!.skip, limit: metadata!.take })
}
