/**
 * Rate decks (FORMATS.md `rates.csv`): parse and validate the whole file,
 * export it back, and compare two decks. Shared by the admin import and the
 * command line. Pure: takes text, returns rows and errors; no file access.
 *
 * A deck is rejected whole when any line is bad, so parsing never stops at
 * the first problem: every bad line is listed with its column and reason.
 */
import { CsvSplitter, decodeUtf8, lineByteOf } from "../../metering/formats/split"
import { RATE_SCALE } from "./money"
import type { CardDirection, Direction, RateRowInput } from "./types"

/** Deck columns in FORMATS.md order (the export writes them in this order). */
export const DECK_COLUMNS = [
  "prefix",
  "destination",
  "destination_group",
  "rate",
  "connect_fee",
  "per_call",
  "initial_increment",
  "subsequent_increment",
  "grace",
  "band",
  "direction",
] as const

export type DeckColumn = (typeof DECK_COLUMNS)[number]

const REQUIRED: readonly DeckColumn[] = ["prefix", "rate"]
const MAX_PREFIX_DIGITS = 20
// Increments and grace beyond a day are typos, not tariffs; also keeps them exact integers.
const MAX_SECONDS = 86_400

/** One problem in a deck. `line` is the physical line (header = 1); `column` null = the whole line. */
export interface DeckError {
  line: number
  column: string | null
  reason: string
}

/** A parsed row: a RateRowInput whose `id` is its line number, plus `x_*` metadata. */
export interface DeckRow extends RateRowInput {
  id: string
  direction: Direction
  /** `x_*` columns, without the prefix */
  x?: Record<string, string>
}

export interface ParseDeckOptions {
  /** the card's direction; rows for the other direction are errors unless "both" */
  cardDirection?: CardDirection
}

export interface ParsedDeck {
  /** valid rows (also when the deck has errors; the deck is usable only when `errors` is empty) */
  rows: DeckRow[]
  /** every problem, in line order */
  errors: DeckError[]
  /** physical lines in the file */
  lines: number
}

/** A row's identity: at most one row per (prefix, band, direction) in a deck. */
export interface DeckKey {
  prefix: string
  band: string
  direction: Direction
}

// Non-negative plain decimal: "12", "0.0125", ".5", "5."; no sign, no exponent.
const DECIMAL = /^(?:\d+(?:\.\d*)?|\.\d+)$/
const DIGITS = /^\d+$/

function decimalProblem(v: string): string | null {
  if (v.startsWith("-")) return `"${v}" is negative; must be ≥ 0`
  if (!DECIMAL.test(v)) return `"${v}" is not a decimal number`
  const dot = v.indexOf(".")
  if (dot >= 0 && v.length - dot - 1 > RATE_SCALE) return `"${v}" has more than ${RATE_SCALE} decimals`
  return null
}

function secondsProblem(v: string, min: number): string | null {
  if (!DIGITS.test(v)) return `"${v}" is not a whole number of seconds`
  const n = Number(v)
  if (n < min) return `"${v}" must be at least ${min}`
  if (n > MAX_SECONDS) return `"${v}" is more than ${MAX_SECONDS} seconds`
  return null
}

/**
 * Parses and validates a rate deck. Header names are case-insensitive, a BOM
 * is tolerated, `x_*` columns are kept as metadata and any other unknown
 * column is an error naming it. Every bad line is listed; a duplicate
 * (prefix, band, direction) is an error on the later line naming the earlier.
 *
 * @example
 * const { rows, errors } = parseDeck("prefix,destination,rate\n44,United Kingdom,0.0125\n447,UK Mobile,-1\n")
 * rows[0]   // { id: "2", prefix: "44", destination: "United Kingdom", rate: "0.0125", direction: "outbound", … }
 * errors[0] // { line: 3, column: "rate", reason: '"-1" is negative; must be ≥ 0' }
 */
