/**
 * Proration by whole days (BILLING.md §2): a change at local date `d` inside
 * `[start, end)` counts for `days(d, end) / days(start, end)` of the price.
 */
import { BillingCalcError } from "./errors"
import { Dec, dec, fixed, str } from "./decimal"
import { currencyDecimals } from "./money"
import { assertLocalDate, assertPeriod, daysBetween } from "./periods"
import type { DecimalString, LocalDate, Period } from "./types"

/** A fraction of whole days, kept unreduced so the invoice can say "20/30". */
export interface DayFraction {
  numerator: number
  denominator: number
}

/**
 * The fraction of `period` from local date `from` to its end:
 * `days(from, end) / days(start, end)`. `from` must lie in `[start, end]`.
 *
 * @example
 * prorationFraction({ start: "2025-06-01", end: "2025-07-01" }, "2025-06-11")
 * // { numerator: 20, denominator: 30 }
 */
export function prorationFraction(period: Period, from: LocalDate): DayFraction {
  assertPeriod(period, "period")
  assertLocalDate(from, "from")
  if (from < period.start || from > period.end) {
    throw new BillingCalcError(`from: ${from} is outside the period [${period.start}, ${period.end})`)
  }
  return { numerator: daysBetween(from, period.end), denominator: daysBetween(period.start, period.end) }
}

/**
 * "20/30".
 *
 * @example
 * formatFraction({ numerator: 20, denominator: 30 }) // "20/30"
 */
export function formatFraction(f: DayFraction): string {
  return `${f.numerator}/${f.denominator}`
}

function checkFraction(f: DayFraction): void {
  if (
    !f ||
    !Number.isSafeInteger(f.numerator) ||
    !Number.isSafeInteger(f.denominator) ||
    f.denominator <= 0 ||
    f.numerator < 0
  ) {
    throw new BillingCalcError(`fraction: ${JSON.stringify(f)} is not whole days n/d with d > 0`)
  }
}

/**
 * Internal: `price × qty × n / d`, multiplying before the one division.
 *
 * @example
 * prorateDec(new Dec("30"), new Dec(5), { numerator: 20, denominator: 30 }) // 100
 */
export function prorateDec(price: Dec, qty: Dec, f: DayFraction): Dec {
  checkFraction(f)
  if (f.numerator === f.denominator) return price.mul(qty)
  return price.mul(qty).mul(f.numerator).div(f.denominator)
}

/**
 * `price × qty × fraction`, not rounded: exact when it terminates, else cut
 * at 30 decimals (half-up). A full period gives exactly `price × qty`.
 *
 * @example
 * prorate("30.00", "5", { numerator: 20, denominator: 30 }) // "100"
 * prorate("10", "1", { numerator: 1, denominator: 3 })      // "3.333333333333333333333333333333"
 */
export function prorate(price: DecimalString, qty: DecimalString, fraction: DayFraction): DecimalString {
  return str(prorateDec(dec(price, "price"), dec(qty, "qty"), fraction).toDecimalPlaces(30))
}

/**
 * `price × qty × fraction` rounded once, half-up, to the currency's minor unit.
 *
 * @example
 * prorateMoney("10.00", "1", { numerator: 20, denominator: 30 }, "USD") // "6.67"
 * prorateMoney("1000", "1", { numerator: 1, denominator: 3 }, "JPY")    // "333"
 */
export function prorateMoney(price: DecimalString, qty: DecimalString, fraction: DayFraction, currency: string): DecimalString {
  return fixed(prorateDec(dec(price, "price"), dec(qty, "qty"), fraction), currencyDecimals(currency))
}
