import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../../modules/billing"
import type BillingModuleService from "../../../modules/billing/service"

export const recordDunningEventsStepId = "record-dunning-events"
/**
 * Writes dunning timeline entries (an invoice's step once, however often it
 * is asked) and returns the ones that are new; compensation removes those.
 *
 * @example
 * const fresh = recordDunningEventsStep([{ account_id, invoice_id, step: "overdue", action: "overdue" }])
 */
export const recordDunningEventsStep = createStep(
  recordDunningEventsStepId,
  async (events: Parameters<BillingModuleService["recordDunningEvents"]>[0], { container }) => {
    const billing: BillingModuleService = container.resolve(BILLING_MODULE)
    const fresh = await billing.recordDunningEvents(events)
    return new StepResponse(fresh, fresh.map((e) => e.id))
  },
  async (ids, { container }) => {
    if (!ids?.length) return
    const billing: BillingModuleService = container.resolve(BILLING_MODULE)
    await billing.deleteDunningEvents(ids)
  }
)
