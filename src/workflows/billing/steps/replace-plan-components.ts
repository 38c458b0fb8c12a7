import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../../modules/billing"
import type BillingModuleService from "../../../modules/billing/service"
import { componentRows, PlanComponentInput } from "./create-plans"

export type ReplacePlanComponentsInput = Array<{ plan_id: string; components: PlanComponentInput[] }>

export const replacePlanComponentsStepId = "replace-plan-components"
/**
 * Replaces each plan's component list: the old rows are soft-deleted (codes
 * are unique among live rows only) and the new ones created in list order.
 * The compensation deletes the new rows and restores the old ones.
 * Subscriptions refer to components by code, so a code kept keeps its
 * quantities; a code a subscription holds a quantity of cannot be dropped
 * or change type (the period close could not bill it).
 *
 * @example
 * replacePlanComponentsStep([{ plan_id: "bplan_1", components: [{ code: "seats", name: "Agent seat", type: "seat", price: "27" }] }])
 */
export const replacePlanComponentsStep = createStep(
  replacePlanComponentsStepId,
  async (data: ReplacePlanComponentsInput, { container }) => {
    const service: BillingModuleService = container.resolve(BILLING_MODULE)
    const old = data.length
      ? await service.listPlanComponents({ plan_id: data.map((d) => d.plan_id) } as any, { select: ["id", "plan_id", "code", "type"] })
      : []
    for (const d of data) {
      // subscriptions keep quantities by component code and the period close
      // refuses a code its plan lacks: such codes stay, with their type
      const dropped = old
        .filter((c: any) => c.plan_id === d.plan_id)
        .filter((c) => !d.components.some((n) => n.code === c.code && n.type === c.type))
      if (!dropped.length) continue
      const [held] = await service.listSubscriptionChanges(
        { plan_id: d.plan_id, component_code: dropped.map((c) => c.code) } as any,
        { take: 1, select: ["id", "component_code"] }
      )
      if (held) {
        const c = dropped.find((x) => x.code === held.component_code)!
        const [plan] = await service.listPlans({ id: d.plan_id }, { select: ["code"] })
        throw new MedusaError(
          MedusaError.Types.NOT_ALLOWED,
          `components: subscriptions to plan ${plan?.code ?? d.plan_id} hold quantities of "${c.code}" (${c.type}); the new list must keep "${c.code}" as a ${c.type} component (its price may change)`
        )
      }
    }
    const oldIds = old.map((c) => c.id)
    if (oldIds.length) {
      await service.softDeletePlanComponents(oldIds)
    }
    const rows = data.flatMap((d) => componentRows(d.plan_id, d.components))
    let created: { id: string }[] = []
    try {
      created = rows.length ? await service.createPlanComponents(rows as any[]) : []
    } catch (e) {
      // a failing step is not compensated: put the old rows back here
      if (oldIds.length) {
        await service.restorePlanComponents(oldIds)
      }
      throw e
    }
    return new StepResponse(created, { oldIds, newIds: created.map((c) => c.id) })
  },
  async (undo, { container }) => {
    if (!undo) {
      return
    }
    const service: BillingModuleService = container.resolve(BILLING_MODULE)
    if (undo.newIds.length) {
      await service.deletePlanComponents(undo.newIds)
    }
    if (undo.oldIds.length) {
      await service.restorePlanComponents(undo.oldIds)
    }
  }
)
