import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../../modules/billing"
import type BillingModuleService from "../../../modules/billing/service"
import type { ChangeRow } from "../utils/subscription-changes"

export type ApplySubscriptionChangeStepInput = {
  subscription_id: string
  update: Record<string, unknown>
  changes: ChangeRow[]
  created_by?: string | null
  note?: string | null
}

export const applySubscriptionChangeStepId = "apply-subscription-change"
/**
 * Writes a subscription's new state and its dated change rows; the
 * compensation restores the state and removes the rows.
 *
 * @example
 * applySubscriptionChangeStep({ subscription_id: "bsub_1", update: { quantities: { seats: "15" } }, changes })
 */
export const applySubscriptionChangeStep = createStep(
  applySubscriptionChangeStepId,
  async (input: ApplySubscriptionChangeStepInput, { container }) => {
    const billing: BillingModuleService = container.resolve(BILLING_MODULE)
    const before = await billing.retrieveSubscription(input.subscription_id, {
      select: ["id", "plan_id", "status", "quantities", "cancel_at", "canceled_at", "trial_end"],
    })
    await billing.updateSubscriptions({ id: input.subscription_id, ...input.update } as any)
    const rows: Array<{ id: string }> = input.changes.length
      ? await billing.createSubscriptionChanges(
          input.changes.map((c) => ({ ...c, subscription_id: input.subscription_id, created_by: input.created_by ?? null, note: input.note ?? null })) as any[]
        )
      : []
    return new StepResponse(
      await billing.retrieveSubscription(input.subscription_id),
      { before, change_ids: rows.map((r) => r.id) }
    )
  },
  async (undo, { container }) => {
    if (!undo) return
    const billing: BillingModuleService = container.resolve(BILLING_MODULE)
    if (undo.change_ids.length) await billing.deleteSubscriptionChanges(undo.change_ids)
    await billing.updateSubscriptions(undo.before as any)
  }
)
