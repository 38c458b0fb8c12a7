import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../../modules/billing"
import type BillingModuleService from "../../../modules/billing/service"

export type SetAccountStatusInput = Array<{ id: string; status: "active" | "suspended"; suspension_reason: string | null }>

export const setAccountStatusStepId = "set-account-status"
/**
 * Suspends or reactivates accounts (a suspended account's calls are refused
 * by authorization, BILLING.md §6). Compensation restores what they were.
 *
 * @example
 * setAccountStatusStep([{ id: "bacct_1", status: "suspended", suspension_reason: "dunning" }])
 */
export const setAccountStatusStep = createStep(
  setAccountStatusStepId,
  async (input: SetAccountStatusInput, { container }) => {
    if (!input.length) return new StepResponse([] as string[], [])
    const billing: BillingModuleService = container.resolve(BILLING_MODULE)
    const before = await billing.listBillingAccounts({ id: input.map((i) => i.id) }, { select: ["id", "status", "suspension_reason"] })
    await billing.updateBillingAccounts(input.map((i) => ({ id: i.id, status: i.status, suspension_reason: i.suspension_reason })))
    return new StepResponse(
      input.map((i) => i.id),
      before.map((b: any) => ({ id: b.id, status: b.status, suspension_reason: b.suspension_reason }))
    )
  },
  async (before, { container }) => {
    if (!before?.length) return
    const billing: BillingModuleService = container.resolve(BILLING_MODULE)
    await billing.updateBillingAccounts(before as any)
  }
)
