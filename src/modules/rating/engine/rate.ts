/**
 * Rating one call (RATING.md §3–§5): pick the card, version, band and row,
 * then charge it exactly with BigInt. Pure: same inputs, same output.
 */
import type { CompiledCard, CompiledRow, CompiledVersion } from "./compile"
import { ratedSeconds } from "./increments"
import { divRound, formatScaled, pow10, RATE_SCALE, rescale } from "./money"
import { normalizeNumber } from "./numbers"
import { bandAt } from "./time-profile"
import type {
  AccountSettings,
  CallInput,
  CostResult,
  Direction,
  ExceptionReason,
  RateResult,
  RateTrace,
  RoundingMode,
} from "./types"

/** Decimals of the zero charge of an unanswered call when no card applies. */
export const DEFAULT_DECIMALS = 4

export interface RateCallOptions {
  /** carrier (buy) cards; when given, the result carries `cost` and `margin` */
  buyCards?: CompiledCard[]
}

// Seconds as BigInt, shared so the hot path does not convert.
const SECONDS: bigint[] = []
for (let i = 0; i <= 7200; i++) SECONDS.push(BigInt(i))

// charge (units 10^-decimals) = round(N × 10^decimals / (60 × 10^RATE_SCALE)), N = (fees) × 60 + rate × r.
// Precomputed per decimals as N × MUL / DIV with the common powers of ten cancelled.
const MUL: bigint[] = []
const DIV: bigint[] = []
const HALF_DIV: bigint[] = []
for (let d = 0; d <= 8; d++) {
  MUL.push(d > RATE_SCALE ? pow10(d - RATE_SCALE) : 1n)
  DIV.push(d < RATE_SCALE ? 60n * pow10(RATE_SCALE - d) : 60n)
  HALF_DIV.push(DIV[d] / 2n) // every divisor is a multiple of 60: the half is exact
}

/**
 * Charge of `ratedSeconds` on a row, as a BigInt scaled by 10^decimals:
 * round(connect_fee + per_call + rate × ratedSeconds / 60), multiplying
 * before dividing and rounding once (RATING.md §4). Grace is not applied
 * here: pass the rated seconds from `ratedSeconds`.
 *
 * @example
 * // rate 0.0200/min, 120 s, 4 decimals
 * computeCharge(row, 120, 4, "half_up") // 400n, i.e. "0.0400"
 */
export function computeCharge(row: CompiledRow, ratedSeconds: number, decimals: number, rounding: RoundingMode): bigint {
  const mul = MUL[decimals]
  if (mul === undefined) throw new Error(`decimals ${decimals} must be a whole number 0–8`)
  const secs = ratedSeconds >= 0 && ratedSeconds <= 7200 ? SECONDS[ratedSeconds] : undefined
  let n = row.rate * (secs !== undefined ? secs : BigInt(ratedSeconds))
  const connect = row.connect_fee
  const perCall = row.per_call
  if (connect !== 0n || perCall !== 0n) n += (connect + perCall) * 60n
  if (mul !== 1n) n *= mul
  if (n < 0n) return divRound(n, DIV[decimals], rounding)
  // n ≥ 0 and the divisor is positive and even: round with one remainder and
  // no allocation beyond the quotient.
  const d = DIV[decimals]
  const q = n / d
  const r = n % d
  if (r === 0n) return q
  switch (rounding) {
    case "half_up":
      return r >= HALF_DIV[decimals] ? q + 1n : q
    case "down":
      return q
    case "up":
      return q + 1n
    case "half_even": {
      const h = HALF_DIV[decimals]
      return r > h || (r === h && (q & 1n) === 1n) ? q + 1n : q
    }
    default:
      return divRound(n, d, rounding) // throws on an unknown mode
  }
}

/**
 * Whether a disposition means answered: missing or empty = ANSWERED (the
 * FORMATS.md default); otherwise "ANSWERED", case-insensitive.
 *
 * @example
 * isAnswered("answered") // true
 * isAnswered("NO ANSWER") // false
 */
