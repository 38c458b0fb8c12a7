/**
 * Set-based reads (and the one write) that billing needs from usage: the
 * aggregates a period close is built from, the unbilled total a credit limit
 * is checked against, and the charges a prepaid wallet is debited with.
 * Plain SQL over the module's own tables (DESIGN.md principle 6); the
 * service exposes each as a method. Money comes back as exact strings.
 */
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import Decimal from "decimal.js"

/** A call's billing moment: answer time, or start time for unanswered calls charged anyway. The expression of the index IDX_call_billing_call_account_id_time: reads that range over it must keep it as written. */
export const CALL_TIME = "COALESCE(answer_time, start_time)"
/** CALL_TIME of a table alias, where a join makes the bare column names ambiguous. */
const callTimeOf = (alias: string) => `COALESCE(${alias}.answer_time, ${alias}.start_time)`

// Which document billed a call: one row per billed call in call_billing_billed_call (Migration20261124000000),
// not a column on the call, so marking 100,000 calls writes 100,000 narrow rows, not new versions of the calls.

export const BILLED_CALLS = "call_billing_billed_call"

/** SQL: call `c` is not billed. */
export const unbilledSql = (c: string) => `NOT EXISTS (SELECT 1 FROM ${BILLED_CALLS} bc WHERE bc.call_id = ${c}.id)`

/** SQL: the document that billed call `c`, or NULL. */
export const billedBySql = (c: string) => `(SELECT bc.billed_by FROM ${BILLED_CALLS} bc WHERE bc.call_id = ${c}.id)`

/**
 * Marks and re-rates exclude each other through advisory locks, one per
 * bucket of accounts (the account id's hash, 64 buckets): a close holds its
 * accounts' buckets shared while it counts and marks their calls (closes of
 * different batches go on together), and a re-rate holds its account's
 * bucket exclusively until it commits (re-rates of other buckets go on). So a
 * close never marks a call whose charge a re-rate is moving (its recount,
 * after the re-rate commits, sees the new charge and the close is undone),
 * and a re-rate never reads a call as unbilled while a mark that bills it
 * commits. Held until the transaction ends; taken in bucket order.
 */
const MARKS_LOCK = "call_billing:billed_calls"
const MARK_BUCKETS = 64

async function lockMarkBuckets(knex: Knex, accountIds: string[] | null, exclusive: boolean): Promise<void> {
  const buckets = accountIds
    ? `SELECT DISTINCT hashtext(a) & ${MARK_BUCKETS - 1} AS b FROM unnest(?::text[]) AS a`
    : `SELECT generate_series(0, ${MARK_BUCKETS - 1}) AS b`
  await knex.raw(
    `SELECT count(${exclusive ? "pg_advisory_xact_lock" : "pg_advisory_xact_lock_shared"}(hashtext(?), x.b)) FROM (${buckets} ORDER BY 1) x`,
    [MARKS_LOCK, ...(accountIds ? [accountIds] : [])]
  )
}

/** For a re-rate, before it reads which calls are billed: no close marks or unmarks the account's calls until the transaction ends. */
export async function lockMarksForRerate(knex: Knex, accountId: string): Promise<void> {
  await lockMarkBuckets(knex, [accountId], true)
}

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
  /**
   * In a window with `fees`: the rate row the group's calls matched (one row
   * per rate), how many of them have rated seconds (they pay the row's
   * connect and per-call fees), and Σ charge of the others (charged without
   * rated seconds: `charge_unanswered`'s connect fee, or 0). Null otherwise.
   */
  rate_id: string | null
  rated_calls: number
  unrated_amount: string
  /** in a window with `wallet`: the group's calls were debited from the prepaid wallet (never invoiced); else false */
  wallet_paid: boolean
  /** the first and last billing moment of the group's calls (what a debit note says its late usage spans) */
  first: Date
  last: Date
}

export type PeriodWindow = { account_id: string; from: Date; to: Date }
/**
 * A window of `usageGroups`; `fees`: split its groups by rate row, for their
 * fixed fees (volume discounts need them); `wallet`: the account has wallet
 * debits, so split its groups by whether each call was paid from the wallet.
 */
