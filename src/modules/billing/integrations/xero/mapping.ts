/**
 * Our billing records → Xero Accounting API payloads (PascalCase, as Xero's
 * JSON has them). Pure: no I/O, no SDK. Money stays a decimal string here;
 * the gateway turns it into a JSON number only on the wire (client.ts).
 *
 * Xero recomputes each line's tax from its rate and rounds per line, which
 * drifts from our invoice-level tax by a cent or two; so every taxable line
 * carries an explicit `TaxAmount`, our tax total spread over the lines by the
 * largest-remainder method, and Xero's totals equal ours to the minor unit.
 */
import { currencyDecimals } from "../../calc"
import type { XeroIntegrationOptions } from "./client"

/** A decimal string ("12.50", "-3", "0.0125"). */
export type XeroDecimal = string

export type XeroAddressPayload = {
  AddressType: "POBOX" | "STREET"
  AddressLine1?: string
  AddressLine2?: string
  City?: string
  Region?: string
  PostalCode?: string
  Country?: string
}

export type XeroContactPayload = {
  ContactID?: string
  ContactNumber: string
  Name: string
  EmailAddress?: string
  TaxNumber?: string
  Addresses?: XeroAddressPayload[]
}

export type XeroLineItemPayload = {
  Description: string
  Quantity: XeroDecimal
  UnitAmount: XeroDecimal
  AccountCode: string
  TaxType: string
  TaxAmount: XeroDecimal
}

export type XeroInvoicePayload = {
  Type: "ACCREC"
  Contact: { ContactID: string }
  InvoiceNumber: string
  Reference: string
  /** YYYY-MM-DD */
  Date: string
  DueDate: string
  CurrencyCode: string
  Status: "AUTHORISED"
  LineAmountTypes: "Exclusive" | "Inclusive"
  LineItems: XeroLineItemPayload[]
}

export type XeroCreditNotePayload = {
  Type: "ACCRECCREDIT"
  Contact: { ContactID: string }
  CreditNoteNumber: string
  Reference: string
  Date: string
  CurrencyCode: string
  Status: "AUTHORISED"
  LineAmountTypes: "Exclusive"
  LineItems: XeroLineItemPayload[]
}

export type XeroAllocationPayload = {
  Amount: XeroDecimal
  Invoice: { InvoiceID: string }
  Date?: string
}

export type XeroPaymentPayload = {
  Invoice: { InvoiceID: string }
  Account: { Code: string }
  Date: string
  Amount: XeroDecimal
  Reference: string
}

/**
 * A record cannot be expressed as a Xero payload (bad amounts, unmapped tax
 * code, …): fix the data or the options; retrying will not help.
 *
 * @example
 * toXeroInvoice(input, { tax_types: {} }) // throws XeroMappingError: no Xero TaxType configured for tax code "VAT20"
 */
export class XeroMappingError extends Error {
  constructor(message: string) {
    super(message)
    this.name = "XeroMappingError"
  }
}

export const DEFAULT_SALES_ACCOUNT_CODE = "200"
export const DEFAULT_PAYMENT_ACCOUNT_CODE = "090"
export const DEFAULT_TAX_TYPE_EXEMPT = "NONE"

// ------------------------------------------------------------ exact helpers

const DECIMAL_RE = /^-?\d+(?:\.\d+)?$/

function assertDecimal(value: unknown, what: string): asserts value is string {
  if (typeof value !== "string" || !DECIMAL_RE.test(value)) {
    throw new XeroMappingError(`${what}: ${JSON.stringify(value)} is not a decimal string`)
  }
}

const scaleOf = (v: string) => (v.includes(".") ? v.length - v.indexOf(".") - 1 : 0)

/** "12.5" at scale 2 → 1250n (exact; throws if it would need rounding). */
function toUnits(value: string, scale: number, what: string): bigint {
  assertDecimal(value, what)
  if (scaleOf(value) > scale) {
    // trailing zeros beyond the scale are harmless ("1.500" at 2)
    const trimmed = value.replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "")
    if (scaleOf(trimmed) > scale) throw new XeroMappingError(`${what}: ${value} has more than ${scale} decimals`)
    value = trimmed
  }
  const neg = value.startsWith("-")
  const [int, frac = ""] = (neg ? value.slice(1) : value).split(".")
  const units = BigInt(int + frac.padEnd(scale, "0"))
  return neg ? -units : units
}

