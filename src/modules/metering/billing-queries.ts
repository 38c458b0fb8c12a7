/**
 * Set-based reads (and the one write) that billing needs from usage: the
 * aggregates a period close is built from, the unbilled total a credit limit
 * is checked against, and the charges a prepaid wallet is debited with.
 * Plain SQL over the module's own tables (DESIGN.md principle 6); the
 * service exposes each as a method. Money comes back as exact strings.
 */
import type { Knex } from "@medusajs/framework/mikro-orm/knex"

/** A call's billing moment: answer time, or start time for unanswered calls charged anyway. */
const CALL_TIME = "COALESCE(answer_time, start_time)"

export type UsageGroupRow = {
  account_id: string
  direction: "outbound" | "inbound"
  destination_group: string | null
  currency: string
  calls: number
  rated_seconds: number
  amount: string
  /** calls rated by a card in another currency, converted at `fx_rate` when rated: their original currency and sum */
  original_currency: string | null
  fx_rate: string | null
  original_amount: string | null
}

export type PeriodWindow = { account_id: string; from: Date; to: Date }

export async function sumUnbilledCharges(knex: Knex, accountId: string): Promise<string> {
  const res = await knex.raw(
    `SELECT COALESCE(SUM(charge), 0)::text AS total FROM call_billing_call
      WHERE account_id = ? AND invoice_id IS NULL AND deleted_at IS NULL`,
    [accountId]
  )
  return res.rows[0].total
}

/** Σ charge per account of the calls one import stored, for the given accounts only. */
export async function sumImportCharges(knex: Knex, jobId: string, accountIds: string[]): Promise<Array<{ account_id: string; total: string }>> {
  if (!accountIds.length) return []
  const res = await knex.raw(
    `SELECT account_id, COALESCE(SUM(charge), 0)::text AS total FROM call_billing_call
      WHERE import_job_id = ? AND account_id = ANY(?) AND deleted_at IS NULL GROUP BY account_id`,
    [jobId, accountIds]
  )
  return res.rows
}

/** Windows as a VALUES list joined in SQL: one statement for a whole batch of accounts. */
function windowsSql(windows: PeriodWindow[]): { sql: string; params: unknown[] } {
  const params: unknown[] = []
  const rows = windows.map((w) => {
    params.push(w.account_id, w.from.toISOString(), w.to.toISOString())
    return "(?::text, ?::timestamptz, ?::timestamptz)"
  })
  return { sql: `(VALUES ${rows.join(", ")}) AS w(account_id, t_from, t_to)`, params }
}

export async function usageGroups(knex: Knex, windows: PeriodWindow[]): Promise<UsageGroupRow[]> {
  if (!windows.length) return []
  const w = windowsSql(windows)
  const res = await knex.raw(
    `SELECT c.account_id, c.direction, c.destination_group, c.currency,
            COUNT(*)::int AS calls, COALESCE(SUM(c.rated_seconds), 0)::bigint::text AS rated_seconds,
            COALESCE(SUM(c.charge), 0)::text AS amount,
            c.original_currency, c.fx_rate::text AS fx_rate, SUM(c.original_charge)::text AS original_amount
       FROM ${w.sql}
       JOIN call_billing_call c ON c.account_id = w.account_id
        AND ${CALL_TIME} >= w.t_from AND ${CALL_TIME} < w.t_to AND c.invoice_id IS NULL AND c.deleted_at IS NULL
      GROUP BY 1, 2, 3, 4, 8, 9
      ORDER BY 1, 2, 3 NULLS FIRST, 4, 8 NULLS FIRST, 9 NULLS FIRST`,
    w.params as any[]
  )
  return res.rows.map((r: any) => ({ ...r, rated_seconds: Number(r.rated_seconds) }))
}

/**
 * The largest number of an account's calls whose [start, end) overlap in the
 * window (BILLING.md §3): a sweep over +1/−1 events, ends before starts at
 * the same instant (half-open intervals do not overlap at their edge).
 */
