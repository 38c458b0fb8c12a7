import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../../modules/billing"
import type BillingModuleService from "../../../modules/billing/service"
import { lockMarksForRerate } from "../../../modules/metering/billing-queries"
import type { CdrRecord } from "../../../modules/metering/formats"
import type { StagedCall } from "../../../modules/metering/types"
import {
  applyInvoicedRatings,
  applyRatings,
  invoicedCalls,
  createRerateTable,
  pgConnection,
  rerateBaseline,
  uninvoicedCalls,
  uninvoicedTotal,
  type Knex,
} from "../utils/reprocess-sql"
import { UsageRater } from "../utils/usage-rater"
import { containerRaterSource } from "../utils/rater-source"
import Decimal from "decimal.js"

const sumDecimal = (a: string, b: string) => new Decimal(a).plus(b).toFixed()
const isZero = (a: string) => new Decimal(a).isZero()

export type RerateCallsStepInput = {
  account_id: string
  /** calls answered (or, unanswered, started) at or after this instant … */
  from: Date | string
  /** … and before this one */
  to: Date | string
  actor?: string | null
  /**
   * also re-rate calls that finalized invoices billed, and report per invoice
   * how much their charges moved (the workflow turns that into debit or
   * credit notes); default false: invoiced calls are left alone
   */
  adjust_invoiced?: boolean
}

export type RerateReport = {
  account_id: string
  from: string
  to: string
  /** calls answered in the window, or started in it when unanswered (= changed + unchanged + failed_count + skipped_invoiced) */
  count: number
  /** calls whose stored rating moved: charge, cost or trace (e.g. now rated by a newer version) */
  changed: number
  /** of those, the calls whose charge moved */
  charge_changed: number
  unchanged: number
  /** calls already on an invoice: not touched (a credit or debit note corrects those) */
  skipped_invoiced: number
  /** the invoices holding the skipped calls (first 1,000) */
  skipped_invoice_ids: string[]
  /** calls that no longer rate; left as they were (first 1,000 listed) */
  failed: Array<{ id: string; call_id: string; source: string; reason: string; details: string | null }>
  failed_count: number
  /** total charge of the calls that are not invoiced, before and after (exact decimals) */
  old_total: string
  new_total: string
  currency: string
  /** with adjust_invoiced: invoiced calls re-rated, and per finalized invoice the change of their charges */
  invoiced_changed: number
  adjustments: Array<{ invoice_id: string; delta: string; calls: number }>
}

const CHUNK = 10_000
const MAX_LISTED = 1000

export const rerateCallsStepId = "rerate-calls"
/**
 * Rates an account's stored calls answered in [from, to) (started, when
 * never answered) again against the
 * cards as they are now, and updates those whose rating moved, set-based (a
 * temp table and one UPDATE per 10,000 calls), in one transaction under a
 * lock on the account. Invoiced calls are never touched; calls that no
 * longer rate keep their rating and are reported. Running it twice changes
 * nothing the second time.
 *
 * No compensation: the step is one transaction, so it either changed
 * everything it reports or nothing.
 *
 * @example
 * const report = rerateCallsStep({ account_id: "bacc_1", from: "2026-03-01T00:00:00Z", to: "2026-04-01T00:00:00Z" })
 * // { count: 21, changed: 12, unchanged: 7, skipped_invoiced: 2, old_total: "1.6408", new_total: "1.9012", … }
 */
