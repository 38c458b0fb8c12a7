/**
 * The call statement as an XLSX workbook, streamed with exceljs's
 * WorkbookWriter: each row is committed (written and dropped) as it is read.
 * Seconds are numbers; an amount is a number only when the double holds
 * exactly its decimal (≤ 15 significant digits), else it stays text, so
 * a spreadsheet never shows a different amount than the invoice.
 */
import { once, type EventEmitter } from "events"
import type { Writable } from "stream"
import type ExcelJS from "exceljs"
import { lazyModule } from "../../../lib/lazy-module"
import { callColumns, checkTimezone, validateCall } from "./call-statement"
import { exactNumber, localWallDate, scaleOf } from "./format"
import type { CallStatementXlsxOptions, StatementCall } from "./types"

/** exceljs, loaded with the first XLSX export (see lazyModule) */
const excelJs = lazyModule(() => require("exceljs") as typeof ExcelJS)

const DATE_FMT = "yyyy-mm-dd hh:mm:ss"
const WIDTHS = [21, 16, 16, 28, 10, 9, 14, 14]
/** rows between checks on the back-pressure */
const YIELD_EVERY = 256
/** uncompressed sheet XML allowed to wait for the zip before we stop reading calls */
const MAX_BACKLOG = 1024 * 1024

type StreamState = { length?: number }
type SheetStream = {
  buffers?: Array<{ length: number }>
  /** archiver's PassThrough (readable-stream 2: no writableLength, only the states) */
  pipes?: Array<{ _writableState?: StreamState; _readableState?: StreamState }>
}

/**
 * Bytes of sheet XML written but not yet compressed. exceljs's sheet stream
 * (StreamBuf) ignores back-pressure: it buffers until the zip takes the
 * entry, then writes into the deflate stream without waiting, so without
 * this check a fast cursor would pile the whole sheet up in memory. Reads
 * exceljs 4.4 internals; unknown shapes count as 0 (no throttling).
 */
function sheetBacklog(ws: ExcelJS.Worksheet): number {
  const s = (ws as unknown as { _stream?: SheetStream })._stream
  if (!s) return 0
  let n = 0
  for (const b of s.buffers ?? []) n += b.length ?? 0
  for (const p of s.pipes ?? []) n += (p._writableState?.length ?? 0) + (p._readableState?.length ?? 0)
  return n
}

/** Resolves when the zip's input stream drains, or after `ms` (a safety net). */
function sheetDrained(ws: ExcelJS.Worksheet, ms: number): Promise<void> {
  const pipe = (ws as unknown as { _stream?: SheetStream })._stream?.pipes?.[0] as unknown as EventEmitter | undefined
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer)
      pipe?.removeListener("drain", done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    pipe?.once("drain", done)
  })
}

/**
 * A sheet name Excel accepts: []:*?/\ become "_", at most 31 characters,
 * no leading or trailing apostrophe, never empty (then "Calls").
 *
 * @example
 * sheetName("Calls: Jan/2026") // "Calls_ Jan_2026"
 * sheetName("")                // "Calls"
 */
export function sheetName(name: string | undefined): string {
  const s = (name ?? "")
    .replace(/[[\]:*?/\\]/g, "_")
    .replace(/^'+|'+$/g, "")
    .slice(0, 31)
  return s.trim() ? s : "Calls"
}

/** The number format that shows a decimal string with its own decimals. */
const numFmt = (value: string): string => {
  const s = scaleOf(value)
  return s === 0 ? "0" : `0.${"0".repeat(s)}`
}

/**
 * Writes the call statement as an XLSX workbook into `out` and resolves
 * when `out` has finished. Answer times are date cells holding the local
 * wall time in `timezone` (named in the header; a spreadsheet has no
 * zones), seconds are numbers, rates and charges numbers with their own
 * decimals when exact, else text. A bad call or a failing cursor destroys
 * `out` with the error and rejects.
 *
 * @example
 * await writeCallStatementXlsx(cursor, res, { timezone: "Europe/London", currency: "GBP", sheetName: "Calls" })
 */
export async function writeCallStatementXlsx(
  calls: AsyncIterable<StatementCall> | Iterable<StatementCall>,
  out: Writable,
  opts: CallStatementXlsxOptions
): Promise<void> {
  checkTimezone(opts?.timezone)
  if (typeof opts.currency !== "string" || !/^[A-Z]{3}$/.test(opts.currency)) {
    throw new Error(`currency: ${JSON.stringify(opts.currency)} is not an ISO 4217 code`)
  }
  const tz = opts.timezone
  let failed: Error | null = null
  const onError = (e: Error) => {
    failed ??= e
  }
  out.on("error", onError)

  const wb = new (excelJs().stream.xlsx.WorkbookWriter)({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  })
  if (opts.created) wb.created = wb.modified = opts.created
  const ws = wb.addWorksheet(sheetName(opts.sheetName), { views: [{ state: "frozen", ySplit: 1 }] })
  ws.columns = callColumns(tz, opts.currency).map((c, i) => ({ key: c.key, width: WIDTHS[i] }))
  const head = ws.addRow(callColumns(tz, opts.currency).map((c) => c.label))
  head.font = { bold: true }
  head.commit()

  try {
    let n = 0
    for await (const call of calls) {
      if (failed) throw failed
      validateCall(call, n++)
      const rate = call.rate == null ? null : exactNumber(call.rate)
      const charge = exactNumber(call.charge)
      const row = ws.addRow([
        call.answer_time == null ? null : localWallDate(call.answer_time, tz),
        call.caller_id ?? "",
        call.destination,
        call.destination_name ?? "",
        call.duration,
        call.rated_seconds,
        call.rate == null ? null : (rate ?? call.rate),
        charge ?? call.charge,
      ])
      if (call.answer_time != null) row.getCell(1).numFmt = DATE_FMT
      if (call.rate != null) {
        if (rate !== null) row.getCell(7).numFmt = numFmt(call.rate)
        else row.getCell(7).alignment = { horizontal: "right" }
      }
      if (charge !== null) row.getCell(8).numFmt = numFmt(call.charge)
      else row.getCell(8).alignment = { horizontal: "right" }
      row.commit()
      if (n % YIELD_EVERY === 0) {
        // let the zip and the output catch up
        await new Promise((r) => setImmediate(r))
        while (!failed && (out.writableNeedDrain || sheetBacklog(ws) > MAX_BACKLOG)) {
          if (out.writableNeedDrain) await once(out, "drain")
          else await sheetDrained(ws, 20)
        }
      }
    }
    if (failed) throw failed
    ws.commit()
    await wb.commit()
  } catch (e) {
    // stop the zip and fail the output, as a pipeline would
    ;(wb as unknown as { zip: { abort(): void } }).zip.abort()
    out.destroy(e as Error)
    throw e
  } finally {
    out.off("error", onError)
  }
}