/** 1250n at scale 2 → "12.50". */
function fromUnits(units: bigint, scale: number): string {
  const neg = units < 0n
  const digits = (neg ? -units : units).toString().padStart(scale + 1, "0")
  const body = scale > 0 ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits
  return (neg ? "-" : "") + body
}

const floorDiv = (a: bigint, b: bigint) => {
  const q = a / b
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q
}

/**
 * Splits `total` over `weights` in proportion, at `decimals` places, by the
 * largest-remainder method: each share is the exact proportional amount
 * rounded down, and the units left over go, one each, to the shares with the
 * largest remainders (earlier ones first on ties). The shares add up to
 * `total` exactly and each is within one minor unit of its exact value.
 * Weights may be negative (a discount line); their sum may not be zero
 * unless `total` is.
 *
 * @example
 * allocateProportionally("0.10", ["1", "1", "1"], 2)  // ["0.04", "0.03", "0.03"]
 * allocateProportionally("20.01", ["50", "50.05"], 2) // ["10.00", "10.01"]
 * allocateProportionally("-1", ["2", "1"], 0)         // ["-1", "0"]
 */
export function allocateProportionally(total: string, weights: string[], decimals: number): string[] {
  const t = toUnits(total, decimals, "total")
  if (weights.length === 0) {
    if (t !== 0n) throw new XeroMappingError(`cannot allocate ${total} over no lines`)
    return []
  }
  const wScale = Math.max(0, ...weights.map((w, i) => (assertDecimal(w, `weights[${i}]`), scaleOf(w))))
  let ws = weights.map((w, i) => toUnits(w, wScale, `weights[${i}]`))
  let sum = ws.reduce((s, w) => s + w, 0n)
  if (sum === 0n) {
    if (t !== 0n) throw new XeroMappingError(`cannot allocate ${total} over lines that sum to zero`)
    return weights.map(() => fromUnits(0n, decimals))
  }
  if (sum < 0n) {
    ws = ws.map((w) => -w)
    sum = -sum
  }
  const shares = ws.map((w) => floorDiv(t * w, sum))
  const remainders = ws.map((w, i) => t * w - shares[i] * sum) // 0 ≤ r < sum
  let left = t - shares.reduce((s, q) => s + q, 0n) // 0 ≤ left < weights.length
  const order = remainders
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1))
  for (const { i } of order) {
    if (left <= 0n) break
    shares[i] += 1n
    left -= 1n
  }
  return shares.map((q) => fromUnits(q, decimals))
}

/** The calendar date an ISO timestamp was written with ("2026-01-31T23:30:00+05:30" → "2026-01-31"). */
function xeroDate(iso: unknown, what: string): string {
  const m = typeof iso === "string" ? /^(\d{4}-\d{2}-\d{2})(?:$|[T ])/.exec(iso) : null
  if (!m) throw new XeroMappingError(`${what}: ${JSON.stringify(iso)} is not an ISO date`)
  return m[1]
}

function decimalsOf(currency: string): number {
  try {
    return currencyDecimals(currency)
  } catch (e) {
    throw new XeroMappingError((e as Error).message)
  }
}

const trimOrUndefined = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : undefined)

// ------------------------------------------------------------ contacts

export type XeroContactInput = {
  id: string
  code: string
  name: string
  email?: string | null
  tax_id?: string | null
  address?: {
    line1?: string | null
    line2?: string | null
    city?: string | null
    postal_code?: string | null
    region?: string | null
    country?: string | null
  } | null
  xero_contact_id?: string | null
}

/**
 * A billing account as a Xero contact. `ContactNumber` carries our account
 * code (how we find the contact again); the address is the POBOX (postal)
 * address, the one Xero prints on invoices.
 *
 * @example
 * toXeroContact({ id: "bacc_1", code: "ACME", name: "Acme Ltd", email: "ap@acme.test" })
 * // { ContactNumber: "ACME", Name: "Acme Ltd", EmailAddress: "ap@acme.test" }
 */
export function toXeroContact(account: XeroContactInput): XeroContactPayload {
  if (!trimOrUndefined(account?.code)) throw new XeroMappingError(`account ${account?.id}: code is needed`)
  if (!trimOrUndefined(account?.name)) throw new XeroMappingError(`account ${account.id}: name is needed`)
  const out: XeroContactPayload = { ContactNumber: account.code.trim(), Name: account.name.trim() }
  if (account.xero_contact_id) out.ContactID = account.xero_contact_id
  const email = trimOrUndefined(account.email)
  if (email) out.EmailAddress = email
  const tax = trimOrUndefined(account.tax_id)
  if (tax) out.TaxNumber = tax
  const a = account.address
  if (a) {
    const addr: XeroAddressPayload = { AddressType: "POBOX" }
    const set = (k: Exclude<keyof XeroAddressPayload, "AddressType">, v: unknown) => {
      const t = trimOrUndefined(v)
      if (t) addr[k] = t
    }
    set("AddressLine1", a.line1)
    set("AddressLine2", a.line2)
    set("City", a.city)
    set("Region", a.region)
    set("PostalCode", a.postal_code)
    set("Country", a.country)
    if (Object.keys(addr).length > 1) out.Addresses = [addr]
  }
  return out
}

