import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { METERING_MODULE } from "../../../modules/metering"
import type { PeriodWindow } from "../../../modules/metering/billing-queries"
import type MeteringModuleService from "../../../modules/metering/service"

export type MarkCallsBilledStepInput = Array<PeriodWindow & { billed_by: string }>

export const markCallsBilledStepId = "mark-calls-billed"
/**
 * Marks the calls a close accounted for with the document that took them
 * (invoice, debit note, or the period itself when nothing was issued), so a
 * re-rate leaves them alone and late usage is told apart. Compensation
 * clears the marks.
 *
 * @example
 * markCallsBilledStep([{ account_id, from, to, billed_by: "binv_1" }])
 */
export const markCallsBilledStep = createStep(
  markCallsBilledStepId,
  async (marks: MarkCallsBilledStepInput, { container }) => {
    const metering: MeteringModuleService = container.resolve(METERING_MODULE)
    const windows = marks.map((m) => ({ ...m, from: new Date(m.from), to: new Date(m.to) }))
    const count = await metering.markBilled(windows)
    return new StepResponse(count, [...new Set(marks.map((m) => m.billed_by))])
  },
  async (billedBy, { container }) => {
    if (!billedBy?.length) return
    const metering: MeteringModuleService = container.resolve(METERING_MODULE)
    await metering.unmarkBilled(billedBy)
  }
)
