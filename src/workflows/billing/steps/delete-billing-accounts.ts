import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../../modules/billing"
import type BillingModuleService from "../../../modules/billing/service"

export const deleteBillingAccountsStepId = "delete-billing-accounts"
/**
 * Soft-deletes billing accounts; the compensation restores them.
 *
 * @example
 * deleteBillingAccountsStep(["bacct_1"])
 */
export const deleteBillingAccountsStep = createStep(
  deleteBillingAccountsStepId,
  async (ids: string[], { container }) => {
    const service: BillingModuleService = container.resolve(BILLING_MODULE)
    await service.softDeleteBillingAccounts(ids)
    return new StepResponse(void 0, ids)
  },
  async (ids, { container }) => {
    if (!ids?.length) {
      return
    }
    const service: BillingModuleService = container.resolve(BILLING_MODULE)
    await service.restoreBillingAccounts(ids)
  }
)
