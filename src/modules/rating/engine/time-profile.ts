/**
 * Time profiles and bands (RATING.md §3.3).
 *
 * A profile compiles to a table of 7 × 1440 minutes → band, plus holidays by
 * local day number. Local time comes from the zone's UTC offset, cached per
 * 15-minute UTC bucket, so the hot path does no date library call: luxon is
 * asked only on a cache miss.
 */
import { IANAZone } from "luxon"
import type { TimeProfileInput } from "./types"

export const DEFAULT_BAND = "default"
export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const

const MINUTE_MS = 60_000
const DAY_MS = 86_400_000
const MINUTES_PER_DAY = 1440
const BUCKET_MS = 15 * MINUTE_MS
const CACHE_BITS = 16
const CACHE_MASK = (1 << CACHE_BITS) - 1
const EMPTY = -0x80000000 // no bucket: the bucket number of year −60,000
const HHMM_RE = /^(\d{2}):(\d{2})$/
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/

export interface CompiledProfile {
  /** band names; index 0 is "default" */
  bands: string[]
  /** band index for each minute of the local week, Monday 00:00 first (7 × 1440) */
  minuteBand: Uint16Array
  /** local day number (days since 1970-01-01) → band index */
  holidays: Map<number, number>
  /** first and last holiday day numbers (a range check before the map lookup) */
  firstHoliday: number
  lastHoliday: number
  source: TimeProfileInput
}

/** Minutes since midnight of "HH:MM" (00:00–24:00), or null. */
function parseHHMM(s: unknown): number | null {
  if (typeof s !== "string") return null
  const m = HHMM_RE.exec(s)
  if (!m) return null
  const h = Number(m[1])
  const min = Number(m[2])
  if (min > 59 || h > 24 || (h === 24 && min !== 0)) return null
  return h * 60 + min
}

/** Days since 1970-01-01 of a valid "YYYY-MM-DD", or null. */
function parseLocalDate(s: unknown): number | null {
  if (typeof s !== "string") return null
  const m = DATE_RE.exec(s)
  if (!m) return null
  const y = Number(m[1])
  const mo = Number(m[2])
  const d = Number(m[3])
  if (mo < 1 || mo > 12 || d < 1) return null
  const ms = Date.UTC(y, mo - 1, d)
  const back = new Date(ms)
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null
  return Math.round(ms / DAY_MS)
}

function show(v: unknown): string {
  return typeof v === "string" ? JSON.stringify(v) : String(v === undefined ? "missing" : JSON.stringify(v))
}

/**
 * Checks a time profile (FORMATS.md `profile.json`) and lists every problem
 * with where it is. Returns [] when the profile is valid. Unknown fields are
 * errors (a typo must not silently drop holidays), except `x_*` metadata.
 *
 * @example
 * validateProfile({ rules: [{ band: "peak", days: ["mon"], from: "08:00", to: "25:00" }] })
 * // ['rules[0].to: "25:00" is not HH:MM (00:00–24:00)']
 */
export function validateProfile(p: unknown): string[] {
  const errors: string[] = []
  if (p === null || typeof p !== "object" || Array.isArray(p)) {
    return ["profile: must be an object with a rules array"]
  }
  const obj = p as Record<string, unknown>
  for (const key of Object.keys(obj)) {
    if (key !== "rules" && key !== "holidays" && !key.startsWith("x_")) errors.push(`${key}: unknown field`)
  }
  if (!Array.isArray(obj.rules)) {
    errors.push("rules: must be an array")
  } else {
    obj.rules.forEach((rule: unknown, i: number) => {
      const at = `rules[${i}]`
      if (rule === null || typeof rule !== "object" || Array.isArray(rule)) {
        errors.push(`${at}: must be an object with band, days, from, to`)
        return
      }
      const r = rule as Record<string, unknown>
      for (const key of Object.keys(r)) {
        if (key !== "band" && key !== "days" && key !== "from" && key !== "to" && !key.startsWith("x_")) {
          errors.push(`${at}.${key}: unknown field`)
        }
      }
      if (typeof r.band !== "string" || r.band.trim() === "") {
        errors.push(`${at}.band: must be a non-empty string`)
      }
      if (!Array.isArray(r.days) || r.days.length === 0) {
        errors.push(`${at}.days: must be a non-empty array of mon, tue, wed, thu, fri, sat, sun`)
      } else {
        const seen = new Set<string>()
        r.days.forEach((d: unknown, j: number) => {
          if (typeof d !== "string" || !(WEEKDAYS as readonly string[]).includes(d)) {
            errors.push(`${at}.days[${j}]: ${show(d)} is not one of mon, tue, wed, thu, fri, sat, sun`)
          } else if (seen.has(d)) {
            errors.push(`${at}.days[${j}]: "${d}" is listed twice`)
          } else {
            seen.add(d)
          }
        })
      }
      const from = parseHHMM(r.from)
      const to = parseHHMM(r.to)
      if (from === null) errors.push(`${at}.from: ${show(r.from)} is not HH:MM (00:00–24:00)`)
      if (to === null) errors.push(`${at}.to: ${show(r.to)} is not HH:MM (00:00–24:00)`)
      if (from !== null && to !== null && from >= to) {
        errors.push(`${at}: from ${show(r.from)} must be before to ${show(r.to)}`)
      }
    })
  }
  if (obj.holidays !== undefined && obj.holidays !== null) {
    if (!Array.isArray(obj.holidays)) {
      errors.push("holidays: must be an array")
    } else {
      const seen = new Map<number, number>()
      obj.holidays.forEach((h: unknown, i: number) => {
        const at = `holidays[${i}]`
        if (h === null || typeof h !== "object" || Array.isArray(h)) {
          errors.push(`${at}: must be an object with date and band`)
          return
        }
        const o = h as Record<string, unknown>
        for (const key of Object.keys(o)) {
          if (key !== "date" && key !== "band" && !key.startsWith("x_")) errors.push(`${at}.${key}: unknown field`)
        }
        const day = parseLocalDate(o.date)
        if (day === null) {
          errors.push(`${at}.date: ${show(o.date)} is not a valid date YYYY-MM-DD`)
        } else if (seen.has(day)) {
          errors.push(`${at}.date: "${String(o.date)}" is already listed at holidays[${seen.get(day)}]`)
        } else {
          seen.set(day, i)
        }
        if (typeof o.band !== "string" || o.band.trim() === "") {
          errors.push(`${at}.band: must be a non-empty string`)
        }
      })
    }
  }
  return errors
}

