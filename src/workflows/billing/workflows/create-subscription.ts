import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { updateBillingAccountsStep } from "../steps"
import { createSubscriptionStep } from "../steps/create-subscription"
import { loadSubscriptionContextStep } from "../steps/load-subscription-context"
import { planStart } from "../utils/subscription-changes"

export type CreateSubscriptionWorkflowInput = {
  account_id: string
  plan_id: string
  /** local date in the account's zone; default today */
  start_date?: string
  /** seats and add-on units by component code */
  quantities?: Record<string, string | number>
  /** overrides the plan's trial days */
  trial_days?: number | null
  created_by?: string | null
}

export const createSubscriptionWorkflowId = "create-subscription"
/**
 * Subscribes an account to a plan. The account's billing interval follows
 * the plan's; a start inside a period is prorated at its close, and a plan
 * with trial days bills nothing until the trial ends.
 *
 * @example
 * const { result } = await createSubscriptionWorkflow(container).run({
 *   input: { account_id: "bacct_1", plan_id: "bplan_1", start_date: "2026-12-01", quantities: { seats: "10" } },
 * })
 */
export const createSubscriptionWorkflow = createWorkflow(
  createSubscriptionWorkflowId,
  (input: CreateSubscriptionWorkflowInput) => {
    const ctx = loadSubscriptionContextStep(
      transform({ input }, ({ input }) => ({ account_id: input.account_id, plan_ids: [input.plan_id] }))
    )
    const planned = transform({ input, ctx }, ({ input, ctx }) => {
      const start = planStart({
        plan: ctx.plans[0],
        account_id: input.account_id,
        account_currency: ctx.account.currency_code,
        start_date: input.start_date ?? ctx.today,
        quantities: input.quantities,
        trial_days: input.trial_days,
      })
      return { ...start, created_by: input.created_by ?? null }
    })
    updateBillingAccountsStep(
      transform({ input, ctx }, ({ input, ctx }) => [{ id: input.account_id, billing_interval: ctx.plans[0].interval as any }])
    )
    const subscription = createSubscriptionStep(planned)
    return new WorkflowResponse(subscription)
  }
)
