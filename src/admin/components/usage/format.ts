import type { ExceptionReason, ExceptionStatus, ImportJob, ImportStatus } from "../../hooks/usage"

export { formatDateTime, money, selectClass } from "../rate-cards/format"

export const IMPORT_FORMATS = ["generic", "asterisk", "freeswitch", "events"] as const
/** Formats whose timestamps are the switch's local time: they need a time zone. */
export const LOCAL_TIME_FORMATS: ReadonlySet<string> = new Set(["asterisk", "freeswitch"])
export const IMPORT_STATUSES: ImportStatus[] = ["queued", "running", "completed", "failed"]
export const EXCEPTION_REASONS: ExceptionReason[] = ["unknown_account", "invalid_number", "invalid_record", "no_rate", "out_of_policy"]
export const EXCEPTION_STATUSES: ExceptionStatus[] = ["open", "resolved", "ignored"]
export const DISPOSITIONS = ["ANSWERED", "NO ANSWER", "BUSY", "FAILED", "CONGESTION"] as const

type Colour = "green" | "red" | "blue" | "orange" | "grey" | "purple"

export const importStatusColour = (s: ImportStatus): Colour =>
  s === "completed" ? "green" : s === "failed" ? "red" : s === "running" ? "blue" : "grey"

export const exceptionStatusColour = (s: ExceptionStatus): Colour => (s === "open" ? "orange" : s === "resolved" ? "green" : "grey")

export const reasonColour = (r: string): Colour =>
  r === "unknown_account" ? "purple" : r === "no_rate" ? "orange" : r === "out_of_policy" ? "red" : "grey"

export const isLive = (job: Pick<ImportJob, "status"> | undefined) => job?.status === "queued" || job?.status === "running"

/** True for an IANA zone the browser knows ("Europe/London"); "UTC" too. */
export function isTimeZone(zone: string): boolean {
  if (!zone.trim()) return false
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone.trim() })
    return true
  } catch {
    return false
  }
}

/** The browser's own zone, the default for local-time formats. */
export const browserTimeZone = () => {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC"
  } catch {
    return "UTC"
  }
}

/** Seconds (a number or an integer string) as minutes with two decimals, exactly: 90 → "1.50". */
export function minutes(seconds: number | string | null | undefined): string {
  if (seconds === null || seconds === undefined || seconds === "") return "–"
  const s = String(seconds).trim()
  if (!/^\d+$/.test(s)) return s
  const hundredths = (BigInt(s) * 100n + 30n) / 60n // half up
  const int = (hundredths / 100n).toLocaleString()
  return `${int}.${(hundredths % 100n).toString().padStart(2, "0")}`
}

/** A byte count for people: 1.2 MB. */
export function bytes(n: number | string | null | undefined): string {
  if (n === null || n === undefined || n === "") return "–"
  const v = Number(n)
  if (!isFinite(v)) return String(n)
  if (v < 1024) return `${v} B`
  const units = ["kB", "MB", "GB", "TB"]
  let x = v / 1024
  let i = 0
  while (x >= 1024 && i < units.length - 1) {
    x /= 1024
    i++
  }
  return `${x.toFixed(1)} ${units[i]}`
}

/** `by_reason` as the API returns it (an object or a list) → [reason, count] pairs, largest first. */
export function reasonCounts(by: unknown): Array<[string, number]> {
  let pairs: Array<[string, number]> = []
  if (Array.isArray(by)) pairs = by.map((r: any) => [String(r.reason), Number(r.count ?? r.n ?? 0)])
  else if (by && typeof by === "object") pairs = Object.entries(by as Record<string, unknown>).map(([k, v]) => [k, Number(v)])
  return pairs.filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
}

/** A YYYY-MM-DD date as the start of that day in UTC; `endOfDay` gives the start of the next day (an exclusive end). */
export function dayToIso(day: string, endOfDay = false): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined
  const d = new Date(`${day}T00:00:00.000Z`)
  if (isNaN(d.getTime())) return undefined
  if (endOfDay) d.setUTCDate(d.getUTCDate() + 1)
  return d.toISOString()
}
