import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../../modules/billing"
import type BillingModuleService from "../../../modules/billing/service"

export const deleteTaxProfilesStepId = "delete-tax-profiles"
/**
 * Soft-deletes tax profiles no billing account uses (issued invoices keep
 * their own copy of the taxes); the compensation restores them.
 *
 * @example
 * deleteTaxProfilesStep(["btax_1"])
 */
export const deleteTaxProfilesStep = createStep(
  deleteTaxProfilesStepId,
  async (ids: string[], { container }) => {
    const service: BillingModuleService = container.resolve(BILLING_MODULE)
    const accounts = await service.listBillingAccounts({ tax_profile_id: ids } as any, {
      select: ["id", "code", "tax_profile_id"],
      order: { code: "ASC" },
    })
    if (accounts.length) {
      const profiles = await service.listTaxProfiles({ id: ids }, { select: ["id", "code"] })
      const code = new Map(profiles.map((p) => [p.id, p.code]))
      const users = ids
        .map((id) => ({ id, codes: accounts.filter((a) => a.tax_profile_id === id).map((a) => a.code) }))
        .filter((u) => u.codes.length)
        .map((u) => `tax profile ${code.get(u.id) ?? u.id} is used by billing account(s) ${u.codes.join(", ")}`)
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Cannot delete: ${users.join("; ")}. Give them another profile first.`)
    }
    await service.softDeleteTaxProfiles(ids)
    return new StepResponse(void 0, ids)
  },
  async (ids, { container }) => {
    if (!ids?.length) {
      return
    }
    const service: BillingModuleService = container.resolve(BILLING_MODULE)
    await service.restoreTaxProfiles(ids)
  }
)
