/**
 * Field-level readers shared by the formats. Hot path: called for every field
 * of every record, so they avoid regular expressions and allocations.
 */
import { parseLocal, type ZoneClock } from "./time"
import type { CdrRecord, Disposition } from "./types"

/** Shared empty metadata for records without any; frozen so nobody fills it by mistake. */
export const NO_METADATA: Record<string, string> = Object.freeze({}) as Record<string, string>

/**
 * The value trimmed, without allocating when there is nothing to trim.
 *
 * @example
 * clean(" 44 ") // "44"
 */
export function clean(s: string | undefined): string {
  if (s === undefined) return ""
  const n = s.length
  if (n === 0) return s
  return s.charCodeAt(0) <= 32 || s.charCodeAt(n - 1) <= 32 ? s.trim() : s
}

/** Not a whole number. */
export const NOT_A_NUMBER = -1
/** A negative whole number. */
export const NEGATIVE = -2

/**
 * Whole seconds ≥ 0, or NOT_A_NUMBER / NEGATIVE. Longer than 9 digits (more
 * than 31 years) is not a duration.
 *
 * @example
 * parseSeconds("61")  // 61
 * parseSeconds("-3")  // NEGATIVE
 * parseSeconds("1.5") // NOT_A_NUMBER
 */
export function parseSeconds(s: string): number {
  const n = s.length
  if (n === 0 || n > 10) return NOT_A_NUMBER
  let i = 0
  let neg = false
  if (s.charCodeAt(0) === 45) {
    neg = true
    i = 1
    if (n === 1) return NOT_A_NUMBER
  }
  if (n - i > 9) return NOT_A_NUMBER
  let v = 0
  for (; i < n; i++) {
    const c = s.charCodeAt(i) - 48
    if (c < 0 || c > 9) return NOT_A_NUMBER
    v = v * 10 + c
  }
  return neg && v !== 0 ? NEGATIVE : v
}

/**
 * The reason for a bad seconds value.
 *
 * @example
 * secondsReason(parseSeconds("-3")) // "must not be negative"
 */
export function secondsReason(code: number): string {
  return code === NEGATIVE ? "must not be negative" : "not a whole number of seconds"
}

/**
 * A disposition name, case-insensitive, `_` for space accepted; empty means ANSWERED.
 * Returns null for anything else.
 *
 * @example
 * parseDisposition("no_answer") // "NO ANSWER"
 * parseDisposition("")          // "ANSWERED"
 */
export function parseDisposition(s: string): Disposition | null {
  switch (s) {
    case "ANSWERED":
    case "":
      return "ANSWERED"
    case "NO ANSWER":
      return "NO ANSWER"
    case "BUSY":
      return "BUSY"
    case "FAILED":
      return "FAILED"
    case "CONGESTION":
      return "CONGESTION"
  }
  const u = s.toUpperCase().replace(/_/g, " ")
  return u !== s ? parseDisposition(u) : null
}

/**
 * A new record with every property present, in one order, so every record
 * shares one hidden class (the rating loop stays monomorphic).
 *
 * @example
 * const r = blankRecord(2, row) // then fill r.call_id, r.callee, …
 */
export function blankRecord(line: number, fields: string[]): CdrRecord {
  return {
    line,
    call_id: "",
    account: "",
    direction: "outbound",
    caller: null,
    callee: "",
    answer_time: null,
    start_time: null,
    end_time: null,
    duration: null,
    billsec: 0,
    disposition: "ANSWERED",
    campaign: null,
    agent: null,
    queue: null,
    trunk: null,
    carrier: null,
    x: NO_METADATA,
    fields,
    error: undefined,
  }
}

/**
 * Empty text as null.
 *
 * @example
 * orNull("") // null
 */
export function orNull(s: string): string | null {
  return s.length === 0 ? null : s
}

/**
 * Checks that hold in every format once the fields are read: billsec within
 * duration, and an answer time for an answered call with billable seconds.
 * Sets `error` (the first problem only) and returns the record.
 *
 * @example
 * checkCall(record, "answer_time", true).error
 * // { column: "billsec", reason: "billsec 31 is greater than duration 30" }
 */
export function checkCall(r: CdrRecord, answerColumn: string, hasAnswerColumn: boolean): CdrRecord {
  if (r.error) return r
  if (r.duration !== null && r.billsec > r.duration) {
    r.error = { column: "billsec", reason: `billsec ${r.billsec} is greater than duration ${r.duration}` }
  } else if (r.disposition === "ANSWERED" && r.billsec > 0 && r.answer_time === null) {
    r.error = {
      column: answerColumn,
      reason: hasAnswerColumn ? "required for an answered call" : "the file has no answer_time column, required for answered calls",
    }
  }
  return r
}

/** Where a headerless switch format keeps its times and durations, and the column names it gives them. */
export interface SwitchTimeColumns {
  start: [index: number, name: string]
  answer: [index: number, name: string]
  end: [index: number, name: string]
  duration: number
  billsec: number
}

/**
 * Reads the local `YYYY-MM-DD HH:MM:SS` stamps (in the switch's zone) and the
 * duration and billsec of an Asterisk or FreeSWITCH line into `r`, reporting
 * the first bad field through `fail`.
 *
 * @example
 * readSwitchTimes(r, get, new ZoneClock("Europe/London"), fail, { start: [9, "start"], … })
 */
export function readSwitchTimes(
  r: CdrRecord,
  get: (i: number) => string,
  clock: ZoneClock,
  fail: (column: string | null, reason: string) => void,
  at: SwitchTimeColumns
): void {
  const stamp = ([i, column]: [number, string]): Date | null => {
    const s = get(i)
    if (s.length === 0) return null
    const ms = parseLocal(s, clock)
    if (Number.isNaN(ms)) {
      fail(column, `"${s}" is not a YYYY-MM-DD HH:MM:SS timestamp`)
      return null
    }
    return new Date(ms)
  }
  r.start_time = stamp(at.start)
  r.answer_time = stamp(at.answer)
  r.end_time = stamp(at.end)

  const dur = parseSeconds(get(at.duration))
  if (dur < 0) fail("duration", secondsReason(dur))
  else r.duration = dur
  const bs = parseSeconds(get(at.billsec))
  if (bs < 0) fail("billsec", secondsReason(bs))
  else r.billsec = bs
}
