/**
 * Pure helpers for the billing pages: exact decimal checks (decimal.js, never
 * a float on money), dates as the API's local YYYY-MM-DD strings, status
 * colours and which actions an invoice offers.
 */
import Decimal from "decimal.js"
import { isoMinorUnit } from "../../../modules/billing/calc/minor-units"
import type { InvoiceStatus, InvoiceSummary } from "./types"

export { formatDateTime, selectClass } from "../rate-cards/format"

/** One validation problem: where (a dotted path such as `components.0.price`), an i18n key under `billing.errors`, its values. */
export type Problem = { path: string; key: string; values?: Record<string, string | number> }

const fraction = (s: string) => (s.split(".")[1] ?? "").length

const DECIMAL = (scale: number) => new RegExp(`^\\d+(\\.\\d{1,${scale}})?$`)

/**
 * True for a non-negative decimal string with at most `scale` decimals, as the API accepts it.
 *
 * @example
 * isDecimal("12.50") // true
 * isDecimal("1e3")   // false
 */
export function isDecimal(value: string, scale = 6): boolean {
  return DECIMAL(scale).test(value.trim())
}

/**
 * True for a decimal string above zero.
 *
 * @example
 * isPositiveDecimal("0.00") // false
 */
export function isPositiveDecimal(value: string, scale = 6): boolean {
  return isDecimal(value, scale) && new Decimal(value.trim()).gt(0)
}

/**
 * Compares two decimal strings exactly: -1, 0 or 1.
 *
 * @example
 * compareDecimals("10.10", "10.1") // 0
 */
export function compareDecimals(a: string | number, b: string | number): number {
  return new Decimal(String(a)).comparedTo(new Decimal(String(b)))
}

/**
 * An amount from the API (a decimal string, or a number where a bigNumber
 * came back without its raw value) with its currency; "–" when absent.
 *
 * @example
 * money("1260.05", "usd") // "1260.05 USD"
 */
export function money(value: string | number | null | undefined, currency: string | null | undefined): string {
  if (value === null || value === undefined || value === "") return "–"
  return `${String(value)}${currency ? " " + currency.toUpperCase() : ""}`
}

/**
 * A decimal string, or "" for none (for a form's initial value).
 *
 * @example
 * decimalOrEmpty(null) // ""
 */
export function decimalOrEmpty(value: string | number | null | undefined): string {
  return value === null || value === undefined ? "" : String(value)
}

/**
 * A half-open period [start, end) as people read it, with its last day.
 *
 * @example
 * periodLabel("2026-10-01", "2026-11-01") // "2026-10-01 – 2026-10-31"
 */
export function periodLabel(start: string, end: string): string {
  return `${start} – ${addDays(end, -1)}`
}

/**
 * A YYYY-MM-DD date moved by whole days (calendar arithmetic, no time zone).
 *
 * @example
 * addDays("2026-03-01", -1) // "2026-02-28"
 */
export function addDays(day: string, days: number): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return day
  const d = new Date(`${day}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/**
 * The browser's local date as YYYY-MM-DD.
 *
 * @example
 * localDate(new Date(2026, 10, 22, 23, 30)) // "2026-11-22"
 */
export function localDate(at: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0")
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`
}

/**
 * True for a real calendar date written YYYY-MM-DD.
 *
 * @example
 * isDay("2026-02-30") // false
 */
export function isDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const d = new Date(`${value}T00:00:00Z`)
  return !isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value
}

type Colour = "green" | "red" | "blue" | "orange" | "grey" | "purple"

/**
 * The badge colour of an invoice status.
 *
 * @example
 * invoiceStatusColour("paid") // "green"
 */
export function invoiceStatusColour(status: InvoiceStatus): Colour {
  switch (status) {
    case "paid":
      return "green"
    case "partially_paid":
      return "orange"
    case "finalized":
      return "blue"
    case "uncollectible":
      return "red"
    default:
      return "grey"
  }
}

export type InvoiceUiAction = "finalize" | "regenerate" | "record_payment" | "credit_note" | "void" | "uncollectible"

const isZero = (v: string | number | null | undefined) => v === null || v === undefined || v === "" || new Decimal(String(v)).isZero()

/**
 * The actions an invoice offers (downloads are always offered), as the
 * server allows them: a draft is finalized or rebuilt; an open invoice takes
 * payments and credit notes or is written off; only an invoice with nothing
 * paid or credited on it can be voided (also once written off). A paid or
 * void invoice is closed.
 *
 * @example
 * invoiceActions({ status: "draft", amount_paid: "0", amount_credited: "0" }) // ["finalize", "regenerate"]
 */
