import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../../modules/billing"
import type BillingModuleService from "../../../modules/billing/service"

export const reopenStaleClosesStepId = "reopen-stale-closes"
/**
 * Undoes closes that this run has just written from usage that changed
 * before their calls could be marked (their calls are already unmarked):
 * draft documents deleted, subscription state, carries and credit restored.
 * The account's period closes again on the next run, with all its usage.
 * Not compensated: a stale close must not come back.
 *
 * @example
 * reopenStaleClosesStep({ period_ids: ["bper_1"] })
 */
export const reopenStaleClosesStep = createStep(reopenStaleClosesStepId, async (input: { period_ids: string[] }, { container }) => {
  const billing: BillingModuleService = container.resolve(BILLING_MODULE)
  for (const id of input.period_ids) await billing.reopenPeriodClose(id)
  return new StepResponse(input.period_ids)
})
