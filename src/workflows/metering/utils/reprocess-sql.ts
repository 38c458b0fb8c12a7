/**
 * Set-based SQL of the exception queue and of re-rating. Rows travel as one
 * JSON array per statement (`jsonb_to_recordset`), so thousands of rows cost
 * one round trip and no parameter limit applies.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { BILLED_CALLS, CALL_TIME, unbilledSql } from "../../../modules/metering/billing-queries"
import type { StagedCall } from "../../../modules/metering/types"
import { UsageRater } from "./usage-rater"
import { containerRaterSource } from "./rater-source"

/** A knex instance or transaction (the container's `__pg_connection__`). */
export type Knex = any

/** The container's shared knex pool. */
export function pgConnection(container: MedusaContainer): Knex {
  return container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
}

/**
 * A rater that stores out-of-policy calls as rated: used only for records an
 * admin accepted explicitly (`accept_out_of_policy`), after the normal rater
 * judged them. UsageRater has no switch for its policy check, so this one
 * has it turned off.
 */
export function policyBlindRater(container: MedusaContainer): UsageRater {
  return new UsageRater(containerRaterSource(container), { policy: false })
}

/** An exception that failed again: its new reason and details, one more attempt. */
export type FailedAgain = {
  id: string
  reason: string
  details: string | null
  account_code: string | null
  account_id: string | null
  record: Record<string, unknown>
}

/** Bumps `attempts` and writes the new reason, details and record of exceptions that are still open. */
export async function markStillFailing(knex: Knex, rows: FailedAgain[]): Promise<void> {
  if (!rows.length) return
  await knex.raw(
    `UPDATE call_billing_usage_exception x
        SET attempts = x.attempts + 1, reason = v.reason, details = v.details, record = v.record,
            account_code = v.account_code, account_id = v.account_id, updated_at = now()
       FROM jsonb_to_recordset(?::jsonb) AS v(id text, reason text, details text, record jsonb, account_code text, account_id text)
      WHERE x.id = v.id AND x.status = 'open'`,
    [JSON.stringify(rows)]
  )
}

/** An exception that became a stored call or event. */
export type Resolution = {
  id: string
  resolved_record_id: string
  note: string
  account_code: string | null
  account_id: string | null
  record: Record<string, unknown>
}

/**
 * Marks exceptions resolved by `actor` (the import path may already have
 * closed a call's exception as "arrived again": this says who and why).
 * Returns how many rows changed.
 */
export async function markResolved(knex: Knex, rows: Resolution[], actor: string | null, at: Date): Promise<number> {
  if (!rows.length) return 0
  const res = await knex.raw(
    `UPDATE call_billing_usage_exception x
        SET status = 'resolved', resolved_by = ?, resolved_at = ?, resolved_record_id = v.resolved_record_id,
            note = v.note, attempts = x.attempts + 1, record = v.record,
            account_code = v.account_code, account_id = v.account_id, updated_at = now()
       FROM jsonb_to_recordset(?::jsonb) AS v(id text, resolved_record_id text, note text, record jsonb, account_code text, account_id text)
      WHERE x.id = v.id AND x.status <> 'ignored'`,
    [actor, at, JSON.stringify(rows)]
  )
  return res.rowCount ?? 0
}

/** Stored call ids by call id, for one source. */
export async function storedCalls(knex: Knex, source: string, callIds: string[]): Promise<Map<string, { id: string; import_job_id: string | null }>> {
  const out = new Map<string, { id: string; import_job_id: string | null }>()
  if (!callIds.length) return out
  const res = await knex.raw(
    `SELECT id, call_id, import_job_id FROM call_billing_call WHERE source = ? AND call_id = ANY(?::text[]) AND deleted_at IS NULL`,
    [source, callIds]
  )
  for (const r of res.rows) out.set(r.call_id, { id: r.id, import_job_id: r.import_job_id })
  return out
}

/** Stored meter event ids by `account_id|event_id`. */
export async function storedEvents(knex: Knex, keys: Array<{ account_id: string; event_id: string }>): Promise<Map<string, { id: string; import_job_id: string | null }>> {
  const out = new Map<string, { id: string; import_job_id: string | null }>()
  if (!keys.length) return out
  const res = await knex.raw(
    `SELECT e.id, e.account_id, e.event_id, e.import_job_id
       FROM call_billing_meter_event e
       JOIN unnest(?::text[], ?::text[]) AS k(account_id, event_id) ON e.account_id = k.account_id AND e.event_id = k.event_id
      WHERE e.deleted_at IS NULL`,
    [keys.map((k) => k.account_id), keys.map((k) => k.event_id)]
  )
  for (const r of res.rows) out.set(`${r.account_id}|${r.event_id}`, { id: r.id, import_job_id: r.import_job_id })
  return out
}

// ---------------------------------------------------------------- re-rating

