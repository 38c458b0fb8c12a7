/**
 * How documents print numbers, money, durations and dates. Money stays a
 * decimal string from end to end: formatting only inserts separators, it
 * never rounds (amounts arrive rounded, BILLING.md §4).
 */
import Decimal from "decimal.js"
import { DateTime, IANAZone } from "luxon"
import type { DateInput } from "./types"

const DECIMAL_RE = /^-?\d+(?:\.\d+)?$/
const DATE_ONLY_RE = /^(\d{4})-(\d{2})-(\d{2})$/
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

/**
 * Whether `value` is a plain decimal string ("12", "-0.0400"): no exponent,
 * no separators, no leading "+".
 *
 * @example
 * isDecimal("-0.0400") // true
 * isDecimal("1e3")     // false
 * isDecimal(12 as any) // false
 */
export function isDecimal(value: unknown): value is string {
  return typeof value === "string" && DECIMAL_RE.test(value)
}

/**
 * Throws unless `value` is a plain decimal string; `what` names the field in
 * the message.
 *
 * @example
 * assertDecimal("12.30", "total")   // ok
 * assertDecimal(12.3, "total")      // throws: total: 12.3 is not a decimal string
 */
export function assertDecimal(value: unknown, what: string): asserts value is string {
  if (!isDecimal(value)) {
    throw new Error(`${what}: ${typeof value === "string" ? JSON.stringify(value) : String(value)} is not a decimal string`)
  }
}

/**
 * Decimals of a decimal string.
 *
 * @example
 * scaleOf("0.0400") // 4
 * scaleOf("12")     // 0
 */
export function scaleOf(value: string): number {
  const dot = value.indexOf(".")
  return dot < 0 ? 0 : value.length - dot - 1
}

/**
 * Inserts thousands separators into a decimal string, keeping every digit
 * (no rounding, no change of scale).
 *
 * @example
 * groupThousands("1234567.891") // "1,234,567.891"
 * groupThousands("-1000")       // "-1,000"
 * groupThousands("999.00")      // "999.00"
 */
export function groupThousands(value: string): string {
  const neg = value.startsWith("-")
  const body = neg ? value.slice(1) : value
  const dot = body.indexOf(".")
  const int = dot < 0 ? body : body.slice(0, dot)
  const frac = dot < 0 ? "" : body.slice(dot)
  let grouped = ""
  for (let i = int.length; i > 0; i -= 3) grouped = int.slice(Math.max(0, i - 3), i) + (grouped ? "," + grouped : "")
  return (neg ? "-" : "") + grouped + frac
}

/**
 * A tax rate given as a fraction, as a percentage with no trailing zeros.
 *
 * @example
 * formatPercent("0.2")    // "20%"
 * formatPercent("0.075")  // "7.5%"
 * formatPercent("0")      // "0%"
 */
export function formatPercent(rate: string): string {
  return `${new Decimal(rate).times(100).toFixed()}%`
}

/**
 * Whole seconds as m:ss, or h:mm:ss from an hour.
 *
 * @example
 * formatDuration(65)    // "1:05"
 * formatDuration(3725)  // "1:02:05"
 * formatDuration(0)     // "0:00"
 */
export function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600)
  const m = Math.floor((seconds % 3600) / 60)
  const s = seconds % 60
  const ss = s < 10 ? `0${s}` : `${s}`
  if (h === 0) return `${m}:${ss}`
  return `${h}:${m < 10 ? "0" : ""}${m}:${ss}`
}

const zones = new Map<string, IANAZone>()

/**
 * A valid IANA zone (cached). Throws on an unknown name, so a document never
 * silently prints times in the wrong zone.
 *
 * @example
 * zone("Europe/London").name // "Europe/London"
 */
export function zone(name: string): IANAZone {
  let z = zones.get(name)
  if (!z) {
    z = IANAZone.create(name)
    if (!z.isValid) throw new Error(`"${name}" is not an IANA time zone`)
    zones.set(name, z)
  }
  return z
}

/**
 * Milliseconds since the epoch of an instant: a `Date`, or an ISO 8601 string
 * (without an offset it is read as UTC). Throws on anything unparsable.
 *
 * @example
 * instantMs("2026-01-31T23:00:00Z")   // 1769900400000
 * instantMs("2026-01-31T23:00:00")    // 1769900400000 (UTC)
 */