export const rerateCallsStep = createStep(rerateCallsStepId, async (input: RerateCallsStepInput, { container }) => {
  const from = new Date(input.from)
  const to = new Date(input.to)
  if (isNaN(from.getTime()) || isNaN(to.getTime()) || !(from < to)) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "from must be an instant before to")
  }
  const billing: BillingModuleService = container.resolve(BILLING_MODULE)
  const [account] = await billing.listBillingAccounts({ id: input.account_id }, { select: ["id", "code", "currency_code"] })
  if (!account) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Billing account with id: ${input.account_id} was not found`)
  }
  const window = { account_id: account.id, from, to }
  const rater = new UsageRater(containerRaterSource(container))
  const knex = pgConnection(container)

  const report = await knex.transaction(async (trx: Knex) => {
    // one re-rate of an account at a time; imports and other accounts go on
    await trx.raw(`SELECT pg_advisory_xact_lock(hashtext(?))`, [`call_billing:rerate:${account.id}`])
    // no close marks or unmarks this account's calls while the re-rate reads and moves charges (it waits for one doing so now)
    await lockMarksForRerate(trx, account.id)
    const before = await rerateBaseline(trx, window)
    await createRerateTable(trx)

    let changed = 0
    let chargeChanged = 0
    let rated = 0
    let failedCount = 0
    const failed: RerateReport["failed"] = []
    let after = ""
    for (;;) {
      const rows = await uninvoicedCalls(trx, window, after, CHUNK)
      if (!rows.length) break
      after = rows[rows.length - 1].id
      const { updates, exceptions } = await ratePage(rater, rows, account.code)
      for (const e of exceptions) {
        failedCount++
        if (failed.length < MAX_LISTED) failed.push(e)
      }
      rated += updates.length
      const applied = await applyRatings(trx, updates)
      changed += applied.changed
      chargeChanged += applied.charge_changed
      if (rows.length < CHUNK) break
    }

    // calls of finalized invoices: re-rated too when asked, their movement reported per invoice
    let invoicedChanged = 0
    const adjustments: RerateReport["adjustments"] = []
    const finalized = input.adjust_invoiced && before.invoice_ids.length
      ? (await billing.listInvoices({ id: before.invoice_ids, status: ["finalized", "partially_paid", "paid"] }, { select: ["id"] })).map((i) => i.id)
      : []
    let afterInvoiced = ""
    let invoicedSeen = 0
    for (;;) {
      const rows = await invoicedCalls(trx, window, finalized, afterInvoiced, CHUNK)
      if (!rows.length) break
      afterInvoiced = rows[rows.length - 1].id
      invoicedSeen += rows.length
      // a call of an invoice that no longer rates keeps its rating (nothing to correct)
      const { updates } = await ratePage(rater, rows, account.code)
      const applied = await applyInvoicedRatings(trx, updates, finalized)
      invoicedChanged += applied.changed
      for (const d of applied.deltas) {
        const prev = adjustments.find((a) => a.invoice_id === d.invoice_id)
        if (prev) {
          prev.delta = sumDecimal(prev.delta, d.delta)
          prev.calls += d.calls
        } else adjustments.push({ ...d })
      }
      if (rows.length < CHUNK) break
    }

    const newTotal = await uninvoicedTotal(trx, window)
    return {
      account_id: account.id,
      from: from.toISOString(),
      to: to.toISOString(),
      count: before.count,
      changed,
      charge_changed: chargeChanged,
      unchanged: rated - changed,
      skipped_invoiced: before.invoiced - invoicedSeen,
      skipped_invoice_ids: before.invoice_ids.filter((id) => !finalized.includes(id)),
      failed,
      failed_count: failedCount,
      old_total: before.total,
      new_total: newTotal,
      currency: account.currency_code,
      invoiced_changed: invoicedChanged,
      adjustments: adjustments.filter((a) => !isZero(a.delta)),
    } satisfies RerateReport
  })
  return new StepResponse(report)
})

/** Rates a page of stored calls again (a rater context per source, half of the dedupe key; lines are positions in the page). */
async function ratePage(rater: UsageRater, rows: Array<Record<string, any>>, accountCode: string) {
  const updates: Array<{ id: string; call: StagedCall }> = []
  const exceptions: RerateReport["failed"] = []
  const bySource = new Map<string, CdrRecord[]>()
  rows.forEach((row, i) => {
    const list = bySource.get(row.source) ?? []
    list.push(storedCdr(row, accountCode, i + 1))
    bySource.set(row.source, list)
  })
  for (const [source, cdrs] of bySource) {
    const result = await rater.rateCalls(cdrs, { source, format: null })
    for (const c of result.calls ?? []) updates.push({ id: rows[c.line! - 1].id, call: c })
    for (const e of result.exceptions ?? []) {
      const row = rows[e.line! - 1]
      exceptions.push({ id: row.id, call_id: row.call_id, source: row.source, reason: e.reason, details: e.details })
    }
  }
  return { updates, exceptions }
}

/** A stored call as the record the rater takes (the account by its code now). */
function storedCdr(row: Record<string, any>, accountCode: string, line: number): CdrRecord {
  const date = (v: unknown) => (v ? new Date(v as string) : null)
  return {
    line,
    call_id: row.call_id,
    account: accountCode,
    direction: row.direction,
    caller: row.caller,
    callee: row.callee,
    answer_time: date(row.answer_time),
    start_time: date(row.start_time),
    end_time: date(row.end_time),
    duration: row.duration,
    billsec: row.billsec,
    disposition: row.disposition,
    campaign: row.campaign,
    agent: row.agent,
    queue: row.queue,
    trunk: row.trunk,
    carrier: row.carrier,
    x: row.metadata ?? {},
    fields: [],
  }
}
