/**
 * Asterisk `Master.csv` (cdr_csv), FORMATS.md: no header; local times in the
 * switch's zone; `uniqueid` is the call id, or a SHA-256 of the line when the
 * switch does not log it.
 */
import { createHash } from "crypto"
import { csvRecord } from "./csv"
import { blankRecord, checkCall, clean, orNull, parseDisposition, readSwitchTimes } from "./fields"
import { stampText, type ZoneClock } from "./time"
import type { CdrRecord, RecordError } from "./types"

/** Columns in cdr_csv order; `uniqueid`, `userfield` and the `newcdrcolumns` three are optional. */
export const ASTERISK_COLUMNS = [
  "accountcode",
  "src",
  "dst",
  "dcontext",
  "clid",
  "channel",
  "dstchannel",
  "lastapp",
  "lastdata",
  "start",
  "answer",
  "end",
  "duration",
  "billsec",
  "disposition",
  "amaflags",
  "uniqueid",
  "userfield",
  "peeraccount",
  "linkedid",
  "sequence",
] as const

/** Fields kept as metadata (`x`), in output order. */
export const ASTERISK_METADATA = [
  "dcontext",
  "clid",
  "channel",
  "dstchannel",
  "lastapp",
  "lastdata",
  "amaflags",
  "userfield",
  "peeraccount",
  "linkedid",
  "sequence",
] as const

const MIN_FIELDS = 16
const MAX_FIELDS = ASTERISK_COLUMNS.length
const AT = Object.fromEntries(ASTERISK_COLUMNS.map((c, i) => [c, i])) as Record<(typeof ASTERISK_COLUMNS)[number], number>

/**
 * The call id of a record without `uniqueid`: SHA-256 (hex) of the line as
 * RFC 4180 CSV, so re-importing the same file gives the same ids whatever
 * quoting the switch used.
 *
 * @example
 * lineHash(["acme", "2001", "442079460000"]) // "5c1e…" (64 hex digits)
 */
export function lineHash(fields: readonly string[]): string {
  return createHash("sha256").update(csvRecord(fields)).digest("hex")
}

/**
 * Builds the record of one Master.csv line. Never throws.
 *
 * @example
 * asteriskRecord(fields, 3, new ZoneClock("Europe/London")).answer_time
 */
export function asteriskRecord(row: string[], line: number, clock: ZoneClock, defaultAccount?: string): CdrRecord {
  const r = blankRecord(line, row)
  let error: RecordError | undefined
  const fail = (column: string | null, reason: string) => {
    if (!error) error = { column, reason }
  }
  const n = row.length
  if (n < MIN_FIELDS || n > MAX_FIELDS) {
    fail(null, `expected ${MIN_FIELDS} to ${MAX_FIELDS} fields (Asterisk cdr_csv), found ${n}`)
  }
  const get = (i: number) => clean(row[i])

  const uid = n > AT.uniqueid ? get(AT.uniqueid) : ""
  r.call_id = uid.length > 0 ? uid : lineHash(row)
  r.account = get(AT.accountcode) || defaultAccount || ""
  if (r.account.length === 0) fail("accountcode", "required value is empty")
  r.caller = orNull(get(AT.src))
  r.callee = get(AT.dst)
  if (r.callee.length === 0) fail("dst", "required value is empty")

  readSwitchTimes(r, get, clock, fail, {
    start: [AT.start, "start"],
    answer: [AT.answer, "answer"],
    end: [AT.end, "end"],
    duration: AT.duration,
    billsec: AT.billsec,
  })

  const disp = get(AT.disposition)
  const d = parseDisposition(disp)
  if (d === null) fail("disposition", `"${disp}" is not one of ANSWERED, NO ANSWER, BUSY, FAILED, CONGESTION`)
  else r.disposition = d

  const x: Record<string, string> = {}
  for (const key of ASTERISK_METADATA) {
    const i = AT[key]
    if (i < n) x[key] = row[i]
  }
  r.x = x
  r.error = error
  return checkCall(r, "answer", true)
}

/**
 * The record under the generic column names plus `x_<metadata>` (so rated
 * output of an Asterisk file reads back as a generic file). A timestamp that
 * did not parse keeps its original text so the exception shows it.
 *
 * @example
 * asteriskValues(rec) // ["1772442904.17", "acme", "outbound", "2001", …]
 */
export function asteriskValues(r: CdrRecord): string[] {
  const raw = (i: number) => clean(r.fields[i])
  return [
    r.call_id,
    r.account,
    r.direction,
    r.caller ?? "",
    r.callee,
    stampText(r.answer_time, raw(AT.answer)),
    stampText(r.start_time, raw(AT.start)),
    stampText(r.end_time, raw(AT.end)),
    raw(AT.duration),
    raw(AT.billsec),
    parseDisposition(raw(AT.disposition)) ?? raw(AT.disposition),
    "",
    "",
    "",
    "",
    "",
    ...ASTERISK_METADATA.map((k) => r.x[k] ?? ""),
  ]
}
