/**
 * Streaming RFC 4180 reading and writing shared by every file format
 * (FORMATS.md): papaparse's parser over a Node stream a piece at a time
 * (split.ts), UTF-8 checked, a BOM tolerated, physical line numbers kept for
 * every record, and batches pulled by the consumer so a slow consumer pauses
 * the file instead of buffering it.
 *
 * Pure Node + papaparse: no Medusa import, so the command line (plain `tsc`
 * build) and the metering module share it.
 */
import { createReadStream } from "fs"
import type { Readable } from "stream"
import { CsvSplitter, decodeUtf8, lineByteOf } from "./split"

/** Records per batch by default: the size the bulk import writes in one COPY. */
export const DEFAULT_BATCH_SIZE = 10_000

/** A batch of raw CSV records. `lines[i]` is the physical line where `rows[i]` starts (1-based). */
export interface CsvBatch {
  rows: string[][]
  lines: number[]
  /** Malformed-CSV problems (unbalanced quotes…) by index into `rows`. */
  problems: Map<number, string> | null
  /**
   * True when nothing needing quotes had appeared in the input yet when these
   * rows were parsed: then no field holds a quote, comma or line break, and
   * `row.join(",")` is the record's exact CSV text.
   */
  plain: boolean
}

export interface CsvReadOptions {
  /** Records per yielded batch; default 10,000. */
  batchSize?: number
  /** Text encoding of a byte stream; default utf8. */
  encoding?: BufferEncoding
}

/**
 * A file path, or a readable stream: bytes (decoded as UTF-8 here, safely
 * across chunk boundaries) or, in object mode, strings.
 */
export type CsvInput = string | Readable

/**
 * Opens a path as a byte stream; passes streams through.
 *
 * @example
 * const stream = openInput("cdrs.csv")
 */
export function openInput(input: CsvInput): Readable {
  // 64 kB reads (the default): the rows of one chunk die young, which keeps
  // garbage collection cheap; 1 MB reads measured 1.5× slower.
  return typeof input === "string" ? createReadStream(input) : input
}

/**
 * Reads a CSV stream as batches of raw records, with the physical line number
 * where each record starts (correct across quoted fields that contain line
 * breaks). Blank lines are skipped but still counted. The file is never read
 * whole: the next piece is read only when the consumer asks for the next
 * batch. Smaller batches are cheaper for the garbage collector (the CLI uses
 * 500); a bulk import may take 10,000 for its COPY at some cost in GC time.
 *
 * Nothing is lost to a malformed record: a stray or unclosed quote makes its
 * own physical line one record with a problem, and every later line is read
 * on its own merits (see split.ts); bytes that are not UTF-8 make their
 * record's problem "not valid UTF-8" instead of being silently replaced.
 * A read error names the file.
 *
 * @example
 * for await (const { rows, lines } of readCsvBatches("cdrs.csv")) {
 *   rows.forEach((row, i) => console.log(lines[i], row))
 * }
 */
export function readCsvBatches(input: CsvInput, options: CsvReadOptions = {}): AsyncGenerator<CsvBatch> {
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE)
  const source = openInput(input)
  const encoding = options.encoding ?? "utf8"
  // Bytes are decoded here (decodeUtf8), checked, and kept whole across pieces.
  const bytes = !source.readableObjectMode && !source.readableEncoding && (encoding === "utf8" || encoding === "utf-8")
  if (!source.readableObjectMode && !source.readableEncoding && !bytes) source.setEncoding(encoding)
  return iterate(source, batchSize, bytes, typeof input === "string" ? input : null)
}

async function* iterate(source: Readable, batchSize: number, bytes: boolean, path: string | null): AsyncGenerator<CsvBatch> {
  const ready: CsvBatch[] = []
  let current: CsvBatch = { rows: [], lines: [], problems: null, plain: true }
  const split = new CsvSplitter((row, line, problem) => {
    // Plain until a row is read after something needing quotes went by.
    if (current.plain && split.special) current.plain = false
    if (problem !== null) (current.problems ??= new Map()).set(current.rows.length, problem)
    current.rows.push(row)
    current.lines.push(line)
    if (current.rows.length >= batchSize) {
      ready.push(current)
      current = { rows: [], lines: [], problems: null, plain: true }
    }
  })
  let carry: Buffer | null = null
  const feed = (chunk: string | Buffer, final: boolean) => {
    if (typeof chunk === "string") return split.push(chunk)
    const d = decodeUtf8(carry === null ? chunk : Buffer.concat([carry, chunk]), final, lineByteOf(chunk, split.linebreak))
    carry = d.carry
    split.push(d.text, d.bad)
  }

  try {
    for await (const chunk of source) {
      feed(chunk as string | Buffer, false)
      while (ready.length > 0) yield ready.shift()!
    }
    if (carry !== null) feed(Buffer.alloc(0), true)
    split.end()
    if (current.rows.length > 0) ready.push(current)
    while (ready.length > 0) yield ready.shift()!
  } catch (e) {
    throw named(e, path)
  }
}

/** A read error names the file (Node's "EIO: i/o error, read" does not). */
function named(e: unknown, path: string | null): unknown {
  const err = e as NodeJS.ErrnoException
  // Duck-typed: errors from Node's core may come from another realm (vm, jest).
  if (path !== null && err !== null && typeof err === "object" && typeof err.code === "string" && err.path === undefined) {
    err.path = path
    err.message = `${err.message} '${path}'`
  }
  return err
}

const NEEDS_QUOTES = /[",\r\n]/

/**
 * One CSV field, quoted per RFC 4180 only when it must be.
 *
 * @example
 * csvField("United Kingdom, Mobile") // "\"United Kingdom, Mobile\""
 * csvField("0.0125")                 // "0.0125"
 */
export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value
}

/**
 * One CSV record without its line break. Most records need no quoting: they
 * are joined once and checked once, rather than field by field.
 *
 * @example
 * csvRecord(["a", "b,c", 'say "hi"']) // 'a,"b,c","say ""hi"""'
 */
export function csvRecord(values: readonly string[]): string {
  const joined = values.join(",")
  if (!SPECIAL.test(joined)) {
    // No quote or line break anywhere; plain if the only commas are the separators.
    let commas = 0
    for (let k = joined.indexOf(","); k !== -1; k = joined.indexOf(",", k + 1)) commas++
    if (commas === values.length - 1) return joined
  }
  let s = ""
  for (let i = 0; i < values.length; i++) {
    if (i > 0) s += ","
    s += csvField(values[i])
  }
  return s
}

const SPECIAL = /["\r\n]/
