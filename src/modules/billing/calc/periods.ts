/**
 * Billing periods (BILLING.md §1): half-open `[start, end)` local dates in
 * the account's time zone, from anchor to anchor. Calendar arithmetic is done
 * on dates alone (no zone, so no DST); luxon turns local midnights into UTC.
 */
import { DateTime } from "luxon"
import { BillingCalcError } from "./errors"
import type { BillingCycle, BillingInterval, LocalDate, Period } from "./types"

/** Months per interval. */
export const INTERVAL_MONTHS: Readonly<Record<BillingInterval, number>> = {
  month: 1,
  quarter: 3,
  half_year: 6,
  year: 12,
}

/** Default grace after a period's end for late usage (BILLING.md §1). */
export const DEFAULT_GRACE_MINUTES = 60

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/
const DAY_MS = 86_400_000

type Ymd = { y: number; m: number; d: number }

function parse(date: unknown, field = "date"): Ymd {
  const m = typeof date === "string" ? DATE_RE.exec(date) : null
  if (m) {
    const y = Number(m[1])
    const mo = Number(m[2])
    const d = Number(m[3])
    const t = new Date(Date.UTC(y, mo - 1, d))
    if (t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d) return { y, m: mo, d }
  }
  throw new BillingCalcError(`${field}: "${String(date)}" is not a date YYYY-MM-DD`)
}