/**
 * Compiles a profile for fast banding; null/undefined → null (every call is
 * in band "default"). Throws an Error listing every problem if it is invalid.
 *
 * @example
 * const p = compileProfile({ rules: [{ band: "peak", days: ["mon"], from: "08:00", to: "19:00" }] })
 * bandAt(p, Date.parse("2026-03-02T09:00:00Z"), "Europe/London") // "peak"
 */
export function compileProfile(p: TimeProfileInput | null | undefined): CompiledProfile | null {
  if (p === null || p === undefined) return null
  const errors = validateProfile(p)
  if (errors.length > 0) throw new Error(`invalid time profile: ${errors.join("; ")}`)
  const bands: string[] = [DEFAULT_BAND]
  const index = new Map<string, number>([[DEFAULT_BAND, 0]])
  const intern = (b: string): number => {
    let i = index.get(b)
    if (i === undefined) {
      i = bands.length
      bands.push(b)
      index.set(b, i)
    }
    return i
  }
  const UNSET = 0xffff
  const minuteBand = new Uint16Array(7 * MINUTES_PER_DAY).fill(UNSET)
  for (const rule of p.rules) {
    const b = intern(rule.band)
    const from = parseHHMM(rule.from) as number
    const to = parseHHMM(rule.to) as number
    for (const d of rule.days) {
      const base = WEEKDAYS.indexOf(d) * MINUTES_PER_DAY
      // Rules are checked in order: an earlier rule keeps its minutes.
      for (let m = from; m < to; m++) if (minuteBand[base + m] === UNSET) minuteBand[base + m] = b
    }
  }
  for (let i = 0; i < minuteBand.length; i++) if (minuteBand[i] === UNSET) minuteBand[i] = 0
  const holidays = new Map<number, number>()
  let firstHoliday = Infinity
  let lastHoliday = -Infinity
  for (const h of p.holidays ?? []) {
    const day = parseLocalDate(h.date) as number
    holidays.set(day, intern(h.band))
    if (day < firstHoliday) firstHoliday = day
    if (day > lastHoliday) lastHoliday = day
  }
  return { bands, minuteBand, holidays, firstHoliday, lastHoliday, source: p }
}

/**
 * UTC offsets of one IANA zone, cached per UTC day, and per 15-minute UTC
 * bucket on the days that hold a transition, in direct-mapped tables. A day
 * or bucket is cached only if the offset at its first and last millisecond
 * agree; a bucket holding a transition is computed exactly for the instant
 * each time. (Calls in time order cross a day 96 times less often than a
 * bucket, and each miss costs two luxon look-ups.) Throws on an invalid zone.
 *
 * @example
 * new ZoneOffsetCache("America/New_York").offsetMs(Date.parse("2026-01-15T12:00:00Z")) // -18000000
 */
const DAY_CACHE_BITS = 10
const DAY_CACHE_MASK = (1 << DAY_CACHE_BITS) - 1
// No zone's offset is this many ms (≈ -24.8 days): marks a day holding a transition.
const MIXED = -0x7fffffff

export class ZoneOffsetCache {
  readonly name: string
  private readonly zone: IANAZone
  // Slot i holds [bucket, offset ms] at 2i, 2i+1: one cache line per probe.
  // Buckets beyond the Int32 range (year ~63,000) are not cached.
  private readonly slots = new Int32Array(2 << CACHE_BITS).fill(EMPTY)
  // Same layout per UTC day; a day with a transition is stored with offset NaN-like MIXED.
  private readonly days = new Int32Array(2 << DAY_CACHE_BITS).fill(EMPTY)

