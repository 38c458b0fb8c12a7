import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../../modules/billing"
import type BillingModuleService from "../../../modules/billing/service"
import { assertPlanCodesFree, UpdatePlanInput } from "./create-plans"

export const updatePlansStepId = "update-plans"
/**
 * Updates plans' own fields (archiving is `status: "archived"`; plans are
 * never deleted, subscriptions and invoices refer to them). The currency
 * is fixed once a subscription used the plan. The compensation restores the
 * fields it changed.
 *
 * @example
 * updatePlansStep([{ id: "bplan_1", status: "archived" }])
 */
export const updatePlansStep = createStep(
  updatePlansStepId,
  async (data: UpdatePlanInput[], { container }) => {
    const service: BillingModuleService = container.resolve(BILLING_MODULE)
    const before = await service.listPlans({ id: data.map((d) => d.id) })
    const byId = new Map(before.map((p) => [p.id, p as any]))
    const missing = data.filter((d) => !byId.has(d.id)).map((d) => d.id)
    if (missing.length) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Plan with id: ${missing.join(", ")} was not found`)
    }
    for (const d of data) {
      const p = byId.get(d.id)
      if (d.currency_code === undefined || d.currency_code === p.currency_code) continue
      // subscriptions were priced in the plan's currency, which must match their account's
      const [, subscriptions] = await service.listAndCountSubscriptions({ plan_id: d.id }, { take: 1, select: ["id"] })
      const [, changes] = await service.listAndCountSubscriptionChanges({ plan_id: d.id } as any, { take: 1, select: ["id"] })
      if (subscriptions || changes) {
        throw new MedusaError(
          MedusaError.Types.NOT_ALLOWED,
          `currency_code: plan ${p.code} has subscriptions priced in ${p.currency_code}; its currency cannot change (create a new plan)`
        )
      }
    }
    const renamed = data.filter((d) => d.code !== undefined).map((d) => ({ id: d.id, code: d.code! }))
    if (renamed.length) {
      await assertPlanCodesFree(service, renamed)
    }
    const previous = data.map((d) => {
      const p = byId.get(d.id)
      return Object.fromEntries(
        Object.keys(d).map((k) => [k, k === "term_discount_percent" ? (p.raw_term_discount_percent?.value ?? null) : p[k]])
      ) as UpdatePlanInput
    })
    const plans = await service.updatePlans(data as any)
    return new StepResponse(plans, previous)
  },
  async (previous, { container }) => {
    if (!previous?.length) {
      return
    }
    const service: BillingModuleService = container.resolve(BILLING_MODULE)
    await service.updatePlans(previous as any)
  }
)
