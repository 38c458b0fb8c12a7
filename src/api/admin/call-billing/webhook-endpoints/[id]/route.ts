import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { deleteWebhookEndpointsWorkflow } from "../../../../../workflows/collections/workflows/webhook-delete-endpoints"
import { updateWebhookEndpointsWorkflow } from "../../../../../workflows/collections/workflows/webhook-update-endpoints"
import { refetchOrNotFound } from "../../../../utils/refetch"
import { presentWebhookEndpoint } from "../query-config"
import { AdminUpdateWebhookEndpointType } from "../validators"

const ENTITY = "webhook_endpoint"
const LABEL = "Webhook endpoint"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const endpoint = await refetchOrNotFound(req.scope, ENTITY, LABEL, { id: req.params.id }, req.queryConfig.fields)
  res.json({ webhook_endpoint: presentWebhookEndpoint(endpoint) })
}

export const POST = async (req: AuthenticatedMedusaRequest<AdminUpdateWebhookEndpointType>, res: MedusaResponse) => {
  await refetchOrNotFound(req.scope, ENTITY, LABEL, { id: req.params.id }, ["id"])
  await updateWebhookEndpointsWorkflow(req.scope).run({
    input: { webhook_endpoints: [{ ...req.validatedBody, id: req.params.id }] },
  })
  const endpoint = await refetchOrNotFound(req.scope, ENTITY, LABEL, { id: req.params.id }, req.queryConfig.fields)
  res.json({ webhook_endpoint: presentWebhookEndpoint(endpoint) })
}

export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await refetchOrNotFound(req.scope, ENTITY, LABEL, { id: req.params.id }, ["id"])
  await deleteWebhookEndpointsWorkflow(req.scope).run({ input: { ids: [req.params.id] } })
  res.json({ id: req.params.id, object: ENTITY, deleted: true })
}
