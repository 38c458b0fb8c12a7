import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../../modules/billing"
import type BillingModuleService from "../../../modules/billing/service"
import type { PeriodCloseRecord } from "../../../modules/billing/types"

export const recordPeriodClosesStepId = "record-period-closes"
/**
 * Writes prepared closes: one period row and its draft documents per
 * account-period, never two (the module checks under a per-account lock).
 * Compensation reopens the closes this run created.
 *
 * @example
 * const results = recordPeriodClosesStep(records)
 */
export const recordPeriodClosesStep = createStep(
  recordPeriodClosesStepId,
  async (records: PeriodCloseRecord[], { container }) => {
    const billing: BillingModuleService = container.resolve(BILLING_MODULE)
    const results = records.length ? await billing.recordPeriodCloses(records) : []
    return new StepResponse(results, results.filter((r) => r.created).map((r) => r.period_id))
  },
  async (created, { container }) => {
    if (!created?.length) return
    const billing: BillingModuleService = container.resolve(BILLING_MODULE)
    // a stale close may already be reopened by the run itself
    const left = new Set((await billing.listBillingPeriods({ id: created }, { select: ["id"] })).map((p) => p.id))
    // newest first: a later period must be reopened before an earlier one
    for (const id of [...created].reverse()) if (left.has(id)) await billing.reopenPeriodClose(id)
  }
)
