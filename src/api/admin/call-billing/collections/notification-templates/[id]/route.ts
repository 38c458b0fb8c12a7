import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { BILLING_MODULE } from "../../../../../../modules/billing"
import type BillingModuleService from "../../../../../../modules/billing/service"
import { deleteNotificationTemplatesWorkflow } from "../../../../../../workflows/collections"

export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const billing: BillingModuleService = req.scope.resolve(BILLING_MODULE)
  await billing.retrieveNotificationTemplate(req.params.id, { select: ["id"] })
  await deleteNotificationTemplatesWorkflow(req.scope).run({ input: { ids: [req.params.id] } })
  res.json({ id: req.params.id, object: "notification_template", deleted: true })
}
