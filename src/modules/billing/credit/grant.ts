/**
 * How much of a call a credit balance can pay for (BILLING.md §6). Pure.
 * Costs are exact decimals; a grant's cost is rounded up to 6 decimals so the
 * hold is never below what the seconds can cost.
 */
import Decimal from "decimal.js"

export type GrantTerms = {
  /** per minute */
  rate: string
  connect_fee: string
  per_call: string
  initial_increment: number
  subsequent_increment: number
}

export type Grant = { seconds: number; amount: string }

export const DEFAULT_QUOTA_SECONDS = 300
const HOLD_SCALE = 6

const cost = (terms: GrantTerms, seconds: number, fixed: boolean): Decimal => {
  const usage = new Decimal(terms.rate).mul(seconds).div(60)
  const total = fixed ? usage.plus(terms.connect_fee).plus(terms.per_call) : usage
  return total.toDecimalPlaces(HOLD_SCALE, Decimal.ROUND_UP)
}

/**
 * The first grant of a call: the largest `r = initial + k × subsequent`
 * (k ≥ 0, r ≤ requested) whose cost `connect_fee + per_call + rate × r / 60`
 * fits in `available`; null when not even the initial increment fits. A
 * request shorter than the initial increment is granted the initial increment
 * (a call cannot be sold in smaller units).
 *
 * @example
 * initialGrant({ rate: "0.06", connect_fee: "0", per_call: "0", initial_increment: 60, subsequent_increment: 60 }, "0.30", 300)
 * // { seconds: 300, amount: "0.3" }
 * initialGrant({ rate: "0.06", connect_fee: "0", per_call: "0", initial_increment: 60, subsequent_increment: 60 }, "0.10", 300)
 * // { seconds: 60, amount: "0.06" }
 */
export function initialGrant(terms: GrantTerms, available: string, requested = DEFAULT_QUOTA_SECONDS): Grant | null {
  const avail = new Decimal(available)
  const init = Math.max(terms.initial_increment, 1)
  const sub = Math.max(terms.subsequent_increment, 1)
  const first = cost(terms, init, true)
  if (first.gt(avail)) return null
  const maxK = requested > init ? Math.floor((requested - init) / sub) : 0
  const k = largestAffordable(maxK, (k) => cost(terms, init + k * sub, true).lte(avail))
  const seconds = init + k * sub
  return { seconds, amount: cost(terms, seconds, true).toString() }
}

/**
 * A further quota for a reservation: the largest `k × subsequent` (k ≥ 1,
 * ≤ requested, at least one increment asked) whose usage cost fits in
 * `available`; null when not one increment fits.
 *
 * @example
 * extensionGrant({ rate: "0.06", connect_fee: "0.05", per_call: "0", initial_increment: 30, subsequent_increment: 6 }, "0.012", 300)
 * // { seconds: 12, amount: "0.012" }
 */
export function extensionGrant(terms: GrantTerms, available: string, requested = DEFAULT_QUOTA_SECONDS): Grant | null {
  const avail = new Decimal(available)
  const sub = Math.max(terms.subsequent_increment, 1)
  const maxK = Math.max(1, Math.floor(requested / sub))
  if (cost(terms, sub, false).gt(avail)) return null
  const k = largestAffordable(maxK, (k) => k === 0 || cost(terms, k * sub, false).lte(avail), 1)
  return { seconds: k * sub, amount: cost(terms, k * sub, false).toString() }
}

/** Largest k in [min, max] with fits(k), given fits is monotone and fits(min). */
function largestAffordable(max: number, fits: (k: number) => boolean, min = 0): number {
  let lo = min
  let hi = max
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2)
    if (fits(mid)) lo = mid
    else hi = mid - 1
  }
  return lo
}
