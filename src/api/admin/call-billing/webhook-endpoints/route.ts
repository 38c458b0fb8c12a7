import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createWebhookEndpointsWorkflow } from "../../../../workflows/collections/workflows/webhook-create-endpoints"
import { refetchOrNotFound } from "../../../utils/refetch"
import { presentWebhookEndpoint } from "./query-config"
import { AdminCreateWebhookEndpointType } from "./validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data, metadata } = await query.graph({
    entity: "webhook_endpoint",
    fields: req.queryConfig.fields,
    filters: req.filterableFields,
    pagination: req.queryConfig.pagination,
  })
  res.json({ webhook_endpoints: data.map(presentWebhookEndpoint), count: metadata!.count, offset: metadata!.skip, limit: metadata!.take })
}

/** Registers an endpoint; the response carries its signing `secret`, the only time it is shown. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminCreateWebhookEndpointType>, res: MedusaResponse) => {
  const { result } = await createWebhookEndpointsWorkflow(req.scope).run({
    input: { webhook_endpoints: [req.validatedBody] },
  })
  const endpoint = await refetchOrNotFound(req.scope, "webhook_endpoint", "Webhook endpoint", { id: result[0].id }, req.queryConfig.fields)
  res.status(201).json({ webhook_endpoint: { ...presentWebhookEndpoint(endpoint), secret: result[0].secret } })
}
