import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../../modules/billing"
import { type DunningStep, validateSteps } from "../../../modules/billing/dunning/policy"
import type BillingModuleService from "../../../modules/billing/service"

export type DunningPolicyInput = {
  name: string
  account_id?: string | null
  entity_id?: string | null
  steps: DunningStep[]
  grace_days?: number
  active?: boolean
}

/** Steps valid, scope exists, and no other policy holds the same scope (one per account, per entity, one default). */
export async function assertDunningPolicy(billing: BillingModuleService, p: DunningPolicyInput & { id?: string }) {
  const bad = validateSteps(p.steps)
  if (bad) throw new MedusaError(MedusaError.Types.INVALID_DATA, bad)
  if (p.account_id) await billing.retrieveBillingAccount(p.account_id, { select: ["id"] })
  if (p.entity_id) await billing.retrieveIssuingEntity(p.entity_id, { select: ["id"] })
  const same = await billing.listDunningPolicies(
    p.account_id ? { account_id: p.account_id } : p.entity_id ? { entity_id: p.entity_id, account_id: null } : { account_id: null, entity_id: null },
    { select: ["id", "name"] }
  )
  const other = same.find((s) => s.id !== p.id)
  if (other) {
    const scope = p.account_id ? `account ${p.account_id}` : p.entity_id ? `entity ${p.entity_id}` : "the default scope"
    throw new MedusaError(MedusaError.Types.DUPLICATE_ERROR, `${scope} already has dunning policy ${other.id} ("${other.name}")`)
  }
}

export const createDunningPoliciesStepId = "create-dunning-policies"
/**
 * Creates dunning policies (per account, per issuing entity, or the default
 * one), checking their steps; compensation deletes them.
 *
 * @example
 * createDunningPoliciesStep([{ name: "Standard", steps: [{ code: "overdue", action: "overdue", days: 1 }, { code: "suspend", action: "suspend", days: 14 }] }])
 */
export const createDunningPoliciesStep = createStep(
  createDunningPoliciesStepId,
  async (data: DunningPolicyInput[], { container }) => {
    const billing: BillingModuleService = container.resolve(BILLING_MODULE)
    for (const p of data) await assertDunningPolicy(billing, p)
    const created: Array<{ id: string }> = await billing.createDunningPolicies(
      data.map((p) => ({ ...p, steps: [...p.steps].sort((a, b) => a.days - b.days) })) as any[]
    )
    return new StepResponse(created, created.map((c) => c.id))
  },
  async (ids, { container }) => {
    if (!ids?.length) return
    const billing: BillingModuleService = container.resolve(BILLING_MODULE)
    await billing.deleteDunningPolicies(ids)
  }
)
