import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { BILLING_MODULE } from "../../../../../modules/billing"
import { DEFAULT_TEMPLATES } from "../../../../../modules/billing/notifications/templates"
import type BillingModuleService from "../../../../../modules/billing/service"
import { upsertNotificationTemplatesWorkflow } from "../../../../../workflows/collections"
import type { AdminUpsertNotificationTemplateType } from "../validators"

/** Notification templates per entity and kind, with the built-in wording they replace. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const billing: BillingModuleService = req.scope.resolve(BILLING_MODULE)
  const notification_templates = await billing.listNotificationTemplates({}, { order: { kind: "ASC" } })
  res.json({ notification_templates, count: notification_templates.length, built_in: DEFAULT_TEMPLATES })
}

/** Sets the wording for one entity (or every entity) and kind; replaces an existing one. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminUpsertNotificationTemplateType>, res: MedusaResponse) => {
  const { result } = await upsertNotificationTemplatesWorkflow(req.scope).run({ input: { templates: [req.validatedBody] } })
  res.json({ notification_template: result[0] })
}
