import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../../modules/billing"
import type BillingModuleService from "../../../modules/billing/service"

export type ChangeAccountStatusInput = {
  ids: string[]
  from: { status: "active" | "suspended"; suspension_reason?: string | null }
  to: { status: "active" | "suspended"; suspension_reason: string | null }
}

export const setAccountStatusStepId = "set-account-status"
/**
 * Suspends or reactivates accounts that are still in the `from` state (a
 * suspended account's calls are refused by authorization, BILLING.md §6) and
 * returns the ids it changed: of two runs racing on one account, only one
 * changes it and reports it. Compensation moves those back.
 *
 * @example
 * const changed = setAccountStatusStep({ ids: ["bacct_1"], from: { status: "active" }, to: { status: "suspended", suspension_reason: "dunning" } })
 */
export const setAccountStatusStep = createStep(
  setAccountStatusStepId,
  async (input: ChangeAccountStatusInput, { container }) => {
    const billing: BillingModuleService = container.resolve(BILLING_MODULE)
    const changed = await billing.changeAccountStatus(input.ids, input.from, input.to)
    return new StepResponse(changed, { ids: changed, back: { status: input.from.status, suspension_reason: input.from.suspension_reason ?? null }, now: input.to })
  },
  async (undo, { container }) => {
    if (!undo?.ids.length) return
    const billing: BillingModuleService = container.resolve(BILLING_MODULE)
    await billing.changeAccountStatus(undo.ids, undo.now, undo.back)
  }
)