export function isAnswered(disposition: string | null | undefined): boolean {
  if (disposition === null || disposition === undefined || disposition === "ANSWERED") return true
  const d = String(disposition).trim()
  return d === "" || d.toUpperCase() === "ANSWERED"
}

function timeMs(t: Date | string | number | null | undefined): number {
  if (t === null || t === undefined) return NaN
  if (t instanceof Date) return t.getTime()
  if (typeof t === "number") return t
  if (typeof t === "string") return Date.parse(t)
  return NaN
}

function appliesTo(card: CompiledCard, direction: Direction): boolean {
  const d = card.card.direction
  return d === direction || d === "both"
}

/** The first match in card order: card, version, band, row. */
interface Match {
  card: CompiledCard
  version: CompiledVersion
  band: string
  row: CompiledRow
}

/**
 * Looks a normalised number up on one card at an instant (RATING.md §3.2–3.4).
 *
 * @example
 * lookupOnCard(card, "442079460000", "outbound", Date.parse("2026-05-01T09:00:00Z"), account)
 * // { card, version, band: "peak", row } or null
 */
export function lookupOnCard(
  card: CompiledCard,
  number: string,
  direction: Direction,
  atMs: number,
  account: AccountSettings
): Match | null {
  const version = card.versionAt(atMs)
  if (version === null) return null
  const band = bandAt(card.profile, atMs, account.timezone)
  const row = version.lookup(number, direction, band)
  return row === null ? null : { card, version, band, row }
}

function findMatch(
  cards: CompiledCard[],
  number: string,
  direction: Direction,
  atMs: number,
  account: AccountSettings
): Match | null {
  for (let i = 0; i < cards.length; i++) {
    const card = cards[i]
    if (!appliesTo(card, direction)) continue
    const m = lookupOnCard(card, number, direction, atMs, account)
    if (m !== null) return m
  }
  return null
}

/**
 * The trace of a rated call (RATING.md §8): which card, version, row and band produced it.
 *
 * @example
 * traceOf(card, version, row, "peak").prefix // "44"
 */
export function traceOf(card: CompiledCard, version: CompiledVersion, row: CompiledRow, band: string): RateTrace {
  return {
    card_id: card.card.id,
    card: card.card.name,
    version_id: version.id,
    version: version.number,
    row_id: row.id,
    prefix: row.prefix,
    destination: row.destination,
    destination_group: row.destination_group,
    band,
    rate: row.rate_str,
    connect_fee: row.connect_fee_str,
    per_call: row.per_call_str,
    initial_increment: row.initial_increment,
    subsequent_increment: row.subsequent_increment,
    grace: row.grace,
  }
}

function exception(reason: ExceptionReason, detail: string, number?: string): RateResult {
  const r: RateResult = { status: "exception", reason, detail, rated_seconds: 0 }
  if (number !== undefined) r.number = number
  return r
}

/** A buy card's cost with its exact value kept for comparisons and margins. */
interface Costed {
  result: CostResult
  value: bigint
  decimals: number
}

function costOn(
  card: CompiledCard,
  number: string,
  direction: Direction,
  atMs: number,
  billsec: number,
  answered: boolean,
  account: AccountSettings
): Costed | null {
  if (!Number.isFinite(atMs)) return null
  const m = lookupOnCard(card, number, direction, atMs, account)
  if (m === null) return null
  const c = card.card
  let r = 0
  let value = 0n
  if (answered && billsec > 0) {
    r = ratedSeconds(billsec, m.row.initial_increment, m.row.subsequent_increment, m.row.grace)
    if (r > 0) value = computeCharge(m.row, r, c.decimals, c.rounding)
  } else if (c.charge_unanswered) {
    value = rescale(m.row.connect_fee, RATE_SCALE, c.decimals, c.rounding)
  }
  return {
    result: {
      carrier: c.carrier ?? null,
      card_id: c.id,
      card: c.name,
      version_id: m.version.id,
      version: m.version.number,
      row_id: m.row.id,
      prefix: m.row.prefix,
      band: m.band,
      rated_seconds: r,
      cost: formatScaled(value, c.decimals),
      currency: c.currency,
    },
    value,
    decimals: c.decimals,
  }
}

