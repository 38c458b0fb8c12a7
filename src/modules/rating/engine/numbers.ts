/**
 * Destination number normalisation (RATING.md §2).
 */
import type { AccountSettings } from "./types"

/** Longest normalised number accepted (E.164 allows 15; switches log longer internal strings). */
export const MAX_NUMBER_DIGITS = 20

/**
 * The account's international access code: its own setting, else "011" for a
 * NANP account (country code 1), else "00". An explicit "" means none.
 *
 * @example
 * internationalPrefixOf({ timezone: "UTC", country_code: "1" }) // "011"
 */
export function internationalPrefixOf(account: AccountSettings): string {
  const p = account.international_prefix
  if (p !== null && p !== undefined) return p
  return account.country_code === "1" ? "011" : "00"
}

/**
 * The account's national trunk prefix: its own setting, else "1" for a NANP
 * account, else "0". An explicit "" means none.
 *
 * @example
 * trunkPrefixOf({ timezone: "UTC", country_code: "44" }) // "0"
 * trunkPrefixOf({ timezone: "UTC", country_code: "1" })  // "1"
 */
export function trunkPrefixOf(account: AccountSettings): string {
  const p = account.trunk_prefix
  if (p !== null && p !== undefined) return p
  return account.country_code === "1" ? "1" : "0"
}

// Characters step 1 removes. Any whitespace counts as a space (tabs,
// line breaks and non-breaking spaces appear in exports from spreadsheets):
// Unicode's White_Space property, which is JS `\s` plus U+0085 (NEL), and
// also U+FEFF, which `\s` counts (a stray byte-order mark). Zero-width
// format characters (U+200B–U+200D, U+2060) are not whitespace in Unicode
// and stay invalid, so a number carrying hidden characters is shown to an
// operator rather than silently cleaned.
function isSeparator(c: number): boolean {
  if (c === 32 || c === 45 /* - */ || c === 46 /* . */ || c === 40 /* ( */ || c === 41 /* ) */) return true
  if (c < 0x85) return c >= 9 && c <= 13 // tab, line feed, vertical tab, form feed, carriage return
  return (
    c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  )
}

/**
 * Normalises a dialled number to international digits (RATING.md §2):
 * 1. remove spaces (any Unicode whitespace), `-`, `.`, `(`, `)`;
 * 2. drop a leading `+`;
 * 3. otherwise drop the account's international access code;
 * 4. otherwise replace a leading trunk prefix with the country calling code;
 *    for a NANP account (country code 1) a ten-digit number whose area code
 *    starts 2–9 is national too and gets the 1 in front (docs/rating-notes.md);
 * 5. the result must be 1–20 digits.
 *
 * Returns null when the result is not a valid number (exception `invalid_number`).
 * Already-clean digit strings take a fast path with no regular expression.
 *
 * @example
 * const uk = { timezone: "Europe/London", country_code: "44" }
 * normalizeNumber("+44 20 7946 0000", uk) // "442079460000"
 * normalizeNumber("0044 20 7946 0000", uk) // "442079460000"
 * normalizeNumber("020 7946 0000", uk)    // "442079460000"
 * normalizeNumber("12ab", uk)             // null
 */
export function normalizeNumber(raw: string, account: AccountSettings): string | null {
  if (typeof raw !== "string") return null
  let s = raw
  const len = s.length
  let plain = len > 0
  for (let i = 0; i < len; i++) {
    const c = s.charCodeAt(i)
    if (c < 48 || c > 57) {
      plain = false
      break
    }
  }
  if (!plain) {
    // Slow path: strip separators, handle "+", reject anything else.
    let out = ""
    for (let i = 0; i < len; i++) {
      const c = s.charCodeAt(i)
      if (c >= 48 && c <= 57) out += s[i]
      else if (c === 43 /* + */ && out.length === 0) out += "+"
      else if (!isSeparator(c)) return null
    }
    if (out.charCodeAt(0) === 43) {
      out = out.slice(1)
      // Only a first "+" is kept, so the rest is digits.
      return out.length >= 1 && out.length <= MAX_NUMBER_DIGITS ? out : null
    }
    s = out
    if (s.length === 0) return null
  }

  const intl = internationalPrefixOf(account)
  if (intl.length > 0 && s.startsWith(intl)) {
    s = s.slice(intl.length)
  } else {
    const trunk = trunkPrefixOf(account)
    if (trunk.length > 0 && s.startsWith(trunk)) {
      s = account.country_code + s.slice(trunk.length)
    } else if (account.country_code === "1" && s.length === 10 && s.charCodeAt(0) >= 50) {
      // NANP ten-digit dialling: area code (2–9 first) + number, no trunk prefix
      s = "1" + s
    }
  }
  const n = s.length
  if (n < 1 || n > MAX_NUMBER_DIGITS) return null
  // The country code comes from settings; make sure it kept the result digits-only.
  if (s !== raw) {
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i)
      if (c < 48 || c > 57) return null
    }
  }
  return s
}
