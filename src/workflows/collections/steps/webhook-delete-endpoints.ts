import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../../modules/billing"
import type BillingModuleService from "../../../modules/billing/service"

export const deleteWebhookEndpointsStepId = "delete-webhook-endpoints"
/**
 * Soft-deletes webhook endpoints: nothing more is queued or sent to them;
 * their deliveries stay as a record. The compensation restores them.
 *
 * @example
 * deleteWebhookEndpointsStep(["bwhe_1"])
 */
export const deleteWebhookEndpointsStep = createStep(
  deleteWebhookEndpointsStepId,
  async (ids: string[], { container }) => {
    const billing: BillingModuleService = container.resolve(BILLING_MODULE)
    const found = await billing.listWebhookEndpoints({ id: ids }, { select: ["id"] })
    const missing = ids.filter((id) => !found.some((e) => e.id === id))
    if (missing.length) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Webhook endpoint with id: ${missing.join(", ")} was not found`)
    }
    await billing.softDeleteWebhookEndpoints(ids)
    return new StepResponse(ids, ids)
  },
  async (ids, { container }) => {
    if (!ids?.length) return
    const billing: BillingModuleService = container.resolve(BILLING_MODULE)
    await billing.restoreWebhookEndpoints(ids)
  }
)
