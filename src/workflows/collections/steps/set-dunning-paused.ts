import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../../modules/billing"
import type BillingModuleService from "../../../modules/billing/service"

export const setDunningPausedStepId = "set-dunning-paused"
/**
 * Pauses or resumes dunning for an account (a paused account gets no steps;
 * a suspension already made stays until paid or lifted); compensation
 * restores the flag.
 *
 * @example
 * setDunningPausedStep({ account_id: "bacct_1", paused: true })
 */
export const setDunningPausedStep = createStep(
  setDunningPausedStepId,
  async (input: { account_id: string; paused: boolean }, { container }) => {
    const billing: BillingModuleService = container.resolve(BILLING_MODULE)
    const before: any = await billing.retrieveBillingAccount(input.account_id, { select: ["id", "dunning_paused"] })
    await billing.updateBillingAccounts({ id: input.account_id, dunning_paused: input.paused })
    return new StepResponse({ changed: before.dunning_paused !== input.paused }, { id: input.account_id, dunning_paused: before.dunning_paused })
  },
  async (prev, { container }) => {
    if (!prev) return
    const billing: BillingModuleService = container.resolve(BILLING_MODULE)
    await billing.updateBillingAccounts(prev)
  }
)
