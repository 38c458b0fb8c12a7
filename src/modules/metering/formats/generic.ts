/**
 * The generic CDR CSV (FORMATS.md "Call detail records, generic"): a header
 * with case-insensitive names; unknown names are fatal (a typo must not
 * silently drop a column) except `x_*`, kept as metadata.
 */
import { clean, blankRecord, checkCall, orNull, parseDisposition, parseSeconds, secondsReason } from "./fields"
import { parseInstant } from "./time"
import { FormatError, type CdrRecord, type FormatProblem, type RecordError } from "./types"

/** The generic columns, in FORMATS.md order. Headerless formats are output under these names. */
export const GENERIC_COLUMNS = [
  "call_id",
  "account",
  "direction",
  "caller",
  "callee",
  "answer_time",
  "start_time",
  "end_time",
  "duration",
  "billsec",
  "disposition",
  "campaign",
  "agent",
  "queue",
  "trunk",
  "carrier",
] as const

export type GenericColumn = (typeof GENERIC_COLUMNS)[number]

export const GENERIC_REQUIRED: readonly GenericColumn[] = ["call_id", "account", "callee", "billsec"]

/**
 * Where each known column sits in a file, and its `x_*` columns.
 * Built once from the header.
 */
export interface HeaderLayout {
  /** header names as written (BOM removed) */
  names: string[]
  /** position of each known column, -1 when absent */
  index: Record<string, number>
  /** `x_*` columns: position and metadata key (name without `x_`, lower case) */
  extras: Array<{ at: number; key: string }>
}

/**
 * Reads a header row against a list of known columns. Throws a FormatError
 * listing every unknown, duplicate, empty or missing column.
 *
 * @example
 * readHeader(["Call_ID", "account", "callee", "billsec", "x_region"], 1, GENERIC_COLUMNS, GENERIC_REQUIRED)
 * // { index: { call_id: 0, …, direction: -1 }, extras: [{ at: 4, key: "region" }] }
 */
export function readHeader(
  row: string[],
  line: number,
  known: readonly string[],
  required: readonly string[]
): HeaderLayout {
  const problems: FormatProblem[] = []
  const index: Record<string, number> = {}
  for (const k of known) index[k] = -1
  const extras: Array<{ at: number; key: string }> = []
  const seen = new Map<string, number>()
  row.forEach((raw, at) => {
    const name = raw.trim().toLowerCase()
    if (name.length === 0) {
      problems.push({ line, column: null, reason: `column ${at + 1} has no name` })
      return
    }
    if (seen.has(name)) {
      problems.push({ line, column: raw, reason: `duplicate column (also column ${seen.get(name)! + 1})` })
      return
    }
    seen.set(name, at)
    if (name in index) index[name] = at
    else if (name.startsWith("x_") && name.length > 2) extras.push({ at, key: name.slice(2) })
    else problems.push({ line, column: raw, reason: `unknown column "${raw.trim()}"` })
  })
  for (const k of required) {
    if (index[k] === -1) problems.push({ line, column: k, reason: `missing required column "${k}"` })
  }
  if (problems.length > 0) throw new FormatError(problems)
  return { names: row, index, extras }
}

/**
 * Builds the record of one generic CSV line. Never throws: a bad value sets
 * `error` (the first problem found) and the record is still returned.
 *
 * @example
 * const layout = readHeader(header, 1, GENERIC_COLUMNS, GENERIC_REQUIRED)
 * const rec = genericRecord(layout, ["c1", "acme", "+442079460000", "61"], 2)
 * rec.billsec // 61
 */
