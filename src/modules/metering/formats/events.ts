/**
 * Meter events CSV (FORMATS.md "Meter events"): `event_id` (dedupe key),
 * `account`, `metric`, `quantity` (decimal ≥ 0), `timestamp` (ISO 8601; with
 * no zone, UTC), `x_*`.
 */
import { clean, NO_METADATA } from "./fields"
import type { HeaderLayout } from "./generic"
import { parseLocal, ZoneClock } from "./time"
import type { MeterEventRecord, RecordError } from "./types"

/** Event timestamps without a zone are UTC wall clock. */
const UTC = new ZoneClock("UTC")

export const EVENT_COLUMNS = ["event_id", "account", "metric", "quantity", "timestamp"] as const

/** Quantities carry at most this many decimals (GB-days, kWh). */
export const QUANTITY_MAX_DECIMALS = 12

/**
 * Checks a quantity: a plain decimal ≥ 0 with at most 12 decimals, no exponent.
 * Returns the reason it is not, or null.
 *
 * @example
 * quantityProblem("1.5")   // null
 * quantityProblem("-2")    // "must not be negative"
 * quantityProblem("1e3")   // "\"1e3\" is not a decimal number"
 */
export function quantityProblem(q: string): string | null {
  if (q.length === 0) return "required value is empty"
  let i = 0
  if (q.charCodeAt(0) === 45) return "must not be negative"
  let intDigits = 0
  let fracDigits = 0
  let dot = false
  for (; i < q.length; i++) {
    const c = q.charCodeAt(i)
    if (c === 46 && !dot) dot = true
    else if (c >= 48 && c <= 57) dot ? fracDigits++ : intDigits++
    else return `"${q}" is not a decimal number`
  }
  if (intDigits + fracDigits === 0 || (dot && fracDigits === 0)) return `"${q}" is not a decimal number`
  if (fracDigits > QUANTITY_MAX_DECIMALS) return `more than ${QUANTITY_MAX_DECIMALS} decimals`
  return null
}

/**
 * An event's timestamp as epoch milliseconds, or NaN. FORMATS.md asks only
 * for ISO 8601: one with `Z` or an offset is that instant; one without a zone
 * is read as UTC (an event has no other time on it to take an offset from,
 * as a generic CDR's start_time takes its answer_time's).
 *
 * @example
 * eventInstant("2026-03-02T10:00:00+01:00") // 1772442000000 (09:00Z)
 * eventInstant("2026-03-02T09:00:00")       // 1772442000000 (read as UTC)
 * eventInstant("2026-03-02")                // NaN (a date, not a timestamp)
 */
export function eventInstant(s: string): number {
  return parseLocal(s, UTC)
}

/**
 * Builds the record of one meter event line. Never throws. A negative
 * quantity is rejected: a correction is a credit note or a re-import, never
 * a negative event.
 *
 * @example
 * const layout = readHeader(header, 1, EVENT_COLUMNS, EVENT_COLUMNS)
 * eventRecord(layout, ["e1", "acme", "sms", "3", "2026-03-02T09:00:00Z"], 2).quantity // "3"
 */
export function eventRecord(layout: HeaderLayout, row: string[], line: number): MeterEventRecord {
  const ix = layout.index
  let error: RecordError | undefined
  const fail = (column: string | null, reason: string) => {
    if (!error) error = { column, reason }
  }
  const width = layout.names.length
  if (row.length !== width) fail(null, `expected ${width} fields, found ${row.length}`)
  const get = (col: string) => clean(row[ix[col]])
  const required = (col: string) => {
    const v = get(col)
    if (v.length === 0) fail(col, "required value is empty")
    return v
  }
  const event_id = required("event_id")
  const account = required("account")
  const metric = required("metric")
  const quantity = get("quantity")
  const qp = quantityProblem(quantity)
  if (qp) fail("quantity", qp)
  const ts = required("timestamp")
  let timestamp: Date | null = null
  if (ts.length > 0) {
    const ms = eventInstant(ts)
    if (Number.isNaN(ms)) fail("timestamp", `"${ts}" is not an ISO 8601 timestamp (YYYY-MM-DDTHH:MM[:SS], with Z, an offset or no zone for UTC)`)
    else timestamp = new Date(ms)
  }
  let x = NO_METADATA
  if (layout.extras.length > 0) {
    x = {}
    for (const e of layout.extras) x[e.key] = row[e.at] ?? ""
  }
  return { line, event_id, account, metric, quantity, timestamp, x, fields: row, error }
}
