import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { DateTime } from "luxon"
import { exactOf } from "../../../../../../lib/big-number"
import { BILLING_MODULE } from "../../../../../../modules/billing"
import { currencyDecimals } from "../../../../../../modules/billing/calc"
import { daysPastDue, dueSteps, policyFor, type DunningPolicyLike } from "../../../../../../modules/billing/dunning/policy"
import type BillingModuleService from "../../../../../../modules/billing/service"
import { setDunningPausedWorkflow } from "../../../../../../workflows/collections"
import type { AdminSetDunningType } from "../../../collections/validators"

async function dunningView(billing: BillingModuleService, id: string) {
  const account: any = await billing.retrieveBillingAccount(id)
  const policies = (await billing.listDunningPolicies({ active: true })) as unknown as DunningPolicyLike[]
  const policy = policyFor(account, policies)
  const today = DateTime.utc().setZone(account.timezone).toISODate()!
  const invoices = await billing.listInvoices({ account_id: id, status: ["finalized", "partially_paid"] }, { order: { due_date: "ASC" } })
  const timeline = await billing.listDunningEvents({ account_id: id }, { order: { occurred_at: "DESC" }, take: 200 })
  const taken = new Set(timeline.map((e) => `${e.invoice_id}:${e.step}`))
  return {
    account_id: id,
    status: account.status,
    suspension_reason: account.suspension_reason ?? null,
    paused: !!account.dunning_paused,
    policy,
    open_invoices: invoices
      .filter((i: any) => i.due_date)
      .map((i: any) => {
        const dp = currencyDecimals(i.currency_code)
        const next = [...policy.steps].sort((a, b) => a.days - b.days).find((s) => !taken.has(`${i.id}:${s.code}`))
        const nextDay = next
          ? DateTime.fromISO(i.due_date).plus({ days: next.days + (next.days > 0 ? policy.grace_days : 0) }).toISODate()
          : null
        return {
          id: i.id,
          number: i.number,
          due_date: i.due_date,
          amount_due: exactOf(i, "total").minus(exactOf(i, "amount_paid")).minus(exactOf(i, "amount_credited")).toFixed(dp),
          currency_code: i.currency_code,
          days_past_due: daysPastDue(i.due_date, today),
          steps_due_now: dueSteps(policy, i.due_date, today).filter((s) => !taken.has(`${i.id}:${s.code}`)).map((s) => s.code),
          next_step: next ? { ...next, on: nextDay } : null,
        }
      }),
    timeline,
  }
}

/** An account's dunning state: policy in force, open invoices with their next step, and the timeline. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json({ dunning: await dunningView(req.scope.resolve(BILLING_MODULE), req.params.id) })
}

/** Pauses or resumes the account's dunning. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminSetDunningType>, res: MedusaResponse) => {
  const billing: BillingModuleService = req.scope.resolve(BILLING_MODULE)
  await billing.retrieveBillingAccount(req.params.id, { select: ["id"] })
  await setDunningPausedWorkflow(req.scope).run({
    input: { account_id: req.params.id, paused: req.validatedBody.paused, note: req.validatedBody.note ?? null, actor: req.auth_context?.actor_id ?? null },
  })
  res.json({ dunning: await dunningView(billing, req.params.id) })
}
