import { emitEventStep, useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { CallBillingEvents } from "../../../lib/constants"
import { planDunningStep } from "../steps/plan-dunning"
import { recordDunningEventsStep } from "../steps/record-dunning-events"
import { setAccountStatusStep } from "../steps/set-account-status"
import { sendBillingNotificationsWorkflow } from "./send-billing-notifications"

export const runDunningWorkflowId = "run-dunning"
/**
 * One dunning round: takes every policy step that has come due for unpaid
 * invoices (once per invoice and step, so running it twice does nothing
 * more), notifies the tenant of the latest step per invoice, suspends the
 * accounts that reached a suspend step (authorization then refuses their
 * calls) and emits `call_billing.dunning.step_taken` and
 * `call_billing.account.suspended`.
 *
 * @example
 * const { result } = await runDunningWorkflow(container).run({ input: { as_of: "2026-12-15T08:00:00Z" } })
 * // { taken: [{ invoice_id, step: "suspend", … }], suspended: ["bacct_1"] }
 */
export const runDunningWorkflow = createWorkflow(runDunningWorkflowId, (input: { as_of?: string | null; account_ids?: string[] | null }) => {
  const plan = planDunningStep(input)
  const fresh = recordDunningEventsStep(plan)
  const accountIds = transform({ fresh }, ({ fresh }) => [...new Set(fresh.filter((e) => e.action === "suspend").map((e) => e.account_id)), "-"])
  const { data: accounts } = useQueryGraphStep({
    entity: "billing_account",
    fields: ["id", "status"],
    filters: { id: accountIds },
  }).config({ name: "dunning-accounts" })
  const toSuspend = transform({ fresh, accounts }, ({ fresh, accounts }) => {
    const reasons = new Map<string, string>()
    for (const e of fresh) if (e.action === "suspend") reasons.set(e.account_id, e.id)
    return (accounts as any[])
      .filter((a) => a.status === "active" && reasons.has(a.id))
      .map((a) => ({ id: a.id, status: "suspended" as const, suspension_reason: "dunning", dunning_event_id: reasons.get(a.id)! }))
  })
  setAccountStatusStep(transform({ toSuspend }, ({ toSuspend }) => toSuspend.map(({ dunning_event_id, ...s }) => s)))
  emitEventStep({
    eventName: CallBillingEvents.DUNNING_STEP_TAKEN,
    data: transform({ fresh }, ({ fresh }) => fresh.map((e) => ({ id: e.id, account_id: e.account_id, invoice_id: e.invoice_id, step: e.step, action: e.action }))),
  }).config({ name: "emit-dunning-steps" })
  emitEventStep({
    eventName: CallBillingEvents.ACCOUNT_SUSPENDED,
    data: transform({ toSuspend }, ({ toSuspend }) => toSuspend.map((s) => ({ account_id: s.id, reason: "dunning", dunning_event_id: s.dunning_event_id }))),
  }).config({ name: "emit-accounts-suspended" })
  sendBillingNotificationsWorkflow.runAsStep({
    input: transform({ fresh }, ({ fresh }) => {
      // several steps due at once (the job was down): announce only the latest per invoice
      const latest = new Map<string, (typeof fresh)[number]>()
      for (const e of fresh) {
        const prev = latest.get(e.invoice_id!)
        if (!prev || (e.detail?.days ?? 0) >= (prev.detail?.days ?? 0)) latest.set(e.invoice_id!, e)
      }
      const kind = (a: string) => (a === "suspend" ? "suspension" : a) as "reminder" | "overdue" | "warning" | "suspension"
      return {
        notifications: [...latest.values()].map((e) => ({
          kind: kind(e.action),
          account_id: e.account_id,
          key: `dunning:${e.id}`,
          data: { ...(e.detail ?? {}), days: Math.abs(Number(e.detail?.days ?? 0)) },
        })),
      }
    }),
  })
  return new WorkflowResponse(
    transform({ fresh, toSuspend }, ({ fresh, toSuspend }) => ({
      taken: fresh.map((e) => ({ id: e.id, account_id: e.account_id, invoice_id: e.invoice_id, step: e.step, action: e.action })),
      suspended: toSuspend.map((s) => s.id),
    }))
  )
})
