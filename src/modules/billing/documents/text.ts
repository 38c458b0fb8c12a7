/**
 * Text that fits: glyph safety for the standard PDF fonts, and truncation and
 * wrapping against any width function (the PDF passes its font metrics; tests
 * pass `s.length`). Pure, no pdfkit.
 */

/** Measures a string in the caller's units (points for a PDF font). */
export type Measure = (text: string) => number

export const ELLIPSIS = "…"

/**
 * Characters of Windows-1252 (the encoding of pdfkit's standard fonts) that
 * are not Latin-1: Unicode code point → byte. Latin-1 itself (0x20–0x7E,
 * 0xA0–0xFF) maps to the same byte.
 */
export const WIN_ANSI_EXTRA: ReadonlyMap<number, number> = new Map([
  [0x20ac, 0x80], [0x201a, 0x82], [0x0192, 0x83], [0x201e, 0x84], [0x2026, 0x85], [0x2020, 0x86],
  [0x2021, 0x87], [0x02c6, 0x88], [0x2030, 0x89], [0x0160, 0x8a], [0x2039, 0x8b], [0x0152, 0x8c],
  [0x017d, 0x8e], [0x2018, 0x91], [0x2019, 0x92], [0x201c, 0x93], [0x201d, 0x94], [0x2022, 0x95],
  [0x2013, 0x96], [0x2014, 0x97], [0x02dc, 0x98], [0x2122, 0x99], [0x0161, 0x9a], [0x203a, 0x9b],
  [0x0153, 0x9c], [0x017e, 0x9e], [0x0178, 0x9f],
])

// Anything outside printable ASCII and printable Latin-1 needs a closer look.
const NEEDS_WORK = /[^\x20-\x7e\xa0-\xff]/
const COMBINING = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g
// Whitespace and line/paragraph separators become one space; zero-width marks vanish.
const SPACE_LIKE = /[\t\n\v\f\r\u0085\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/

function printable(cp: number): boolean {
  return (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff) || WIN_ANSI_EXTRA.has(cp)
}

/**
 * Makes a string printable with the standard 14 PDF fonts (WinAnsi). A
 * character they lack is replaced by its unaccented form when it has one
 * ("ő" → "o", "ﬁ" → "fi"), else by "?", so rendering never throws and never
 * prints garbage. Whitespace and control characters become a space,
 * zero-width marks are dropped. One line: split paragraphs before calling.
 *
 * @example
 * toWinAnsi("Zürich – €5")  // "Zürich – €5" (all in WinAnsi)
 * toWinAnsi("Łódź")         // "?ódz"
 * toWinAnsi("東京 Tokyo")    // "?? Tokyo"
 * toWinAnsi("a\tb\nc")      // "a b c"
 */
export function toWinAnsi(text: string): string {
  if (!NEEDS_WORK.test(text)) return text
  let out = ""
  for (const ch of text.normalize("NFC")) {
    const cp = ch.codePointAt(0) as number
    if (printable(cp)) out += ch
    else if (SPACE_LIKE.test(ch)) out += " "
    else if (ZERO_WIDTH.test(ch)) continue
    else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) out += " "
    else {
      const plain = ch.normalize("NFKD").replace(COMBINING, "")
      let ok = plain.length > 0
      for (const p of plain) if (!printable(p.codePointAt(0) as number)) ok = false
      out += ok ? plain : "?"
    }
  }
  return out
}

/**
 * Cuts `text` so that it fits `maxWidth`, ending in "…" when cut. With
 * `force` the ellipsis is added even if the text fits (the caller dropped
 * something after it). Returns "" when not even the ellipsis fits.
 *
 * @example
 * const m = (s: string) => s.length
 * truncateToWidth("Premium rate numbers", 10, m)  // "Premium r…"
 * truncateToWidth("Mobile", 10, m)                // "Mobile"
 * truncateToWidth("Mobile", 10, m, true)          // "Mobile…"
 */
export function truncateToWidth(text: string, maxWidth: number, measure: Measure, force = false): string {
  if (!force && measure(text) <= maxWidth) return text
  if (measure(ELLIPSIS) > maxWidth) return ""
  // binary search for the longest prefix that fits with the ellipsis
  let lo = 0
  let hi = text.length
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (measure(text.slice(0, mid).trimEnd() + ELLIPSIS) <= maxWidth) lo = mid
    else hi = mid - 1
  }
  // never split a surrogate pair
  let cut = lo
  const code = text.charCodeAt(cut - 1)
  if (cut > 0 && code >= 0xd800 && code <= 0xdbff) cut--
  return text.slice(0, cut).trimEnd() + ELLIPSIS
}

/** The longest prefix of `word` (at least one character) that fits. */
function fittingPrefix(word: string, maxWidth: number, measure: Measure): number {
  let lo = 1
  let hi = word.length
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (measure(word.slice(0, mid)) <= maxWidth) lo = mid
    else hi = mid - 1
  }
  return lo
}

/**
 * Wraps `text` into lines no wider than `maxWidth`: greedy, at spaces; a word
 * longer than a line is broken where it must. With `maxLines`, the last line
 * kept ends in "…" when text was dropped. Runs of spaces collapse to one;
 * empty text gives no lines.
 *
 * @example
 * const m = (s: string) => s.length
 * wrapToWidth("Outbound calls to mobile numbers", 12, m)
 * // ["Outbound", "calls to", "mobile", "numbers"]
 * wrapToWidth("Outbound calls to mobile numbers", 12, m, 2)
 * // ["Outbound", "calls to…"]
 */
export function wrapToWidth(text: string, maxWidth: number, measure: Measure, maxLines = Infinity): string[] {
  const words = text.split(" ").filter((w) => w.length > 0)
  const lines: string[] = []
  let line = ""
  for (let word of words) {
    const candidate = line ? `${line} ${word}` : word
    if (measure(candidate) <= maxWidth) {
      line = candidate
      continue
    }
    if (line) lines.push(line)
    line = ""
    // a word wider than the line: cut it into pieces that fit
    while (measure(word) > maxWidth) {
      const n = fittingPrefix(word, maxWidth, measure)
      lines.push(word.slice(0, n))
      word = word.slice(n)
    }
    line = word
  }
  if (line) lines.push(line)
  if (lines.length <= maxLines) return lines
  const kept = lines.slice(0, Math.max(0, maxLines))
  if (kept.length > 0) kept[kept.length - 1] = truncateToWidth(kept[kept.length - 1], maxWidth, measure, true)
  return kept
}

/**
 * Splits text into paragraphs at line breaks and makes each printable
 * (`toWinAnsi`). Blank paragraphs are kept as "" (they print as a gap).
 *
 * @example
 * paragraphs("Reverse charge.\nArt. 196 VAT Directive") // ["Reverse charge.", "Art. 196 VAT Directive"]
 */
export function paragraphs(text: string): string[] {
  return text.split(/\r\n|\r|\n|\u2028|\u2029/).map((p) => toWinAnsi(p).trim())
}
