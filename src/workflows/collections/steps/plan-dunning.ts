import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { DateTime } from "luxon"
import { exactOf } from "../../../lib/big-number"
import { BILLING_MODULE } from "../../../modules/billing"
import { currencyDecimals } from "../../../modules/billing/calc"
import { dueSteps, policyFor, type DunningPolicyLike } from "../../../modules/billing/dunning/policy"
import type BillingModuleService from "../../../modules/billing/service"

export type DunningPlanEntry = {
  account_id: string
  invoice_id: string
  step: string
  action: string
  detail: Record<string, unknown>
}

export const planDunningStepId = "plan-dunning"
/**
 * Reads every open invoice with a due date (finalized or partly paid,
 * something still due) of accounts whose dunning is not paused, and lists
 * the policy steps due for each today in the account's time zone. Reads
 * only; `record-dunning-events` keeps the new ones.
 *
 * @example
 * const entries = planDunningStep({ as_of: "2026-11-22T09:00:00Z" })
 */
export const planDunningStep = createStep(planDunningStepId, async (input: { as_of?: string | null; account_ids?: string[] | null }, { container }) => {
  const billing: BillingModuleService = container.resolve(BILLING_MODULE)
  const at = input.as_of ? DateTime.fromISO(input.as_of, { zone: "UTC" }) : DateTime.utc()
  const invoices = await billing.listInvoices(
    { status: ["finalized", "partially_paid"], ...(input.account_ids?.length ? { account_id: input.account_ids } : {}) },
    { select: ["id", "account_id", "number", "due_date", "currency_code", "total", "amount_paid", "amount_credited"] }
  )
  const open = invoices.filter((i: any) => i.due_date)
  if (!open.length) return new StepResponse([] as DunningPlanEntry[])
  const accounts = await billing.listBillingAccounts(
    { id: [...new Set(open.map((i) => i.account_id))] },
    { select: ["id", "entity_id", "timezone", "status", "dunning_paused"] }
  )
  const policies = (await billing.listDunningPolicies({ active: true })) as unknown as DunningPolicyLike[]
  const entries: DunningPlanEntry[] = []
  for (const inv of open as any[]) {
    const account: any = accounts.find((a) => a.id === inv.account_id)
    if (!account || account.dunning_paused || account.status === "closed") continue
    const dp = currencyDecimals(inv.currency_code)
    const due = exactOf(inv, "total").minus(exactOf(inv, "amount_paid")).minus(exactOf(inv, "amount_credited"))
    if (due.lte(0)) continue
    const today = at.setZone(account.timezone).toISODate()!
    const policy = policyFor(account, policies)
    for (const s of dueSteps(policy, inv.due_date, today)) {
      entries.push({
        account_id: account.id,
        invoice_id: inv.id,
        step: s.code,
        action: s.action,
        detail: {
          days: s.days,
          on: today,
          due_date: inv.due_date,
          invoice_number: inv.number,
          amount_due: due.toFixed(dp),
          currency_code: inv.currency_code,
          policy_id: policy.id,
        },
      })
    }
  }
  return new StepResponse(entries)
})