export async function peakConcurrency(knex: Knex, windows: PeriodWindow[]): Promise<Map<string, number>> {
  const out = new Map<string, number>()
  if (!windows.length) return out
  const w = windowsSql(windows)
  const res = await knex.raw(
    `WITH spans AS (
       SELECT c.account_id,
              COALESCE(c.start_time, c.answer_time) AS s,
              COALESCE(c.end_time, c.answer_time + make_interval(secs => c.billsec)) AS e
         FROM ${w.sql}
         JOIN call_billing_call c ON c.account_id = w.account_id
          AND ${CALL_TIME} >= w.t_from AND ${CALL_TIME} < w.t_to AND c.deleted_at IS NULL
        WHERE COALESCE(c.start_time, c.answer_time) IS NOT NULL
     ), ev AS (
       SELECT account_id, s AS t, 1 AS d FROM spans WHERE e > s
       UNION ALL
       SELECT account_id, e AS t, -1 AS d FROM spans WHERE e > s
     ), run AS (
       SELECT account_id, SUM(d) OVER (PARTITION BY account_id ORDER BY t, d ROWS UNBOUNDED PRECEDING) AS n FROM ev
     )
     SELECT account_id, MAX(n)::int AS peak FROM run GROUP BY account_id`,
    w.params as any[]
  )
  for (const r of res.rows) out.set(r.account_id, r.peak)
  return out
}

export async function metricTotals(
  knex: Knex,
  windows: PeriodWindow[]
): Promise<Array<{ account_id: string; metric: string; quantity: string }>> {
  if (!windows.length) return []
  const w = windowsSql(windows)
  const res = await knex.raw(
    `SELECT e.account_id, e.metric, SUM(e.quantity)::text AS quantity
       FROM ${w.sql}
       JOIN call_billing_meter_event e ON e.account_id = w.account_id
        AND e."timestamp" >= w.t_from AND e."timestamp" < w.t_to AND e.deleted_at IS NULL
      GROUP BY 1, 2 ORDER BY 1, 2`,
    w.params as any[]
  )
  return res.rows
}

export type OrderedCall = {
  call_id: string
  direction: "outbound" | "inbound"
  destination_group: string | null
  rated_seconds: number
  charge: string
  rate_id: string | null
  /** the call's billing moment, ISO; with call_id the keyset of the next page */
  t: string
}

/**
 * One page of an account's calls in the window in bundle order (answer time,
 * then call id), after a keyset, so a million calls never sit in memory.
 */
export async function callsPage(
  knex: Knex,
  window: PeriodWindow,
  after: { t: string; call_id: string } | null,
  pageSize = 10_000
): Promise<OrderedCall[]> {
  const res: any = await knex.raw(
    `SELECT call_id, direction, destination_group, rated_seconds, charge::text AS charge, rate_id,
            ${CALL_TIME} AS t
       FROM call_billing_call
      WHERE account_id = ? AND ${CALL_TIME} >= ? AND ${CALL_TIME} < ? AND invoice_id IS NULL AND deleted_at IS NULL
        ${after ? `AND (${CALL_TIME}, call_id) > (?::timestamptz, ?)` : ""}
      ORDER BY ${CALL_TIME}, call_id LIMIT ?`,
    [window.account_id, window.from.toISOString(), window.to.toISOString(), ...(after ? [after.t, after.call_id] : []), pageSize]
  )
  return res.rows.map((r: any) => ({ ...r, t: new Date(r.t).toISOString() }))
}

/**
 * Marks the windows' unbilled calls as accounted for by a billing document
 * (the invoice, debit note, or closed period that took them); calls already
 * marked stay as they are. Returns how many were marked.
 */
export async function markBilled(knex: Knex, marks: Array<PeriodWindow & { billed_by: string }>): Promise<number> {
  if (!marks.length) return 0
  const params: unknown[] = []
  const rows = marks.map((m) => {
    params.push(m.account_id, m.from.toISOString(), m.to.toISOString(), m.billed_by)
    return "(?::text, ?::timestamptz, ?::timestamptz, ?::text)"
  })
  const res = await knex.raw(
    `UPDATE call_billing_call c SET invoice_id = w.billed_by
       FROM (VALUES ${rows.join(", ")}) AS w(account_id, t_from, t_to, billed_by)
      WHERE c.account_id = w.account_id AND ${CALL_TIME.replace(/answer_time|start_time/g, (m) => `c.${m}`)} >= w.t_from
        AND ${CALL_TIME.replace(/answer_time|start_time/g, (m) => `c.${m}`)} < w.t_to AND c.invoice_id IS NULL AND c.deleted_at IS NULL`,
    params as any[]
  )
  return res.rowCount ?? 0
}

