import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../../modules/billing"
import { localDateOf, periodContaining } from "../../../modules/billing/calc"
import type BillingModuleService from "../../../modules/billing/service"

export type LoadSubscriptionContextInput = { account_id?: string; subscription_id?: string; plan_ids?: string[] }

export const loadSubscriptionContextStepId = "load-subscription-context"
/**
 * Reads what a subscription change is checked against: the account (time
 * zone, currency, cycle), the subscription, the plans with their components,
 * today's local date, the current period and the end of the last closed one.
 *
 * @example
 * const ctx = loadSubscriptionContextStep({ subscription_id: "bsub_1", plan_ids: ["bplan_2"] })
 */
export const loadSubscriptionContextStep = createStep(
  loadSubscriptionContextStepId,
  async (input: LoadSubscriptionContextInput, { container }) => {
    const billing: BillingModuleService = container.resolve(BILLING_MODULE)
    const subscription = input.subscription_id ? await billing.retrieveSubscription(input.subscription_id) : null
    const accountId = subscription?.account_id ?? input.account_id
    if (!accountId) throw new MedusaError(MedusaError.Types.INVALID_DATA, "account_id is required")
    const account = await billing.retrieveBillingAccount(accountId)
    const planIds = [...new Set([subscription?.plan_id, ...(input.plan_ids ?? [])].filter((x): x is string => !!x))]
    const plans = planIds.length ? await billing.listPlans({ id: planIds }, { relations: ["components"] }) : []
    for (const id of planIds) {
      if (!plans.find((p) => p.id === id)) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Plan with id: ${id} was not found`)
    }
    const [last] = await billing.listBillingPeriods({ account_id: accountId }, { select: ["period_end"], order: { period_start: "DESC" }, take: 1 })
    const today = localDateOf(new Date(), account.timezone)
    const cycle = { interval: account.billing_interval, anchor_day: account.anchor_day, anchor_month: account.anchor_month }
    return new StepResponse({
      account: { id: account.id, currency_code: account.currency_code, timezone: account.timezone, cycle },
      subscription: subscription
        ? {
            id: subscription.id,
            plan_id: subscription.plan_id,
            status: subscription.status,
            start_date: subscription.start_date,
            cancel_at: subscription.cancel_at,
            quantities: subscription.quantities as Record<string, string>,
          }
        : null,
      plans: plans.map((p) => ({
        id: p.id,
        code: p.code,
        currency_code: p.currency_code,
        interval: p.interval,
        trial_days: p.trial_days,
        status: p.status,
        components: p.components.map((c) => ({ code: c.code, type: c.type, default_quantity: c.default_quantity, optional: c.optional })),
      })),
      today,
      current_period: periodContaining(today, cycle),
      last_closed_end: last?.period_end ?? null,
    })
  }
)
