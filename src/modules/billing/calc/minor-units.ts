/**
 * ISO 4217 minor units: the one table the calculator, the documents and the
 * admin read (BILLING.md intro: "2 decimals unless ISO 4217 says otherwise").
 * Fixed here rather than asked of Intl/ICU, whose digits are display
 * conventions that differ from ISO (ICU prints HUF, IDR, COP, PKR… with 0
 * and IQD with 0; ISO says 2 and 3) and change with the ICU build.
 * No imports: the admin bundle reads it too.
 */

// ISO 4217 list one (amendments to 2025): every current code not listed
// here has a minor unit of 2 — including HUF, IDR, TWD, MGA and MRU, whose
// cash or conventions differ.
const ZERO = ["BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF"]
const THREE = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"]
const FOUR = ["CLF", "UYW"]
// Minor unit "N.A." in ISO 4217: precious metals, SDR and other units of
// account, bond-market units, the testing and "no currency" codes.
const NONE = ["XAG", "XAU", "XBA", "XBB", "XBC", "XBD", "XDR", "XPD", "XPT", "XSU", "XTS", "XUA", "XXX"]

/** Codes whose ISO 4217 minor unit is not 2; null means ISO gives none. */
export const ISO_4217_MINOR_UNITS: ReadonlyMap<string, number | null> = new Map<string, number | null>([
  ...ZERO.map((c): [string, number] => [c, 0]),
  ...THREE.map((c): [string, number] => [c, 3]),
  ...FOUR.map((c): [string, number] => [c, 4]),
  ...NONE.map((c): [string, null] => [c, null]),
])

/**
 * The ISO 4217 minor unit of a three-letter code (any case): 2 unless the
 * table says otherwise, null for a code ISO gives no minor unit (XAU, XDR, …).
 * It does not check that the code exists; callers validate codes their own way.
 *
 * @example
 * isoMinorUnit("usd") // 2
 * isoMinorUnit("JPY") // 0
 * isoMinorUnit("IQD") // 3
 * isoMinorUnit("CLF") // 4
 * isoMinorUnit("HUF") // 2 (ICU says 0)
 * isoMinorUnit("XAU") // null
 */
export function isoMinorUnit(code: string): number | null {
  const dp = ISO_4217_MINOR_UNITS.get(code.trim().toUpperCase())
  return dp === undefined ? 2 : dp
}
