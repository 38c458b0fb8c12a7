/**
 * Checks a document's data before a byte is written, so a bad amount or an
 * unknown zone fails the render instead of printing something wrong.
 */
import { assertDecimal, instantMs, zone } from "./format"
import type { BillToInfo, DateInput, IssuerInfo } from "./types"

const CURRENCY_RE = /^[A-Z]{3}$/
const DATE_ONLY_RE = /^\d{4}-\d{2}-\d{2}$/

/**
 * Throws unless every named field of `obj` is a decimal string (null/undefined
 * allowed for the `optional` ones).
 *
 * @example
 * checkMoney({ total: "1.00" }, ["total"], [], "invoice") // ok
 */
export function checkMoney(obj: object, required: string[], optional: string[], where: string): void {
  const o = obj as Record<string, unknown>
  for (const k of required) assertDecimal(o[k], `${where}.${k}`)
  for (const k of optional) if (o[k] != null) assertDecimal(o[k], `${where}.${k}`)
}

/**
 * Throws unless the currency is an ISO 4217 code and the zone an IANA zone.
 *
 * @example
 * checkCurrencyAndZone("EUR", "Europe/Paris") // ok
 */
export function checkCurrencyAndZone(currency: string, tz: string): void {
  if (typeof currency !== "string" || !CURRENCY_RE.test(currency)) {
    throw new Error(`currency_code: ${JSON.stringify(currency)} is not an ISO 4217 code`)
  }
  if (typeof tz !== "string" || !tz) throw new Error("timezone is required")
  zone(tz)
}

/**
 * Throws unless `value` is a Date or an ISO date/date-time string (or
 * null/undefined when `optional`).
 *
 * @example
 * checkDate("2026-01-31", "due_date") // ok
 */
export function checkDate(value: DateInput | null | undefined, what: string, optional = false): void {
  if (value == null) {
    if (optional) return
    throw new Error(`${what} is required`)
  }
  if (typeof value === "string" && DATE_ONLY_RE.test(value)) {
    const d = new Date(`${value}T00:00:00Z`)
    if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) {
      throw new Error(`${what}: "${value}" is not a date`)
    }
    return
  }
  try {
    instantMs(value)
  } catch (e) {
    throw new Error(`${what}: ${(e as Error).message}`)
  }
}

/**
 * Throws unless the parties have their names.
 *
 * @example
 * checkParties({ legal_name: "Acme" }, { name: "Client" }) // ok
 */
export function checkParties(issuer: IssuerInfo, billTo: BillToInfo): void {
  if (!issuer || typeof issuer.legal_name !== "string" || !issuer.legal_name.trim()) {
    throw new Error("issuer.legal_name is required")
  }
  if (!billTo || typeof billTo.name !== "string" || !billTo.name.trim()) throw new Error("bill_to.name is required")
}
