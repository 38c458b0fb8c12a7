import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { METERING_MODULE } from "../../../modules/metering"
import type { BillingMark } from "../../../modules/metering/billing-queries"
import type MeteringModuleService from "../../../modules/metering/service"

export type MarkCallsBilledStepInput = BillingMark[]

export type MarkCallsBilledStepOutput = {
  marked: number
  /** accounts whose usage changed after the close counted it: nothing of theirs is marked */
  changed_account_ids: string[]
}

export const markCallsBilledStepId = "mark-calls-billed"
/**
 * Marks the calls (and meter events) a close accounted for with the document that took them
 * (invoice, debit note, or the period itself when nothing was issued), so a
 * re-rate leaves them alone and late usage is told apart. When a window's
 * usage is no longer what the close counted (a CDR or event stored, a call
 * re-rated while it ran), none of its account's windows stays marked and the
 * account is returned, for the workflow to reopen. Compensation clears the
 * marks.
 *
 * @example
 * markCallsBilledStep([{ account_id, from, to, events_from, billed_by: "binv_1", expected: { calls: 3, rated_seconds: 300, amount: "0.05", events: 0, quantity: "0" } }])
 */
export const markCallsBilledStep = createStep(
  markCallsBilledStepId,
  async (marks: MarkCallsBilledStepInput, { container }) => {
    const metering: MeteringModuleService = container.resolve(METERING_MODULE)
    const { marked, changed } = await metering.markBilled(
      marks.map((m) => ({ ...m, from: new Date(m.from), to: new Date(m.to), events_from: m.events_from ? new Date(m.events_from) : null }))
    )
    const out: MarkCallsBilledStepOutput = { marked, changed_account_ids: [...new Set(changed.map((m) => m.account_id))] }
    return new StepResponse(out, [...new Set(marks.map((m) => m.billed_by))])
  },
  async (billedBy, { container }) => {
    if (!billedBy?.length) return
    const metering: MeteringModuleService = container.resolve(METERING_MODULE)
    await metering.unmarkBilled(billedBy)
  }
)