/** The rating columns a re-rate may change, with their SQL types. */
const RATING_COLUMNS: Array<[keyof StagedCall, string]> = [
  ["number", "text"],
  ["rate_card_id", "text"],
  ["rate_card_version_id", "text"],
  ["version_number", "integer"],
  ["rate_id", "text"],
  ["prefix", "text"],
  ["destination", "text"],
  ["destination_group", "text"],
  ["band", "text"],
  ["rated_seconds", "integer"],
  ["charge", "numeric"],
  ["currency", "text"],
  ["original_charge", "numeric"],
  ["original_currency", "text"],
  ["fx_rate", "numeric"],
  ["cost", "numeric"],
  ["cost_currency", "text"],
  ["cost_rate_card_id", "text"],
]

/** The window of one account's calls a re-rate covers. */
export type RerateWindow = { account_id: string; from: Date; to: Date }

// answered in the window, or started in it when never answered (a card may charge those): the billing time,
// in the expression of the index on (account_id, billing time)
const WINDOW_SQL = `c.account_id = ? AND c.deleted_at IS NULL AND ${CALL_TIME} >= ? AND ${CALL_TIME} < ?`
/** Calls (alias `c`) with the document that billed each (`bc.billed_by`, null when none). */
const WITH_BILLED = `call_billing_call c LEFT JOIN ${BILLED_CALLS} bc ON bc.call_id = c.id`
const UNBILLED = unbilledSql("c")
/** SQL: call `c` was billed by one of the documents bound at the placeholders. */
const billedByOneOf = (n: number) => `EXISTS (SELECT 1 FROM ${BILLED_CALLS} bc WHERE bc.call_id = c.id AND bc.billed_by IN (${Array(n).fill("?").join(", ")}))`
/** What a re-rate reads of a stored call (alias `c`). */
const CALL_FIELDS = `c.id, c.source, c.call_id, c.direction, c.caller, c.callee, c.answer_time, c.start_time, c.end_time, c.duration, c.billsec,
            c.disposition, c.campaign, c.agent, c.queue, c.trunk, c.carrier, c.metadata`

const windowArgs = (w: RerateWindow) => [w.account_id, w.from, w.to]

/**
 * Counts and sums the window before a re-rate: all calls, invoiced ones
 * (left alone), the total charge of the rest (exact, SQL numeric) and the
 * invoices holding the skipped calls.
 */
export async function rerateBaseline(trx: Knex, w: RerateWindow) {
  const res = await trx.raw(
    `SELECT count(*)::int AS count,
            count(*) FILTER (WHERE bc.billed_by IS NOT NULL)::int AS invoiced,
            coalesce(sum(c.charge) FILTER (WHERE bc.billed_by IS NULL), 0)::text AS total
       FROM ${WITH_BILLED} WHERE ${WINDOW_SQL}`,
    windowArgs(w)
  )
  const invoices = await trx.raw(
    `SELECT DISTINCT bc.billed_by AS invoice_id FROM ${WITH_BILLED} WHERE ${WINDOW_SQL} AND bc.billed_by IS NOT NULL ORDER BY 1 LIMIT 1000`,
    windowArgs(w)
  )
  const r = res.rows[0]
  return {
    count: r.count as number,
    invoiced: r.invoiced as number,
    total: r.total as string,
    invoice_ids: invoices.rows.map((i: { invoice_id: string }) => i.invoice_id) as string[],
  }
}

/** Total charge of the window's calls that are not invoiced (exact, as text). */
export async function uninvoicedTotal(trx: Knex, w: RerateWindow): Promise<string> {
  const res = await trx.raw(
    `SELECT coalesce(sum(c.charge), 0)::text AS total FROM call_billing_call c WHERE ${WINDOW_SQL} AND ${UNBILLED}`,
    windowArgs(w)
  )
  return res.rows[0].total
}

/** One page (keyset on id) of the window's calls that are not invoiced, as stored. */
export async function uninvoicedCalls(trx: Knex, w: RerateWindow, afterId: string, limit: number) {
  const res = await trx.raw(
    `SELECT ${CALL_FIELDS}
       FROM call_billing_call c
      WHERE ${WINDOW_SQL} AND ${UNBILLED} AND c.id > ?
      ORDER BY c.id LIMIT ?`,
    [...windowArgs(w), afterId, limit]
  )
  return res.rows as Array<Record<string, any>>
}

/** The temp table a re-rate writes its new ratings into (dropped at commit). */
export async function createRerateTable(trx: Knex): Promise<void> {
  await trx.raw(
    `CREATE TEMP TABLE cb_rerate (id text PRIMARY KEY, ${RATING_COLUMNS.map(([c, t]) => `"${c}" ${t}`).join(", ")}) ON COMMIT DROP`
  )
}

