/**
 * Splits CSV text into records (RFC 4180) with papaparse's core parser, fed
 * piece by piece, so that one malformed quote costs one record and not the
 * rest of the file. Shared by the streaming reader (csv.ts) and rate decks
 * (rating/engine/deck.ts). Pure: text in, records out; papaparse only.
 *
 * Papaparse, left to itself, reads a field that opens a quote up to the next
 * quote anywhere in the file: `c1,"4420"x,…` or `c1,"never closed` on line
 * 2,500 swallows every later line into one record. Here a record is cut at
 * the end of its own first physical line, and reading resumes on the next
 * line, when papaparse reports a stray or missing quote in it, when it stays
 * open past MAX_RECORD_LINES lines (or MAX_RECORD_CHARS characters), or when
 * it closes on a later line but leaves the record with a different number of
 * fields than the first record (the header) has: the quote then paired with
 * one of a later record. A quoted field that closes properly in a record of
 * the right width may span lines.
 */
import { isUtf8 } from "buffer"
import Papa from "papaparse"
import { breaksIn } from "./lines"

/** A record that spans more physical lines than this is an unclosed quote, not a multi-line field. */
export const MAX_RECORD_LINES = 1000
/** A record with a line break inside that grows past this many characters is an unclosed quote. */
export const MAX_RECORD_CHARS = 1 << 20
/** A first line longer than this is not a CSV header; stop holding it back. */
const MAX_FIRST_LINE = 1 << 20
/** After a malformed record, the text is read again in windows this big (after one line on its own), doubling. */
const FIRST_WINDOW = 256

/** Receives each record: its fields, the physical line it starts on (1-based), and what is wrong with it, if anything. */
export type RecordSink = (row: string[], line: number, problem: string | null) => void

/** The reason given to a record whose bytes are not UTF-8. */
export const NOT_UTF8 = "not valid UTF-8"

interface ParseResult {
  data: string[][]
  errors: Papa.ParseError[]
  meta: { cursor: number }
}

/**
 * Splits CSV text fed in pieces into records. Blank lines are skipped but
 * counted; a "\r" left at the end of a CRLF line is dropped.
 *
 * @example
 * const rows: string[][] = []
 * const split = new CsvSplitter((row, line, problem) => rows.push(row))
 * split.push('a,b\n1,"x"y\n2,3\n')
 * split.end()
 * rows // [["a", "b"], ["1", 'x"y'], ["2", "3"]]; line 2 reported as a stray quote
 */
export class CsvSplitter {
  /**
   * True once anything needing CSV quoting (a quote, or a "\r" that does not
   * end a line) has been fed: until then no field can hold a line break,
   * comma or quote, so a record's text is its fields joined by commas.
   */
  special = false
  /** papaparse's line break for the text ("\n", "\r\n" or "\r"), once known. */
  linebreak = ""
  private parser: Papa.Parser | null = null
  // What counts physical lines: "\r" in old Mac files, else "\n" (also ends "\r\n").
  private nl = "\n"
  private pending = ""
  // The physical line where `pending` starts.
  private line = 1
  private window = Infinity
  private started = false
  // Fields in the first record (a header, usually); -1 before it.
  private width = -1
  // Physical lines holding bytes that are not UTF-8 (see push); null while there are none.
  private badLines: Set<number> | null = null
  // Offsets (in the held-back text) of not-UTF-8 lines fed before the line break was known; null when none.
  private earlyBad: number[] | null = null

  constructor(private readonly sink: RecordSink) {}

  /**
   * Feeds the next piece of text. `badOffsets`: where, in `text`, lines start
   * whose bytes were not valid UTF-8 (see decodeUtf8); their records are
   * reported with the reason NOT_UTF8.
   */
  push(text: string, badOffsets: readonly number[] | null = null): void {
    if (this.started) {
      if (badOffsets !== null && badOffsets.length > 0) this.markBad(text, badOffsets)
      this.feed(this.pending.length === 0 ? text : this.pending + text, false)
      return
    }
    // Not-UTF-8 lines are counted in the file's own line break, known only once the splitter starts: until then
    // their offsets wait, relative to `pending`.
    if (badOffsets !== null && badOffsets.length > 0) {
      const base = this.pending.length
      for (const off of badOffsets) (this.earlyBad ??= []).push(base + off)
    }
    const all = this.pending + text
    // Papaparse guesses the line break from the text: wait for a whole line
    // ending (a "\r" alone could be the first half of "\r\n").
    if (all.indexOf("\n") === -1 && all.length <= MAX_FIRST_LINE) {
      this.pending = all
      return
    }
    this.feed(this.start(all), false)
  }

