import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../../modules/billing"
import type BillingModuleService from "../../../modules/billing/service"

export const deleteDunningPoliciesStepId = "delete-dunning-policies"
/**
 * Soft-deletes dunning policies (accounts fall back to the next scope);
 * compensation restores them.
 *
 * @example
 * deleteDunningPoliciesStep(["bdunp_1"])
 */
export const deleteDunningPoliciesStep = createStep(
  deleteDunningPoliciesStepId,
  async (ids: string[], { container }) => {
    const billing: BillingModuleService = container.resolve(BILLING_MODULE)
    await billing.softDeleteDunningPolicies(ids)
    return new StepResponse(ids, ids)
  },
  async (ids, { container }) => {
    if (!ids?.length) return
    const billing: BillingModuleService = container.resolve(BILLING_MODULE)
    await billing.restoreDunningPolicies(ids)
  }
)
