/**
 * Currency minor units and invoice rounding (BILLING.md §4, RATING.md §6).
 * Decimal strings in and out; decimal.js inside.
 */
import { BillingCalcError } from "./errors"
import { Dec, dec, fixed, scaleOf, str } from "./decimal"
import { isoMinorUnit } from "./minor-units"
import type { DecimalString } from "./types"

// Intl only decides whether a code exists; the digits come from the ISO table.
const DECIMALS = new Map<string, number>()
const NAMES = new Intl.DisplayNames("en", { type: "currency", fallback: "none" })

/**
 * ISO 4217 minor unit of a currency (any case), from the fixed table in
 * `minor-units.ts`, never from ICU (which gives HUF 0, IQD 0 and can change
 * with the build). Throws on a code ICU does not know rather than guessing 2,
 * and on a code ISO gives no minor unit (XAU, XDR, XXX…): money in it cannot
 * be rounded.
 *
 * @example
 * currencyDecimals("USD") // 2
 * currencyDecimals("jpy") // 0
 * currencyDecimals("BHD") // 3
 * currencyDecimals("HUF") // 2
 * currencyDecimals("ZZZ") // throws BillingCalcError
 * currencyDecimals("XAU") // throws BillingCalcError
 */
export function currencyDecimals(code: string): number {
  const key = typeof code === "string" ? code.trim().toUpperCase() : ""
  const cached = DECIMALS.get(key)
  if (cached !== undefined) return cached
  if (!/^[A-Z]{3}$/.test(key) || NAMES.of(key) === undefined) {
    throw new BillingCalcError(`unknown currency "${String(code)}"`)
  }
  const dp = isoMinorUnit(key)
  if (dp === null) {
    throw new BillingCalcError(`currency "${key}" has no ISO 4217 minor unit (a metal, fund or test code), so amounts in it cannot be rounded`)
  }
  DECIMALS.set(key, dp)
  return dp
}

/**
 * Rounds an amount to the currency's minor unit, half-up: ties go away from
 * zero, so -0.125 USD becomes -0.13 (a credit is rounded like the charge it
 * mirrors). Always returns exactly that many decimals.
 *
 * @example
 * roundMoney("10.125", "USD")  // "10.13"
 * roundMoney("-10.125", "USD") // "-10.13"
 * roundMoney("1234.5", "JPY")  // "1235"
 * roundMoney("1.2345", "BHD")  // "1.235"
 */
export function roundMoney(value: DecimalString, currency: string): DecimalString {
  return fixed(dec(value, "amount"), currencyDecimals(currency))
}

/**
 * Whether a decimal string has at most the currency's decimals ("1.50" USD yes, "1.505" no).
 *
 * @example
 * hasMoneyScale("1.50", "USD") // true
 * hasMoneyScale("1.5", "JPY")  // false
 */
export function hasMoneyScale(value: DecimalString, currency: string): boolean {
  dec(value, "amount")
  return scaleOf(value) <= currencyDecimals(currency)
}

/**
 * What is wrong with an amount given with more decimals than its currency
 * has (by value: "1.500" USD is fine), for a 400 naming the field; null when
 * nothing is.
 *
 * @example
 * moneyScaleError("amount", "100.50", "JPY") // "amount: JPY has 0 decimals"
 * moneyScaleError("amount", "1.005", "BHD")  // null
 */
export function moneyScaleError(field: string, value: DecimalString, currency: string): string | null {
  const dp = currencyDecimals(currency)
  return new Dec(value).decimalPlaces() > dp ? `${field}: ${currency.trim().toUpperCase()} has ${dp} decimals` : null
}

/**
 * Exact sum of decimal strings (no rounding); "0" for none.
 *
 * @example
 * sumDecimals(["0.10", "0.20", "-0.05"]) // "0.25"
 * sumDecimals([])                        // "0"
 */
export function sumDecimals(values: Iterable<DecimalString>): DecimalString {
  let total = new Dec(0)
  let i = 0
  for (const v of values) total = total.plus(dec(v, `values[${i++}]`))
  return str(total)
}

/**
 * Exact sum of money amounts, formatted with exactly the currency's decimals.
 * Throws if an amount has more decimals than the currency (it was not rounded).
 *
 * @example
 * sumMoney(["10.00", "2.5", "-0.25"], "USD") // "12.25"
 * sumMoney(["1.005"], "USD")                  // throws BillingCalcError
 */
export function sumMoney(values: Iterable<DecimalString>, currency: string): DecimalString {
  const dp = currencyDecimals(currency)
  let total = new Dec(0)
  let i = 0
  for (const v of values) {
    const d = dec(v, `amounts[${i}]`)
    if (scaleOf(v) > dp) throw new BillingCalcError(`amounts[${i}]: ${v} has more than ${dp} decimals`)
    total = total.plus(d)
    i++
  }
  return fixed(total, dp)
}

/**
 * a − b exactly.
 *
 * @example
 * subtractDecimals("10", "0.01") // "9.99"
 */
export function subtractDecimals(a: DecimalString, b: DecimalString): DecimalString {
  return str(dec(a, "a").minus(dec(b, "b")))
}

/**
 * Compares two decimal strings: -1, 0 or 1.
 *
 * @example
 * compareDecimals("1.50", "1.5") // 0
 * compareDecimals("-1", "0")     // -1
 */
export function compareDecimals(a: DecimalString, b: DecimalString): -1 | 0 | 1 {
  return dec(a, "a").comparedTo(dec(b, "b")) as -1 | 0 | 1
}
