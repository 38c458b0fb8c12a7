import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../../modules/billing"
import type BillingModuleService from "../../../modules/billing/service"

export const recordProviderEventsStepId = "record-provider-events"
/**
 * Marks provider events as handled, after their effects are written: the
 * same event delivered again is then recognised. Not compensated: it is the
 * last step of its workflow.
 *
 * @example
 * recordProviderEventsStep([{ provider: "stripe", event_id: "evt_1", type: "invoice.paid", outcome: "processed" }])
 */
export const recordProviderEventsStep = createStep(
  recordProviderEventsStepId,
  async (events: Parameters<BillingModuleService["recordProviderEvents"]>[0], { container }) => {
    const billing: BillingModuleService = container.resolve(BILLING_MODULE)
    return new StepResponse(await billing.recordProviderEvents(events))
  }
)
