/**
 * Timestamps in CDR files. Parsed by hand (no regular expression, no luxon
 * per record): a CDR file has millions of them, and `Date.parse` is too
 * lenient (it reads "2026-03-02T10:00:00" as the machine's local time).
 */
import { IANAZone } from "luxon"

const MS_HOUR = 3_600_000
const MS_DAY = 86_400_000
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

function daysIn(year: number, month: number): number {
  if (month !== 2) return DAYS[month - 1]
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28
}

function digits(s: string, at: number, n: number): number {
  let v = 0
  for (let i = at; i < at + n; i++) {
    const c = s.charCodeAt(i) - 48
    // NaN past the end of the text fails this test too.
    if (!(c >= 0 && c <= 9)) return -1
    v = v * 10 + c
  }
  return v
}

/**
 * A parsed timestamp: `ms` is the wall clock read as if it were UTC;
 * `offset` is the offset in minutes it carried, or null when it had none.
 */
interface Stamp {
  ms: number
  offset: number | null
}

// Reused to avoid an allocation per timestamp.
const stamp: Stamp = { ms: 0, offset: null }

/**
 * `YYYY-MM-DD[T| ]HH:MM[:SS[.fff…]]` then optionally `Z`, `±HH:MM`, `±HHMM` or `±HH`.
 * Returns false when the text is not such a timestamp or a field is out of range.
 */
function parseStamp(s: string): boolean {
  const n = s.length
  if (n < 16) return false
  const y = digits(s, 0, 4)
  const mo = digits(s, 5, 2)
  const d = digits(s, 8, 2)
  const h = digits(s, 11, 2)
  const mi = digits(s, 14, 2)
  const sep = s.charCodeAt(10)
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false
  if ((sep !== 84 /* T */ && sep !== 32 && sep !== 116 /* t */) || s.charCodeAt(13) !== 58) return false
  if (d > daysIn(y, mo) || h < 0 || h > 23 || mi < 0 || mi > 59) return false
  let i = 16
  let sec = 0
  let ms = 0
  if (i < n && s.charCodeAt(i) === 58 /* : */) {
    sec = digits(s, i + 1, 2)
    // 60 is a leap second; it is read as the next second, as Date does not keep them.
    if (sec < 0 || sec > 60 || i + 3 > n) return false
    i += 3
    if (i < n && (s.charCodeAt(i) === 46 /* . */ || s.charCodeAt(i) === 44 /* , */)) {
      i++
      const start = i
      let scale = 100
      while (i < n) {
        const c = s.charCodeAt(i) - 48
        if (c < 0 || c > 9) break
        ms += c * scale
        scale /= 10
        i++
      }
      if (i === start) return false
      ms = Math.floor(ms)
    }
  }
  let offset: number | null = null
  if (i < n) {
    const c = s.charCodeAt(i)
    if (c === 90 /* Z */ || c === 122 /* z */) {
      if (i + 1 !== n) return false
      offset = 0
    } else if (c === 43 /* + */ || c === 45 /* - */) {
      const rest = n - i - 1
      const oh = digits(s, i + 1, 2)
      let om = 0
      if (rest === 2) om = 0
      else if (rest === 4) om = digits(s, i + 3, 2)
      else if (rest === 5 && s.charCodeAt(i + 3) === 58) om = digits(s, i + 4, 2)
      else return false
      if (oh < 0 || oh > 23 || om < 0 || om > 59) return false
      offset = (c === 45 ? -1 : 1) * (oh * 60 + om)
    } else {
      return false
    }
  }
  stamp.ms = Date.UTC(y, mo - 1, d, h, mi, sec, ms)
  stamp.offset = offset
  return true
}

/**
 * Parses an ISO 8601 instant that carries `Z` or an offset (the generic CDR
 * format). Returns epoch milliseconds, or NaN when the text is not one.
 *
 * @example
 * parseInstant("2026-03-02T09:15:04Z")      // 1772442904000
 * parseInstant("2026-03-02T10:15:04+01:00") // 1772442904000
 * parseInstant("2026-03-02T09:15:04")       // NaN (no zone: ambiguous)
 */
export function parseInstant(s: string): number {
  if (!parseStamp(s) || stamp.offset === null) return NaN
  return stamp.ms - stamp.offset * 60_000
}

