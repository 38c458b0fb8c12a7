import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../../modules/billing"
import type BillingModuleService from "../../../modules/billing/service"
import type { ChangeRow } from "../utils/subscription-changes"

export type CreateSubscriptionStepInput = {
  subscription: { account_id: string; plan_id: string; status: "trialing" | "active"; start_date: string; trial_end: string | null; quantities: Record<string, string> }
  changes: ChangeRow[]
  created_by?: string | null
}

export const createSubscriptionStepId = "create-subscription"
/**
 * Creates a subscription with its start rows. One live subscription per
 * account (a unique index); compensation deletes both.
 *
 * @example
 * createSubscriptionStep({ subscription: { account_id, plan_id, status: "active", start_date: "2026-12-01", trial_end: null, quantities: { seats: "10" } }, changes })
 */
export const createSubscriptionStep = createStep(
  createSubscriptionStepId,
  async (input: CreateSubscriptionStepInput, { container }) => {
    const billing: BillingModuleService = container.resolve(BILLING_MODULE)
    const [live] = await billing.listSubscriptions(
      { account_id: input.subscription.account_id, status: ["trialing", "active"] },
      { select: ["id"] }
    )
    if (live) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `the account already has subscription ${live.id}; change or cancel it instead`)
    }
    const sub = await billing.createSubscriptions({
      ...input.subscription,
      changes: input.changes.map((c) => ({ ...c, created_by: input.created_by ?? null })),
    } as any)
    return new StepResponse(sub, sub.id)
  },
  async (id, { container }) => {
    if (!id) return
    const billing: BillingModuleService = container.resolve(BILLING_MODULE)
    await billing.deleteSubscriptions(id)
  }
)