/**
 * Writes new ratings (call id → rated call) and updates the calls whose
 * rating differs (charge, cost or trace), in one statement; invoiced calls
 * are never touched, even one invoiced since the page was read. Returns how
 * many calls changed, and of those how many changed their charge.
 */
export async function applyRatings(trx: Knex, rows: Array<{ id: string; call: StagedCall }>): Promise<{ changed: number; charge_changed: number }> {
  if (!rows.length) return { changed: 0, charge_changed: 0 }
  await stageRatings(trx, rows)
  const moved = await trx.raw(
    `SELECT count(*)::int AS n FROM cb_rerate t JOIN call_billing_call c ON c.id = t.id
      WHERE ${UNBILLED} AND c.charge IS DISTINCT FROM t.charge`
  )
  const changed = await updateFromStaged(trx, UNBILLED, [])
  return { changed, charge_changed: moved.rows[0].n }
}

/** Puts new ratings (call id → rated call) into the re-rate temp table. */
async function stageRatings(trx: Knex, rows: Array<{ id: string; call: StagedCall }>) {
  const json = rows.map(({ id, call }) => {
    const o: Record<string, unknown> = { id }
    for (const [c] of RATING_COLUMNS) o[c] = call[c]
    return o
  })
  await trx.raw(
    `INSERT INTO cb_rerate SELECT * FROM jsonb_to_recordset(?::jsonb) AS t(id text, ${RATING_COLUMNS.map(([c, t]) => `"${c}" ${t}`).join(", ")})`,
    [JSON.stringify(json)]
  )
}

/** Updates the calls whose staged rating differs (and that `where` allows), then empties the temp table. */
async function updateFromStaged(trx: Knex, where: string, params: unknown[]): Promise<number> {
  const cols = RATING_COLUMNS.map(([c]) => `"${c}"`)
  const res = await trx.raw(
    `UPDATE call_billing_call c
        SET ${cols.map((c) => `${c} = t.${c}`).join(", ")},
            raw_charge = jsonb_build_object('value', t.charge::text, 'precision', 20),
            raw_cost = CASE WHEN t.cost IS NULL THEN NULL ELSE jsonb_build_object('value', t.cost::text, 'precision', 20) END,
            raw_original_charge = CASE WHEN t.original_charge IS NULL THEN NULL ELSE jsonb_build_object('value', t.original_charge::text, 'precision', 20) END,
            raw_fx_rate = CASE WHEN t.fx_rate IS NULL THEN NULL ELSE jsonb_build_object('value', t.fx_rate::text, 'precision', 20) END,
            rated_at = now(), updated_at = now()
       FROM cb_rerate t
      WHERE c.id = t.id AND ${where}
        AND (${cols.map((c) => `c.${c}`).join(", ")}) IS DISTINCT FROM (${cols.map((c) => `t.${c}`).join(", ")})`,
    params as any[]
  )
  await trx.raw(`TRUNCATE cb_rerate`)
  return res.rowCount ?? 0
}

/** One page (keyset on id) of the window's calls billed by the given documents, as stored. */
export async function invoicedCalls(trx: Knex, w: RerateWindow, invoiceIds: string[], afterId: string, limit: number) {
  if (!invoiceIds.length) return []
  const res = await trx.raw(
    `SELECT ${CALL_FIELDS}
       FROM call_billing_call c
      WHERE ${WINDOW_SQL} AND ${billedByOneOf(invoiceIds.length)} AND c.id > ?
      ORDER BY c.id LIMIT ?`,
    [...windowArgs(w), ...invoiceIds, afterId, limit]
  )
  return res.rows as Array<Record<string, any>>
}

/**
 * Like `applyRatings`, for calls finalized invoices already billed: updates
 * them and returns, per invoice, how much their charges moved (new − old,
 * exact) and how many calls — what a debit or credit note must correct. A
 * second run finds nothing to move.
 */
export async function applyInvoicedRatings(
  trx: Knex,
  rows: Array<{ id: string; call: StagedCall }>,
  invoiceIds: string[]
): Promise<{ changed: number; deltas: Array<{ invoice_id: string; delta: string; calls: number }> }> {
  if (!rows.length || !invoiceIds.length) return { changed: 0, deltas: [] }
  await stageRatings(trx, rows)
  const deltas = await trx.raw(
    `SELECT bc.billed_by AS invoice_id, SUM(t.charge - c.charge)::text AS delta, count(*)::int AS calls
       FROM cb_rerate t JOIN call_billing_call c ON c.id = t.id JOIN ${BILLED_CALLS} bc ON bc.call_id = c.id
      WHERE bc.billed_by IN (${invoiceIds.map(() => "?").join(", ")}) AND c.charge IS DISTINCT FROM t.charge
      GROUP BY 1 ORDER BY 1`,
    invoiceIds
  )
  const changed = await updateFromStaged(trx, billedByOneOf(invoiceIds.length), invoiceIds)
  return { changed, deltas: deltas.rows }
}
