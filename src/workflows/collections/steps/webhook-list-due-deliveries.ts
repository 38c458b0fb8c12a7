import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../../modules/billing"
import type BillingModuleService from "../../../modules/billing/service"

export type ListDueWebhookDeliveriesStepInput = {
  /** only these deliveries (those that are due) */
  ids?: string[]
  limit: number
}

export const listDueWebhookDeliveriesStepId = "list-due-webhook-deliveries"
/**
 * The pending deliveries that are due (`next_attempt_at` unset or passed, so
 * not leased by a worker sending them) to an active endpoint, oldest due
 * first. Reads only; sending claims each row again.
 *
 * @example
 * const ids = listDueWebhookDeliveriesStep({ limit: 500 })
 */
export const listDueWebhookDeliveriesStep = createStep(
  listDueWebhookDeliveriesStepId,
  async (input: ListDueWebhookDeliveriesStepInput, { container }) => {
    const billing: BillingModuleService = container.resolve(BILLING_MODULE)
    return new StepResponse(await billing.listDueWebhookDeliveries(input))
  }
)
