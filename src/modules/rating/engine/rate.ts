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
  /** FX rates, to compare and subtract costs in another currency than the charge's */
  fx?: FxLookup
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

/**
 * An FX lookup: one unit of `base` is `rate` units of `quote` at `at` (the
 * rate in force then), or null when none is. The billing module's
 * `FxTable.at` is one; the engine only calls it, so it stays pure.
 *
 * @example
 * const fx: FxLookup = (base, quote, at) => fxTable.at(base, quote, at)
 * fx("JPY", "GBP", new Date("2026-05-01T09:00:00Z")) // { rate: "0.0052", effective_from: 2026-01-01T00:00:00.000Z } or null
 */
export type FxLookup = (
  base: string,
  quote: string,
  at: Date
) => { rate: string; effective_from?: Date | string | null } | null

/** A cost converted into another currency (as a charge is: rounded as its card rounds). */
export interface CostConversion {
  cost: string
  currency: string
  rate: string
  effective_from: string | null
}

/** A buy card's cost; `fx` when it had to be converted to be compared or subtracted. */
export interface RatedCost extends CostResult {
  fx?: CostConversion
}

/** A rated call with the cost part (`options.buyCards`). */
export interface RateCallResult extends RateResult {
  cost?: RatedCost | null
  /** why `margin` is null, when buy cards were given */
  margin_reason?: string
}

/** A carrier's buy-card match: the one card of that carrier its cost comes from. */
export interface CarrierMatch {
  card: CompiledCard
  version: CompiledVersion
  band: string
  row: CompiledRow
  /** index of the card in the buy cards given */
  order: number
}

/**
 * The buy card each carrier's cost comes from, one per carrier (RATING.md §5:
 * buy cards follow §3). A carrier's cards have no order of precedence, so
 * among those serving the direction, in force at the instant and rating the
 * number: the longest matching prefix wins, then a row for the call's band
 * over a band-less row, then the card given first (the rating module lists
 * buy cards by code). A card without a carrier is a carrier of its own. With
 * `carrier`, only that carrier's cards are looked at. Sorted by `order`.
 *
 * @example
 * // carrier A: A1 has 44, A2 has 447
 * carrierMatches([a1, a2, b], "447700900123", "outbound", Date.parse("2026-05-01T09:00:00Z"), account)
 * // [{ card: a2, row: { prefix: "447", … }, order: 1, … }, { card: b, …, order: 2 }]
 */
export function carrierMatches(
  buyCards: CompiledCard[],
  number: string,
  direction: Direction,
  atMs: number,
  account: AccountSettings,
  carrier?: string | null
): CarrierMatch[] {
  const byCarrier = new Map<string, CarrierMatch>()
  if (!Number.isFinite(atMs)) return []
  const named = carrier !== null && carrier !== undefined && carrier !== ""
  for (let i = 0; i < buyCards.length; i++) {
    const card = buyCards[i]
    if (!appliesTo(card, direction)) continue
    if (named && card.card.carrier !== carrier) continue
    const m = lookupOnCard(card, number, direction, atMs, account)
    if (m === null) continue
    const key = card.card.carrier ? `carrier:${card.card.carrier}` : `card:${card.card.id}`
    const held = byCarrier.get(key)
    if (held === undefined || moreSpecific(m.row, held.row)) {
      byCarrier.set(key, { card, version: m.version, band: m.band, row: m.row, order: i })
    }
  }
  return [...byCarrier.values()].sort((a, b) => a.order - b.order)
}

/** §3.4 across one carrier's cards: longer prefix, then a banded row over a band-less one. */
function moreSpecific(a: CompiledRow, b: CompiledRow): boolean {
  if (a.prefix.length !== b.prefix.length) return a.prefix.length > b.prefix.length
  return a.band !== "" && b.band === ""
}

/** A carrier's cost with its exact value kept for comparisons and margins. */
export interface CostedCarrier {
  result: RatedCost
  /** the cost, scaled by 10^decimals (the buy card's) */
  value: bigint
  decimals: number
  rounding: RoundingMode
  match: CarrierMatch
}