  constructor(name: string) {
    if (typeof name !== "string" || !IANAZone.isValidZone(name)) {
      throw new Error(`invalid time zone "${String(name)}": expected an IANA zone such as "Europe/London"`)
    }
    this.name = name
    this.zone = IANAZone.create(name)
  }

  /** Exact offset in ms (local − UTC) at `ms`, straight from luxon. */
  exactOffsetMs(ms: number): number {
    const minutes = this.zone.offset(ms)
    if (!Number.isFinite(minutes)) throw new Error(`no UTC offset for ${String(ms)} in time zone "${this.name}"`)
    return Math.round(minutes * MINUTE_MS)
  }

  /** Offset in ms (local − UTC) at `ms`. */
  offsetMs(ms: number): number {
    const day = Math.floor(ms / DAY_MS)
    const j = (day & DAY_CACHE_MASK) << 1
    const days = this.days
    if (days[j] === day) {
      const offset = days[j + 1]
      if (offset !== MIXED) return offset
    } else if (day === (day | 0) && day !== EMPTY) {
      const start = day * DAY_MS
      const a = this.exactOffsetMs(start)
      const b = this.exactOffsetMs(start + DAY_MS - 1)
      days[j] = day
      days[j + 1] = a === b ? a : MIXED
      if (a === b) return a
    }
    const bucket = Math.floor(ms / BUCKET_MS)
    const i = (bucket & CACHE_MASK) << 1
    const slots = this.slots
    if (slots[i] === bucket) return slots[i + 1]
    const start = bucket * BUCKET_MS
    const a = this.exactOffsetMs(start)
    const b = this.exactOffsetMs(start + BUCKET_MS - 1)
    if (a !== b || bucket !== (bucket | 0) || bucket === EMPTY) return this.exactOffsetMs(ms)
    slots[i] = bucket
    slots[i + 1] = a
    return a
  }
}

const zones = new Map<string, ZoneOffsetCache>()
let lastZoneName: string | null = null
let lastZone: ZoneOffsetCache | null = null

/**
 * The shared offset cache of an IANA zone. Throws a clear Error for an invalid zone.
 *
 * @example
 * zoneOffsets("Europe/London").offsetMs(Date.parse("2026-07-01T12:00:00Z")) // 3600000
 */
export function zoneOffsets(timezone: string): ZoneOffsetCache {
  if (timezone === lastZoneName && lastZone !== null) return lastZone
  let z = zones.get(timezone)
  if (z === undefined) {
    z = new ZoneOffsetCache(timezone)
    zones.set(timezone, z)
  }
  lastZoneName = timezone
  lastZone = z
  return z
}

/**
 * Local calendar fields of an instant in a zone, from the cached offset.
 *
 * @example
 * localParts(Date.parse("2026-03-29T01:30:00Z"), "Europe/London")
 * // { day: 20541, weekday: 6 (sun), minuteOfDay: 150 (02:30) }
 */
export function localParts(atMs: number, timezone: string): { day: number; weekday: number; minuteOfDay: number } {
  const local = atMs + zoneOffsets(timezone).offsetMs(atMs)
  const day = Math.floor(local / DAY_MS)
  const minuteOfDay = Math.floor((local - day * DAY_MS) / MINUTE_MS)
  // 1970-01-01 was a Thursday (mon = 0).
  const weekday = (((day + 3) % 7) + 7) % 7
  return { day, weekday, minuteOfDay }
}

/**
 * The band of an instant (RATING.md §3.3): a holiday by local date gives its
 * band; else the first rule whose weekday and [from, to) local time contain
 * the moment; else "default". No profile → "default".
 *
 * @example
 * const p = compileProfile({ rules: [{ band: "peak", days: ["sun"], from: "02:00", to: "03:00" }] })
 * bandAt(p, Date.parse("2026-03-29T01:30:00Z"), "Europe/London") // "peak" (02:30 BST)
 * bandAt(null, Date.now(), "Europe/London") // "default"
 */
export function bandAt(profile: CompiledProfile | null, atMs: number, timezone: string): string {
  // The zone is checked even without a profile, so a bad zone fails the same way everywhere.
  const z = timezone === lastZoneName && lastZone !== null ? lastZone : zoneOffsets(timezone)
  if (profile === null) return DEFAULT_BAND
  const local = atMs + z.offsetMs(atMs)
  const day = Math.floor(local / DAY_MS)
  if (day >= profile.firstHoliday && day <= profile.lastHoliday) {
    const h = profile.holidays.get(day)
    if (h !== undefined) return profile.bands[h]
  }
  const minuteOfDay = Math.floor((local - day * DAY_MS) / MINUTE_MS)
  const weekday = (((day + 3) % 7) + 7) % 7
  return profile.bands[profile.minuteBand[weekday * MINUTES_PER_DAY + minuteOfDay]]
}