export function parseDeck(input: string | Buffer, options: ParseDeckOptions = {}): ParsedDeck {
  const errors: DeckError[] = []
  const rows: DeckRow[] = []
  // A stray or unclosed quote costs its own line only: the next line is read on its own (split.ts).
  const data: string[][] = []
  const lines: number[] = []
  const malformed = new Map<number, string>()
  const split = new CsvSplitter((row, line, problem) => {
    if (problem !== null) malformed.set(data.length, problem)
    data.push(row)
    lines.push(line)
  })
  let text: string
  if (typeof input === "string") {
    text = input
    split.push(text)
  } else {
    const decoded = decodeUtf8(input, true, lineByteOf(input, ""))
    text = decoded.text
    split.push(text, decoded.bad)
  }
  split.end()
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  const totalLines = countLines(text, split.linebreak)

  let i = 0
  while (i < data.length && isBlank(data[i])) i++
  if (i === data.length) {
    return { rows, errors: [{ line: 1, column: null, reason: "empty file: expected a header with prefix and rate" }], lines: totalLines }
  }
  const headerLine = lines[i]
  const header = readDeckHeader(data[i], headerLine, errors)
  const width = data[i].length
  const seen = new Map<string, number>()
  let dataRows = 0

  for (i++; i < data.length; i++) {
    const raw = data[i]
    if (isBlank(raw)) continue
    dataRows++
    const line = lines[i]
    const bad = (column: string | null, reason: string) => errors.push({ line, column, reason })
    const problem = malformed.get(i)
    if (problem) {
      bad(null, problem)
      continue
    }
    if (raw.length !== width) {
      bad(null, `expected ${width} fields, found ${raw.length}`)
      continue
    }
    const before = errors.length
    const get = (c: DeckColumn) => (header.index[c] >= 0 ? raw[header.index[c]].trim() : "")

    const prefix = get("prefix")
    const prefixOk = header.index.prefix >= 0 && DIGITS.test(prefix) && prefix.length <= MAX_PREFIX_DIGITS
    if (header.index.prefix >= 0 && !prefixOk) {
      bad("prefix", prefix === "" ? "required value is empty" : `"${prefix}" is not 1–${MAX_PREFIX_DIGITS} digits`)
    }
    const rate = get("rate")
    if (header.index.rate >= 0) {
      if (rate === "") bad("rate", "required value is empty")
      else {
        const p = decimalProblem(rate)
        if (p) bad("rate", p)
      }
    }
    const money = (c: "connect_fee" | "per_call"): string | null => {
      const v = get(c)
      if (v === "") return null
      const p = decimalProblem(v)
      if (p) bad(c, p)
      return v
    }
    const connect_fee = money("connect_fee")
    const per_call = money("per_call")
    const seconds = (c: "initial_increment" | "subsequent_increment" | "grace", min: number): number | null => {
      const v = get(c)
      if (v === "") return null
      const p = secondsProblem(v, min)
      if (p) bad(c, p)
      return p ? null : Number(v)
    }
    const initial_increment = seconds("initial_increment", 1)
    const subsequent_increment = seconds("subsequent_increment", 1)
    const grace = seconds("grace", 0)

    const dirText = get("direction").toLowerCase()
    let direction: Direction = "outbound"
    let directionOk = true
    if (dirText === "inbound") direction = "inbound"
    else if (dirText !== "" && dirText !== "outbound") {
      bad("direction", `"${get("direction")}" is not outbound or inbound`)
      directionOk = false
    }
    const cardDirection = options.cardDirection
    if (directionOk && cardDirection && cardDirection !== "both" && direction !== cardDirection) {
      bad("direction", `${direction} row on an ${cardDirection} card`)
    }
    const band = get("band")

    // The key is checked even when another column is bad, so fixing that
    // column does not reveal a duplicate only on the next upload.
    if (prefixOk && directionOk) {
      const key = `${prefix}\u0000${band}\u0000${direction}`
      const earlier = seen.get(key)
      if (earlier !== undefined) {
        bad(
          "prefix",
          `duplicate of line ${earlier} (prefix ${prefix}, band ${band === "" ? "any" : band}, direction ${direction})`
        )
      } else {
        seen.set(key, line)
      }
    }
    if (errors.length > before) continue

    const row: DeckRow = {
      id: String(line),
      prefix,
      destination: orNull(get("destination")),
      destination_group: orNull(get("destination_group")),
      rate,
      connect_fee,
      per_call,
      initial_increment,
      subsequent_increment,
      grace,
      band: band === "" ? null : band,
      direction,
    }
    if (header.extras.length > 0) {
      const x: Record<string, string> = {}
      for (const e of header.extras) x[e.key] = raw[e.at]
      row.x = x
    }
    rows.push(row)
  }
  if (dataRows === 0) errors.push({ line: headerLine, column: null, reason: "the deck has no rate rows" })
  errors.sort((a, b) => a.line - b.line)
  return { rows, errors, lines: totalLines }
}