// ------------------------------------------------------------ invoices

export type XeroInvoiceInput = {
  invoice: {
    id: string
    number: string
    currency_code: string
    /** ISO timestamp or date; its calendar date (as written) is the Xero date */
    issued_at: string
    due_date?: string | null
    total: string
    subtotal: string
    tax_total: string
    tax_inclusive: boolean
  }
  contact_id: string
  lines: Array<{
    id: string
    description: string
    quantity: string
    unit_price?: string | null
    amount: string
    taxable: boolean
  }>
  taxes: Array<{ code: string; name: string; rate: string; taxable_amount: string; amount: string }>
}

export type XeroMappingOptions = Pick<
  XeroIntegrationOptions,
  "sales_account_code" | "payment_account_code" | "tax_types" | "tax_type_exempt"
>

/**
 * The Xero TaxType for an invoice's tax rows: the joined codes first
 * ("CGST9+SGST9"), then the first code. Null when there are no rows.
 *
 * @example
 * xeroTaxType([{ code: "VAT20" }], { tax_types: { VAT20: "OUTPUT2" } }) // "OUTPUT2"
 */
export function xeroTaxType(taxes: Array<{ code: string }>, options: Pick<XeroMappingOptions, "tax_types">): string | null {
  if (!taxes.length) return null
  const map = options.tax_types ?? {}
  const joined = taxes.map((t) => t.code).join("+")
  const hit = map[joined] ?? map[taxes[0].code]
  if (!hit) throw new XeroMappingError(`no Xero TaxType configured for tax code "${joined}" (options.tax_types)`)
  return hit
}

function lineDescription(line: XeroInvoiceInput["lines"][number]): string {
  const base = trimOrUndefined(line.description) ?? line.id
  const qty = line.quantity
  const isOne = qty === undefined || qty === null || /^1(?:\.0+)?$/.test(String(qty))
  // the line goes to Xero as 1 × amount (so Xero's line amount is ours); keep what was billed readable
  if (isOne && (!line.unit_price || line.unit_price === line.amount)) return base
  return line.unit_price ? `${base} (${qty} × ${line.unit_price})` : `${base} (${qty})`
}

/**
 * An issued invoice as a Xero ACCREC invoice, AUTHORISED. Every line goes as
 * quantity 1 × our line amount (our quantity and unit price stay in the
 * description), so Xero's line amounts are ours; taxable lines carry their
 * share of our tax total (largest remainder, at the currency's decimals) as
 * `TaxAmount`, so Σ TaxAmount = our tax_total and Xero's total = ours.
 * Throws `XeroMappingError` when the record does not add up or a tax code has
 * no TaxType.
 *
 * @example
 * toXeroInvoice({
 *   invoice: { id: "inv_1", number: "INV-0001", currency_code: "GBP", issued_at: "2026-01-31T00:00:00Z",
 *              due_date: "2026-02-14", subtotal: "100.00", tax_total: "20.00", total: "120.00", tax_inclusive: false },
 *   contact_id: "c0ffee…",
 *   lines: [{ id: "l1", description: "Calls", quantity: "1000", unit_price: "0.1", amount: "100.00", taxable: true }],
 *   taxes: [{ code: "VAT20", name: "VAT", rate: "0.2", taxable_amount: "100.00", amount: "20.00" }],
 * }, { tax_types: { VAT20: "OUTPUT2" } })
 * // { Type: "ACCREC", InvoiceNumber: "INV-0001", LineAmountTypes: "Exclusive",
 * //   LineItems: [{ Description: "Calls (1000 × 0.1)", Quantity: "1", UnitAmount: "100.00",
 * //                 AccountCode: "200", TaxType: "OUTPUT2", TaxAmount: "20.00" }], … }
 */
