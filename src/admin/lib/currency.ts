// ISO 4217 codes the browser knows (Intl), so a typo such as "DOL" never leaves a form.
const KNOWN: Set<string> = new Set((Intl as any).supportedValuesOf?.("currency") ?? [])

/** True for a three-letter ISO 4217 code in any case; any 3 letters when the browser has no list. */
export function isIsoCurrency(code: string): boolean {
  const c = code.trim().toUpperCase()
  return /^[A-Z]{3}$/.test(c) && (KNOWN.size === 0 || KNOWN.has(c))
}