  /** No more text: the last record, complete or not, is read. */
  end(): void {
    if (!this.started) {
      if (this.pending.length === 0) return
      this.feed(this.start(this.pending), true)
    } else {
      this.feed(this.pending, true)
    }
    this.pending = ""
  }

  // Reads `all` (pending text and the new piece); `final`: nothing comes after it.
  private feed(all: string, final: boolean): void {
    if (!this.special) this.special = needsQuoting(all)
    this.window = Infinity
    this.run(all, final)
  }

  // Guesses the line break from the first text (all that was held back), then marks the not-UTF-8 lines that came with it.
  private start(text: string): string {
    this.started = true
    this.pending = ""
    const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0
    if (bom) text = text.slice(1)
    const guess = Papa.parse<string[]>(text.length > MAX_FIRST_LINE ? text.slice(0, MAX_FIRST_LINE) : text, {
      delimiter: ",",
      preview: 1,
    })
    this.linebreak = guess.meta.linebreak || "\n"
    this.nl = this.linebreak === "\r" ? "\r" : "\n"
    this.parser = new Papa.Parser({ delimiter: ",", newline: this.linebreak as Papa.ParseConfig["newline"] })
    if (this.earlyBad !== null) {
      this.markBad(text, this.earlyBad.map((off) => Math.max(0, off - bom)))
      this.earlyBad = null
    }
    return text
  }

  /**
   * Parses `text` (which starts at a record boundary, on physical line
   * `this.line`) and hands every complete record to the sink; keeps what is
   * left (an unfinished record) in `pending`. Normally one papaparse call;
   * after a malformed record the rest is read in growing windows, so a file
   * of bad lines costs about one parse per line rather than one per line of
   * the whole remaining text.
   */
  private run(text: string, final: boolean): void {
    const parser = this.parser!
    const nl = this.nl
    const n = text.length
    let pos = 0
    while (pos < n) {
      let stop = n
      if (this.window < n - pos) {
        const k = text.indexOf(nl, pos + this.window)
        if (k !== -1) stop = k + 1
      }
      const last = final && stop === n
      const slice = pos === 0 && stop === n ? text : text.slice(pos, stop)
      const res = parser.parse(slice, 0, !last) as ParseResult
      const data = res.data
      let bad = -1
      for (const e of res.errors) if (e.row !== undefined && (bad === -1 || e.row < bad)) bad = e.row
      const upto = bad === -1 ? data.length : bad
      const sliceLine = this.line
      const scan = this.special
      let i = 0
      for (; i < upto; i++) {
        const row = data[i]
        const line = this.line
        if (scan) {
          const breaks = breaksIn(row, nl)
          // A quote that closes many lines later, or in a record that then has
          // the wrong number of fields, was left open: it paired with another
          // record's quote. Cut the record at its first line.
          if (breaks > 0 && (breaks >= MAX_RECORD_LINES || (row.length !== this.width && this.width >= 0))) break
          this.line += 1 + breaks
        } else {
          this.line++
        }
        if (row.length === 1 && row[0].length === 0) continue
        if (this.width < 0) this.width = row.length
        // A "\r\n" line in a file papaparse reads as "\n": drop the stray "\r".
        if (nl === "\n") {
          const lastField = row[row.length - 1]
          if (lastField.charCodeAt(lastField.length - 1) === 13) row[row.length - 1] = lastField.slice(0, -1)
        }
        this.sink(row, line, this.badLines === null ? null : this.utf8Problem(line, this.line))
      }
      if (i < upto) bad = i

      if (bad === -1) {
        const used = last ? slice.length : res.meta.cursor
        pos += used
        if (stop < n) {
          // A clean window: widen the next one (from nothing, when the held record is bigger than this one).
          this.window = this.window === 0 ? FIRST_WINDOW : this.window * 2
          continue
        }
        if (!last && pos < n && this.overlong(text, pos)) {
          pos = this.cut(text, pos, final)
          continue
        }
        break
      }

      // Record `bad` starts on physical line this.line: cut it at that line's end.
      const start = pos + offsetOfLine(slice, nl, this.line - sliceLine)
      const next = this.cut(text, start, final)
      if (next === -1) {
        // Its line is not all here yet.
        pos = start
        break
      }
      pos = next
    }
    this.pending = pos >= n ? "" : text.slice(pos)
  }