function format({ y, m, d }: Ymd): LocalDate {
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`
}

function epochDay(date: LocalDate, field?: string): number {
  const { y, m, d } = parse(date, field)
  return Date.UTC(y, m - 1, d) / DAY_MS
}

/**
 * Whether `value` is a valid calendar date "YYYY-MM-DD".
 *
 * @example
 * isLocalDate("2024-02-29") // true
 * isLocalDate("2023-02-29") // false
 */
export function isLocalDate(value: unknown): value is LocalDate {
  try {
    parse(value)
    return true
  } catch {
    return false
  }
}

/**
 * Throws a BillingCalcError naming `field` unless `value` is a valid local date.
 *
 * @example
 * assertLocalDate("2025-06-01", "period.start") // ok
 */
export function assertLocalDate(value: unknown, field: string): asserts value is LocalDate {
  parse(value, field)
}

/**
 * Calendar days from `a` to `b` (negative when b is before a). Dates have no
 * zone, so a DST change inside does not make a day 23 or 25 hours.
 *
 * @example
 * daysBetween("2025-06-11", "2025-07-01") // 20
 * daysBetween("2025-03-01", "2025-04-01") // 31 (DST starts in between)
 */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return epochDay(b, "b") - epochDay(a, "a")
}

/**
 * `date` plus `n` days.
 *
 * @example
 * addDays("2024-02-28", 1) // "2024-02-29"
 */
export function addDays(date: LocalDate, n: number): LocalDate {
  const t = new Date((epochDay(date) + n) * DAY_MS)
  return format({ y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() })
}

/**
 * `date` plus `n` months; the day is clamped to the month's length.
 *
 * @example
 * addMonths("2025-01-15", 3)  // "2025-04-15"
 * addMonths("2025-01-31", 1)  // "2025-02-28"
 * addMonths("2025-01-15", -1) // "2024-12-15"
 */
export function addMonths(date: LocalDate, n: number): LocalDate {
  const { y, m, d } = parse(date)
  const index = y * 12 + (m - 1) + n
  const ny = Math.floor(index / 12)
  const nm = index - ny * 12 + 1
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate()
  return format({ y: ny, m: nm, d: Math.min(d, last) })
}

function checkCycle(cycle: BillingCycle): { months: number; anchor: number; anchorMonth: number } {
  const months = INTERVAL_MONTHS[cycle?.interval as BillingInterval]
  if (!months) throw new BillingCalcError(`cycle.interval: "${String(cycle?.interval)}" is not month, quarter, half_year or year`)
  const anchor = cycle.anchor_day
  if (!Number.isInteger(anchor) || anchor < 1 || anchor > 28) {
    throw new BillingCalcError(`cycle.anchor_day: ${String(anchor)} is not a whole number 1–28`)
  }
  const anchorMonth = cycle.anchor_month ?? 1
  if (!Number.isInteger(anchorMonth) || anchorMonth < 1 || anchorMonth > 12) {
    throw new BillingCalcError(`cycle.anchor_month: ${String(anchorMonth)} is not a whole number 1–12`)
  }
  return { months, anchor, anchorMonth }
}

/**
 * The period of `cycle` that contains local date `date`. Periods start on
 * `anchor_day` of every month (month), or of the months `anchor_month`,
 * +3, +6, +9 (quarter), +6 (half_year), once a year (year).
 *
 * @example
 * periodContaining("2025-06-20", { interval: "month", anchor_day: 1 })
 * // { start: "2025-06-01", end: "2025-07-01" }
 * periodContaining("2025-06-10", { interval: "month", anchor_day: 15 })
 * // { start: "2025-05-15", end: "2025-06-15" }
 * periodContaining("2025-05-20", { interval: "quarter", anchor_day: 1 })
 * // { start: "2025-04-01", end: "2025-07-01" }
 */
export function periodContaining(date: LocalDate, cycle: BillingCycle): Period {
  const { months, anchor, anchorMonth } = checkCycle(cycle)
  const { y, m, d } = parse(date)
  // month index (from year 0) of the anchor on or before `date`
  let index = y * 12 + (m - 1) - (d < anchor ? 1 : 0)
  index -= (((index - (anchorMonth - 1)) % months) + months) % months
  const sy = Math.floor(index / 12)
  const start = format({ y: sy, m: index - sy * 12 + 1, d: anchor })
  return { start, end: addMonths(start, months) }
}

/**
 * The period after `period`: from its end to the next anchor. When `period`
 * is aligned to `cycle` this is the next full period; after a cycle change it
 * is the stub up to the new anchor.
 *
 * @example
 * nextPeriod({ start: "2025-06-01", end: "2025-07-01" }, { interval: "month", anchor_day: 1 })
 * // { start: "2025-07-01", end: "2025-08-01" }
 */
export function nextPeriod(period: Period, cycle: BillingCycle): Period {
  assertPeriod(period, "period")
  return { start: period.end, end: periodContaining(period.end, cycle).end }
}

/**
 * Throws unless `period` has valid dates and `start < end`.
 *
 * @example
 * assertPeriod({ start: "2025-06-01", end: "2025-07-01" }, "period") // ok
 */
export function assertPeriod(period: Period, field: string): void {
  if (!period || typeof period !== "object") throw new BillingCalcError(`${field}: missing`)
  assertLocalDate(period.start, `${field}.start`)
  assertLocalDate(period.end, `${field}.end`)
  if (!(period.start < period.end)) throw new BillingCalcError(`${field}: start ${period.start} is not before end ${period.end}`)
}

function localMidnight(date: LocalDate, timezone: string, field: string): DateTime {
  assertLocalDate(date, field)
  // a midnight lost to DST (America/Santiago) becomes the day's first instant
  const dt = DateTime.fromISO(date, { zone: timezone })
  if (!dt.isValid) throw new BillingCalcError(`timezone: "${timezone}" is not an IANA time zone (${dt.invalidReason})`)
  return dt
}

/**
 * The UTC instants where the period's local days begin and end: usage with
 * `start ≤ t < end` belongs to it.
 *
 * @example
 * periodBoundsUtc({ start: "2025-06-01", end: "2025-07-01" }, "Europe/London")
 * // { start: 2025-05-31T23:00:00.000Z, end: 2025-06-30T23:00:00.000Z }
 */
export function periodBoundsUtc(period: Period, timezone: string): { start: Date; end: Date } {
  assertPeriod(period, "period")
  return {
    start: localMidnight(period.start, timezone, "period.start").toJSDate(),
    end: localMidnight(period.end, timezone, "period.end").toJSDate(),
  }
}

/**
 * When the period may close: its end plus the grace for late usage
 * (default 60 minutes).
 *
 * @example
 * closesAt({ start: "2025-06-01", end: "2025-07-01" }, "UTC", 60)
 * // 2025-07-01T01:00:00.000Z
 */
export function closesAt(period: Period, timezone: string, grace_minutes: number = DEFAULT_GRACE_MINUTES): Date {
  if (!Number.isInteger(grace_minutes) || grace_minutes < 0) {
    throw new BillingCalcError(`grace_minutes: ${String(grace_minutes)} is not a whole number ≥ 0`)
  }
  const end = periodBoundsUtc(period, timezone).end
  return new Date(end.getTime() + grace_minutes * 60_000)
}

/**
 * The local date of an instant in `timezone` (e.g. "today" for aging, or
 * the date of a change made now).
 *
 * @example
 * localDateOf(new Date("2025-06-30T23:30:00Z"), "Europe/London") // "2025-07-01"
 */
export function localDateOf(instant: Date, timezone: string): LocalDate {
  const dt = DateTime.fromJSDate(instant, { zone: timezone })
  if (!dt.isValid) throw new BillingCalcError(`localDateOf: invalid instant or time zone "${timezone}" (${dt.invalidReason})`)
  return dt.toISODate() as string
}
