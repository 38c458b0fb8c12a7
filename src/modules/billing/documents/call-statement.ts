/**
 * The itemised call statement's columns, shared by the PDF, CSV and XLSX
 * outputs so the three always agree: answer time (local), caller ID,
 * destination number, destination name, duration, rated seconds, rate per
 * minute, charge.
 */
import { assertDecimal, zone } from "./format"
import type { StatementCall } from "./types"

export interface CallColumn {
  /** the CSV header */
  key: string
  /** the PDF and XLSX header */
  label: string
  numeric: boolean
}

/**
 * The statement's columns for a time zone and currency. The zone is in the
 * answer-time label, the currency in the rate and charge labels.
 *
 * @example
 * callColumns("Europe/London", "GBP").map((c) => c.key)
 * // ["answer_time", "caller_id", "destination", "destination_name", "duration_s", "rated_s", "rate_per_min", "charge"]
 */
export function callColumns(timezone: string, currency?: string): CallColumn[] {
  const cur = currency ? ` (${currency})` : ""
  return [
    { key: "answer_time", label: `Answer time (${timezone})`, numeric: false },
    { key: "caller_id", label: "Caller ID", numeric: false },
    { key: "destination", label: "Destination", numeric: false },
    { key: "destination_name", label: "Destination name", numeric: false },
    { key: "duration_s", label: "Duration", numeric: true },
    { key: "rated_s", label: "Rated s", numeric: true },
    { key: "rate_per_min", label: `Rate/min${cur}`, numeric: true },
    { key: "charge", label: `Charge${cur}`, numeric: true },
  ]
}

const isWholeSeconds = (n: unknown): n is number => typeof n === "number" && Number.isInteger(n) && n >= 0

/**
 * Checks one call before anything of it is written; `index` (0-based) names
 * it in the message. Money must be decimal strings, durations whole seconds.
 *
 * @example
 * validateCall({ answer_time: null, destination: "4420", duration: 0, rated_seconds: 0, charge: "0" }, 0) // ok
 * validateCall({ answer_time: null, destination: "4420", duration: 1.5, rated_seconds: 0, charge: "0" }, 7)
 * // throws: call 8: duration 1.5 is not a whole number of seconds
 */
export function validateCall(call: StatementCall, index: number): void {
  const where = `call ${index + 1}`
  if (call === null || typeof call !== "object") throw new Error(`${where}: not an object`)
  if (typeof call.destination !== "string") throw new Error(`${where}: destination must be a string`)
  if (!isWholeSeconds(call.duration)) {
    throw new Error(`${where}: duration ${String(call.duration)} is not a whole number of seconds`)
  }
  if (!isWholeSeconds(call.rated_seconds)) {
    throw new Error(`${where}: rated_seconds ${String(call.rated_seconds)} is not a whole number of seconds`)
  }
  assertDecimal(call.charge, `${where}: charge`)
  if (call.rate != null) assertDecimal(call.rate, `${where}: rate`)
}

/**
 * Pages the PDF call statement takes for `calls` calls when the first page
 * holds `firstRows` rows and the others `otherRows`. The totals row takes a
 * row slot, so the count is exact before the first call is read.
 *
 * @example
 * callPageCount(0, 60, 64)     // 1 (just the totals row)
 * callPageCount(59, 60, 64)    // 1
 * callPageCount(60, 60, 64)    // 2 (the totals row moves over)
 * callPageCount(100000, 60, 64) // 1563
 */
export function callPageCount(calls: number, firstRows: number, otherRows: number): number {
  if (!Number.isInteger(calls) || calls < 0) throw new Error(`call count ${calls} is not a whole number ≥ 0`)
  if (firstRows < 1 || otherRows < 1) throw new Error("a call page must hold at least one row")
  const slots = calls + 1
  return slots <= firstRows ? 1 : 1 + Math.ceil((slots - firstRows) / otherRows)
}

/**
 * Checks the statement options every format shares.
 *
 * @example
 * checkTimezone("Europe/London") // ok
 * checkTimezone("Mars/Olympus")  // throws
 */
export function checkTimezone(timezone: string): void {
  if (typeof timezone !== "string" || !timezone) throw new Error("timezone is required")
  zone(timezone)
}
