/**
 * Streaming RFC 4180 reading and writing shared by every file format
 * (FORMATS.md): papaparse in chunk mode over a Node stream, a UTF-8 BOM
 * tolerated, physical line numbers kept for every record, and batches pulled
 * by the consumer so a slow consumer pauses the file instead of buffering it.
 *
 * Pure Node + papaparse: no Medusa import, so the command line (plain `tsc`
 * build) and the metering module share it.
 */
import { createReadStream } from "fs"
import { pipeline, Transform, type Readable, type TransformCallback } from "stream"
import Papa from "papaparse"
import { breaksIn } from "./lines"

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

function isEmptyRow(row: string[]): boolean {
  return row.length === 1 && row[0].length === 0
}

/**
 * Reads a CSV stream as batches of raw records, with the physical line number
 * where each record starts (correct across quoted fields that contain line
 * breaks). Blank lines are skipped but still counted. The file is never read
 * whole: once a batch is waiting for the consumer, the stream pauses.
 * Smaller batches are cheaper for the garbage collector (the CLI uses 500);
 * a bulk import may take 10,000 for its COPY at some cost in GC time.
 *
 * @example
 * for await (const { rows, lines } of readCsvBatches("cdrs.csv")) {
 *   rows.forEach((row, i) => console.log(lines[i], row))
 * }
 */
export function readCsvBatches(input: CsvInput, options: CsvReadOptions = {}): AsyncGenerator<CsvBatch> {
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE)
  const source = openInput(input)
  if (!source.readableObjectMode && !source.readableEncoding) {
    // Decode in the stream so a multi-byte character split across two chunks stays whole.
    source.setEncoding(options.encoding ?? "utf8")
  }
  return iterate(source, batchSize)
}

/**
 * Sits between the file and papaparse. Papa guesses the line break from the
 * first chunk it sees, so the first chunk must hold a whole line ending (a
 * chunk cut between "\r" and "\n" would make it read "\r"). It also notes
 * whether anything that needs CSV quoting has gone by: until a quote (or a
 * carriage return that does not end a line) appears, papaparse splits plain
 * lines, so no field can hold a line break, comma or quote; line numbering
 * then needs no scan of the fields and a record's text is its fields joined.
 */
class Feed extends Transform {
  special = false
  private held = ""
  private started = false

  constructor() {
    super({ writableObjectMode: true, encoding: "utf8" })
  }

  _transform(chunk: string | Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    const text = typeof chunk === "string" ? chunk : chunk.toString("utf8")
    if (!this.special) this.special = needsQuoting(text)
    if (this.started) {
      this.push(text)
    } else {
      this.held += text
      if (this.held.indexOf("\n") !== -1 || this.held.length > MAX_FIRST_LINE) {
        this.started = true
        this.push(this.held)
        this.held = ""
      }
    }
    done()
  }

  _flush(done: TransformCallback): void {
    if (this.held.length > 0) this.push(this.held)
    done()
  }
}

function needsQuoting(text: string): boolean {
  if (text.indexOf('"') !== -1) return true
  for (let k = text.indexOf("\r"); k !== -1; k = text.indexOf("\r", k + 1)) {
    // "\r" at the very end is taken as the first half of "\r\n".
    if (k + 1 < text.length && text.charCodeAt(k + 1) !== 10) return true
  }
  return false
}

// A first line longer than this is not a CSV header; stop holding it back.
const MAX_FIRST_LINE = 1 << 20

async function* iterate(source: Readable, batchSize: number): AsyncGenerator<CsvBatch> {
  const ready: CsvBatch[] = []
  let current: CsvBatch = { rows: [], lines: [], problems: null, plain: true }
  let nextLine = 1
  let finished = false
  let failure: Error | null = null
  let wake: (() => void) | null = null
  let handle: Papa.Parser | null = null
  let paused = false
  let linebreak = "\n"

  const signal = () => {
    const w = wake
    wake = null
    if (w) w()
  }
  const flush = () => {
    if (current.rows.length > 0) {
      ready.push(current)
      current = { rows: [], lines: [], problems: null, plain: true }
    }
  }

  const stream = new Feed()
  pipeline(source, stream, (err) => {
    if (err && !finished) {
      failure ??= err
      signal()
    }
  })

  Papa.parse(stream as unknown as NodeJS.ReadableStream, {
    delimiter: ",",
    skipEmptyLines: false,
    beforeFirstChunk: (chunk: string) => (chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk),
    chunk: (results: Papa.ParseResult<string[]>, parser: Papa.Parser) => {
      handle = parser
      linebreak = results.meta.linebreak || linebreak
      const data = results.data
      let problems: Map<number, string> | null = null
      if (results.errors.length > 0) {
        problems = new Map()
        for (const e of results.errors) {
          if (e.row !== undefined && !problems.has(e.row)) problems.set(e.row, describe(e))
        }
      }
      const scan = stream.special
      if (scan) current.plain = false
      const br = linebreak === "\r" ? "\r" : "\n"
      for (let i = 0; i < data.length; i++) {
        const row = data[i]
        const line = nextLine
        nextLine += scan ? 1 + breaksIn(row, br) : 1
        if (isEmptyRow(row)) continue
        // A "\r\n" line in a file papaparse read as "\n": drop the stray "\r".
        if (br === "\n") {
          const last = row[row.length - 1]
          if (last.charCodeAt(last.length - 1) === 13) row[row.length - 1] = last.slice(0, -1)
        }
        const problem = problems?.get(i)
        if (problem) (current.problems ??= new Map()).set(current.rows.length, problem)
        current.rows.push(row)
        current.lines.push(line)
        if (current.rows.length >= batchSize) {
          flush()
          if (scan) current.plain = false
        }
      }
      if (ready.length >= 1 && !paused) {
        // Backpressure: one batch waits while the consumer works on another;
        // stop the parser and the file until the consumer takes it. Reading
        // further ahead only makes records outlive the young generation.
        paused = true
        parser.pause()
        stream.pause()
      }
      signal()
    },
    complete: () => {
      flush()
      finished = true
      signal()
    },
    error: (err: Error) => {
      failure = err
      signal()
    },
  })

  try {
    for (;;) {
      if (ready.length > 0) {
        const batch = ready.shift()!
        if (paused && ready.length === 0) {
          paused = false
          ;(handle as Papa.Parser | null)?.resume()
          stream.resume()
        }
        yield batch
        continue
      }
      if (failure) throw failure
      if (finished) return
      await new Promise<void>((resolve) => (wake = resolve))
    }
  } finally {
    // Stopped early (break, throw): release the file.
    if (!finished) {
      finished = true
      source.destroy()
      stream.destroy()
    }
  }
}

function describe(e: Papa.ParseError): string {
  switch (e.code) {
    case "MissingQuotes":
      return "malformed CSV: a quoted field is not closed"
    case "InvalidQuotes":
      return "malformed CSV: stray quote in a field"
    default:
      return `malformed CSV: ${e.message}`
  }
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
