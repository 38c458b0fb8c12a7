/**
 * The call statement as CSV (RFC 4180: CRLF records, fields quoted when they
 * hold a comma, a quote, a line break or edge spaces, quotes doubled), one
 * call per record, streamed from the calls cursor with back-pressure.
 */
import type { Writable } from "stream"
import { pipeline } from "stream/promises"
import Papa from "papaparse"
import { callColumns, checkTimezone, validateCall } from "./call-statement"
import { formatLocalIso } from "./format"
import type { CallStatementCsvOptions, StatementCall } from "./types"

/** Records per `Papa.unparse` call: big enough to be cheap, small enough to stay bounded. */
const CHUNK = 500

/**
 * Cells a spreadsheet would run as a formula: starting with = + - @ or a
 * tab/CR. A plain number ("-0.0100", "+441234567") is left alone: it cannot
 * call anything, and prefixing it would break the amounts.
 */
export const FORMULA_RE = /^(?![+-]?\d+(?:\.\d+)?$)[=+\-@\t\r]/

/**
 * A call as CSV fields, in `callColumns` order: the answer time as ISO 8601
 * local time with its offset (unambiguous across DST), seconds and amounts
 * exactly as given.
 *
 * @example
 * csvFields({ answer_time: "2026-07-01T12:00:00Z", caller_id: "+4420", destination: "33612",
 *   destination_name: "France Mobile", duration: 61, rated_seconds: 120, rate: "0.0200", charge: "0.0400" }, "Europe/London")
 * // ["2026-07-01T13:00:00+01:00", "+4420", "33612", "France Mobile", "61", "120", "0.0200", "0.0400"]
 */
export function csvFields(call: StatementCall, timezone: string): string[] {
  return [
    call.answer_time == null ? "" : formatLocalIso(call.answer_time, timezone),
    call.caller_id ?? "",
    call.destination,
    call.destination_name ?? "",
    String(call.duration),
    String(call.rated_seconds),
    call.rate ?? "",
    call.charge,
  ]
}

const unparse = (rows: string[][]): string =>
  Papa.unparse(rows, { header: false, newline: "\r\n", escapeFormulae: FORMULA_RE }) + "\r\n"

async function* csvChunks(
  calls: AsyncIterable<StatementCall> | Iterable<StatementCall>,
  opts: CallStatementCsvOptions
): AsyncGenerator<string> {
  yield (opts.bom ? "\ufeff" : "") + unparse([callColumns(opts.timezone).map((c) => c.key)])
  let batch: string[][] = []
  let n = 0
  for await (const call of calls) {
    validateCall(call, n++)
    batch.push(csvFields(call, opts.timezone))
    if (batch.length === CHUNK) {
      yield unparse(batch)
      batch = []
    }
  }
  if (batch.length) yield unparse(batch)
}

/**
 * Writes the call statement as CSV into `out` (UTF-8, a header row of
 * snake_case keys) and resolves when `out` has finished. Cells that would
 * run as spreadsheet formulas get a leading "'" (and are quoted). A bad call
 * or a failing cursor destroys `out` with the error and rejects; the
 * cursor is closed either way.
 *
 * @example
 * await writeCallStatementCsv(cursor, res, { timezone: "Europe/London" })
 */
export async function writeCallStatementCsv(
  calls: AsyncIterable<StatementCall> | Iterable<StatementCall>,
  out: Writable,
  opts: CallStatementCsvOptions
): Promise<void> {
  checkTimezone(opts?.timezone)
  await pipeline(csvChunks(calls, opts), out)
}