export type UsageWindow = PeriodWindow & { fees?: boolean; wallet?: boolean }

/**
 * A call the prepaid wallet paid for: debited as it was stored, or through
 * the reservation it settled. Such a call is never invoiced, whatever the
 * account's payment mode is when its period closes (a switch between
 * prepaid and postpaid neither charges it twice nor loses the others).
 */
const paidByWallet = (c: string) => `(EXISTS (SELECT 1 FROM call_billing_wallet_entry we
      WHERE we.call_record_id = ${c}.id AND we.type = 'debit' AND we.deleted_at IS NULL)
   OR EXISTS (SELECT 1 FROM call_billing_reservation wr JOIN call_billing_wallet_entry we ON we.reservation_id = wr.id AND we.type = 'debit' AND we.deleted_at IS NULL
      WHERE wr.call_record_id = ${c}.id AND wr.deleted_at IS NULL))`

/**
 * Σ charge of an account's calls no document has billed yet (what a credit
 * limit is checked against, on every authorization and import). Closes only
 * bill calls before the end of the account's last closed period, so calls
 * after it are summed without looking up their marks, and an account never
 * closed sums its calls in one plain aggregate; calls before that end (late
 * calls are among them) are each looked up. The end is taken a day late:
 * Postgres and the calculator need not agree on a local midnight in a DST
 * gap. (A lookup per call also raises the planner's estimate: over ~30,000
 * calls it crossed `jit_above_cost` and JIT compilation added ~0.4 s to
 * each credit check.)
 */
