import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../../modules/billing"
import type BillingModuleService from "../../../modules/billing/service"

export const deleteNotificationTemplatesStepId = "delete-notification-templates"
/**
 * Soft-deletes notification templates (the built-in wording applies again);
 * compensation restores them.
 *
 * @example
 * deleteNotificationTemplatesStep(["bntpl_1"])
 */
export const deleteNotificationTemplatesStep = createStep(
  deleteNotificationTemplatesStepId,
  async (ids: string[], { container }) => {
    const billing: BillingModuleService = container.resolve(BILLING_MODULE)
    await billing.softDeleteNotificationTemplates(ids)
    return new StepResponse(ids, ids)
  },
  async (ids, { container }) => {
    if (!ids?.length) return
    const billing: BillingModuleService = container.resolve(BILLING_MODULE)
    await billing.restoreNotificationTemplates(ids)
  }
)