/**
 * Converts wall-clock times of one IANA zone to instants, caching the zone's
 * offset per hour so a file of millions of stamps costs a few thousand
 * time-zone lookups. Times that happen twice (the repeated hour when clocks
 * go back) read as the first occurrence; times that do not exist (the hour
 * skipped when clocks go forward) read with the offset in force before the
 * change, so they land just after it. These are Python's `fold=0` rules
 * (PEP 495) and do not depend on today's date, unlike luxon's `fromObject`,
 * whose guess starts from the zone's offset now.
 *
 * @example
 * const ny = new ZoneClock("America/New_York")
 * new Date(ny.toInstant(Date.UTC(2026, 10, 1, 1, 30))) // 2026-11-01T05:30:00Z (EDT, the first 01:30)
 */
export class ZoneClock {
  readonly zone: string
  private readonly iana: IANAZone | null
  private readonly cache = new Map<number, number>()

  constructor(zone: string) {
    this.zone = zone
    const fixed = zone === "UTC" || zone === "Etc/UTC" || zone === "GMT" || zone === "Z"
    this.iana = fixed ? null : IANAZone.create(zone)
    if (this.iana && !this.iana.isValid) throw new Error(`unknown time zone "${zone}"`)
  }

  /** Offset in minutes of the zone at instant `ts`. */
  offsetAt(ts: number): number {
    if (!this.iana) return 0
    const hour = Math.floor(ts / MS_HOUR)
    const hit = this.cache.get(hour)
    if (hit !== undefined) return hit
    const a = this.iana.offset(hour * MS_HOUR)
    const b = this.iana.offset(hour * MS_HOUR + MS_HOUR - 1)
    // An offset change inside this hour: not cacheable, compute exactly.
    if (a !== b) return this.iana.offset(ts)
    if (this.cache.size > 50_000) this.cache.clear()
    this.cache.set(hour, a)
    return a
  }

  /** The instant of wall-clock time `local` (wall clock read as UTC ms). */
  toInstant(local: number): number {
    // Offsets a day either side: no zone changes its offset twice within two days.
    const before = this.offsetAt(local - MS_DAY)
    const after = this.offsetAt(local + MS_DAY)
    const early = local - before * 60_000
    if (before === after) return early
    const late = local - after * 60_000
    const earlyOk = this.offsetAt(early) === before
    const lateOk = this.offsetAt(late) === after
    if (earlyOk && lateOk) return early < late ? early : late
    if (lateOk) return late
    // Valid with the old offset, or in the skipped hour: the old offset either way.
    return early
  }
}

/**
 * Parses a switch's timestamp: `YYYY-MM-DD HH:MM:SS` in the switch's zone
 * (Asterisk, FreeSWITCH), or an ISO 8601 instant when it carries an offset.
 * Returns epoch milliseconds or NaN.
 *
 * @example
 * const london = new ZoneClock("Europe/London")
 * parseLocal("2026-07-01 10:00:00", london) // 2026-07-01T09:00:00Z (BST)
 * parseLocal("2026-01-01 10:00:00", london) // 2026-01-01T10:00:00Z (GMT)
 */
export function parseLocal(s: string, clock: ZoneClock): number {
  if (!parseStamp(s)) return NaN
  if (stamp.offset !== null) return stamp.ms - stamp.offset * 60_000
  return clock.toInstant(stamp.ms)
}

/**
 * An instant as ISO 8601 UTC without milliseconds when they are zero.
 *
 * @example
 * formatInstant(new Date("2026-03-02T09:15:04Z")) // "2026-03-02T09:15:04Z"
 */
export function formatInstant(d: Date): string {
  const iso = d.toISOString()
  return iso.endsWith(".000Z") ? iso.slice(0, 19) + "Z" : iso
}

/**
 * An instant as `formatInstant` does, or the original text when it did not
 * parse (so an exception row shows what was wrong).
 *
 * @example
 * stampText(null, "2026-02-30 10:00:00") // "2026-02-30 10:00:00"
 */
export function stampText(d: Date | null, original: string): string {
  return d === null ? original : formatInstant(d)
}

/**
 * Whether `zone` is an IANA time zone name this runtime knows.
 *
 * @example
 * isValidZone("Europe/London") // true
 * isValidZone("Mars/Olympus")  // false
 */
export function isValidZone(zone: string): boolean {
  return zone === "UTC" || IANAZone.isValidZone(zone)
}