export function invoiceActions(inv: Pick<InvoiceSummary, "status" | "amount_paid" | "amount_credited">): InvoiceUiAction[] {
  const untouched = isZero(inv.amount_paid) && isZero(inv.amount_credited)
  switch (inv.status) {
    case "draft":
      return ["finalize", "regenerate"]
    case "finalized":
    case "partially_paid":
      return ["record_payment", "credit_note", "uncollectible", ...(untouched ? (["void"] as const) : [])]
    case "uncollectible":
      return untouched ? ["void"] : []
    default:
      return []
  }
}

/**
 * What a credit note may still take off an invoice: its total less what was
 * paid and already credited (BILLING.md §5), at the API's scale.
 *
 * @example
 * creditableAmount({ total: "120.00", amount_paid: "50.00", amount_credited: "20.00" }) // "50.00"
 */
export function creditableAmount(invoice: Pick<InvoiceSummary, "total" | "amount_paid" | "amount_credited">): string {
  const total = String(invoice.total)
  const paid = String(invoice.amount_paid ?? "0")
  const credited = String(invoice.amount_credited ?? "0")
  // keep the API's scale ("120.00"), which decimal.js would drop
  const scale = Math.max(fraction(total), fraction(paid), fraction(credited))
  return new Decimal(total).minus(new Decimal(paid)).minus(new Decimal(credited)).toFixed(scale)
}

/**
 * A currency's ISO 4217 minor unit digits (USD 2, JPY 0, BHD 3, HUF 2) from
 * the server's own table, not the browser's ICU, so a form accepts exactly
 * what the server rounds to; 2 for a code ISO gives none (the server refuses those).
 *
 * @example
 * currencyDecimals("JPY") // 0
 * currencyDecimals("IQD") // 3
 */
export function currencyDecimals(code: string): number {
  return isoMinorUnit(String(code ?? "")) ?? 2
}

/**
 * Checks a credit note before it is sent: a reason of 3 characters or more;
 * an amount, when given, above 0, in the currency's decimals and at most
 * what is creditable.
 *
 * @example
 * creditNoteProblems({ amount: "500", reason: "" }, "100.00", 2)
 * // [{ path: "amount", key: "creditTooLarge", values: { max: "100.00" } }, { path: "reason", key: "minLength", values: { min: 3 } }]
 */
export function creditNoteProblems(form: { amount: string; reason: string }, creditable: string, decimals = 2): Problem[] {
  const out: Problem[] = []
  const amount = form.amount.trim()
  if (amount) {
    if (!isPositiveDecimal(amount)) out.push({ path: "amount", key: "positiveDecimal" })
    else if (fraction(amount) > decimals && !new Decimal(amount).eq(new Decimal(amount).toDecimalPlaces(decimals))) {
      out.push({ path: "amount", key: "currencyDecimals", values: { decimals } })
    } else if (compareDecimals(amount, creditable) > 0) out.push({ path: "amount", key: "creditTooLarge", values: { max: creditable } })
  }
  if (form.reason.trim().length < 3) out.push({ path: "reason", key: "minLength", values: { min: 3 } })
  return out
}

/**
 * Checks a payment before it is sent: a positive amount and a valid date.
 *
 * @example
 * paymentProblems({ amount: "0", received_at: "2026-11-31" })
 * // [{ path: "amount", key: "positiveDecimal" }, { path: "received_at", key: "date" }]
 */
export function paymentProblems(form: { amount: string; received_at: string }): Problem[] {
  const out: Problem[] = []
  if (!isPositiveDecimal(form.amount)) out.push({ path: "amount", key: "positiveDecimal" })
  if (form.received_at.trim() && !isDay(form.received_at.trim())) out.push({ path: "received_at", key: "date" })
  return out
}

/**
 * A line's `details` in a few words for the small text under it: known keys
 * first in a fixed order, then any others; objects and lists as compact JSON;
 * empty values and false flags left out.
 *
 * @example
 * lineDetails({ billable_minutes: "30.0000", included_minutes: "120", proration: "20/30" })
 * // "proration 20/30 · included minutes 120 · billable minutes 30.0000"
 */
export function lineDetails(details: Record<string, unknown> | null | undefined): string {
  if (!details || typeof details !== "object") return ""
  const ORDER = ["reason", "proration", "calls", "included_minutes", "billable_minutes", "minutes", "peak", "included", "direction", "destination_group"]
  // false flags (in_arrears: false) say nothing worth a word
  const keys = Object.keys(details).filter((k) => details[k] !== null && details[k] !== undefined && details[k] !== "" && details[k] !== false)
  keys.sort((a, b) => {
    const ia = ORDER.indexOf(a)
    const ib = ORDER.indexOf(b)
    return (ia < 0 ? ORDER.length : ia) - (ib < 0 ? ORDER.length : ib) || a.localeCompare(b)
  })
  return keys
    .map((k) => {
      const v = details[k]
      const text = typeof v === "object" ? JSON.stringify(v) : String(v)
      return `${k.replace(/_/g, " ")} ${text}`
    })
    .join(" · ")
}