export function instantMs(input: DateInput): number {
  if (input instanceof Date) {
    const ms = input.getTime()
    if (Number.isNaN(ms)) throw new Error("invalid Date")
    return ms
  }
  const dt = DateTime.fromISO(input, { zone: "utc" })
  if (!dt.isValid) throw new Error(`"${input}" is not an ISO 8601 date or time`)
  return dt.toMillis()
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`)

const HOUR = 3_600_000
/** per zone: UTC hour → its offset in minutes, or NaN when the hour holds a transition */
const hourOffsets = new Map<string, Map<number, number>>()

/**
 * The zone's UTC offset in minutes at `ms`. luxon asks Intl for every
 * instant (microseconds each), so offsets are cached per UTC hour: when the
 * offset is the same at both ends of the hour it holds for the whole hour
 * (tzdb never has two transitions within an hour); hours with a transition
 * are computed per instant.
 */
function offsetAt(tz: string, ms: number): number {
  let hours = hourOffsets.get(tz)
  if (!hours) {
    hours = new Map()
    hourOffsets.set(tz, hours)
  }
  const h = Math.floor(ms / HOUR)
  let o = hours.get(h)
  if (o === undefined) {
    const z = zone(tz)
    const a = z.offset(h * HOUR)
    o = a === z.offset(h * HOUR + HOUR - 1) ? a : NaN
    if (hours.size >= 100_000) hours.clear()
    hours.set(h, o)
  }
  return Number.isNaN(o) ? zone(tz).offset(ms) : o
}

/** UTC fields of `ms` shifted by the zone's offset: the local wall time. */
function wall(ms: number, tz: string): { d: Date; offset: number } {
  const offset = offsetAt(tz, ms)
  return { d: new Date(ms + offset * 60_000), offset }
}

/**
 * An instant as local wall time "yyyy-MM-dd HH:mm:ss" in `tz`.
 *
 * @example
 * formatLocalDateTime("2026-07-01T12:00:00Z", "Europe/London") // "2026-07-01 13:00:00"
 */
export function formatLocalDateTime(input: DateInput, tz: string): string {
  const { d } = wall(instantMs(input), tz)
  return (
    `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ` +
    `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`
  )
}

/**
 * An instant as ISO 8601 local time with its offset, unambiguous across DST.
 *
 * @example
 * formatLocalIso("2026-07-01T12:00:00Z", "Europe/London")   // "2026-07-01T13:00:00+01:00"
 * formatLocalIso("2026-01-01T12:00:00Z", "America/New_York") // "2026-01-01T07:00:00-05:00"
 */
export function formatLocalIso(input: DateInput, tz: string): string {
  const { d, offset } = wall(instantMs(input), tz)
  const sign = offset < 0 ? "-" : "+"
  const abs = Math.abs(offset)
  return (
    `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}T` +
    `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}` +
    `${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`
  )
}

/**
 * A `Date` whose UTC fields are the local wall time in `tz`, whole seconds:
 * what a spreadsheet cell (which has no zone) should hold.
 *
 * @example
 * localWallDate("2026-07-01T12:00:00.400Z", "Europe/London").toISOString() // "2026-07-01T13:00:00.000Z"
 */
export function localWallDate(input: DateInput, tz: string): Date {
  const { d } = wall(instantMs(input), tz)
  return new Date(Math.floor(d.getTime() / 1000) * 1000)
}

/** The local calendar date of a date input: [year, month 1–12, day]. */
function localDate(input: DateInput, tz: string): [number, number, number] {
  if (typeof input === "string") {
    const m = DATE_ONLY_RE.exec(input)
    if (m) {
      const y = Number(m[1])
      const mo = Number(m[2])
      const d = Number(m[3])
      const check = new Date(Date.UTC(y, mo - 1, d))
      if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) throw new Error(`"${input}" is not a date`)
      return [y, mo, d]
    }
  }
  const { d } = wall(instantMs(input), tz)
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()]
}

/**
 * A date as "31 Jan 2026": a date-only string as is, an instant as its local
 * date in `tz`. English month names, whatever the locale of the machine.
 *
 * @example
 * formatDate("2026-01-31", "Asia/Tokyo")              // "31 Jan 2026"
 * formatDate("2026-01-31T20:00:00Z", "Asia/Tokyo")    // "1 Feb 2026"
 */
export function formatDate(input: DateInput, tz: string): string {
  const [y, m, d] = localDate(input, tz)
  return `${d} ${MONTHS[m - 1]} ${y}`
}

/**
 * A half-open period [start, end) as the inclusive days it covers: the end
 * prints as the day before when it falls on local midnight (or is a date
 * only), which is how periods are stored (BILLING.md §1).
 *
 * @example
 * formatPeriod("2026-01-01", "2026-02-01", "Europe/Paris") // "1 Jan 2026 – 31 Jan 2026"
 */
export function formatPeriod(start: DateInput, end: DateInput, tz: string): string {
  let [y, m, d] = localDate(end, tz)
  const midnight =
    (typeof end === "string" && DATE_ONLY_RE.test(end)) ||
    (() => {
      const { d: w } = wall(instantMs(end), tz)
      return w.getUTCHours() === 0 && w.getUTCMinutes() === 0 && w.getUTCSeconds() === 0 && w.getUTCMilliseconds() === 0
    })()
  if (midnight) {
    const prev = new Date(Date.UTC(y, m - 1, d - 1))
    ;[y, m, d] = [prev.getUTCFullYear(), prev.getUTCMonth() + 1, prev.getUTCDate()]
  }
  return `${formatDate(start, tz)} – ${d} ${MONTHS[m - 1]} ${y}`
}

/**
 * Significant digits of a decimal string (leading zeros and trailing
 * fractional zeros do not count).
 *
 * @example
 * significantDigits("0.0400")   // 1
 * significantDigits("1200")     // 4
 * significantDigits("-12.3450") // 5
 */
export function significantDigits(value: string): number {
  let s = value.replace("-", "")
  if (s.includes(".")) s = s.replace(/0+$/, "").replace(/\.$/, "")
  const digits = s.replace(".", "").replace(/^0+/, "")
  return digits.length
}

/**
 * The decimal string as a JS number when that number is exactly the same
 * decimal: at most 15 significant digits (what a double, and Excel, hold
 * without change) and the shortest printout of the double reads back as the
 * same value. Otherwise null, and the caller keeps the text.
 *
 * @example
 * exactNumber("0.0400")                  // 0.04
 * exactNumber("123456789012.3456")       // null (16 significant digits)
 */
export function exactNumber(value: string): number | null {
  if (!isDecimal(value) || significantDigits(value) > 15) return null
  const n = Number(value)
  if (!Number.isFinite(n)) return null
  return new Decimal(n).equals(new Decimal(value)) ? n : null
}
