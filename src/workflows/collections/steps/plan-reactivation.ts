import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../../modules/billing"
import type BillingModuleService from "../../../modules/billing/service"

export const planReactivationStepId = "plan-reactivation"
/**
 * Of the given accounts, those suspended by dunning that no longer have an
 * open invoice past its suspension step (paid, credited, voided or written
 * off): they may call again. Accounts an admin suspended are left alone.
 * Reads only.
 *
 * @example
 * const ids = planReactivationStep({ account_ids: ["bacct_1"] })
 */
export const planReactivationStep = createStep(planReactivationStepId, async (input: { account_ids: string[] }, { container }) => {
  const billing: BillingModuleService = container.resolve(BILLING_MODULE)
  if (!input.account_ids.length) return new StepResponse([] as string[])
  const accounts = await billing.listBillingAccounts(
    { id: input.account_ids, status: "suspended", suspension_reason: "dunning" },
    { select: ["id"] }
  )
  if (!accounts.length) return new StepResponse([] as string[])
  const ids = accounts.map((a) => a.id)
  const suspending = await billing.listDunningEvents({ account_id: ids, action: "suspend" }, { select: ["account_id", "invoice_id"] })
  const invoiceIds = [...new Set(suspending.map((e) => e.invoice_id).filter((i): i is string => !!i))]
  const stillOpen = invoiceIds.length
    ? await billing.listInvoices({ id: invoiceIds, status: ["finalized", "partially_paid"] }, { select: ["id", "account_id"] })
    : []
  return new StepResponse(ids.filter((id) => !stillOpen.some((i) => i.account_id === id)))
})
