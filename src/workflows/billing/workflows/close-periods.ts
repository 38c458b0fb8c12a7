import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { CallBillingEvents } from "../../../lib/constants"
import { finalizeInvoicesStep } from "../steps/finalize-invoices"
import { markCallsBilledStep } from "../steps/mark-calls-billed"
import { preparePeriodClosesStep, type PreparePeriodClosesInput } from "../steps/prepare-period-closes"
import { recordPeriodClosesStep } from "../steps/record-period-closes"
import { reopenStaleClosesStep } from "../steps/reopen-stale-closes"

export const closePeriodsWorkflowId = "close-periods"
/**
 * Closes the due periods of a batch of accounts (BILLING.md §1–§4): reads
 * and calculates, writes one close and draft invoice per account-period
 * (idempotent: a second run or worker writes nothing), marks the calls they
 * billed, and finalizes right away for accounts with auto-finalize.
 * A close whose usage changed between its read and its marks (a CDR stored
 * meanwhile) is undone and listed under `skipped`; the next run redoes it.
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
  const marks = markCallsBilledStep(
    transform({ prepared, results }, ({ prepared, results }) => {
      const byKey = new Map(results.map((r) => [`${r.account_id}\u0000${r.period_start}`, r]))
      return prepared.closes.flatMap((c) => {
        const r = byKey.get(`${c.record.account_id}\u0000${c.record.period_start}`)!
        if (!r.created) return []
        return c.windows.map((w) => ({
          account_id: w.account_id,
          from: w.from,
          to: w.to,
          billed_by: w.late ? r.debit_note_id! : r.invoice_id ?? r.period_id,
          events_from: w.events_from,
          expected: w.expected,
        }))
      })
    })
  )
  // usage that changed while the batch closed: those closes are undone and run again next time
  const stale = transform({ results, marks }, ({ results, marks }) => {
    const changed = new Set(marks.changed_account_ids)
    return results.filter((r) => r.created && changed.has(r.account_id))
  })
  reopenStaleClosesStep(transform({ stale }, ({ stale }) => ({ period_ids: stale.map((r) => r.period_id) })))
  // the closes that stand: written by this run and not undone
  const kept = transform({ results, stale }, ({ results, stale }) => {
    const undone = new Set(stale.map((r) => r.period_id))
    return results.filter((r) => r.created && !undone.has(r.period_id))
  })
  const finalized = finalizeInvoicesStep(
    transform({ prepared, kept }, ({ prepared, kept }) => {
      const auto = new Set(prepared.closes.filter((c) => c.auto_finalize).map((c) => c.record.account_id))
      return { ids: kept.filter((r) => auto.has(r.account_id)).flatMap((r) => [r.invoice_id, r.debit_note_id].filter((x): x is string => !!x)) }
    })
  )
  emitEventStep({
    eventName: CallBillingEvents.INVOICE_FINALIZED,
    data: transform({ finalized }, ({ finalized }) => finalized.map((i) => ({ id: i.id, number: i.number, account_id: i.account_id }))),
  })
  return new WorkflowResponse(
    transform({ prepared, results, stale, kept }, ({ prepared, results, stale, kept }) => {
      const codes = new Map(prepared.closes.map((c) => [c.record.account_id, c.code]))
      return {
        closed: kept,
        already_closed: results.filter((r) => !r.created).length,
        skipped: [
          ...prepared.skipped,
          ...stale.map((r) => ({
            account_id: r.account_id,
            code: codes.get(r.account_id) ?? "",
            reason: `usage changed while the period was closing (calls stored, re-rated or deleted meanwhile); the ${r.period_start} close was undone and runs again next time`,
          })),
        ],
        not_due: prepared.not_due,
        last_id: prepared.last_id,
      }
    })
  )
})