/** a − b for two scaled values, at the larger scale. */
function compareScaled(a: bigint, da: number, b: bigint, db: number): number {
  const s = da > db ? da : db
  const x = a * pow10(s - da)
  const y = b * pow10(s - db)
  return x < y ? -1 : x > y ? 1 : 0
}

/**
 * Cost of a call on the buy cards: only the call's carrier's cards when the
 * call names a carrier, else every buy card; the cheapest wins (ties: card order).
 */
function bestCost(
  buyCards: CompiledCard[],
  carrier: string | null | undefined,
  number: string,
  direction: Direction,
  atMs: number,
  billsec: number,
  answered: boolean,
  account: AccountSettings
): Costed | null {
  let best: Costed | null = null
  const hasCarrier = carrier !== null && carrier !== undefined && carrier !== ""
  for (let i = 0; i < buyCards.length; i++) {
    const card = buyCards[i]
    if (!appliesTo(card, direction)) continue
    if (hasCarrier && card.card.carrier !== carrier) continue
    const c = costOn(card, number, direction, atMs, billsec, answered, account)
    if (c !== null && (best === null || compareScaled(c.value, c.decimals, best.value, best.decimals) < 0)) best = c
  }
  return best
}

function withCost(
  result: RateResult,
  chargeValue: bigint,
  chargeDecimals: number,
  call: CallInput,
  number: string,
  atMs: number,
  answered: boolean,
  account: AccountSettings,
  buyCards: CompiledCard[]
): RateResult {
  const best = bestCost(buyCards, call.carrier, number, call.direction, atMs, call.billsec, answered, account)
  result.cost = best === null ? null : best.result
  if (best === null || best.result.currency !== result.currency) {
    result.margin = null
  } else {
    const s = chargeDecimals > best.decimals ? chargeDecimals : best.decimals
    const margin = chargeValue * pow10(s - chargeDecimals) - best.value * pow10(s - best.decimals)
    result.margin = formatScaled(margin, s)
  }
  return result
}

/**
 * Rates one call (RATING.md §3–§5).
 *
 * - `cards` are the account's cards most specific first (overrides, the
 *   account's card, the system default); cards for the other direction are skipped.
 * - Record problems → exception `invalid_record`; a number that does not
 *   normalise → `invalid_number`; no row on any card → `no_rate`.
 * - Unanswered (or billsec 0) → rated with charge 0 and no lookup, unless the
 *   first applicable card has `charge_unanswered`: then the call is looked up
 *   at answer_time ?? start_time and the matched card, if it has
 *   `charge_unanswered`, charges its connect fee only. A failed lookup there
 *   still rates 0 with trace null: an unanswered call is never `no_rate`.
 * - With `options.buyCards` the result also has `cost` (cheapest buy card, or
 *   the call's carrier's card) and `margin` = charge − cost (exact, at the
 *   larger of the two scales; null across currencies). For unanswered calls
 *   buy cards are still looked up (to name the carrier) and cost 0, or their
 *   connect fee when the buy card has `charge_unanswered`.
 * - Throws (a configuration error, not a record's) when the account's time
 *   zone is not a valid IANA zone.
 *
 * @example
 * rateCall(
 *   { direction: "outbound", number: "+44 20 7946 0000", answer_time: new Date("2026-05-01T09:00:00Z"), billsec: 61 },
 *   { timezone: "Europe/London", country_code: "44" },
 *   [compiledCard]
 * )
 * // { status: "rated", number: "442079460000", rated_seconds: 120, charge: "0.0400", currency: "GBP", trace: {...} }
 */
