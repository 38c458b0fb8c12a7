import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../../modules/billing"
import type BillingModuleService from "../../../modules/billing/service"

export type NotificationTemplateInput = { entity_id?: string | null; kind: string; subject: string; body: string }

export const upsertNotificationTemplatesStepId = "upsert-notification-templates"
/**
 * Sets an entity's (or the default) wording for notification kinds: an
 * existing template for the same entity and kind is replaced. Compensation
 * restores or removes what it wrote.
 *
 * @example
 * upsertNotificationTemplatesStep([{ entity_id: "bent_1", kind: "invoice_issued", subject: "Your invoice {{invoice_number}}", body: "…" }])
 */
export const upsertNotificationTemplatesStep = createStep(
  upsertNotificationTemplatesStepId,
  async (data: NotificationTemplateInput[], { container }) => {
    const billing: BillingModuleService = container.resolve(BILLING_MODULE)
    const created: string[] = []
    const previous: any[] = []
    const out: any[] = []
    for (const t of data) {
      if (t.entity_id) await billing.retrieveIssuingEntity(t.entity_id, { select: ["id"] })
      const [existing] = await billing.listNotificationTemplates({ kind: t.kind, entity_id: t.entity_id ?? null })
      if (existing) {
        previous.push({ id: existing.id, subject: existing.subject, body: existing.body })
        out.push(await billing.updateNotificationTemplates({ id: existing.id, subject: t.subject, body: t.body }))
      } else {
        const [c] = await billing.createNotificationTemplates([{ entity_id: t.entity_id ?? null, kind: t.kind, subject: t.subject, body: t.body }])
        created.push(c.id)
        out.push(c)
      }
    }
    if (!out.length) throw new MedusaError(MedusaError.Types.INVALID_DATA, "templates: at least one")
    return new StepResponse(out, { created, previous })
  },
  async (undo, { container }) => {
    if (!undo) return
    const billing: BillingModuleService = container.resolve(BILLING_MODULE)
    if (undo.created.length) await billing.deleteNotificationTemplates(undo.created)
    if (undo.previous.length) await billing.updateNotificationTemplates(undo.previous)
  }
)
