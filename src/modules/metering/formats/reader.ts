/**
 * Readers that turn a CDR or meter-event file into batches of normalised
 * records. A reader is an async iterable of batches: the consumer pulls the
 * next batch when it has written the last one, and the file pauses meanwhile,
 * so memory stays flat whatever the file size.
 */
import { csvRecord, readCsvBatches, type CsvInput } from "./csv"
import { ASTERISK_METADATA, asteriskRecord, asteriskValues } from "./asterisk"
import { eventRecord, EVENT_COLUMNS } from "./events"
import { FREESWITCH_METADATA, freeswitchRecord, freeswitchValues } from "./freeswitch"
import { GENERIC_COLUMNS, GENERIC_REQUIRED, genericRecord, readHeader, type HeaderLayout } from "./generic"
import { ZoneClock } from "./time"
import { FormatError, type CdrFormat, type CdrRecord, type MeterEventRecord } from "./types"

export interface CdrReadOptions {
  /** default "generic" */
  format?: CdrFormat
  /** IANA zone of the switch's local timestamps (Asterisk, FreeSWITCH); default UTC */
  timezone?: string
  /** records per batch; default 10,000 */
  batchSize?: number
  /** account for records whose account field is empty (a source bound to one tenant) */
  defaultAccount?: string
}

/** An async iterable of record batches, plus how to write records back out. */
export interface CdrReader extends AsyncIterable<CdrRecord[]> {
  readonly format: CdrFormat
  /**
   * Output column names: the file's own header for the generic format (known
   * once the first batch has been read, or the iteration has ended); the
   * generic names plus `x_<metadata>` for headerless formats.
   */
  readonly columns: string[] | null
  /**
   * A record's values under `columns` (originals for generic, normalised for
   * the others). A generic record with too few values is padded with empty
   * ones; one with too many keeps the surplus in its last column, which then
   * holds the record's CSV text from that column on (`61,x,y`).
   */
  values(record: CdrRecord): string[]
  /** `values(record)` as one CSV line (RFC 4180, no line break); cheap for files without quotes. */
  text(record: CdrRecord): string
}

/**
 * Reads a CDR file as batches of normalised records. Bad records come back
 * with `error` set; a bad header (unknown or missing column) throws a
 * FormatError from the iteration. Can be iterated once.
 *
 * @example
 * const reader = readCdrs("Master.csv", { format: "asterisk", timezone: "Europe/London" })
 * for await (const batch of reader) {
 *   for (const rec of batch) if (!rec.error) console.log(rec.call_id, rec.billsec)
 * }
 */
export function readCdrs(input: CsvInput, options: CdrReadOptions = {}): CdrReader {
  const format = options.format ?? "generic"
  const clock = new ZoneClock(options.timezone ?? "UTC")
  const defaultAccount = options.defaultAccount
  let layout: HeaderLayout | null = null
  let columns: string[] | null = null
  let width = 0
  // Records from before the first quote in the file are plain: their fields
  // joined by commas are their exact CSV text, no quoting check needed.
  let quotedFrom = Infinity

  if (format === "asterisk") columns = [...GENERIC_COLUMNS, ...ASTERISK_METADATA.map((k) => "x_" + k)]
  else if (format === "freeswitch") columns = [...GENERIC_COLUMNS, ...FREESWITCH_METADATA.map((k) => "x_" + k)]
  else if (format !== "generic") throw new Error(`unknown CDR format "${String(format)}"`)

  async function* batches(): AsyncGenerator<CdrRecord[]> {
    let headerSeen = false
    for await (const batch of readCsvBatches(input, { batchSize: options.batchSize })) {
      const { rows, lines, problems } = batch
      if (!batch.plain && rows.length > 0 && quotedFrom === Infinity) quotedFrom = lines[0]
      const out: CdrRecord[] = new Array(rows.length)
      let k = 0
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i]
        const line = lines[i]
        let rec: CdrRecord
        if (format === "generic") {
          if (!layout) {
            layout = readHeader(row, line, GENERIC_COLUMNS, GENERIC_REQUIRED)
            columns = layout.names.map((n) => n.trim())
            width = columns.length
            headerSeen = true
            continue
          }
          rec = genericRecord(layout, row, line, defaultAccount)
        } else if (format === "asterisk") {
          rec = asteriskRecord(row, line, clock, defaultAccount)
        } else {
          rec = freeswitchRecord(row, line, clock, defaultAccount)
        }
        const problem = problems?.get(i)
        if (problem) rec.error = { column: null, reason: problem }
        out[k++] = rec
      }
      out.length = k
      if (k > 0) yield out
    }
    if (format === "generic" && !headerSeen) {
      throw new FormatError([{ line: 1, column: null, reason: "empty file: expected a header line" }])
    }
  }

  const values = (record: CdrRecord): string[] => {
    if (format === "asterisk") return asteriskValues(record)
    if (format === "freeswitch") return freeswitchValues(record)
    const f = record.fields
    if (f.length === width) return f
    // Keep the output rectangular: pad a short record; a long one keeps its
    // extra values in its last column, as the CSV text they were from there
    // on ("61,x,y"), so no value is lost and the line can be rebuilt.
    if (f.length > width) return [...f.slice(0, width - 1), csvRecord(f.slice(width - 1))]
    const v = f.slice()
    while (v.length < width) v.push("")
    return v
  }

  const iterable = batches()
  return {
    format,
    get columns() {
      return columns
    },
    values,
    text(record: CdrRecord): string {
      if (format === "generic" && record.line < quotedFrom && record.fields.length === width) return record.fields.join(",")
      return csvRecord(values(record))
    },
    [Symbol.asyncIterator]: () => iterable,
  }
}

export interface EventReadOptions {
  batchSize?: number
}

/**
 * Reads a meter events CSV as batches of records. Bad records come back with
 * `error` set; a bad header throws a FormatError.
 *
 * @example
 * for await (const batch of readMeterEvents("events.csv")) {
 *   for (const e of batch) console.log(e.event_id, e.metric, e.quantity)
 * }
 */
export async function* readMeterEvents(input: CsvInput, options: EventReadOptions = {}): AsyncGenerator<MeterEventRecord[]> {
  let layout: HeaderLayout | null = null
  for await (const { rows, lines, problems } of readCsvBatches(input, { batchSize: options.batchSize })) {
    const out: MeterEventRecord[] = []
    for (let i = 0; i < rows.length; i++) {
      if (!layout) {
        layout = readHeader(rows[i], lines[i], EVENT_COLUMNS, EVENT_COLUMNS)
        continue
      }
      const rec = eventRecord(layout, rows[i], lines[i])
      const problem = problems?.get(i)
      if (problem) rec.error = { column: null, reason: problem }
      out.push(rec)
    }
    if (out.length > 0) yield out
  }
  if (!layout) throw new FormatError([{ line: 1, column: null, reason: "empty file: expected a header line" }])
}
