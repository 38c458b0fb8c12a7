/**
 * Exact decimals inside the calculator (internal). A private decimal.js clone:
 * 64 significant digits (the library default of 20 would round sums of large
 * invoices), half-up, and never exponent notation in strings.
 */
import Decimal from "decimal.js"
import { BillingCalcError } from "./errors"

export const Dec = Decimal.clone({
  precision: 64,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -1000,
  toExpPos: 1000,
})
export type Dec = Decimal

export const ZERO = new Dec(0)

const DECIMAL_RE = /^-?(?:\d+(?:\.\d*)?|\.\d+)$/

/**
 * Whether `value` is a plain decimal string ("12", "-0.50", ".5"): no
 * exponent, no sign other than a leading "-", no separators.
 *
 * @example
 * isDecimalString("0.0125") // true
 * isDecimalString("1e-3")   // false
 */
export function isDecimalString(value: unknown): value is string {
  return typeof value === "string" && DECIMAL_RE.test(value.trim())
}

/**
 * Parses a decimal string; `field` names it in the error.
 *
 * @example
 * dec("0.0125", "rate").mul(60) // 0.75
 * dec("1e3", "price")           // throws BillingCalcError
 */
export function dec(value: unknown, field: string): Dec {
  if (!isDecimalString(value)) {
    throw new BillingCalcError(`${field}: "${String(value)}" is not a decimal string`)
  }
  return new Dec(value.trim())
}

/**
 * Parses a decimal string that must be ≥ 0.
 *
 * @example
 * decNonNegative("-1", "price") // throws BillingCalcError
 */
export function decNonNegative(value: unknown, field: string): Dec {
  const d = dec(value, field)
  if (d.isNegative() && !d.isZero()) throw new BillingCalcError(`${field}: ${value} must not be negative`)
  return d
}

/**
 * Number of decimals a decimal string carries.
 *
 * @example
 * scaleOf("1.50") // 2
 */
export function scaleOf(value: string): number {
  const t = value.trim()
  const dot = t.indexOf(".")
  return dot < 0 ? 0 : t.length - dot - 1
}

/**
 * Plain string of `d`: never exponent notation, never "-0".
 *
 * @example
 * str(new Dec("1e-9")) // "0.000000001"
 */
export function str(d: Dec): string {
  return d.isZero() ? "0" : d.toFixed()
}

/**
 * `d` rounded half-up (ties away from zero) to `dp` decimals, as a string
 * with exactly `dp` decimals.
 *
 * @example
 * fixed(new Dec("-0.125"), 2) // "-0.13"
 * fixed(new Dec("-0.001"), 2) // "0.00"
 */
export function fixed(d: Dec, dp: number): string {
  const r = d.toDecimalPlaces(dp, Decimal.ROUND_HALF_UP)
  return r.isZero() ? new Dec(0).toFixed(dp) : r.toFixed(dp)
}

/**
 * Checks a whole, non-negative JS integer (seconds, calls, channels).
 *
 * @example
 * wholeCount(60, "rated_seconds")  // 60
 * wholeCount(1.5, "rated_seconds") // throws BillingCalcError
 */
export function wholeCount(value: unknown, field: string): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw new BillingCalcError(`${field}: ${String(value)} is not a whole number ≥ 0`)
  }
  return value
}
