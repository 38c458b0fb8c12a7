import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { retryWebhookDeliveryWorkflow } from "../../../../../../workflows/collections/workflows/webhook-retry-delivery"
import { refetchOrNotFound } from "../../../../../utils/refetch"
import { defaultAdminWebhookDeliveryFields } from "../../../webhook-endpoints/query-config"

/** Sends a failed (or waiting) delivery again, now; the delivery as it stands afterwards. */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await refetchOrNotFound(req.scope, "webhook_delivery", "Webhook delivery", { id: req.params.id }, ["id"])
  await retryWebhookDeliveryWorkflow(req.scope).run({ input: { id: req.params.id } })
  const webhook_delivery = await refetchOrNotFound(
    req.scope,
    "webhook_delivery",
    "Webhook delivery",
    { id: req.params.id },
    defaultAdminWebhookDeliveryFields
  )
  res.json({ webhook_delivery })
}
