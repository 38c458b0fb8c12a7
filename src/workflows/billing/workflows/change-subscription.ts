import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { applySubscriptionChangeStep } from "../steps/apply-subscription-change"
import { loadSubscriptionContextStep } from "../steps/load-subscription-context"
import { planCancel, planChange } from "../utils/subscription-changes"

export type ChangeSubscriptionWorkflowInput = {
  subscription_id: string
  /** local date; default today */
  effective_date?: string
  quantities?: Record<string, string | number>
  plan_id?: string | null
  created_by?: string | null
  note?: string | null
}

export const changeSubscriptionWorkflowId = "change-subscription"
/**
 * Changes seats, add-ons or the plan from a date inside the open period; the
 * period close prorates each change by whole days (BILLING.md §2).
 *
 * @example
 * await changeSubscriptionWorkflow(container).run({ input: { subscription_id: "bsub_1", effective_date: "2026-12-10", quantities: { seats: "15" } } })
 */
export const changeSubscriptionWorkflow = createWorkflow(
  changeSubscriptionWorkflowId,
  (input: ChangeSubscriptionWorkflowInput) => {
    const ctx = loadSubscriptionContextStep(
      transform({ input }, ({ input }) => ({ subscription_id: input.subscription_id, plan_ids: input.plan_id ? [input.plan_id] : [] }))
    )
    const planned = transform({ input, ctx }, ({ input, ctx }) => {
      const sub = ctx.subscription!
      const change = planChange({
        subscription: sub,
        plan: ctx.plans.find((p) => p.id === sub.plan_id)!,
        new_plan: input.plan_id ? ctx.plans.find((p) => p.id === input.plan_id) : null,
        account_currency: ctx.account.currency_code,
        effective_date: input.effective_date ?? ctx.today,
        quantities: input.quantities,
        earliest: ctx.last_closed_end,
      })
      return { subscription_id: sub.id, ...change, created_by: input.created_by ?? null, note: input.note ?? null }
    })
    return new WorkflowResponse(applySubscriptionChangeStep(planned))
  }
)

export type CancelSubscriptionWorkflowInput = {
  subscription_id: string
  /** "period_end" (default), "now", or a local date */
  at?: "period_end" | "now" | string
  created_by?: string | null
  note?: string | null
}

export const cancelSubscriptionWorkflowId = "cancel-subscription"
/**
 * Cancels at the end of the current period (nothing more bills), now, or on
 * a date; days billed in advance after it come back as a credit line.
 *
 * @example
 * await cancelSubscriptionWorkflow(container).run({ input: { subscription_id: "bsub_1", at: "now" } })
 */
export const cancelSubscriptionWorkflow = createWorkflow(
  cancelSubscriptionWorkflowId,
  (input: CancelSubscriptionWorkflowInput) => {
    const ctx = loadSubscriptionContextStep(transform({ input }, ({ input }) => ({ subscription_id: input.subscription_id })))
    const planned = transform({ input, ctx }, ({ input, ctx }) => {
      const at = input.at ?? "period_end"
      const cancel_at = at === "period_end" ? ctx.current_period.end : at === "now" ? ctx.today : at
      const cancel = planCancel({ subscription: ctx.subscription!, cancel_at, earliest: ctx.last_closed_end })
      const now = at === "now" || cancel_at <= ctx.today
      return {
        subscription_id: ctx.subscription!.id,
        update: { ...cancel.update, canceled_at: new Date(), ...(now ? { status: "canceled" } : {}) },
        changes: cancel.changes,
        created_by: input.created_by ?? null,
        note: input.note ?? null,
      }
    })
    return new WorkflowResponse(applySubscriptionChangeStep(planned))
  }
)
