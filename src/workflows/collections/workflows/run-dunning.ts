import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { CallBillingEvents } from "../../../lib/constants"
import { planDunningStep } from "../steps/plan-dunning"
import { recordDunningEventsStep } from "../steps/record-dunning-events"
import { setAccountStatusStep } from "../steps/set-account-status"

export const runDunningWorkflowId = "run-dunning"
/**
 * One dunning round: takes every policy step that has come due for unpaid
 * invoices (once per invoice and step, so running it twice does nothing
 * more), suspends the accounts that reached a suspend step (authorization
 * then refuses their calls) and emits `call_billing.account.suspended` and
 * `call_billing.dunning.step_taken` (`announce` on the latest step per
 * invoice: the one the tenant is told of, by a subscriber).
 *
 * @example
 * const { result } = await runDunningWorkflow(container).run({ input: { as_of: "2026-12-15T08:00:00Z" } })
 * // { taken: [{ invoice_id, step: "suspend", … }], suspended: ["bacct_1"] }
 */
export const runDunningWorkflow = createWorkflow(runDunningWorkflowId, (input: { as_of?: string | null; account_ids?: string[] | null }) => {
  const plan = planDunningStep(input)
  const fresh = recordDunningEventsStep(plan)
  const toSuspend = transform({ fresh }, ({ fresh }) => [...new Set(fresh.filter((e) => e.action === "suspend").map((e) => e.account_id))])
  // only accounts still active: an admin's suspension stays the admin's
  const suspended = setAccountStatusStep(
    transform({ toSuspend }, ({ toSuspend }) => ({
      ids: toSuspend,
      from: { status: "active" as const },
      to: { status: "suspended" as const, suspension_reason: "dunning" },
    }))
  )
  emitEventStep({
    eventName: CallBillingEvents.ACCOUNT_SUSPENDED,
    data: transform({ suspended, fresh }, ({ suspended, fresh }) =>
      suspended.map((id) => ({ account_id: id, reason: "dunning", dunning_event_id: fresh.find((e) => e.account_id === id && e.action === "suspend")!.id }))
    ),
  }).config({ name: "emit-accounts-suspended" })
  // the tenant hears of the latest step per invoice only (several come due at once
  // when the job was down); a subscriber sends it, so a mail failure never undoes a step
  emitEventStep({
    eventName: CallBillingEvents.DUNNING_STEP_TAKEN,
    data: transform({ fresh }, ({ fresh }) => {
      const latest = new Map<string, string>()
      const days = (e: (typeof fresh)[number]) => Number(e.detail?.days ?? 0)
      for (const e of fresh) {
        const prev = fresh.find((p) => p.id === latest.get(e.invoice_id!))
        if (!prev || days(e) >= days(prev)) latest.set(e.invoice_id!, e.id)
      }
      return fresh.map((e) => ({
        id: e.id,
        account_id: e.account_id,
        invoice_id: e.invoice_id,
        step: e.step,
        action: e.action,
        detail: e.detail,
        announce: latest.get(e.invoice_id!) === e.id,
      }))
    }),
  }).config({ name: "emit-dunning-steps" })
  return new WorkflowResponse(
    transform({ fresh, suspended }, ({ fresh, suspended }) => ({
      taken: fresh.map((e) => ({ id: e.id, account_id: e.account_id, invoice_id: e.invoice_id, step: e.step, action: e.action })),
      suspended,
    }))
  )
})
