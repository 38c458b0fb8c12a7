/**
 * Least-cost routing (RATING.md §5): rank the carriers whose buy cards rate a
 * number by the cost of a reference call.
 */
import type { CompiledCard } from "./compile"
import { normalizeNumber } from "./numbers"
import { carrierMatches, costOn, type FxLookup, type RatedCost, rankCosts } from "./rate"
import type { AccountSettings, Direction } from "./types"

export interface LcrEntry extends RatedCost {
  /** 1 = cheapest; null when the cost cannot be compared with the others (see `unranked_reason`) */
  rank: number | null
  /** why the entry has no rank */
  unranked_reason?: string
  /** the row's rate per minute, as in the deck */
  rate: string
  connect_fee: string
  per_call: string
  destination: string | null
}

export interface RankCarriersOptions {
  /** length of the reference call in seconds; default 60 */
  billsec?: number
  /** the currency costs in several currencies are compared in (the account's) */
  currency?: string | null
  /** FX rates, to convert costs into `currency` */
  fx?: FxLookup
}

/**
 * Ranks carriers for a number at an instant. Each carrier appears once, with
 * the card `carrierMatches` picks among its buy cards (same direction or
 * "both"; longest prefix, then the call's band, then the card given first) —
 * the card `rateCall` takes that carrier's cost from. Each costs a reference
 * call of `billsec` seconds (default 60) with its own version, band,
 * increments, decimals and rounding. Ranked by `rankCosts`, as `rateCall`
 * picks the cheapest: exactly across scales; costs in several currencies are
 * compared in `options.currency`, converted with `options.fx` at `at`; equal
 * costs keep card order. Costs that cannot be compared come last with `rank`
 * null and `unranked_reason`. An invalid number gives `{ number: null, entries: [] }`.
 *
 * @example
 * rankCarriers("+44 20 7946 0000", account, new Date("2026-05-01T09:00:00Z"), "outbound", [carrierA, carrierB], {
 *   currency: "GBP",
 *   fx: (base, quote, at) => fxTable.at(base, quote, at),
 * })
 * // { number: "442079460000", entries: [{ rank: 1, carrier: "B", cost: "0.0080", ... }, { rank: 2, carrier: "A", ... }] }
 */
export function rankCarriers(
  number: string,
  account: AccountSettings,
  at: Date,
  direction: Direction,
  buyCards: CompiledCard[],
  options?: RankCarriersOptions
): { number: string | null; entries: LcrEntry[] } {
  const billsec = options?.billsec ?? 60
  if (!Number.isInteger(billsec) || billsec < 0) {
    throw new Error(`reference billsec ${String(billsec)} must be a whole number of seconds ≥ 0`)
  }
  const atMs = at instanceof Date ? at.getTime() : NaN
  if (!Number.isFinite(atMs)) throw new Error(`rankCarriers: ${String(at)} is not a valid date`)
  const normalized = normalizeNumber(number, account)
  if (normalized === null) return { number: null, entries: [] }

  const costs = carrierMatches(buyCards, normalized, direction, atMs, account).map((m) => costOn(m, billsec, true))
  const { ranked, unranked } = rankCosts(costs, options?.currency, options?.fx, atMs)
  const entry = (c: (typeof costs)[number], rank: number | null): LcrEntry => {
    const row = c.match.row
    return {
      rank,
      ...c.result,
      rate: row.rate_str,
      connect_fee: row.connect_fee_str,
      per_call: row.per_call_str,
      destination: row.destination,
    }
  }
  const entries = ranked.map((c, i) => entry(c, i + 1))
  for (const u of unranked) entries.push({ ...entry(u.costed, null), unranked_reason: u.reason })
  return { number: normalized, entries }
}