export function genericRecord(layout: HeaderLayout, row: string[], line: number, defaultAccount?: string): CdrRecord {
  const ix = layout.index
  const r = blankRecord(line, row)
  const width = layout.names.length
  problem = undefined
  if (row.length !== width) fail(null, `expected ${width} fields, found ${row.length}`)

  r.call_id = val(row, ix.call_id)
  if (r.call_id.length === 0) fail("call_id", "required value is empty")
  r.account = val(row, ix.account) || defaultAccount || ""
  if (r.account.length === 0) fail("account", "required value is empty")

  const dir = val(row, ix.direction)
  if (dir === "" || dir === "outbound") r.direction = "outbound"
  else if (dir === "inbound") r.direction = "inbound"
  else {
    const d = dir.toLowerCase()
    if (d === "outbound" || d === "inbound") r.direction = d
    else fail("direction", `"${dir}" is not outbound or inbound`)
  }

  r.caller = orNull(val(row, ix.caller))
  r.callee = val(row, ix.callee)
  if (r.callee.length === 0) fail("callee", "required value is empty")

  const answerText = val(row, ix.answer_time)
  r.answer_time = instant(answerText, "answer_time")
  r.start_time = sideInstant(val(row, ix.start_time), "start_time", r.answer_time === null ? null : answerText)
  r.end_time = sideInstant(val(row, ix.end_time), "end_time", r.answer_time === null ? null : answerText)

  const dur = val(row, ix.duration)
  if (dur.length > 0) {
    const v = parseSeconds(dur)
    if (v < 0) fail("duration", secondsReason(v))
    else r.duration = v
  }
  const bs = val(row, ix.billsec)
  if (bs.length === 0) fail("billsec", "required value is empty")
  else {
    const v = parseSeconds(bs)
    if (v < 0) fail("billsec", secondsReason(v))
    else r.billsec = v
  }

  const disp = val(row, ix.disposition)
  const d = parseDisposition(disp)
  if (d === null) fail("disposition", `"${disp}" is not one of ANSWERED, NO ANSWER, BUSY, FAILED, CONGESTION`)
  else r.disposition = d

  if (ix.campaign >= 0) r.campaign = orNull(val(row, ix.campaign))
  if (ix.agent >= 0) r.agent = orNull(val(row, ix.agent))
  if (ix.queue >= 0) r.queue = orNull(val(row, ix.queue))
  if (ix.trunk >= 0) r.trunk = orNull(val(row, ix.trunk))
  if (ix.carrier >= 0) r.carrier = orNull(val(row, ix.carrier))

  if (layout.extras.length > 0) {
    const x: Record<string, string> = {}
    for (const e of layout.extras) x[e.key] = row[e.at] ?? ""
    r.x = x
  }
  r.error = problem
  return checkCall(r, "answer_time", ix.answer_time >= 0)
}

// The first problem of the record being built. Module state rather than a
// closure per record: this runs millions of times per file, synchronously.
let problem: RecordError | undefined

function fail(column: string | null, reason: string): void {
  if (!problem) problem = { column, reason }
}

function val(row: string[], at: number): string {
  return at < 0 ? "" : clean(row[at])
}

// answer_time must carry Z or an offset (FORMATS.md).
function instant(s: string, column: string): Date | null {
  if (s.length === 0) return null
  const ms = parseInstant(s)
  if (Number.isNaN(ms)) {
    fail(column, `"${s}" is not an ISO 8601 timestamp with Z or an offset`)
    return null
  }
  return new Date(ms)
}

/**
 * start_time or end_time: FORMATS.md asks only for ISO 8601, so a stamp
 * without a zone is a rateable call's optional field, not a bad record. It is
 * read at the UTC offset written on the same record's answer_time (the
 * writer's own zone, whichever way the record arrived: file, pull or JSON),
 * or as UTC when the record has no valid answer_time.
 */
function sideInstant(s: string, column: string, answerText: string | null): Date | null {
  if (s.length === 0) return null
  let ms = parseInstant(s)
  if (Number.isNaN(ms)) {
    // The wall clock read as UTC: NaN unless `s` is a timestamp without a zone.
    ms = parseInstant(s + "Z")
    if (Number.isNaN(ms)) {
      fail(column, `"${s}" is not an ISO 8601 timestamp (YYYY-MM-DDTHH:MM[:SS], with Z, an offset or no zone)`)
      return null
    }
    if (answerText !== null) ms -= offsetMinutes(answerText) * 60_000
  }
  return new Date(ms)
}

// Minutes east of UTC written on a stamp parseInstant accepted: "…Z" 0,
// "…+05:30" 330, "…-0500" -300, "…+02" 120. The sign is the last + or - of
// the text; the date's dashes sit before position 16, the time has none.
function offsetMinutes(s: string): number {
  const n = s.length
  const last = s.charCodeAt(n - 1)
  if (last === 90 /* Z */ || last === 122 /* z */) return 0
  for (let i = n - 1; i >= 16; i--) {
    const c = s.charCodeAt(i)
    if (c !== 43 /* + */ && c !== 45 /* - */) continue
    const h = Number(s.slice(i + 1, i + 3))
    const rest = s.slice(i + 3)
    const m = rest.length === 0 ? 0 : Number(rest.charCodeAt(0) === 58 /* : */ ? rest.slice(1) : rest)
    return (c === 45 ? -1 : 1) * (h * 60 + m)
  }
  return 0
}