  /**
   * Hands the physical line starting at `start` to the sink as one malformed
   * record, and returns where the next line starts (-1 when the line's end has
   * not arrived yet). Reading resumes there one line at a time.
   */
  private cut(text: string, start: number, final: boolean): number {
    let end = text.indexOf(this.nl, start)
    if (end === -1) {
      if (!final) return -1
      end = text.length
    }
    let lineText = text.slice(start, end)
    if (this.nl === "\n" && lineText.charCodeAt(lineText.length - 1) === 13) lineText = lineText.slice(0, -1)
    const line = this.line
    const res = this.parser!.parse(lineText, 0, false) as ParseResult
    const row = res.data.length === 1 ? res.data[0] : res.data.length === 0 ? [""] : ([] as string[]).concat(...res.data)
    const utf8 = this.badLines === null ? null : this.utf8Problem(line, line + 1)
    if (this.width < 0) this.width = row.length
    this.sink(row, line, utf8 ?? quoteProblem(lineText, line, res.errors))
    this.line++
    this.window = 0
    return end >= text.length ? text.length : end + 1
  }

  /** Whether the unfinished record at `pos` already spans too many lines or characters to be a quoted field. */
  private overlong(text: string, pos: number): boolean {
    let k = text.indexOf(this.nl, pos)
    if (k === -1) return false // one unfinished line, not a quote left open
    if (text.length - pos > MAX_RECORD_CHARS) return true
    let lines = 1
    while (k !== -1) {
      if (++lines > MAX_RECORD_LINES) return true
      k = text.indexOf(this.nl, k + 1)
    }
    return false
  }

  private markBad(text: string, offsets: readonly number[]): void {
    const bad = (this.badLines ??= new Set())
    const nl = this.nl
    let line = this.line
    for (let k = this.pending.indexOf(nl); k !== -1; k = this.pending.indexOf(nl, k + 1)) line++
    let from = 0
    for (const off of offsets) {
      for (let k = text.indexOf(nl, from); k !== -1 && k < off; k = text.indexOf(nl, k + 1)) {
        line++
        from = k + 1
      }
      bad.add(line)
    }
  }

  // NOT_UTF8 when a line in [from, to) had bytes that were not UTF-8; forgets lines before `to`.
  // `markBad` adds lines in increasing order, so the set's first entries are the earliest: stop at `to`.
  private utf8Problem(from: number, to: number): string | null {
    const bad = this.badLines!
    let found = false
    for (const l of bad) {
      if (l >= to) break
      if (l >= from) found = true
      bad.delete(l)
    }
    if (bad.size === 0) this.badLines = null
    return found ? NOT_UTF8 : null
  }
}

/** Offset in `text` of the start of its `lines`-th line after the first (0 → 0). */
function offsetOfLine(text: string, nl: string, lines: number): number {
  let at = 0
  for (let i = 0; i < lines; i++) {
    const k = text.indexOf(nl, at)
    if (k === -1) return text.length
    at = k + 1
  }
  return at
}

function needsQuoting(text: string): boolean {
  if (text.indexOf('"') !== -1) return true
  for (let k = text.indexOf("\r"); k !== -1; k = text.indexOf("\r", k + 1)) {
    // "\r" at the very end is taken as the first half of "\r\n".
    if (k + 1 < text.length && text.charCodeAt(k + 1) !== 10) return true
  }
  return false
}

/**
 * Why a physical line read on its own is malformed, naming the line, the
 * field and the quote problem.
 */
