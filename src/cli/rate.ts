/**
 * `call-billing rate`: rates a CDR file with one sell card (and optionally
 * one buy card) built from decks and flags, streaming: records are read,
 * rated and written a batch at a time, the file pausing while output drains,
 * so memory stays flat whatever the file size.
 */
import { createWriteStream } from "fs"
import { open, rename, unlink, type FileHandle } from "fs/promises"
import { basename, dirname, extname, join } from "path"
import { finished } from "stream/promises"
import type { Readable, Writable } from "stream"
import { parseDeck, type DeckRow } from "../modules/rating/engine/deck"
import {
  compileCard,
  compileVersion,
  formatScaled,
  isRoundingMode,
  MAX_DECIMALS,
  parseScaled,
  rateCall,
  validateProfile,
  type AccountSettings,
  type CallInput,
  type CompiledCard,
  type RateResult,
  type RoundingMode,
  type TimeProfileInput,
} from "../modules/rating/engine"
import { CDR_FORMATS, csvField, csvRecord, FormatError, isValidZone, readCdrs, type CdrFormat, type CdrRecord } from "../modules/metering/formats"
import { RATE_HELP } from "./help"
import { EXIT_OK, InputError, isSystemError, parseCommandArgs, readInputFile, readProblem, say, UsageError, writeText, type Io } from "./io"
import { formatDeckError } from "./validate-rates"

/** The columns `rate` appends to the CDR columns (FORMATS.md "Rated output"). */
export const RATED_COLUMNS = [
  "status",
  "reason",
  "number",
  "card",
  "version",
  "prefix",
  "destination",
  "band",
  "rated_seconds",
  "charge",
  "currency",
] as const

/** Appended after RATED_COLUMNS when a buy deck is given. */
export const COST_COLUMNS = ["cost", "margin"] as const

// Small batches: records die young, so garbage collection stays cheap. With
// 1,000 records a run was sometimes twice as slow (records survived into the
// old generation); 500 measured steady, 10,000 slow.
const BATCH_SIZE = 500
// How many exceptions the summary details; the rest are only counted.
const SHOWN_EXCEPTIONS = 20
// The beginning of time for the CLI's single version (the earliest Date).
const BEGINNING_OF_TIME = new Date(-8.64e15)

const OPTIONS = {
  rates: { type: "string" },
  cdrs: { type: "string" },
  format: { type: "string" },
  profile: { type: "string" },
  timezone: { type: "string" },
  "country-code": { type: "string" },
  "international-prefix": { type: "string" },
  currency: { type: "string" },
  decimals: { type: "string" },
  rounding: { type: "string" },
  "buy-rates": { type: "string" },
  out: { type: "string" },
  dedupe: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const

export interface RateOptions {
  rates: string
  cdrs: string
  format: CdrFormat
  profile: string | null
  timezone: string
  countryCode: string | null
  internationalPrefix: string | null
  currency: string
  decimals: number
  rounding: RoundingMode
  buyRates: string | null
  out: string | null
  dedupe: boolean
}

/**
 * Checks the flags of `rate` and fills the defaults; throws a UsageError
 * naming the first bad one.
 *
 * @example
 * rateOptions({ rates: "r.csv", cdrs: "c.csv" }).decimals // 4
 */
export function rateOptions(v: Record<string, string | boolean | undefined>): RateOptions {
  const str = (k: string): string | null => (typeof v[k] === "string" ? (v[k] as string) : null)
  const rates = str("rates")
  const cdrs = str("cdrs")
  if (!rates) throw new UsageError("--rates is required")
  if (!cdrs) throw new UsageError("--cdrs is required")
  const format = (str("format") ?? "generic") as CdrFormat
  if (!CDR_FORMATS.includes(format)) throw new UsageError(`--format must be generic, asterisk or freeswitch, not "${format}"`)
  const timezone = str("timezone") ?? "UTC"
  if (!isValidZone(timezone)) throw new UsageError(`--timezone "${timezone}" is not an IANA time zone (e.g. Europe/London)`)
  const countryCode = str("country-code")
  if (countryCode !== null && !/^[1-9]\d{0,2}$/.test(countryCode)) {
    throw new UsageError(`--country-code must be a country calling code of 1–3 digits, e.g. 44, not "${countryCode}"`)
  }
  const internationalPrefix = str("international-prefix")
  if (internationalPrefix !== null && !/^\d{0,4}$/.test(internationalPrefix)) {
    throw new UsageError(`--international-prefix must be up to 4 digits, e.g. 00, not "${internationalPrefix}"`)
  }
  const currency = (str("currency") ?? "USD").toUpperCase()
  if (!/^[A-Z]{3}$/.test(currency)) throw new UsageError(`--currency must be an ISO 4217 code such as USD, not "${currency}"`)
  const dec = str("decimals") ?? "4"
  if (!/^\d+$/.test(dec) || Number(dec) > MAX_DECIMALS) {
    throw new UsageError(`--decimals must be a whole number from 0 to ${MAX_DECIMALS}, not "${dec}"`)
  }
  const rounding = str("rounding") ?? "half_up"
  if (!isRoundingMode(rounding)) throw new UsageError(`--rounding must be half_up, up, down or half_even, not "${rounding}"`)
  return {
    rates,
    cdrs,
    format,
    profile: str("profile"),
    timezone,
    countryCode,
    internationalPrefix,
    currency,
    decimals: Number(dec),
    rounding,
    buyRates: str("buy-rates"),
    out: str("out"),
    dedupe: v.dedupe === true,
  }
}

async function loadDeck(file: string, flag: string): Promise<DeckRow[]> {
  const deck = parseDeck(await readInputFile(file, flag))
  if (deck.errors.length > 0) {
    const bad = new Set(deck.errors.map((e) => e.line)).size
    throw new InputError(
      `${flag} ${file} is not a valid deck (${bad} bad line${bad === 1 ? "" : "s"}):`,
      deck.errors.map(formatDeckError)
    )
  }
  return deck.rows
}

async function loadProfile(file: string): Promise<TimeProfileInput> {
  const text = (await readInputFile(file, "--profile")).toString("utf8")
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    throw new InputError(`--profile ${file} is not valid JSON: ${(e as Error).message}`)
  }
  const problems = validateProfile(json)
  if (problems.length > 0) throw new InputError(`--profile ${file} is not a valid time profile:`, problems)
  return json as TimeProfileInput
}