/**
 * Cost of a call on a carrier's matched card (RATING.md §4 with the buy
 * card's increments, decimals and rounding): answered with `billsec` > 0 →
 * the charge; otherwise 0, or the connect fee when the card has `charge_unanswered`.
 *
 * @example
 * costOn(carrierMatches(buyCards, "442079460000", "outbound", at, account)[0], 61, true).result.cost // "0.0061"
 */
export function costOn(m: CarrierMatch, billsec: number, answered: boolean): CostedCarrier {
  const c = m.card.card
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
    rounding: c.rounding,
    match: m,
  }
}

/** a − b for two scaled values, at the larger scale. */
function compareScaled(a: bigint, da: number, b: bigint, db: number): number {
  const s = da > db ? da : db
  const x = a * pow10(s - da)
  const y = b * pow10(s - db)
  return x < y ? -1 : x > y ? 1 : 0
}

/** An FX rate string ("0.78", "1e-7") as digits over 10^scale, or null. */
function parseFxRate(rate: unknown): { n: bigint; scale: number } | null {
  const m = /^(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(String(rate).trim())
  if (m === null) return null
  const frac = m[2] ?? ""
  let digits = m[1] + frac
  let scale = frac.length - Number(m[3] ?? 0)
  if (scale < 0) {
    digits += "0".repeat(-scale)
    scale = 0
  }
  return { n: BigInt(digits), scale }
}

type Converted = { value: bigint; decimals: number } | { reason: string }

/**
 * A cost in `currency`: as it is when already there; 0 is 0 in any currency;
 * otherwise cost × the FX rate in force at the instant, rounded to the buy
 * card's decimals with its rounding (how a charge is converted). Records the
 * conversion on the cost (`fx`).
 */
function costIn(c: CostedCarrier, currency: string, fx: FxLookup | undefined, atMs: number): Converted {
  const from = c.result.currency
  if (from === currency || c.value === 0n) return { value: c.value, decimals: c.decimals }
  const at = new Date(atMs)
  const quote = fx ? fx(from, currency, at) : null
  if (quote === null || quote === undefined) {
    return { reason: `no FX rate ${from}→${currency} in force at ${at.toISOString()}` }
  }
  const rate = parseFxRate(quote.rate)
  if (rate === null) return { reason: `FX rate ${from}→${currency} "${String(quote.rate)}" is not a decimal number` }
  const value = divRound(c.value * rate.n, pow10(rate.scale), c.rounding)
  const since = quote.effective_from
  c.result.fx = {
    cost: formatScaled(value, c.decimals),
    currency,
    rate: String(quote.rate),
    effective_from:
      since === null || since === undefined ? null : since instanceof Date ? since.toISOString() : String(since),
  }
  return { value, decimals: c.decimals }
}

/** Carriers' costs ranked cheapest first, and those that cannot be compared. */
export interface CostRanking {
  ranked: CostedCarrier[]
  unranked: Array<{ costed: CostedCarrier; reason: string }>
}

/**
 * Ranks carriers' costs, cheapest first (least-cost routing, RATING.md §5).
 * Costs all in one currency compare as they are. Costs in several currencies
 * compare in `currency` (the account's, or the call's charge currency):
 * each other one is converted at the FX rate in force at the instant (see
 * `costIn`); one that cannot be (no lookup, no rate in force), or every one
 * when there is no `currency`, is left unranked with the reason. Equal costs
 * keep the order the cards were given in. Compared exactly across scales.
 *
 * @example
 * rankCosts([gbpCost, jpyCost], "GBP", fx, Date.parse("2026-05-01T09:00:00Z"))
 * // { ranked: [jpyCost (fx: { cost: "0.0052", currency: "GBP", … }), gbpCost], unranked: [] }
 */
export function rankCosts(
  costs: CostedCarrier[],
  currency: string | null | undefined,
  fx: FxLookup | undefined,
  atMs: number
): CostRanking {
  if (costs.length <= 1) return { ranked: costs.slice(), unranked: [] }
  const currencies = [...new Set(costs.map((c) => c.result.currency))].sort()
  const keyed: Array<{ costed: CostedCarrier; value: bigint; decimals: number }> = []
  const unranked: CostRanking["unranked"] = []
  for (const c of costs) {
    if (currencies.length <= 1) {
      keyed.push({ costed: c, value: c.value, decimals: c.decimals })
    } else if (!currency) {
      unranked.push({ costed: c, reason: `costs in ${currencies.join(", ")} need a currency to be compared in` })
    } else {
      const v = costIn(c, currency, fx, atMs)
      if ("reason" in v) unranked.push({ costed: c, reason: `cannot be compared in ${currency}: ${v.reason}` })
      else keyed.push({ costed: c, value: v.value, decimals: v.decimals })
    }
  }
  keyed.sort(
    (a, b) => compareScaled(a.value, a.decimals, b.value, b.decimals) || a.costed.match.order - b.costed.match.order
  )
  return { ranked: keyed.map((k) => k.costed), unranked }
}

function withCost(
  result: RateCallResult,
  chargeValue: bigint,
  chargeDecimals: number,
  call: CallInput,
  number: string,
  atMs: number,
  answered: boolean,
  account: AccountSettings,
  options: RateCallOptions & { buyCards: CompiledCard[] }
): RateCallResult {
  const named = call.carrier !== null && call.carrier !== undefined && call.carrier !== ""
  const costs = carrierMatches(options.buyCards, number, call.direction, atMs, account, call.carrier).map((m) =>
    costOn(m, call.billsec, answered)
  )
  let best: CostedCarrier | null = null
  let why: string
  if (named) {
    // one carrier: its card is chosen (carrierMatches), nothing to compare
    best = costs[0] ?? null
    why = `carrier ${call.carrier} has no buy card that rates the call`
  } else {
    const ranking = rankCosts(costs, result.currency, options.fx, atMs)
    best = ranking.ranked[0] ?? null
    why =
      ranking.unranked.length === 0
        ? "no buy card rates the call"
        : `no carrier's cost can be compared: ${ranking.unranked.map((u) => `${u.costed.result.card} ${u.reason}`).join("; ")}`
  }
  result.cost = best === null ? null : best.result
  if (best === null) {
    result.margin = null
    result.margin_reason = why
    return result
  }
  if (result.currency === undefined) {
    result.margin = null
    result.margin_reason = "no card rated the call, so its charge has no currency"
    return result
  }
  // margin in the charge's currency: the cost converted into it when it is in another
  const cost = costIn(best, result.currency, options.fx, atMs)
  if ("reason" in cost) {
    result.margin = null
    result.margin_reason = `the cost is in ${best.result.currency}, the charge in ${result.currency}, and ${cost.reason}`
    return result
  }
  const s = chargeDecimals > cost.decimals ? chargeDecimals : cost.decimals
  result.margin = formatScaled(chargeValue * pow10(s - chargeDecimals) - cost.value * pow10(s - cost.decimals), s)
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
 * - With `options.buyCards` the result also has `cost` and `margin` =
 *   charge − cost (exact, at the larger of the two scales). The cost comes
 *   from the call's carrier when it names one, else from the cheapest carrier
 *   (`rankCosts` in the charge's currency); each carrier's card is the one
 *   `carrierMatches` picks. A cost in another currency than the charge's is
 *   converted with `options.fx` at the call's instant; without a rate in force
 *   `margin` is null and `margin_reason` says why. For unanswered calls buy
 *   cards are still looked up (to name the carrier) and cost 0, or their
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
): RateCallResult {
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
    return rateUnanswered(call, account, cards, number, answerMs, answered, options)
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
    return withCost(result, value, card.decimals, call, number, answerMs, true, account, { ...options, buyCards })
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
  options: RateCallOptions | undefined
): RateCallResult {
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
  const buyCards = options?.buyCards
  if (buyCards === undefined) return result
  return withCost(result, value, decimals, call, number, atMs, answered && call.billsec > 0, account, { ...options, buyCards })
}