function quoteProblem(lineText: string, line: number, errors: Papa.ParseError[]): string {
  const e = errors.find((x) => x.code === "InvalidQuotes") ?? errors.find((x) => x.code === "MissingQuotes")
  const suffix = `; the record ends at the end of line ${line}`
  if (!e) return `malformed CSV on line ${line}: a quoted field is left open${suffix}`
  // papaparse's index is just after the field's opening quote.
  const open = Math.max(0, (e.index ?? 1) - 1)
  const field = fieldNumber(lineText, open)
  if (e.code === "InvalidQuotes") {
    const close = closingQuote(lineText, open)
    const comma = close === -1 ? -1 : lineText.indexOf(",", close)
    const text = excerpt(lineText.slice(open, comma === -1 ? lineText.length : comma))
    return `malformed CSV on line ${line}: stray quote in field ${field} (${text})${suffix}`
  }
  return `malformed CSV on line ${line}: the quote that opens field ${field} is not closed (${excerpt(lineText.slice(open))})${suffix}`
}

function excerpt(s: string): string {
  return s.length > 40 ? s.slice(0, 40) + "…" : s
}

// The closing quote of the quoted field opening at `open` (a doubled quote is data), or -1.
function closingQuote(text: string, open: number): number {
  let k = open + 1
  for (;;) {
    k = text.indexOf('"', k)
    if (k === -1) return -1
    if (text.charCodeAt(k + 1) !== 34) return k
    k += 2
  }
}

// 1-based number of the field starting at `at`, counting the well-formed fields before it.
function fieldNumber(text: string, at: number): number {
  let field = 1
  let i = 0
  while (i < at) {
    if (text.charCodeAt(i) === 34) {
      const close = closingQuote(text, i)
      if (close === -1 || close >= at) return field
      i = close + 1
    }
    const comma = text.indexOf(",", i)
    if (comma === -1 || comma >= at) return field
    field++
    i = comma + 1
  }
  return field
}

/**
 * The byte that ends lines, for `decodeUtf8` to find which lines are not
 * UTF-8: the splitter's line break once it has seen one (`linebreak`), else
 * guessed from the bytes; "\r" only in old Mac files.
 *
 * @example
 * lineByteOf(Buffer.from("a\rb\r"), "") // 13
 */
export function lineByteOf(bytes: Buffer, linebreak: string): number {
  if (linebreak) return linebreak === "\r" ? 13 : 10
  return bytes.indexOf(10) === -1 && bytes.indexOf(13) !== -1 ? 13 : 10
}

/**
 * Decodes UTF-8 bytes as csv.ts reads them: the bytes up to the last complete
 * character (the rest is `carry`, to be put in front of the next piece).
 * Valid text costs one validation pass and one decode; when the bytes are not
 * valid UTF-8, each line is decoded on its own and the offsets (in `text`)
 * of the lines that are not UTF-8 are returned, their bad bytes read as
 * U+FFFD, so only their records become exceptions.
 *
 * @example
 * decodeUtf8(Buffer.from([0x61, 0x0a, 0xff, 0x0a]), true, 10) // { text: "a\n\uFFFD\n", bad: [2], carry: null }
 */
export function decodeUtf8(
  bytes: Buffer,
  final: boolean,
  lineByte: number
): { text: string; bad: number[] | null; carry: Buffer | null } {
  const n = final ? bytes.length : completeLength(bytes)
  const carry = n < bytes.length ? Buffer.from(bytes.subarray(n)) : null
  const region = n < bytes.length ? bytes.subarray(0, n) : bytes
  if (isUtf8(region)) return { text: region.toString("utf8"), bad: null, carry }
  const bad: number[] = []
  let text = ""
  let from = 0
  while (from <= region.length) {
    let to = region.indexOf(lineByte, from)
    if (to === -1) to = region.length
    const piece = region.subarray(from, to)
    if (!isUtf8(piece)) bad.push(text.length)
    text += piece.toString("utf8")
    if (to < region.length) text += String.fromCharCode(lineByte)
    from = to + 1
  }
  return { text, bad, carry }
}

// Bytes up to the end of the last whole UTF-8 character (an incomplete one at the end waits for the next piece).
function completeLength(b: Buffer): number {
  const n = b.length
  for (let i = n - 1; i >= 0 && i >= n - 4; i--) {
    const c = b[i]
    if (c < 0x80) return n
    if (c >= 0xc0) {
      const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2
      return n - i >= need ? n : i
    }
  }
  return n
}