export function toXeroInvoice(input: XeroInvoiceInput, options: XeroMappingOptions = {}): XeroInvoicePayload {
  const { invoice, lines, taxes } = input
  const what = `invoice ${invoice?.number ?? invoice?.id}`
  if (!trimOrUndefined(invoice?.number)) throw new XeroMappingError(`${what}: number is needed`)
  if (!trimOrUndefined(input.contact_id)) throw new XeroMappingError(`${what}: contact_id is needed`)
  if (!Array.isArray(lines) || lines.length === 0) throw new XeroMappingError(`${what}: no lines`)
  const dp = decimalsOf(invoice.currency_code)

  const sub = toUnits(invoice.subtotal, dp, `${what}: subtotal`)
  const tax = toUnits(invoice.tax_total, dp, `${what}: tax_total`)
  const total = toUnits(invoice.total, dp, `${what}: total`)
  const lineUnits = lines.map((l, i) => toUnits(l.amount, dp, `${what}: lines[${i}].amount`))
  const sumLines = lineUnits.reduce((s, a) => s + a, 0n)
  if (sumLines !== sub) throw new XeroMappingError(`${what}: lines add up to ${fromUnits(sumLines, dp)}, subtotal is ${invoice.subtotal}`)
  const expectTotal = invoice.tax_inclusive ? sub : sub + tax
  if (expectTotal !== total) throw new XeroMappingError(`${what}: total ${invoice.total} ≠ ${fromUnits(expectTotal, dp)}`)
  const rows = Array.isArray(taxes) ? taxes : []
  if (rows.length) {
    const sumTaxes = rows.reduce((s, t, i) => s + toUnits(t.amount, dp, `${what}: taxes[${i}].amount`), 0n)
    if (sumTaxes !== tax) throw new XeroMappingError(`${what}: tax rows add up to ${fromUnits(sumTaxes, dp)}, tax_total is ${invoice.tax_total}`)
  }

  const exempt = options.tax_type_exempt || DEFAULT_TAX_TYPE_EXEMPT
  const account = options.sales_account_code || DEFAULT_SALES_ACCOUNT_CODE
  const taxable = lines.map((l, i) => ({ l, i })).filter(({ l }) => l.taxable === true)
  if (tax !== 0n && taxable.length === 0) throw new XeroMappingError(`${what}: tax ${invoice.tax_total} but no taxable line`)
  const taxType = taxable.length ? xeroTaxType(rows, options) ?? exempt : exempt
  const shares = allocateProportionally(
    invoice.tax_total,
    taxable.map(({ l }) => l.amount),
    dp
  )
  const shareOf = new Map(taxable.map(({ i }, k) => [i, shares[k]]))

  const date = xeroDate(invoice.issued_at, `${what}: issued_at`)
  return {
    Type: "ACCREC",
    Contact: { ContactID: input.contact_id },
    InvoiceNumber: invoice.number,
    Reference: invoice.id,
    Date: date,
    // no due date means due on issue
    DueDate: invoice.due_date ? xeroDate(invoice.due_date, `${what}: due_date`) : date,
    CurrencyCode: invoice.currency_code.trim().toUpperCase(),
    Status: "AUTHORISED",
    LineAmountTypes: invoice.tax_inclusive ? "Inclusive" : "Exclusive",
    LineItems: lines.map((l, i) => ({
      Description: lineDescription(l),
      Quantity: "1",
      UnitAmount: l.amount,
      AccountCode: account,
      TaxType: shareOf.has(i) ? taxType : exempt,
      TaxAmount: shareOf.get(i) ?? "0",
    })),
  }
}

// ------------------------------------------------------------ credit notes

export type XeroCreditNoteInput = {
  credit_note: {
    id: string
    number: string
    currency_code: string
    issued_at: string
    subtotal: string
    tax_total: string
    total: string
    reason?: string | null
  }
  contact_id: string
  /** the Xero TaxType of the credited invoice's tax (see `xeroTaxType`), or the exempt type */
  tax_type: string
}

/**
 * A credit note as a Xero ACCRECCREDIT, AUTHORISED, one line: our subtotal
 * with our tax total as its `TaxAmount`, so Xero's total is ours.
 *
 * @example
 * toXeroCreditNote({
 *   credit_note: { id: "cn_1", number: "CN-0001", currency_code: "GBP", issued_at: "2026-02-03T10:00:00Z",
 *                  subtotal: "10.00", tax_total: "2.00", total: "12.00", reason: "Dropped calls" },
 *   contact_id: "c0ffee…", tax_type: "OUTPUT2",
 * })
 * // { Type: "ACCRECCREDIT", CreditNoteNumber: "CN-0001", LineItems: [{ UnitAmount: "10.00", TaxAmount: "2.00", … }], … }
 */
