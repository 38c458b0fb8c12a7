import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../../modules/billing"
import type BillingModuleService from "../../../modules/billing/service"
import { assertDunningPolicy, type DunningPolicyInput } from "./create-dunning-policies"

export const updateDunningPoliciesStepId = "update-dunning-policies"
/**
 * Updates dunning policies, checked as they will be stored. Steps already
 * taken stay in the timeline; new steps apply from the next run.
 * Compensation restores the changed fields.
 *
 * @example
 * updateDunningPoliciesStep([{ id: "bdunp_1", grace_days: 3 }])
 */
export const updateDunningPoliciesStep = createStep(
  updateDunningPoliciesStepId,
  async (data: Array<Partial<DunningPolicyInput> & { id: string }>, { container }) => {
    const billing: BillingModuleService = container.resolve(BILLING_MODULE)
    const before = await billing.listDunningPolicies({ id: data.map((d) => d.id) })
    const missing = data.filter((d) => !before.some((b) => b.id === d.id)).map((d) => d.id)
    if (missing.length) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Dunning policy with id: ${missing.join(", ")} was not found`)
    for (const d of data) await assertDunningPolicy(billing, { ...(before.find((b) => b.id === d.id) as any), ...d })
    const previous = data.map((d) => {
      const b: any = before.find((x) => x.id === d.id)
      return Object.fromEntries(Object.keys(d).map((k) => [k, b[k]]))
    })
    const updated = await billing.updateDunningPolicies(
      data.map((d) => (d.steps ? { ...d, steps: [...d.steps].sort((a, b) => a.days - b.days) } : d)) as any
    )
    return new StepResponse(updated, previous)
  },
  async (previous, { container }) => {
    if (!previous?.length) return
    const billing: BillingModuleService = container.resolve(BILLING_MODULE)
    await billing.updateDunningPolicies(previous as any)
  }
)
