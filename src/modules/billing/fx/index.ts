import Decimal from "decimal.js"

export type FxRow = { base: string; quote: string; rate: string; effective_from: Date | string }
export type FxQuote = { rate: string; effective_from: Date }
export type FxRounding = "half_up" | "up" | "down" | "half_even"

const MODES: Record<FxRounding, Decimal.Rounding> = {
  half_up: Decimal.ROUND_HALF_UP,
  up: Decimal.ROUND_UP,
  down: Decimal.ROUND_DOWN,
  half_even: Decimal.ROUND_HALF_EVEN,
}

/**
 * The effective-dated FX table (`call_billing_fx_rate`): one unit of `base`
 * is `rate` units of `quote` from `effective_from` until the pair's next row.
 *
 * @example
 * const fx = new FxTable([{ base: "USD", quote: "GBP", rate: "0.8", effective_from: "2026-01-01T00:00:00Z" }])
 * fx.at("USD", "GBP", new Date("2026-03-02T09:15:00Z")) // { rate: "0.8", effective_from: 2026-01-01T00:00:00.000Z }
 */
export class FxTable {
  private pairs = new Map<string, Array<{ rate: string; from: Date }>>()

  constructor(rows: FxRow[]) {
    for (const r of rows) {
      const key = `${r.base}/${r.quote}`
      const list = this.pairs.get(key) ?? []
      list.push({ rate: String(r.rate), from: new Date(r.effective_from) })
      this.pairs.set(key, list)
    }
    for (const list of this.pairs.values()) list.sort((a, b) => a.from.getTime() - b.from.getTime())
  }

  /** The rate in force at `at` (the latest row that took effect at or before it), or null. */
  at(base: string, quote: string, at: Date): FxQuote | null {
    const list = this.pairs.get(`${base}/${quote}`)
    if (!list) return null
    let found: { rate: string; from: Date } | null = null
    for (const row of list) {
      if (row.from.getTime() > at.getTime()) break
      found = row
    }
    return found ? { rate: found.rate, effective_from: found.from } : null
  }
}

/**
 * A charge in a card's currency converted at `rate`, rounded like the card
 * rounds a call (its decimals and mode): the converted charge is what the
 * call costs the account.
 *
 * @example
 * convertCharge("0.0250", "0.786512", 4, "half_up") // "0.0197"
 */
export function convertCharge(charge: string, rate: string, decimals: number, rounding: FxRounding): string {
  return new Decimal(charge).mul(rate).toFixed(decimals, MODES[rounding])
}