/** Physical lines of a text: line breaks, plus one for a last line without one. */
function countLines(text: string, linebreak: string): number {
  if (text.length === 0) return 0
  const br = linebreak === "\r" ? "\r" : "\n"
  let n = 0
  for (let k = text.indexOf(br); k !== -1; k = text.indexOf(br, k + 1)) n++
  return text.endsWith(br) ? n : n + 1
}

function isBlank(row: string[] | undefined): boolean {
  if (!row) return false
  for (const f of row) if (f.trim() !== "") return false
  return true
}

function orNull(s: string): string | null {
  return s === "" ? null : s
}

function readDeckHeader(
  row: string[],
  line: number,
  errors: DeckError[]
): { index: Record<DeckColumn, number>; extras: Array<{ at: number; key: string }> } {
  const index = Object.fromEntries(DECK_COLUMNS.map((c) => [c, -1])) as Record<DeckColumn, number>
  const extras: Array<{ at: number; key: string }> = []
  const seen = new Map<string, number>()
  row.forEach((raw, at) => {
    const name = raw.trim().toLowerCase()
    if (name === "") {
      errors.push({ line, column: null, reason: `column ${at + 1} of the header has no name` })
    } else if (seen.has(name)) {
      errors.push({ line, column: raw.trim(), reason: `duplicate column (also column ${seen.get(name)! + 1})` })
    } else {
      seen.set(name, at)
      if (name in index) index[name as DeckColumn] = at
      else if (name.startsWith("x_") && name.length > 2) extras.push({ at, key: name.slice(2) })
      else errors.push({ line, column: raw.trim(), reason: `unknown column "${raw.trim()}"` })
    }
  })
  for (const c of REQUIRED) {
    if (index[c] < 0) errors.push({ line, column: c, reason: `missing required column "${c}"` })
  }
  return { index, extras }
}