function buildCard(kind: "sell" | "buy", file: string, rows: DeckRow[], o: RateOptions, profile: TimeProfileInput | null): CompiledCard {
  const name = basename(file, extname(file))
  const version = compileVersion({ id: `${kind}-1`, number: 1, effective_from: BEGINNING_OF_TIME, effective_to: null }, rows)
  return compileCard(
    {
      id: kind,
      name,
      kind,
      currency: o.currency,
      decimals: o.decimals,
      rounding: o.rounding,
      direction: "both",
      carrier: kind === "buy" ? name : null,
      time_profile: profile,
    },
    [version]
  )
}

/**
 * Exact sum of decimal strings, in BigInt scaled by 10^scale. The engine
 * formats every charge with exactly `scale` decimals, so the common case is
 * the digits without the dot; anything else goes through parseScaled.
 */
class DecimalTotal {
  private total = 0n
  constructor(private readonly scale: number) {}

  add(value: string): void {
    const dot = value.indexOf(".")
    if (this.scale > 0 && dot > 0 && value.length - dot - 1 === this.scale && value.charCodeAt(0) !== 45) {
      this.total += BigInt(value.slice(0, dot) + value.slice(dot + 1))
    } else {
      this.total += parseScaled(value, this.scale)
    }
  }

  value(): string {
    return formatScaled(this.total, this.scale)
  }
}

// Card names, destinations and bands repeat on every row: quote each once.
const quoted = new Map<string, string>()
function field(s: string): string {
  let q = quoted.get(s)
  if (q === undefined) {
    q = csvField(s)
    if (quoted.size < 100_000) quoted.set(s, q)
  }
  return q
}

interface Summary {
  records: number
  rated: number
  exceptions: Map<string, number>
  shown: string[]
  charge: DecimalTotal
  cost: DecimalTotal
  margin: DecimalTotal
  /** rated calls a buy card gave a cost for */
  costed: number
}

/** The output stream: --out (a temporary file renamed on success) or stdout. */
class Output {
  readonly stream: Writable
  private failure: Error | null = null
  private readonly temp: string | null

  constructor(out: string | null, stdout: Writable) {
    if (out === null) {
      this.stream = stdout
      this.temp = null
    } else {
      this.temp = join(dirname(out), `.${basename(out)}.${process.pid}.tmp`)
      this.stream = createWriteStream(this.temp)
    }
    this.stream.on("error", (e: Error) => {
      this.failure ??= e
    })
  }

  async write(text: string): Promise<void> {
    if (this.failure) throw this.failure
    await writeText(this.stream, text)
    if (this.failure) throw this.failure
  }