/** Undoes `markBilled` for documents (a compensation, or a regenerated draft). */
export async function unmarkBilled(knex: Knex, billedBy: string[]): Promise<number> {
  if (!billedBy.length) return 0
  const res = await knex.raw(`UPDATE call_billing_call SET invoice_id = NULL WHERE invoice_id IN (${billedBy.map(() => "?").join(", ")})`, billedBy)
  return res.rowCount ?? 0
}

/** The earliest unbilled call (or event) per account: where a first period starts. */
export async function firstUnbilledUsage(knex: Knex, accountIds: string[]): Promise<Array<{ account_id: string; first: string }>> {
  if (!accountIds.length) return []
  const res = await knex.raw(
    `SELECT account_id, MIN(t)::text AS first FROM (
       SELECT account_id, MIN(${CALL_TIME}) AS t FROM call_billing_call
        WHERE account_id IN (${accountIds.map(() => "?").join(", ")}) AND invoice_id IS NULL AND deleted_at IS NULL GROUP BY account_id
       UNION ALL
       SELECT account_id, MIN("timestamp") FROM call_billing_meter_event
        WHERE account_id IN (${accountIds.map(() => "?").join(", ")}) AND deleted_at IS NULL GROUP BY account_id
     ) x WHERE t IS NOT NULL GROUP BY account_id`,
    [...accountIds, ...accountIds]
  )
  return res.rows.map((r: any) => ({ account_id: r.account_id, first: new Date(r.first).toISOString() }))
}

export type StatementCallRow = {
  id: string
  call_id: string
  answer_time: string | null
  caller: string | null
  number: string
  destination: string | null
  billsec: number
  rated_seconds: number
  charge: string
  rate_id: string | null
}

/** One page of the calls a document billed, in answer-time order (keyset on answer time, id). */
export async function billedCallsPage(
  knex: Knex,
  billedBy: string,
  after: { t: string; id: string } | null,
  pageSize = 5_000
): Promise<StatementCallRow[]> {
  const res: any = await knex.raw(
    `SELECT id, call_id, ${CALL_TIME} AS t, answer_time, caller, number, destination, billsec, rated_seconds, charge::text AS charge, rate_id
       FROM call_billing_call
      WHERE invoice_id = ? AND deleted_at IS NULL
        ${after ? `AND (${CALL_TIME}, id) > (?::timestamptz, ?)` : ""}
      ORDER BY ${CALL_TIME}, id LIMIT ?`,
    [billedBy, ...(after ? [after.t, after.id] : []), pageSize]
  )
  return res.rows.map((r: any) => ({ ...r, t: r.t ? new Date(r.t).toISOString() : null, answer_time: r.answer_time ? new Date(r.answer_time).toISOString() : null }))
}

export async function countBilledCalls(knex: Knex, billedBy: string): Promise<number> {
  const res = await knex.raw(`SELECT count(*)::int AS n FROM call_billing_call WHERE invoice_id = ? AND deleted_at IS NULL`, [billedBy])
  return res.rows[0].n
}

/** Calls, minutes and charge per account in a window, for a tenant's usage summary. */
export async function usageSummary(knex: Knex, window: PeriodWindow) {
  const res = await knex.raw(
    `SELECT direction, destination_group, COUNT(*)::int AS calls, COALESCE(SUM(rated_seconds), 0)::bigint::text AS rated_seconds,
            COALESCE(SUM(charge), 0)::text AS charge, currency
       FROM call_billing_call
      WHERE account_id = ? AND ${CALL_TIME} >= ? AND ${CALL_TIME} < ? AND deleted_at IS NULL
      GROUP BY 1, 2, 6 ORDER BY 1, 2 NULLS FIRST`,
    [window.account_id, window.from.toISOString(), window.to.toISOString()]
  )
  return res.rows as Array<{ direction: string; destination_group: string | null; calls: number; rated_seconds: string; charge: string; currency: string }>
}
