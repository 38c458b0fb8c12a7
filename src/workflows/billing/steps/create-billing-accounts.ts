import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../../modules/billing"
import type BillingModuleService from "../../../modules/billing/service"
import { CreateBillingAccountInput } from "../types"

export const createBillingAccountsStepId = "create-billing-accounts"
/**
 * Creates billing accounts (tenants).
 *
 * @example
 * createBillingAccountsStep([{ code: "ACME", name: "Acme Ltd", currency_code: "GBP", timezone: "Europe/London", country_code: "44" }])
 */
export const createBillingAccountsStep = createStep(
  createBillingAccountsStepId,
  async (data: Omit<CreateBillingAccountInput, "customer_id">[], { container }) => {
    const service: BillingModuleService = container.resolve(BILLING_MODULE)
    const accounts = await service.createBillingAccounts(data as any[])
    return new StepResponse(accounts, accounts.map((a) => a.id))
  },
  async (ids, { container }) => {
    if (!ids?.length) {
      return
    }
    const service: BillingModuleService = container.resolve(BILLING_MODULE)
    await service.deleteBillingAccounts(ids)
  }
)