  async commit(out: string | null): Promise<void> {
    if (this.temp === null || out === null) return
    this.stream.end()
    await finished(this.stream)
    if (this.failure) throw this.failure
    await rename(this.temp, out)
  }

  async abandon(): Promise<void> {
    if (this.temp === null) return
    this.stream.destroy()
    await unlink(this.temp).catch(() => undefined)
  }
}

/**
 * Runs `rate`. Returns the exit code (0 success, 2 invalid arguments or
 * input); throws on other failures (exit 1).
 *
 * @example
 * await rateCommand(["--rates", "examples/rates.csv", "--cdrs", "examples/cdrs.csv"], { stdout, stderr }) // 0
 */
export async function rateCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseCommandArgs(args, OPTIONS, 0)
  if (values.help) {
    io.stdout.write(RATE_HELP)
    return EXIT_OK
  }
  const o = rateOptions(values)
  const profile = o.profile ? await loadProfile(o.profile) : null
  const sell = buildCard("sell", o.rates, await loadDeck(o.rates, "--rates"), o, profile)
  const buy = o.buyRates ? buildCard("buy", o.buyRates, await loadDeck(o.buyRates, "--buy-rates"), o, profile) : null
  const cdrs = await openCdrs(o.cdrs)

  const account: AccountSettings = {
    timezone: o.timezone,
    country_code: o.countryCode ?? "",
    international_prefix: o.internationalPrefix,
    // Without a country code a national number cannot be made international: leave it as dialled.
    trunk_prefix: o.countryCode === null ? "" : null,
  }
  const cards = [sell]
  const rateOpts = buy ? { buyCards: [buy] } : undefined
  const reader = readCdrs(cdrs, { format: o.format, timezone: o.timezone, batchSize: BATCH_SIZE })
  const summary: Summary = {
    records: 0,
    rated: 0,
    exceptions: new Map(),
    shown: [],
    charge: new DecimalTotal(o.decimals),
    cost: new DecimalTotal(o.decimals),
    margin: new DecimalTotal(o.decimals),
    costed: 0,
  }
  const seen = o.dedupe ? new Set<string>() : null
  const tail = buy ? 2 : 0
  // Exception rows leave every rated column after `reason` empty.
  const emptyTail = ",".repeat(RATED_COLUMNS.length - 2 + tail)

  const output = new Output(o.out, io.stdout)
  let headerWritten = false
  const header = () => csvRecord([...(reader.columns ?? []), ...RATED_COLUMNS, ...(buy ? COST_COLUMNS : [])]) + "\n"

  // One call object refilled per record: rateCall is pure and keeps no reference to it.
  const call: CallInput = { direction: "outbound", number: "", answer_time: null, billsec: 0, disposition: null, start_time: null, carrier: null }

  const exceptionRow = (base: string, rec: CdrRecord, reason: string, detail: string, number: string): string => {
    summary.exceptions.set(reason, (summary.exceptions.get(reason) ?? 0) + 1)
    if (summary.shown.length < SHOWN_EXCEPTIONS) {
      summary.shown.push(`line ${rec.line} (call ${rec.call_id || "?"}): ${reason}: ${detail}`)
    }
    return number === "" ? `${base},exception,${reason}${emptyTail}\n` : `${base},exception,${reason},${number}${emptyTail.slice(1)}\n`
  }

  // A generic record with more values than the header has columns keeps the surplus in its last column (reader.values).
  const surplus = (rec: CdrRecord): string => {
    const cols = reader.columns
    if (o.format !== "generic" || cols === null || rec.fields.length <= cols.length) return ""
    return ` (its last ${rec.fields.length - cols.length + 1} values are kept together in the last column, ${cols[cols.length - 1]})`
  }

  // One template literal per row, rows joined once per batch: measured 2×
  // faster than pushing every piece into one array and joining that.
  const rateOne = (rec: CdrRecord): string => {
    summary.records++
    const base = reader.text(rec)
    if (rec.error) {
      const e = rec.error
      return exceptionRow(base, rec, "invalid_record", e.column ? `column ${e.column}: ${e.reason}` : e.reason + surplus(rec), "")
    }
    if (seen !== null) {
      if (seen.has(rec.call_id)) return exceptionRow(base, rec, "duplicate", `call id ${rec.call_id} seen before`, "")
      seen.add(rec.call_id)
    }
    call.direction = rec.direction
    call.number = rec.callee
    call.answer_time = rec.answer_time
    call.billsec = rec.billsec
    call.disposition = rec.disposition
    call.start_time = rec.start_time
    call.carrier = rec.carrier
    const r: RateResult = rateCall(call, account, cards, rateOpts)
    if (r.status !== "rated") return exceptionRow(base, rec, r.reason ?? "invalid_record", r.detail ?? "", r.number ?? "")
    summary.rated++
    const charge = r.charge ?? ""
    if (charge !== "") summary.charge.add(charge)
    const t = r.trace
    const matched = t ? `${field(t.card)},${t.version},${t.prefix},${field(t.destination ?? "")},${field(t.band)}` : ",,,,"
    if (!buy) return `${base},rated,,${r.number ?? ""},${matched},${r.rated_seconds},${charge},${r.currency ?? ""}\n`
    const cost = r.cost?.cost ?? ""
    const margin = r.margin ?? ""
    if (cost !== "") {
      summary.cost.add(cost)
      summary.costed++
    }
    if (margin !== "") summary.margin.add(margin)
    return `${base},rated,,${r.number ?? ""},${matched},${r.rated_seconds},${charge},${r.currency ?? ""},${cost},${margin}\n`
  }

  const batches = reader[Symbol.asyncIterator]()
  try {
    for (;;) {
      let next: IteratorResult<CdrRecord[]>
      try {
        next = await batches.next()
      } catch (e) {
        throw cdrsFailure(e, o)
      }
      if (next.done) break
      const batch = next.value
      const lines: string[] = new Array(batch.length)
      for (let i = 0; i < batch.length; i++) lines[i] = rateOne(batch[i])
      // One string and one write per batch.
      let text = lines.join("")
      if (!headerWritten) {
        text = header() + text
        headerWritten = true
      }
      await output.write(text)
    }
    if (!headerWritten) await output.write(header())
    await output.commit(o.out)
  } catch (e) {
    await output.abandon()
    // Release the file when the output failed.
    await batches.return?.(undefined).catch(() => undefined)
    throw e
  }
  printSummary(io.stderr, summary, o, buy !== null)
  return EXIT_OK
}