export function rateCall(
  call: CallInput,
  account: AccountSettings,
  cards: CompiledCard[],
  options?: RateCallOptions
): RateResult {
  const billsec = call.billsec
  if (typeof billsec !== "number" || !Number.isInteger(billsec) || billsec < 0) {
    return exception("invalid_record", `billsec ${String(billsec)} is not a whole number of seconds ≥ 0`)
  }
  const direction = call.direction
  if (direction !== "outbound" && direction !== "inbound") {
    return exception("invalid_record", `direction "${String(direction)}" must be outbound or inbound`)
  }
  const answered = isAnswered(call.disposition)
  const answerMs = timeMs(call.answer_time)
  if (answered && billsec > 0 && !Number.isFinite(answerMs)) {
    return exception(
      "invalid_record",
      call.answer_time === null || call.answer_time === undefined
        ? `answered call with billsec ${billsec} has no answer_time`
        : `answer_time ${String(call.answer_time)} is not a valid date`
    )
  }
  const number = normalizeNumber(call.number, account)
  if (number === null) {
    return exception("invalid_number", `"${String(call.number)}" is not a valid number (1–20 digits after normalisation)`)
  }
  const buyCards = options?.buyCards

  if (!answered || billsec === 0) {
    return rateUnanswered(call, account, cards, number, answerMs, answered, buyCards)
  }

  for (let i = 0; i < cards.length; i++) {
    const c = cards[i]
    const card = c.card
    if (card.direction !== direction && card.direction !== "both") continue
    const version = c.versionAt(answerMs)
    if (version === null) continue
    const band = bandAt(c.profile, answerMs, account.timezone)
    const row = version.lookup(number, direction, band)
    if (row === null) continue
    const r = ratedSeconds(billsec, row.initial_increment, row.subsequent_increment, row.grace)
    const value = r === 0 ? 0n : computeCharge(row, r, card.decimals, card.rounding)
    const result: RateResult = {
      status: "rated",
      number,
      rated_seconds: r,
      charge: formatScaled(value, card.decimals),
      currency: card.currency,
      trace: traceOf(c, version, row, band),
    }
    if (buyCards === undefined) return result
    return withCost(result, value, card.decimals, call, number, answerMs, true, account, buyCards)
  }
  return exception(
    "no_rate",
    `no rate for ${number} (${direction}) at ${new Date(answerMs).toISOString()} in ${describeCards(cards, direction)}`,
    number
  )
}

function describeCards(cards: CompiledCard[], direction: Direction): string {
  const names = cards.filter((c) => appliesTo(c, direction)).map((c) => c.card.name)
  return names.length === 0 ? `no ${direction} card` : `cards ${names.join(", ")}`
}

function rateUnanswered(
  call: CallInput,
  account: AccountSettings,
  cards: CompiledCard[],
  number: string,
  answerMs: number,
  answered: boolean,
  buyCards: CompiledCard[] | undefined
): RateResult {
  const direction = call.direction
  let first: CompiledCard | null = null
  for (let i = 0; i < cards.length; i++) {
    if (appliesTo(cards[i], direction)) {
      first = cards[i]
      break
    }
  }
  const atMs = Number.isFinite(answerMs) ? answerMs : timeMs(call.start_time)
  let decimals = first === null ? DEFAULT_DECIMALS : first.card.decimals
  let result: RateResult = {
    status: "rated",
    number,
    rated_seconds: 0,
    charge: formatScaled(0n, decimals),
    currency: first === null ? undefined : first.card.currency,
    trace: null,
  }
  let value = 0n
  if (first !== null && first.card.charge_unanswered && Number.isFinite(atMs)) {
    const m = findMatch(cards, number, direction, atMs, account)
    if (m !== null) {
      const card = m.card.card
      decimals = card.decimals
      value = card.charge_unanswered ? rescale(m.row.connect_fee, RATE_SCALE, decimals, card.rounding) : 0n
      result = {
        status: "rated",
        number,
        rated_seconds: 0,
        charge: formatScaled(value, decimals),
        currency: card.currency,
        trace: traceOf(m.card, m.version, m.row, m.band),
      }
    }
  }
  if (buyCards === undefined) return result
  return withCost(result, value, decimals, call, number, atMs, answered && call.billsec > 0, account, buyCards)
}
