import type { MedusaContainer } from "@medusajs/framework/types"
import { exactOf } from "../../../../lib/big-number"
import { BILLING_MODULE } from "../../../../modules/billing"
import type BillingModuleService from "../../../../modules/billing/service"

/** The account's live subscription (or the latest one), with its plan and change history. */
export async function subscriptionView(scope: MedusaContainer, accountId: string) {
  const billing: BillingModuleService = scope.resolve(BILLING_MODULE)
  const [sub] = await billing.listSubscriptions({ account_id: accountId }, { relations: ["changes"], order: { created_at: "DESC" }, take: 1 })
  if (!sub) return null
  const plan = await billing.retrievePlan(sub.plan_id, { relations: ["components"] })
  return {
    id: sub.id,
    account_id: sub.account_id,
    status: sub.status,
    start_date: sub.start_date,
    trial_end: sub.trial_end,
    cancel_at: sub.cancel_at,
    canceled_at: sub.canceled_at,
    quantities: sub.quantities,
    billed_through: sub.billed_through,
    plan: { id: plan.id, code: plan.code, name: plan.name, interval: plan.interval, currency_code: plan.currency_code, components: plan.components },
    changes: [...sub.changes]
      .sort((a, b) => (a.effective_date === b.effective_date ? +new Date(a.created_at) - +new Date(b.created_at) : a.effective_date < b.effective_date ? -1 : 1))
      .map((c) => ({
        kind: c.kind,
        effective_date: c.effective_date,
        component_code: c.component_code,
        quantity_before: c.quantity_before === null ? null : exactOf(c, "quantity_before").toFixed(),
        quantity_after: c.quantity_after === null ? null : exactOf(c, "quantity_after").toFixed(),
        created_by: c.created_by,
        note: c.note,
        created_at: c.created_at,
      })),
  }
}