/**
 * Opens the CDR file and reads its first byte, so a file that cannot be read
 * (missing, a directory, no permission, an I/O error) is invalid input naming
 * --cdrs, before any output. The stream reads through the same open file. A
 * pipe or device is only opened: its bytes cannot be read twice.
 */
async function openCdrs(file: string): Promise<Readable> {
  let handle: FileHandle
  try {
    handle = await open(file, "r")
  } catch (e) {
    throw new InputError(`cannot read --cdrs ${file}: ${readProblem(e)}`)
  }
  try {
    const s = await handle.stat()
    if (s.isDirectory()) throw Object.assign(new Error("is a directory"), { code: "EISDIR" })
    if (s.isFile()) await handle.read(Buffer.alloc(1), 0, 1, 0)
  } catch (e) {
    await handle.close().catch(() => undefined)
    throw new InputError(`cannot read --cdrs ${file}: ${readProblem(e)}`)
  }
  return handle.createReadStream()
}

/** A failure of the CDR reader as the command reports it: a bad header or a read error is invalid input naming the file. */
function cdrsFailure(e: unknown, o: RateOptions): unknown {
  if (e instanceof FormatError) return new InputError(`--cdrs ${o.cdrs} cannot be read as ${o.format} CDRs:`, e.message.split("\n"))
  if (isSystemError(e)) return new InputError(`cannot read --cdrs ${o.cdrs}: ${readProblem(e)}`)
  return e
}

function printSummary(stderr: Writable, s: Summary, o: RateOptions, withCost: boolean): void {
  const exceptions = s.records - s.rated
  const lines = [`records: ${s.records}`, `rated: ${s.rated}`, `exceptions: ${exceptions}`]
  for (const reason of [...s.exceptions.keys()].sort()) lines.push(`  ${reason}: ${s.exceptions.get(reason)}`)
  lines.push(`total charge: ${s.charge.value()} ${o.currency}`)
  if (withCost) {
    const without = s.rated - s.costed
    lines.push(`total cost: ${s.cost.value()} ${o.currency} (${s.costed} rated calls with a buy rate, ${without} without)`)
    lines.push(`total margin: ${s.margin.value()} ${o.currency} (on the ${s.costed} calls with a buy rate)`)
  }
  if (s.shown.length > 0) {
    lines.push(exceptions > s.shown.length ? `first ${s.shown.length} exceptions:` : "exceptions:")
    for (const line of s.shown) lines.push(`  ${line}`)
  }
  say(stderr, ...lines)
}
