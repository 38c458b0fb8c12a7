/**
 * Money in Stripe's integer minor units, converted exactly (decimal.js, no
 * floats) and never rounded: an amount Stripe cannot represent is refused.
 *
 * Stripe's exponents are its own, not ICU's (docs.stripe.com/currencies):
 * every currency is two-decimal unless it is in Stripe's zero-decimal or
 * three-decimal list — so HUF, IDR or COP, which ICU prints without
 * decimals, still go to Stripe ×100. ISK and UGX are Stripe's "special
 * cases": whole units only, yet sent as two-decimal values ("to charge 5
 * ISK, provide an amount value of 500").
 */
import Decimal from "decimal.js"

// Stripe's zero-decimal currencies (ISK and UGX are handled apart, below).
const ZERO_DECIMAL = new Set(["BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "VND", "VUV", "XAF", "XOF", "XPF"])
// Stripe's three-decimal currencies, plus ISO's other three-decimal dinars.
const THREE_DECIMAL = new Set(["BHD", "JOD", "KWD", "OMR", "TND", "IQD", "LYD"])
// Whole units only, but two decimals on the wire (the decimal part is always 00).
const WHOLE_BUT_TWO_ON_WIRE = new Set(["ISK", "UGX"])

const DECIMAL_RE = /^-?\d+(?:\.\d+)?$/
// decimal.js rounds results to 20 significant digits by default; a product
// must never be rounded into looking whole.
const Exact = Decimal.clone({ precision: 1000 })

/** How a currency's amounts are written for Stripe. */
export type StripeCurrencyScale = {
  /** decimals an amount may carry (0 for JPY and ISK, 2 for USD, 3 for KWD) */
  decimals: number
  /** Stripe's exponent: minor units = amount × 10^exponent (2 for ISK) */
  exponent: number
}

const normalize = (currency: string) => {
  const code = typeof currency === "string" ? currency.trim().toUpperCase() : ""
  if (!/^[A-Z]{3}$/.test(code)) throw new Error(`currency: ${JSON.stringify(currency)} is not a three-letter code`)
  return code
}

/**
 * The decimals an amount may have and Stripe's exponent for a currency (any case).
 *
 * @example
 * stripeCurrencyScale("usd") // { decimals: 2, exponent: 2 }
 * stripeCurrencyScale("JPY") // { decimals: 0, exponent: 0 }
 * stripeCurrencyScale("KWD") // { decimals: 3, exponent: 3 }
 * stripeCurrencyScale("ISK") // { decimals: 0, exponent: 2 }
 */
export function stripeCurrencyScale(currency: string): StripeCurrencyScale {
  const code = normalize(currency)
  if (ZERO_DECIMAL.has(code)) return { decimals: 0, exponent: 0 }
  if (THREE_DECIMAL.has(code)) return { decimals: 3, exponent: 3 }
  if (WHOLE_BUT_TWO_ON_WIRE.has(code)) return { decimals: 0, exponent: 2 }
  return { decimals: 2, exponent: 2 }
}

/**
 * A decimal-string amount (major units, may be negative) as Stripe's integer
 * minor units. Throws, naming the amount and currency, when the amount has
 * more decimals than the currency allows: it is never rounded. Trailing zeros
 * are fine ("12.3000" USD is 1230).
 *
 * @example
 * toMinorUnits("12.30", "USD")  // 1230
 * toMinorUnits("-0.05", "eur")  // -5
 * toMinorUnits("500", "JPY")    // 500
 * toMinorUnits("1.234", "BHD")  // 1234
 * toMinorUnits("5", "ISK")      // 500 (Stripe's special case)
 * toMinorUnits("12.345", "USD") // throws: 12.345 USD has more than 2 decimals…
 */
export function toMinorUnits(amount: string, currency: string): number {
  const code = normalize(currency)
  if (typeof amount !== "string" || !DECIMAL_RE.test(amount)) {
    throw new Error(`amount ${JSON.stringify(amount)} ${code}: not a decimal string`)
  }
  const { decimals, exponent } = stripeCurrencyScale(code)
  const value = new Exact(amount)
  if (value.decimalPlaces() > decimals) {
    throw new Error(
      `amount ${amount} ${code} has more than ${decimals} decimal${decimals === 1 ? "" : "s"}; Stripe cannot take it and it is not rounded`
    )
  }
  const units = value.times(new Exact(10).pow(exponent))
  if (units.abs().gt(Number.MAX_SAFE_INTEGER)) throw new Error(`amount ${amount} ${code} is too large for Stripe`)
  // +0, never -0
  return units.toNumber() + 0
}

/**
 * Stripe's integer minor units as a decimal string with the currency's
 * decimals. Exact: if Stripe sends ISK/UGX units that are not whole, the
 * fraction is kept rather than dropped.
 *
 * @example
 * fromMinorUnits(1230, "USD") // "12.30"
 * fromMinorUnits(-5, "eur")   // "-0.05"
 * fromMinorUnits(500, "JPY")  // "500"
 * fromMinorUnits(1234, "KWD") // "1.234"
 * fromMinorUnits(500, "ISK")  // "5"
 */
export function fromMinorUnits(units: number, currency: string): string {
  const code = normalize(currency)
  if (!Number.isSafeInteger(units)) throw new Error(`minor units ${String(units)} ${code}: not an integer`)
  const { decimals, exponent } = stripeCurrencyScale(code)
  const value = new Exact(units).div(new Exact(10).pow(exponent))
  const scale = Math.max(decimals, value.decimalPlaces())
  return value.toFixed(scale)
}
