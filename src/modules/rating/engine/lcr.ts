/**
 * Least-cost routing (RATING.md §5): rank the carriers whose buy cards rate a
 * number by the cost of a reference call.
 */
import type { CompiledCard } from "./compile"
import { ratedSeconds } from "./increments"
import { formatScaled, pow10 } from "./money"
import { normalizeNumber } from "./numbers"
import { computeCharge, lookupOnCard } from "./rate"
import type { AccountSettings, CostResult, Direction } from "./types"

export interface LcrEntry extends CostResult {
  /** 1 = cheapest */
  rank: number
  /** the row's rate per minute, as in the deck */
  rate: string
  connect_fee: string
  per_call: string
  destination: string | null
}

export interface RankCarriersOptions {
  /** length of the reference call in seconds; default 60 */
  billsec?: number
}

/**
 * Ranks buy cards for a number at an instant: each applicable buy card (same
 * direction or "both") is looked up with its own version, profile and band,
 * and costs a reference call of `billsec` seconds (default 60) with its own
 * increments, decimals and rounding. Order: cheapest cost (compared exactly
 * across scales; currencies are not converted), then lower rate, then carrier
 * name (the card name when the card has no carrier), then card order. One
 * entry per buy card that rates the number. An invalid number gives
 * `{ number: null, entries: [] }`.
 *
 * @example
 * rankCarriers("+44 20 7946 0000", account, new Date("2026-05-01T09:00:00Z"), "outbound", [carrierA, carrierB])
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

  const found: Array<{ entry: LcrEntry; value: bigint; decimals: number; rate: bigint; name: string; order: number }> = []
  for (let i = 0; i < buyCards.length; i++) {
    const card = buyCards[i]
    const c = card.card
    if (c.direction !== direction && c.direction !== "both") continue
    const m = lookupOnCard(card, normalized, direction, atMs, account)
    if (m === null) continue
    const r = ratedSeconds(billsec, m.row.initial_increment, m.row.subsequent_increment, m.row.grace)
    const value = r === 0 ? 0n : computeCharge(m.row, r, c.decimals, c.rounding)
    found.push({
      entry: {
        rank: 0,
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
        rate: m.row.rate_str,
        connect_fee: m.row.connect_fee_str,
        per_call: m.row.per_call_str,
        destination: m.row.destination,
      },
      value,
      decimals: c.decimals,
      rate: m.row.rate,
      name: c.carrier ?? c.name,
      order: i,
    })
  }
  found.sort((a, b) => {
    const s = a.decimals > b.decimals ? a.decimals : b.decimals
    const x = a.value * pow10(s - a.decimals)
    const y = b.value * pow10(s - b.decimals)
    if (x !== y) return x < y ? -1 : 1
    if (a.rate !== b.rate) return a.rate < b.rate ? -1 : 1
    if (a.name !== b.name) return a.name < b.name ? -1 : 1
    return a.order - b.order
  })
  const entries = found.map((f, i) => {
    f.entry.rank = i + 1
    return f.entry
  })
  return { number: normalized, entries }
}