export function toXeroCreditNote(
  input: XeroCreditNoteInput,
  options: Pick<XeroMappingOptions, "sales_account_code"> = {}
): XeroCreditNotePayload {
  const cn = input.credit_note
  const what = `credit note ${cn?.number ?? cn?.id}`
  if (!trimOrUndefined(cn?.number)) throw new XeroMappingError(`${what}: number is needed`)
  if (!trimOrUndefined(input.contact_id)) throw new XeroMappingError(`${what}: contact_id is needed`)
  if (!trimOrUndefined(input.tax_type)) throw new XeroMappingError(`${what}: tax_type is needed`)
  const dp = decimalsOf(cn.currency_code)
  const sub = toUnits(cn.subtotal, dp, `${what}: subtotal`)
  const tax = toUnits(cn.tax_total, dp, `${what}: tax_total`)
  const total = toUnits(cn.total, dp, `${what}: total`)
  if (sub + tax !== total) throw new XeroMappingError(`${what}: subtotal + tax_total ≠ total (${cn.total})`)
  return {
    Type: "ACCRECCREDIT",
    Contact: { ContactID: input.contact_id },
    CreditNoteNumber: cn.number,
    Reference: cn.id,
    Date: xeroDate(cn.issued_at, `${what}: issued_at`),
    CurrencyCode: cn.currency_code.trim().toUpperCase(),
    Status: "AUTHORISED",
    LineAmountTypes: "Exclusive",
    LineItems: [
      {
        Description: trimOrUndefined(cn.reason) ?? `Credit note ${cn.number}`,
        Quantity: "1",
        UnitAmount: cn.subtotal,
        AccountCode: options.sales_account_code || DEFAULT_SALES_ACCOUNT_CODE,
        TaxType: input.tax_type,
        TaxAmount: cn.tax_total,
      },
    ],
  }
}

/**
 * How a credit note is applied to the invoice it credits: its whole total
 * unless `amount` says less.
 *
 * @example
 * toXeroCreditNoteAllocation({ credit_note: { total: "12.00", issued_at: "2026-02-03T10:00:00Z" }, invoice_id_in_xero: "9b1d…" })
 * // { Amount: "12.00", Invoice: { InvoiceID: "9b1d…" }, Date: "2026-02-03" }
 */
export function toXeroCreditNoteAllocation(input: {
  credit_note: { total: string; issued_at: string }
  invoice_id_in_xero: string
  amount?: string
}): XeroAllocationPayload {
  const amount = input.amount ?? input.credit_note.total
  assertDecimal(amount, "allocation amount")
  if (!trimOrUndefined(input.invoice_id_in_xero)) throw new XeroMappingError("allocation: invoice_id_in_xero is needed")
  return {
    Amount: amount,
    Invoice: { InvoiceID: input.invoice_id_in_xero },
    Date: xeroDate(input.credit_note.issued_at, "credit note issued_at"),
  }
}

// ------------------------------------------------------------ payments

export type XeroPaymentInput = {
  payment: { id: string; amount: string; received_at: string; reference?: string | null }
  invoice_id_in_xero: string
}

/**
 * A payment we received, applied to its invoice in Xero, into the bank
 * account `payment_account_code` (default "090"). `Reference` is the payment's
 * reference, else our payment id (so it can be found in Xero).
 *
 * @example
 * toXeroPayment({ payment: { id: "pay_1", amount: "120.00", received_at: "2026-02-10T09:00:00Z" }, invoice_id_in_xero: "9b1d…" })
 * // { Invoice: { InvoiceID: "9b1d…" }, Account: { Code: "090" }, Date: "2026-02-10", Amount: "120.00", Reference: "pay_1" }
 */
export function toXeroPayment(
  input: XeroPaymentInput,
  options: Pick<XeroMappingOptions, "payment_account_code"> = {}
): XeroPaymentPayload {
  const p = input.payment
  assertDecimal(p?.amount, `payment ${p?.id}: amount`)
  if (!trimOrUndefined(input.invoice_id_in_xero)) throw new XeroMappingError(`payment ${p.id}: invoice_id_in_xero is needed`)
  return {
    Invoice: { InvoiceID: input.invoice_id_in_xero },
    Account: { Code: options.payment_account_code || DEFAULT_PAYMENT_ACCOUNT_CODE },
    Date: xeroDate(p.received_at, `payment ${p.id}: received_at`),
    Amount: p.amount,
    Reference: trimOrUndefined(p.reference) ?? p.id,
  }
}
