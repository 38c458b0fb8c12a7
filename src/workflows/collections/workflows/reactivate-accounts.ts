import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { CallBillingEvents } from "../../../lib/constants"
import { planReactivationStep } from "../steps/plan-reactivation"
import { recordDunningEventsStep } from "../steps/record-dunning-events"
import { setAccountStatusStep } from "../steps/set-account-status"

export const reactivateAccountsWorkflowId = "reactivate-accounts"
/**
 * Lifts dunning suspensions once nothing that caused them is open any more
 * (runs when an invoice is paid, credited, voided or written off): the
 * account is active again, the timeline says so and
 * `call_billing.account.reactivated` is emitted (a subscriber tells the
 * tenant).
 *
 * @example
 * const { result } = await reactivateAccountsWorkflow(container).run({ input: { account_ids: ["bacct_1"] } })
 * // { reactivated: ["bacct_1"] }
 */
export const reactivateAccountsWorkflow = createWorkflow(reactivateAccountsWorkflowId, (input: { account_ids: string[] }) => {
  const planned = planReactivationStep(input)
  // only what is still suspended by dunning: of two runs racing, one lifts it and says so
  const ids = setAccountStatusStep(
    transform({ planned }, ({ planned }) => ({
      ids: planned,
      from: { status: "suspended" as const, suspension_reason: "dunning" },
      to: { status: "active" as const, suspension_reason: null },
    }))
  )
  const entries = recordDunningEventsStep(
    transform({ ids }, ({ ids }) => ids.map((id) => ({ account_id: id, invoice_id: null, step: "reactivated", action: "reactivate" })))
  )
  emitEventStep({
    eventName: CallBillingEvents.ACCOUNT_REACTIVATED,
    data: transform({ entries }, ({ entries }) => entries.map((e) => ({ account_id: e.account_id, reason: "paid", dunning_event_id: e.id }))),
  }).config({ name: "emit-accounts-reactivated" })
  return new WorkflowResponse(transform({ ids }, ({ ids }) => ({ reactivated: ids })))
})