const NEEDS_QUOTES = /[",\r\n]/

function field(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return ""
  const s = String(v)
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/**
 * Writes rows as a deck: the FORMATS.md columns in order, then any `x_*`
 * metadata columns; values exactly as stored ("0.0125" stays "0.0125"),
 * quoted per RFC 4180 only where needed; "\n" line ends.
 *
 * @example
 * serializeDeck([{ prefix: "44", destination: "United Kingdom, Fixed", rate: "0.0125" }])
 * // 'prefix,destination,destination_group,rate,…,direction\n44,"United Kingdom, Fixed",,0.0125,,,,,,,\n'
 */
export function serializeDeck(rows: ReadonlyArray<RateRowInput & { x?: Record<string, string> | null }>): string {
  const xKeys: string[] = []
  const xSeen = new Set<string>()
  for (const r of rows) {
    if (r.x) for (const k of Object.keys(r.x)) if (!xSeen.has(k)) (xSeen.add(k), xKeys.push(k))
  }
  const out: string[] = [[...DECK_COLUMNS, ...xKeys.map((k) => "x_" + k)].map(field).join(",")]
  for (const r of rows) {
    const values = [
      r.prefix,
      r.destination,
      r.destination_group,
      r.rate,
      r.connect_fee,
      r.per_call,
      r.initial_increment,
      r.subsequent_increment,
      r.grace,
      r.band,
      r.direction,
      ...xKeys.map((k) => r.x?.[k]),
    ]
    out.push(values.map(field).join(","))
  }
  return out.join("\n") + "\n"
}

/** Compared fields, in deck order; the key columns are not among them. */
export const DIFF_FIELDS = [
  "destination",
  "destination_group",
  "rate",
  "connect_fee",
  "per_call",
  "initial_increment",
  "subsequent_increment",
  "grace",
] as const

export type DiffField = (typeof DIFF_FIELDS)[number]

export interface DeckChange<Row> {
  key: DeckKey
  old: Row
  new: Row
  /** the fields whose values differ */
  fields: DiffField[]
}

export interface DeckDiff<Row> {
  added: Row[]
  removed: Row[]
  changed: Array<DeckChange<Row>>
  unchanged: number
}

/**
 * The key of a row: band "" when any, direction outbound by default.
 *
 * @example
 * deckKey({ prefix: "44", rate: "0.01" }) // { prefix: "44", band: "", direction: "outbound" }
 */
export function deckKey(r: RateRowInput): DeckKey {
  return { prefix: r.prefix, band: r.band ?? "", direction: r.direction ?? "outbound" }
}

function keyString(r: RateRowInput): string {
  return `${r.prefix}\u0000${r.band ?? ""}\u0000${r.direction ?? "outbound"}`
}

/** A decimal string in canonical form ("0.0200" → "0.02", "" → "0"), so equal amounts compare equal. */
function canonicalDecimal(v: string | null | undefined): string {
  if (v === null || v === undefined) return "0"
  let s = v.trim()
  if (s === "") return "0"
  let neg = false
  if (s.startsWith("-")) (neg = true), (s = s.slice(1))
  let [int, frac = ""] = s.split(".")
  int = int.replace(/^0+/, "") || "0"
  frac = frac.replace(/0+$/, "")
  const out = frac ? `${int}.${frac}` : int
  return neg && out !== "0" ? "-" + out : out
}

function fieldValue(r: RateRowInput, f: DiffField): string {
  switch (f) {
    case "rate":
    case "connect_fee":
    case "per_call":
      return canonicalDecimal(r[f])
    case "initial_increment":
    case "subsequent_increment":
      return String(r[f] ?? 60)
    case "grace":
      return String(r.grace ?? 0)
    default:
      return r[f] ?? ""
  }
}

/**
 * Compares two decks keyed by (prefix, band, direction). Decimals compare by
 * value ("0.02" = "0.0200", empty fee = "0"), increments and grace by their
 * effective value (empty = default), text exactly (empty = null). Results
 * are sorted by prefix, band, direction.
 *
 * @example
 * const d = diffDecks(oldRows, newRows)
 * d.changed[0] // { key: { prefix: "447", band: "", direction: "outbound" }, old, new, fields: ["rate"] }
 */
export function diffDecks<Row extends RateRowInput>(oldRows: readonly Row[], newRows: readonly Row[]): DeckDiff<Row> {
  const before = new Map<string, Row>()
  for (const r of oldRows) if (!before.has(keyString(r))) before.set(keyString(r), r)
  const added: Row[] = []
  const changed: Array<DeckChange<Row>> = []
  let unchanged = 0
  const matched = new Set<string>()
  for (const r of newRows) {
    const k = keyString(r)
    if (matched.has(k)) continue
    const o = before.get(k)
    if (o === undefined) {
      added.push(r)
      continue
    }
    matched.add(k)
    const fields = DIFF_FIELDS.filter((f) => fieldValue(o, f) !== fieldValue(r, f))
    if (fields.length === 0) unchanged++
    else changed.push({ key: deckKey(r), old: o, new: r, fields })
  }
  const removed = [...before.entries()].filter(([k]) => !matched.has(k)).map(([, r]) => r)
  const byKey = (a: RateRowInput, b: RateRowInput) => compareKeys(deckKey(a), deckKey(b))
  added.sort(byKey)
  removed.sort(byKey)
  changed.sort((a, b) => compareKeys(a.key, b.key))
  return { added, removed, changed, unchanged }
}

function compareKeys(a: DeckKey, b: DeckKey): number {
  if (a.prefix !== b.prefix) return a.prefix < b.prefix ? -1 : 1
  if (a.band !== b.band) return a.band < b.band ? -1 : 1
  if (a.direction !== b.direction) return a.direction < b.direction ? -1 : 1
  return 0
}
