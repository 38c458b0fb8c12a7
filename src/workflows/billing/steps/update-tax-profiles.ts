import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../../modules/billing"
import type BillingModuleService from "../../../modules/billing/service"
import { assertTaxProfileCodesFree, assertTaxProfileConsistent, UpdateTaxProfileInput } from "./create-tax-profiles"

export const updateTaxProfilesStepId = "update-tax-profiles"
/**
 * Updates tax profiles, checking each as it will be stored (a profile made
 * exempt needs its note, one made taxable its rates). Invoices keep the
 * taxes they were issued with; the change applies to periods closed from now
 * on. The compensation restores the fields it changed.
 *
 * @example
 * updateTaxProfilesStep([{ id: "btax_1", components: [{ code: "vat", name: "VAT", rate: "0.21" }] }])
 */
export const updateTaxProfilesStep = createStep(
  updateTaxProfilesStepId,
  async (data: UpdateTaxProfileInput[], { container }) => {
    const service: BillingModuleService = container.resolve(BILLING_MODULE)
    const before = await service.listTaxProfiles({ id: data.map((d) => d.id) })
    const byId = new Map(before.map((p) => [p.id, p as any]))
    const missing = data.filter((d) => !byId.has(d.id)).map((d) => d.id)
    if (missing.length) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Tax profile with id: ${missing.join(", ")} was not found`)
    }
    const merged = data.map((d) => ({ ...byId.get(d.id), ...d }))
    merged.forEach(assertTaxProfileConsistent)
    await assertTaxProfileCodesFree(service, merged)
    const previous = data.map((d) => {
      const p = byId.get(d.id)
      return Object.fromEntries(Object.keys(d).map((k) => [k, p[k]])) as UpdateTaxProfileInput
    })
    const profiles = await service.updateTaxProfiles(data as any)
    return new StepResponse(profiles, previous)
  },
  async (previous, { container }) => {
    if (!previous?.length) {
      return
    }
    const service: BillingModuleService = container.resolve(BILLING_MODULE)
    await service.updateTaxProfiles(previous as any)
  }
)
