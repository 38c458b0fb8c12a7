import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../../modules/billing"
import type BillingModuleService from "../../../modules/billing/service"

/** One priced part of a plan, as validated by the admin API (plan-component.ts says how each type bills). */
export type PlanComponentInput = {
  code: string
  name: string
  type:
    | "recurring"
    | "seat"
    | "setup"
    | "support"
    | "addon"
    | "white_label"
    | "concurrency"
    | "bundle"
    | "metric"
    | "commitment"
    | "volume_discount"
  price?: string | null
  included_quantity?: string | null
  default_quantity?: string | null
  pricing?: "flat" | "tiered" | "volume" | null
  tiers?: Array<{ up_to: string | null; price: string }> | null
  metric?: string | null
  direction?: "outbound" | "inbound" | null
  destination_groups?: string[] | null
  basis?: "calls" | "minutes" | null
  eligible_kinds?: string[] | null
  in_arrears?: boolean
  optional?: boolean
}

export type CreatePlanInput = {
  code: string
  name: string
  description?: string | null
  currency_code: string
  interval?: "month" | "quarter" | "half_year" | "year"
  term_discount_percent?: string | null
  trial_days?: number
  status?: "active" | "archived"
  metadata?: Record<string, unknown> | null
  /** in invoice order: each one's `position` is its index */
  components?: PlanComponentInput[]
}

export type UpdatePlanInput = Partial<Omit<CreatePlanInput, "components">> & { id: string }

/**
 * Refuses a plan code another live plan (or an earlier one of the batch) has.
 *
 * @example
 * await assertPlanCodesFree(service, [{ code: "PRO" }])
 */
export async function assertPlanCodesFree(service: BillingModuleService, plans: Array<{ id?: string; code: string }>) {
  const ids = new Set(plans.map((p) => p.id).filter(Boolean))
  const taken = (await service.listPlans({ code: plans.map((p) => p.code) }, { select: ["id", "code"] }))
    .filter((p) => !ids.has(p.id))
    .map((p) => p.code)
  for (const p of plans) {
    if (taken.includes(p.code)) {
      throw new MedusaError(MedusaError.Types.DUPLICATE_ERROR, `code: a plan with code ${p.code} already exists`)
    }
    taken.push(p.code)
  }
}

/**
 * A plan's components as rows: position from the list order.
 *
 * @example
 * componentRows("bplan_1", [{ code: "base", name: "Platform", type: "recurring", price: "99" }])
 * // [{ code: "base", …, plan_id: "bplan_1", position: 0 }]
 */
export function componentRows(planId: string, components: PlanComponentInput[]) {
  return components.map((c, position) => ({ ...c, plan_id: planId, position }))
}

export const createPlansStepId = "create-plans"
/**
 * Creates plans with their components; the compensation deletes them (the
 * components go with their plan).
 *
 * @example
 * createPlansStep([{ code: "PRO", name: "Pro", currency_code: "GBP", components: [{ code: "seats", name: "Agent seat", type: "seat", price: "25" }] }])
 */
export const createPlansStep = createStep(
  createPlansStepId,
  async (data: CreatePlanInput[], { container }) => {
    const service: BillingModuleService = container.resolve(BILLING_MODULE)
    await assertPlanCodesFree(service, data)
    const plans = await service.createPlans(data.map(({ components, ...plan }) => plan) as any[])
    const ids = plans.map((p) => p.id)
    try {
      const rows = plans.flatMap((p, i) => componentRows(p.id, data[i].components ?? []))
      if (rows.length) {
        await service.createPlanComponents(rows as any[])
      }
    } catch (e) {
      // the step failed, so its compensation will not run: undo the plans here
      await service.deletePlans(ids)
      throw e
    }
    return new StepResponse(plans, ids)
  },
  async (ids, { container }) => {
    if (!ids?.length) {
      return
    }
    const service: BillingModuleService = container.resolve(BILLING_MODULE)
    await service.deletePlans(ids)
  }
)
