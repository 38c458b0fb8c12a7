import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { CallBillingEvents } from "../../../lib/constants"
import { finalizeInvoicesStep } from "../steps/finalize-invoices"
import { markCallsBilledStep } from "../steps/mark-calls-billed"
import { preparePeriodClosesStep, type PreparePeriodClosesInput } from "../steps/prepare-period-closes"
import { recordPeriodClosesStep } from "../steps/record-period-closes"

export const closePeriodsWorkflowId = "close-periods"
/**
 * Closes the due periods of a batch of accounts (BILLING.md §1–§4): reads
 * and calculates, writes one close and draft invoice per account-period
 * (idempotent: a second run or worker writes nothing), marks the calls they
 * billed, and finalizes right away for accounts with auto-finalize.
 * Accounts that cannot be billed (no issuing entity, no FX rate) are listed
 * under `skipped` with the reason and left open.
 *
 * @example
 * const { result } = await closePeriodsWorkflow(container).run({ input: { as_of: new Date(), limit: 250 } })
 * // { closed: [{ account_id, period_start, outcome: "invoice", invoice_id }], skipped: [], last_id: null }
 */
export const closePeriodsWorkflow = createWorkflow(closePeriodsWorkflowId, (input: PreparePeriodClosesInput) => {
  const prepared = preparePeriodClosesStep(input)
  const results = recordPeriodClosesStep(transform({ prepared }, ({ prepared }) => prepared.closes.map((c) => c.record)))
  markCallsBilledStep(
    transform({ prepared, results }, ({ prepared, results }) =>
      prepared.closes.flatMap((c, i) => {
        const r = results.find((x) => x.account_id === c.record.account_id && x.period_start === c.record.period_start)!
        if (!r.created) return []
        return c.windows.map((w) => ({
          account_id: w.account_id,
          from: w.from,
          to: w.to,
          billed_by: w.late ? r.debit_note_id! : r.invoice_id ?? r.period_id,
        }))
      })
    )
  )
  const finalized = finalizeInvoicesStep(
    transform({ prepared, results }, ({ prepared, results }) => ({
      ids: results
        .filter((r) => r.created && prepared.closes.find((c) => c.record.account_id === r.account_id)?.auto_finalize)
        .flatMap((r) => [r.invoice_id, r.debit_note_id].filter((x): x is string => !!x)),
    }))
  )
  emitEventStep({
    eventName: CallBillingEvents.INVOICE_FINALIZED,
    data: transform({ finalized }, ({ finalized }) => finalized.map((i) => ({ id: i.id, number: i.number, account_id: i.account_id }))),
  })
  return new WorkflowResponse(
    transform({ prepared, results }, ({ prepared, results }) => ({
      closed: results.filter((r) => r.created),
      already_closed: results.filter((r) => !r.created).length,
      skipped: prepared.skipped,
      last_id: prepared.last_id,
    }))
  )
})