export async function sumUnbilledCharges(knex: Knex, accountId: string): Promise<string> {
  const closed = await knex.raw(
    `SELECT ((max(p.period_end)::date + 1)::timestamp AT TIME ZONE a.timezone)::text AS through
       FROM call_billing_billing_account a
       JOIN call_billing_billing_period p ON p.account_id = a.id AND p.deleted_at IS NULL
      WHERE a.id = ? GROUP BY a.timezone`,
    [accountId]
  )
  const through: string | null = closed.rows[0]?.through ?? null
  const res = await knex.raw(
    `SELECT COALESCE(SUM(c.charge), 0)::text AS total FROM call_billing_call c
      WHERE c.account_id = ? AND c.deleted_at IS NULL
        ${through ? `AND (${CALL_TIME} IS NULL OR ${CALL_TIME} >= ?::timestamptz OR ${unbilledSql("c")})` : ""}`,
    [accountId, ...(through ? [through] : [])]
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
function windowsSql(windows: UsageWindow[], withFlags = false): { sql: string; params: unknown[] } {
  const params: unknown[] = []
  const rows = windows.map((w) => {
    params.push(w.account_id, w.from.toISOString(), w.to.toISOString())
    if (withFlags) params.push(!!w.fees, !!w.wallet)
    return withFlags ? "(?::text, ?::timestamptz, ?::timestamptz, ?::boolean, ?::boolean)" : "(?::text, ?::timestamptz, ?::timestamptz)"
  })
  return { sql: `(VALUES ${rows.join(", ")}) AS w(account_id, t_from, t_to${withFlags ? ", fees, wallet" : ""})`, params }
}

/**
 * Calls, rated seconds and Σ charge per (account, direction, destination
 * group, currency, FX rate) in each window; in a window with `fees`, also per
 * rate row (`rate_id`, `rated_calls`, `unrated_amount`), so the caller can add
 * up the groups' connect and per-call fees from the rating module's rows.
 */
export async function usageGroups(knex: Knex, windows: UsageWindow[]): Promise<UsageGroupRow[]> {
  if (!windows.length) return []
  const w = windowsSql(windows, true)
  const res = await knex.raw(
    `SELECT c.account_id, c.direction, c.destination_group, c.currency,
            COUNT(*)::int AS calls, COALESCE(SUM(c.rated_seconds), 0)::bigint::text AS rated_seconds,
            COALESCE(SUM(c.charge), 0)::text AS amount,
            c.original_currency, c.fx_rate::text AS fx_rate, SUM(c.original_charge)::text AS original_amount,
            CASE WHEN w.fees THEN c.rate_id END AS rate_id,
            (COUNT(*) FILTER (WHERE c.rated_seconds > 0))::int AS rated_calls,
            COALESCE(SUM(c.charge) FILTER (WHERE c.rated_seconds = 0), 0)::text AS unrated_amount,
            (w.wallet AND ${paidByWallet("c")}) AS wallet_paid,
            MIN(${CALL_TIME}) AS first, MAX(${CALL_TIME}) AS last
       FROM ${w.sql}
       JOIN call_billing_call c ON c.account_id = w.account_id
        AND ${CALL_TIME} >= w.t_from AND ${CALL_TIME} < w.t_to AND c.deleted_at IS NULL AND ${unbilledSql("c")}
      GROUP BY 1, 2, 3, 4, 8, 9, 11, 14
      ORDER BY 1, 2, 3 NULLS FIRST, 4, 8 NULLS FIRST, 9 NULLS FIRST, 11 NULLS FIRST, 14`,
    w.params as any[]
  )
  return res.rows.map((r: any) => ({ ...r, rated_seconds: Number(r.rated_seconds), first: new Date(r.first), last: new Date(r.last) }))
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

/** Unbilled meter events per account and metric in the windows: their sum, and how many there are. */
export async function metricTotals(
  knex: Knex,
  windows: PeriodWindow[]
): Promise<Array<{ account_id: string; metric: string; quantity: string; events: number }>> {
  if (!windows.length) return []
  const w = windowsSql(windows)
  const res = await knex.raw(
    `SELECT e.account_id, e.metric, SUM(e.quantity)::text AS quantity, COUNT(*)::int AS events
       FROM ${w.sql}
       JOIN call_billing_meter_event e ON e.account_id = w.account_id
        AND e."timestamp" >= w.t_from AND e."timestamp" < w.t_to AND e.invoice_id IS NULL AND e.deleted_at IS NULL
      GROUP BY 1, 2 ORDER BY 1, 2`,
    w.params as any[]
  )
  return res.rows
}

export type OrderedCall = {
  account_id: string
  call_id: string
  direction: "outbound" | "inbound"
  destination_group: string | null
  rated_seconds: number
  charge: string
  rate_id: string | null
  /** the charge's currency, and the FX rate it was converted at on arrival (null: rated in that currency) */
  currency: string
  fx_rate: string | null
  /** the call's billing moment, ISO; with account_id and call_id the keyset of the next page */
  t: string
}

export type CallsPageKey = { account_id: string; t: string; call_id: string }

/**
 * One page of the unbilled calls in the windows (in a window with `wallet`,
 * not those the wallet paid), per account in bundle order
 * (account, answer time, call id), after a keyset: a batch of accounts in one
 * query per page, and a million calls never sit in memory.
 */
export async function callsPage(knex: Knex, windows: UsageWindow[], after: CallsPageKey | null, pageSize = 10_000): Promise<OrderedCall[]> {
  if (!windows.length) return []
  const w = windowsSql(windows, true)
  const t = callTimeOf("c")
  const res: any = await knex.raw(
    `SELECT c.account_id, c.call_id, c.direction, c.destination_group, c.rated_seconds, c.charge::text AS charge, c.rate_id,
            c.currency, c.fx_rate::text AS fx_rate, ${t} AS t
       FROM ${w.sql}
       JOIN call_billing_call c ON c.account_id = w.account_id
        AND ${t} >= w.t_from AND ${t} < w.t_to AND c.deleted_at IS NULL AND ${unbilledSql("c")}
        AND NOT (w.wallet AND ${paidByWallet("c")})
      ${after ? `WHERE (c.account_id, ${t}, c.call_id) > (?, ?::timestamptz, ?)` : ""}
      ORDER BY c.account_id, ${t}, c.call_id LIMIT ?`,
    [...w.params, ...(after ? [after.account_id, after.t, after.call_id] : []), pageSize] as any[]
  )
  return res.rows.map((r: any) => ({ ...r, t: new Date(r.t).toISOString() }))
}

/** What a close counted in a window: the marks must find exactly this, or the close is stale. */
export type WindowUsage = { calls: number; rated_seconds: number; amount: string; events: number; quantity: string }

/**
 * A document's share of a close: the unbilled calls in [from, to) and, when
 * `events_from` is set, the unbilled meter events in [events_from, to).
 */
export type BillingMark = PeriodWindow & { billed_by: string; events_from: Date | null; expected: WindowUsage }

/**
 * Marks the windows' unbilled calls and meter events as accounted for by a
 * billing document (the invoice, debit note, or closed period that took
 * them): a row in call_billing_billed_call per call, the document's id on
 * each event; records already marked stay as they are. Holding its accounts'
 * marks locks (no re-rate moves their charges meanwhile), what each statement marks
 * is summed per window and compared with what the close counted: a window
 * whose usage changed since (a CDR or event stored, a call re-rated or
 * deleted while the close ran) is unmarked again in the same transaction with
 * every other window of its account, and they are returned under `changed`,
 * so nothing is ever taken by a document that did not bill it. `marked`
 * counts calls and events.
 */
export async function markBilled(knex: Knex, marks: BillingMark[]): Promise<{ marked: number; changed: BillingMark[] }> {
  if (!marks.length) return { marked: 0, changed: [] }
  await lockMarkBuckets(knex, [...new Set(marks.map((m) => m.account_id))], false)
  const params: unknown[] = []
  const rows = marks.map((m, i) => {
    params.push(i, m.account_id, m.from.toISOString(), m.to.toISOString(), m.events_from?.toISOString() ?? null, m.billed_by)
    return "(?::int, ?::text, ?::timestamptz, ?::timestamptz, ?::timestamptz, ?::text)"
  })
  const values = `WITH w(n, account_id, t_from, t_to, e_from, billed_by) AS (VALUES ${rows.join(", ")})`
  const calls = await knex.raw(
    `${values},
     u AS (
       SELECT w.n, w.billed_by, c.id, ${callTimeOf("c")} AS t, c.rated_seconds, c.charge FROM w
         JOIN call_billing_call c ON c.account_id = w.account_id AND ${callTimeOf("c")} >= w.t_from AND ${callTimeOf("c")} < w.t_to
          AND c.deleted_at IS NULL AND ${unbilledSql("c")}),
     ins AS (INSERT INTO ${BILLED_CALLS} (call_id, billed_by, t) SELECT id, billed_by, t FROM u)
     SELECT n, count(*)::int AS calls, sum(rated_seconds)::bigint::text AS rated_seconds, sum(charge)::text AS amount FROM u GROUP BY n`,
    params as any[]
  )
  const events = await knex.raw(
    `${values},
     u AS (
       UPDATE call_billing_meter_event e SET invoice_id = w.billed_by FROM w
        WHERE w.e_from IS NOT NULL AND e.account_id = w.account_id AND e."timestamp" >= w.e_from AND e."timestamp" < w.t_to
          AND e.invoice_id IS NULL AND e.deleted_at IS NULL
       RETURNING w.n, e.quantity)
     SELECT n, count(*)::int AS events, sum(quantity)::text AS quantity FROM u GROUP BY n`,
    params as any[]
  )
  const foundCalls = new Map<number, { calls: number; rated_seconds: string; amount: string }>(calls.rows.map((r: any) => [r.n, r]))
  const foundEvents = new Map<number, { events: number; quantity: string }>(events.rows.map((r: any) => [r.n, r]))
  let marked = 0
  const changedAccounts = new Set<string>()
  marks.forEach((m, i) => {
    const c = foundCalls.get(i)
    const e = foundEvents.get(i)
    marked += (c?.calls ?? 0) + (e?.events ?? 0)
    const same =
      (c?.calls ?? 0) === m.expected.calls &&
      Number(c?.rated_seconds ?? 0) === m.expected.rated_seconds &&
      new Decimal(c?.amount ?? "0").eq(m.expected.amount) &&
      (e?.events ?? 0) === m.expected.events &&
      new Decimal(e?.quantity ?? "0").eq(m.expected.quantity)
    if (!same) changedAccounts.add(m.account_id)
  })
  // a close is undone whole: every window of an account with a changed one is unmarked
  const changed = marks.filter((m) => changedAccounts.has(m.account_id))
  if (changed.length) marked -= await unmarkBilled(knex, changed.map((m) => m.billed_by))
  return { marked, changed }
}

/** Undoes `markBilled` for documents (a compensation, or a regenerated draft); returns how many calls and events it unmarked. */
export async function unmarkBilled(knex: Knex, billedBy: string[]): Promise<number> {
  if (!billedBy.length) return 0
  await lockMarkBuckets(knex, null, false)
  const list = billedBy.map(() => "?").join(", ")
  const calls = await knex.raw(`DELETE FROM ${BILLED_CALLS} WHERE billed_by IN (${list})`, billedBy)
  const events = await knex.raw(`UPDATE call_billing_meter_event SET invoice_id = NULL WHERE invoice_id IN (${list})`, billedBy)
  return (calls.rowCount ?? 0) + (events.rowCount ?? 0)
}

/**
 * The earliest unbilled call (or event) per account: where a first period
 * starts. An account's first call is one probe of the index on (account,
 * billing time), not an aggregate over all its calls.
 */
export async function firstUnbilledUsage(knex: Knex, accountIds: string[]): Promise<Array<{ account_id: string; first: string }>> {
  if (!accountIds.length) return []
  const res = await knex.raw(
    `SELECT a.account_id, LEAST(c.t, e.t)::text AS first
       FROM unnest(?::text[]) AS a(account_id)
       LEFT JOIN LATERAL (
         SELECT ${CALL_TIME} AS t FROM call_billing_call c
          WHERE c.account_id = a.account_id AND c.deleted_at IS NULL AND ${CALL_TIME} IS NOT NULL AND ${unbilledSql("c")}
          ORDER BY ${CALL_TIME} LIMIT 1) c ON true
       LEFT JOIN (
         SELECT account_id, MIN("timestamp") AS t FROM call_billing_meter_event
          WHERE account_id = ANY(?::text[]) AND invoice_id IS NULL AND deleted_at IS NULL GROUP BY account_id) e ON e.account_id = a.account_id
      WHERE c.t IS NOT NULL OR e.t IS NOT NULL`,
    [accountIds, accountIds]
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

/**
 * The statement page query: a document's calls in billing-time order after a
 * keyset (billing time, id). It is served, in order, by the index on
 * (document, billing time, call) of call_billing_billed_call.
 */
export function billedCallsSql(after: boolean): string {
  return `SELECT c.id, c.call_id, b.t, c.answer_time, c.caller, c.number, c.destination, c.billsec, c.rated_seconds, c.charge::text AS charge, c.rate_id
       FROM ${BILLED_CALLS} b JOIN call_billing_call c ON c.id = b.call_id
      WHERE b.billed_by = ? AND c.deleted_at IS NULL
        ${after ? `AND (b.t, b.call_id) > (?::timestamptz, ?)` : ""}
      ORDER BY b.t, b.call_id LIMIT ?`
}

/** One page of the calls a document billed, in billing-time order (keyset on billing time, id). */
export async function billedCallsPage(
  knex: Knex,
  billedBy: string,
  after: { t: string; id: string } | null,
  pageSize = 5_000
): Promise<StatementCallRow[]> {
  const res: any = await knex.raw(billedCallsSql(after !== null), [billedBy, ...(after ? [after.t, after.id] : []), pageSize])
  return res.rows.map((r: any) => ({ ...r, t: r.t ? new Date(r.t).toISOString() : null, answer_time: r.answer_time ? new Date(r.answer_time).toISOString() : null }))
}

export async function countBilledCalls(knex: Knex, billedBy: string): Promise<number> {
  const res = await knex.raw(
    `SELECT count(*)::int AS n FROM ${BILLED_CALLS} b JOIN call_billing_call c ON c.id = b.call_id WHERE b.billed_by = ? AND c.deleted_at IS NULL`,
    [billedBy]
  )
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
