import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../../modules/billing"
import type BillingModuleService from "../../../modules/billing/service"

export const deleteFxRatesStepId = "delete-fx-rates"
/**
 * Soft-deletes FX rates (invoices keep the rates they were converted at in
 * their own `fx`); the compensation restores them.
 *
 * @example
 * deleteFxRatesStep(["bfx_1"])
 */
export const deleteFxRatesStep = createStep(
  deleteFxRatesStepId,
  async (ids: string[], { container }) => {
    const service: BillingModuleService = container.resolve(BILLING_MODULE)
    await service.softDeleteFxRates(ids)
    return new StepResponse(void 0, ids)
  },
  async (ids, { container }) => {
    if (!ids?.length) {
      return
    }
    const service: BillingModuleService = container.resolve(BILLING_MODULE)
    await service.restoreFxRates(ids)
  }
)
