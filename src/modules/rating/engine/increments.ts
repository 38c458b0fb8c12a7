/**
 * Billing increments (RATING.md §4).
 */

/**
 * Rated (billed) seconds of a call: 0 when `billsec ≤ grace`; else
 * `initial` if `billsec ≤ initial`; else
 * `initial + ceil((billsec − initial) / subsequent) × subsequent`.
 * All arguments are whole seconds; increments are ≥ 1.
 *
 * @example
 * ratedSeconds(61, 60, 60, 0) // 120
 * ratedSeconds(31, 30, 6, 0)  // 36
 * ratedSeconds(3, 60, 60, 5)  // 0
 */
export function ratedSeconds(billsec: number, initial: number, subsequent: number, grace: number): number {
  if (billsec <= grace || billsec <= 0) return 0
  if (billsec <= initial) return initial
  const over = billsec - initial
  return initial + Math.ceil(over / subsequent) * subsequent
}
