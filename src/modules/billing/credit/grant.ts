/**
 * How much of a call a credit balance can pay for (BILLING.md §6). Pure.
 * Costs are exact decimals. A grant holds what its seconds can be charged:
 * the exact cost rounded up to the card's decimals (the call's charge is
 * rounded once to them, in any rounding mode at most this; through an FX
 * rate, that bound in the card's currency converted and rounded up), so settling
 * never takes a wallet below what was held. Without the card's decimals, up
 * to 6 decimals.
 */
import Decimal from "decimal.js"

export type GrantTerms = {
  /** per minute */
  rate: string
  connect_fee: string
  per_call: string
  initial_increment: number
  subsequent_increment: number
  /** the card's decimals, to which a call's charge is rounded (RATING.md §1) */
  decimals?: number
  /** the card prices in another currency: the prices above are converted at this rate, and so is the charge (rounded again) */
  fx_rate?: string
}

export type Grant = { seconds: number; amount: string }

export const DEFAULT_QUOTA_SECONDS = 300
const HOLD_SCALE = 6
/** for undoing a conversion without losing the digits that decide a rounding */
const Wide = Decimal.clone({ precision: 60 })

const cost = (terms: GrantTerms, seconds: number, fixed: boolean): Decimal => {
  const usage = new Decimal(terms.rate).mul(seconds).div(60)
  const total = fixed ? usage.plus(terms.connect_fee).plus(terms.per_call) : usage
  if (terms.decimals === undefined) return total.toDecimalPlaces(HOLD_SCALE, Decimal.ROUND_UP)
  if (!terms.fx_rate) return total.toDecimalPlaces(terms.decimals, Decimal.ROUND_UP)
  // charged in the card's currency at most its exact cost rounded up, then converted and rounded (up, at most)
  const inCard = new Wide(total).div(terms.fx_rate).toDecimalPlaces(terms.decimals, Decimal.ROUND_UP)
  return new Decimal(inCard.mul(terms.fx_rate).toDecimalPlaces(terms.decimals, Decimal.ROUND_UP))
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
