import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../../modules/billing"
import type BillingModuleService from "../../../modules/billing/service"

export type TaxComponent = { code: string; name: string; /** "0.2" = 20 % */ rate: string }
export type TaxSurcharge = {
  code: string
  name: string
  /** "2.5" = 2.5 % of the usage amount */
  percent?: string | null
  per_minute?: string | null
  taxable: boolean
}

export type CreateTaxProfileInput = {
  code: string
  name: string
  inclusive?: boolean
  exempt?: boolean
  reverse_charge?: boolean
  note?: string | null
  components?: TaxComponent[]
  surcharges?: TaxSurcharge[] | null
}

export type UpdateTaxProfileInput = Partial<CreateTaxProfileInput> & { id: string }

/**
 * The rules that tie a profile's fields together (BILLING.md §4), checked on
 * the profile as it will be stored: exempt and reverse charge exclude each
 * other and print a legal note; a taxed profile has at least one rate.
 *
 * @example
 * assertTaxProfileConsistent({ code: "EU-RC", exempt: false, reverse_charge: true, note: null, components: [] })
 * // throws INVALID_DATA "note: is required when the profile is reverse charge …"
 */
export function assertTaxProfileConsistent(p: {
  code: string
  exempt?: boolean
  reverse_charge?: boolean
  note?: string | null
  components?: TaxComponent[]
}): void {
  const fail = (message: string) => {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `${message} (tax profile ${p.code})`)
  }
  if (p.exempt && p.reverse_charge) {
    fail("reverse_charge: a profile is either exempt or reverse charge, not both")
  }
  if ((p.exempt || p.reverse_charge) && !p.note?.trim()) {
    fail(`note: is required when the profile is ${p.exempt ? "exempt" : "reverse charge"} (the legal text the invoice prints)`)
  }
  if (!p.exempt && !p.reverse_charge && !p.components?.length) {
    fail("components: at least one tax rate is required unless the profile is exempt or reverse charge")
  }
}

/**
 * Refuses a code another live profile (or an earlier one of the batch) has.
 *
 * @example
 * await assertTaxProfileCodesFree(service, [{ code: "UK-VAT" }])
 */
export async function assertTaxProfileCodesFree(service: BillingModuleService, profiles: Array<{ id?: string; code: string }>) {
  const ids = new Set(profiles.map((p) => p.id).filter(Boolean))
  const taken = (await service.listTaxProfiles({ code: profiles.map((p) => p.code) }, { select: ["id", "code"] }))
    .filter((t) => !ids.has(t.id))
    .map((t) => t.code)
  for (const p of profiles) {
    if (taken.includes(p.code)) {
      throw new MedusaError(MedusaError.Types.DUPLICATE_ERROR, `code: a tax profile with code ${p.code} already exists`)
    }
    taken.push(p.code)
  }
}

export const createTaxProfilesStepId = "create-tax-profiles"
/**
 * Creates tax profiles; the compensation deletes them.
 *
 * @example
 * createTaxProfilesStep([{ code: "UK-VAT", name: "UK VAT 20 %", components: [{ code: "vat", name: "VAT", rate: "0.2" }] }])
 */
export const createTaxProfilesStep = createStep(
  createTaxProfilesStepId,
  async (data: CreateTaxProfileInput[], { container }) => {
    const service: BillingModuleService = container.resolve(BILLING_MODULE)
    data.forEach(assertTaxProfileConsistent)
    await assertTaxProfileCodesFree(service, data)
    const profiles = await service.createTaxProfiles(data.map((d) => ({ components: [], ...d })) as any[])
    return new StepResponse(profiles, profiles.map((p) => p.id))
  },
  async (ids, { container }) => {
    if (!ids?.length) {
      return
    }
    const service: BillingModuleService = container.resolve(BILLING_MODULE)
    await service.deleteTaxProfiles(ids)
  }
)
