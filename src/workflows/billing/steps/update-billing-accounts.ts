import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../../modules/billing"
import type BillingModuleService from "../../../modules/billing/service"
import { UpdateBillingAccountInput } from "../types"

export const updateBillingAccountsStepId = "update-billing-accounts"
/**
 * Updates billing accounts; the compensation restores the previous values.
 *
 * @example
 * updateBillingAccountsStep([{ id: "bacct_1", status: "suspended" }])
 */
export const updateBillingAccountsStep = createStep(
  updateBillingAccountsStepId,
  async (data: UpdateBillingAccountInput[], { container }) => {
    const service: BillingModuleService = container.resolve(BILLING_MODULE)
    const previous = await service.listBillingAccounts({ id: data.map((d) => d.id) })
    const accounts = await service.updateBillingAccounts(data as any)
    return new StepResponse(accounts, previous)
  },
  async (previous, { container }) => {
    if (!previous?.length) {
      return
    }
    const service: BillingModuleService = container.resolve(BILLING_MODULE)
    await service.updateBillingAccounts(
      previous.map(({ created_at, updated_at, deleted_at, ...rest }: any) => rest)
    )
  }
)
