/**
 * Exact money for the demo decks. Prices are whole numbers of a fixed unit
 * (`RATE_SCALE` = 4 decimals for sell prices, 6 for carrier costs) and are
 * only ever multiplied and divided as integers, then written as decimal
 * strings: no JavaScript float touches a rate.
 */

/** Sell prices: integers in units of 0.0001 (1 = 0.0001 per minute). */
export const SELL_SCALE = 4
/** Carrier costs: integers in units of 0.000001. */
export const COST_SCALE = 6

/**
 * Writes an integer amount of 10^-scale units as a decimal string.
 *
 * @example
 * toDecimal(125, 4) // "0.0125"
 * toDecimal(15000, 4) // "1.5000"
 */
export function toDecimal(units: number, scale: number): string {
  if (!Number.isSafeInteger(units) || units < 0) {
    throw new Error(`toDecimal: ${units} is not a non-negative safe integer`)
  }
  const digits = String(units).padStart(scale + 1, "0")
  return scale === 0
    ? digits
    : `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`
}

/**
 * `units × num / den`, rounded half up, in integers (for band discounts and
 * currency conversion at a fixed demo rate).
 *
 * @example
 * mulDivHalfUp(250, 75, 100) // 188  (0.0250 × 75% = 0.01875 → 0.0188)
 */
export function mulDivHalfUp(units: number, num: number, den: number): number {
  const product = BigInt(units) * BigInt(num)
  const d = BigInt(den)
  return Number((product * 2n + d) / (2n * d))
}

/**
 * A stable 32-bit hash of a string (FNV-1a): the demo's only source of
 * "variety", so every run writes the same decks.
 *
 * @example
 * hash32("44770") % 3 // always the same
 */
export function hash32(s: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h >>> 0
}
