/**
 * FreeSWITCH `mod_cdr_csv` with the default ("example") template, FORMATS.md:
 * no header; stamps `YYYY-MM-DD HH:MM:SS` in the switch's zone (or with an
 * offset); `uuid` is the call id; the hangup cause gives the disposition.
 */
import { blankRecord, checkCall, clean, orNull, readSwitchTimes } from "./fields"
import { stampText, type ZoneClock } from "./time"
import type { CdrRecord, Disposition, RecordError } from "./types"

export const FREESWITCH_COLUMNS = [
  "caller_id_name",
  "caller_id_number",
  "destination_number",
  "context",
  "start_stamp",
  "answer_stamp",
  "end_stamp",
  "duration",
  "billsec",
  "hangup_cause",
  "uuid",
  "bleg_uuid",
  "accountcode",
  "read_codec",
  "write_codec",
] as const

/** Fields kept as metadata (`x`), in output order. */
export const FREESWITCH_METADATA = ["caller_id_name", "context", "hangup_cause", "bleg_uuid", "read_codec", "write_codec"] as const

const AT = Object.fromEntries(FREESWITCH_COLUMNS.map((c, i) => [c, i])) as Record<(typeof FREESWITCH_COLUMNS)[number], number>

// Q.850 causes for calls that never connected, by what the caller experienced.
const NOT_ANSWERED: Record<string, Disposition> = {
  NO_ANSWER: "NO ANSWER",
  NO_USER_RESPONSE: "NO ANSWER",
  ORIGINATOR_CANCEL: "NO ANSWER",
  NORMAL_CLEARING: "NO ANSWER",
  ALLOTTED_TIMEOUT: "NO ANSWER",
  LOSE_RACE: "NO ANSWER",
  PICKED_OFF: "NO ANSWER",
  SUBSCRIBER_ABSENT: "NO ANSWER",
  USER_BUSY: "BUSY",
  CALL_REJECTED: "BUSY",
  NORMAL_CIRCUIT_CONGESTION: "CONGESTION",
  SWITCH_CONGESTION: "CONGESTION",
  REQUESTED_CHAN_UNAVAIL: "CONGESTION",
  NORMAL_TEMPORARY_FAILURE: "CONGESTION",
  RESOURCE_UNAVAILABLE: "CONGESTION",
}

/**
 * The disposition of a FreeSWITCH call. Billable seconds mean the call was
 * answered (`NORMAL_CLEARING` with billsec > 0 above all, but a call cut by
 * `MEDIA_TIMEOUT` after five minutes was answered too and is billed). Without
 * them: busy, no answer and congestion causes map to those; any other cause
 * (unallocated number, no route, …) is FAILED.
 *
 * @example
 * dispositionOf("NORMAL_CLEARING", 61) // "ANSWERED"
 * dispositionOf("USER_BUSY", 0)        // "BUSY"
 * dispositionOf("UNALLOCATED_NUMBER", 0) // "FAILED"
 */
export function dispositionOf(hangupCause: string, billsec: number): Disposition {
  if (billsec > 0) return "ANSWERED"
  return NOT_ANSWERED[hangupCause.toUpperCase()] ?? "FAILED"
}

/**
 * Builds the record of one mod_cdr_csv line. Never throws.
 *
 * @example
 * freeswitchRecord(fields, 1, new ZoneClock("UTC")).disposition // "ANSWERED"
 */
export function freeswitchRecord(row: string[], line: number, clock: ZoneClock, defaultAccount?: string): CdrRecord {
  const r = blankRecord(line, row)
  let error: RecordError | undefined
  const fail = (column: string | null, reason: string) => {
    if (!error) error = { column, reason }
  }
  if (row.length !== FREESWITCH_COLUMNS.length) {
    fail(null, `expected ${FREESWITCH_COLUMNS.length} fields (mod_cdr_csv default template), found ${row.length}`)
  }
  const get = (i: number) => clean(row[i])

  r.call_id = get(AT.uuid)
  if (r.call_id.length === 0) fail("uuid", "required value is empty")
  r.account = get(AT.accountcode) || defaultAccount || ""
  if (r.account.length === 0) fail("accountcode", "required value is empty")
  r.caller = orNull(get(AT.caller_id_number))
  r.callee = get(AT.destination_number)
  if (r.callee.length === 0) fail("destination_number", "required value is empty")

  readSwitchTimes(r, get, clock, fail, {
    start: [AT.start_stamp, "start_stamp"],
    answer: [AT.answer_stamp, "answer_stamp"],
    end: [AT.end_stamp, "end_stamp"],
    duration: AT.duration,
    billsec: AT.billsec,
  })
  r.disposition = dispositionOf(get(AT.hangup_cause), r.billsec)

  const x: Record<string, string> = {}
  for (const key of FREESWITCH_METADATA) {
    const i = AT[key]
    if (i < row.length) x[key] = row[i]
  }
  r.x = x
  r.error = error
  return checkCall(r, "answer_stamp", true)
}

/**
 * The record under the generic column names plus `x_<metadata>`.
 *
 * @example
 * freeswitchValues(rec) // ["a1b2…", "acme", "outbound", "2001", "442079460000", "2026-…Z", …]
 */
export function freeswitchValues(r: CdrRecord): string[] {
  const raw = (i: number) => clean(r.fields[i])
  return [
    r.call_id,
    r.account,
    r.direction,
    r.caller ?? "",
    r.callee,
    stampText(r.answer_time, raw(AT.answer_stamp)),
    stampText(r.start_time, raw(AT.start_stamp)),
    stampText(r.end_time, raw(AT.end_stamp)),
    raw(AT.duration),
    raw(AT.billsec),
    r.disposition,
    "",
    "",
    "",
    "",
    "",
    ...FREESWITCH_METADATA.map((k) => r.x[k] ?? ""),
  ]
}
