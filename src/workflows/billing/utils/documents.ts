/**
 * Reads what a billing document prints and maps it onto the renderers'
 * plain types (modules/billing/documents). Read-only: for the admin and
 * store routes that stream PDFs, CSV and XLSX, and for the notification
 * steps that attach them to emails.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { exactOf } from "../../../lib/big-number"
import { BILLING_MODULE } from "../../../modules/billing"
import { currencyDecimals } from "../../../modules/billing/calc"
import type {
  BillToInfo,
  CreditNoteDocument,
  InvoiceDocument,
  InvoiceLineDetails,
  IssuerInfo,
  ReceiptDocument,
  StatementCall,
  StatementDocument,
} from "../../../modules/billing/documents"
import type BillingModuleService from "../../../modules/billing/service"
import { METERING_MODULE } from "../../../modules/metering"
import type MeteringModuleService from "../../../modules/metering/service"
import { RATING_MODULE } from "../../../modules/rating"
import type RatingModuleService from "../../../modules/rating/service"


const addressLines = (a: any): string[] =>
  a ? [a.line1, a.line2, [a.postal_code, a.city].filter(Boolean).join(" "), a.region, a.country].filter((x) => !!x && String(x).trim()) : []

export function issuerOf(e: any): IssuerInfo {
  return {
    legal_name: e.legal_name,
    address_lines: addressLines(e.address),
    tax_id: e.tax_id,
    email: e.email,
    primary_color: e.primary_color,
    accent_color: e.accent_color,
    // remote logos are not fetched while rendering; a local file path works
    logo: e.logo_url && !/^https?:/i.test(e.logo_url) ? e.logo_url : null,
  }
}

export function billToOf(a: any): BillToInfo {
  return { name: a.name, code: a.code, address_lines: addressLines(a.address), tax_id: a.tax_id, email: a.email }
}

/** Calculator line details → what the PDF prints under a line. */
function lineDetails(d: any, line: any): InvoiceLineDetails | null {
  if (!d) return null
  const out: InvoiceLineDetails = {}
  if (d.included_seconds > 0) {
    out.included_minutes = String(d.included_minutes)
    out.billable_minutes = String(d.billable_minutes)
  }
  if (Array.isArray(d.tiers) && d.tiers.length > 1) {
    out.tiers = d.tiers.map((t: any) => ({ from: t.from, up_to: t.up_to, quantity: String(t.quantity), unit_price: String(t.price), amount: String(t.amount) }))
  }
  if (typeof d.proration === "string") {
    const [days, of] = d.proration.split("/").map(Number)
    if (days && of && days !== of) out.proration = { days, of_days: of, from: line.period_start, to: line.period_end }
  }
  return Object.keys(out).length ? out : null
}

export async function loadInvoice(scope: MedusaContainer, id: string, accountId?: string) {
  const billing: BillingModuleService = scope.resolve(BILLING_MODULE)
  const [invoice] = await billing.listInvoices({ id, ...(accountId ? { account_id: accountId } : {}) }, { relations: ["lines", "taxes"] })
  if (!invoice) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Invoice with id: ${id} was not found`)
  return invoice
}

/** The time zone an account's documents print in. */
export async function accountTimezone(scope: MedusaContainer, accountId: string): Promise<string> {
  const billing: BillingModuleService = scope.resolve(BILLING_MODULE)
  return (await billing.retrieveBillingAccount(accountId, { select: ["timezone"] })).timezone
}

/** The invoice as the PDF prints it; with `withCalls`, the call count the statement pages announce. */
export async function invoiceDocument(scope: MedusaContainer, invoice: any, withCalls = false): Promise<InvoiceDocument> {
  const billing: BillingModuleService = scope.resolve(BILLING_MODULE)
  const metering: MeteringModuleService = scope.resolve(METERING_MODULE)
  const [account, entity, callCount] = await Promise.all([
    billing.retrieveBillingAccount(invoice.account_id),
    billing.retrieveIssuingEntity(invoice.entity_id),
    withCalls ? metering.countBilledCalls(invoice.id) : Promise.resolve(null),
  ])
  const dp = currencyDecimals(invoice.currency_code)
  const total = exactOf(invoice, "total")
  const due = total.minus(exactOf(invoice, "amount_paid")).minus(exactOf(invoice, "amount_credited"))
  const doc: InvoiceDocument = {
    kind: invoice.kind,
    number: invoice.number,
    status: invoice.status,
    currency_code: invoice.currency_code,
    timezone: account.timezone,
    issue_date: invoice.issued_at,
    due_date: invoice.due_date,
    period_start: invoice.period_start,
    period_end: invoice.period_end,
    issuer: issuerOf(entity),
    bill_to: billToOf(account),
    lines: [...invoice.lines]
      .sort((a: any, b: any) => a.position - b.position)
      .map((l: any) => ({
        description: l.description,
        quantity: exactOf(l, "quantity").toFixed(),
        unit_price: l.unit_price === null || l.unit_price === undefined ? null : exactOf(l, "unit_price").toFixed(),
        amount: exactOf(l, "amount").toFixed(dp),
        details: lineDetails(l.details, l),
      })),
    taxes: invoice.taxes.map((t: any) => ({ name: t.name, rate: exactOf(t, "rate").toFixed(), taxable_amount: exactOf(t, "taxable_amount").toFixed(dp), amount: exactOf(t, "amount").toFixed(dp) })),
    tax_inclusive: invoice.tax_inclusive,
    subtotal: exactOf(invoice, "subtotal").toFixed(dp),
    tax_total: exactOf(invoice, "tax_total").toFixed(dp),
    total: exactOf(invoice, "total").toFixed(dp),
    amount_paid: exactOf(invoice, "amount_paid").toFixed(dp),
    amount_credited: exactOf(invoice, "amount_credited").toFixed(dp),
    amount_due: due.toFixed(dp),
    notes: [...((invoice.notes as string[] | null) ?? []), ...fxNotes(invoice.fx)],
    payment_terms: `Net ${account.net_days} days`,
    call_count: callCount,
  }
  return doc
}

/** The invoice's FX conversions in words (usage rated by a card in another currency). */
function fxNotes(fx: unknown): string[] {
  if (!Array.isArray(fx)) return []
  return fx.map(
    (e: any) =>
      `Usage rated in ${e.base}: ${e.calls} call${e.calls === 1 ? "" : "s"}, ${e.original_amount} ${e.base} converted at ${e.rate} ${e.quote} per ${e.base} = ${e.amount} ${e.quote}`
  )
}

/** The calls a document billed, as the itemised statement prints them; read a page at a time. */
export async function* statementCalls(scope: MedusaContainer, billedBy: string): AsyncGenerator<StatementCall> {
  const metering: MeteringModuleService = scope.resolve(METERING_MODULE)
  const rating: RatingModuleService = scope.resolve(RATING_MODULE)
  const rates = new Map<string, string>()
  let after: { t: string; id: string } | null = null
  for (;;) {
    const page = await metering.billedCallsPage(billedBy, after, 5_000)
    if (!page.length) return
    const missing = [...new Set(page.map((c) => c.rate_id).filter((r): r is string => !!r && !rates.has(r)))]
    if (missing.length) {
      for (const r of (await rating.listRates({ id: missing }, { select: ["id", "rate", "raw_rate"] })) as any[]) rates.set(r.id, exactOf(r, "rate").toFixed())
    }
    for (const c of page) {
      yield {
        answer_time: c.answer_time,
        caller_id: c.caller,
        destination: c.number,
        destination_name: c.destination,
        duration: c.billsec,
        rated_seconds: c.rated_seconds,
        rate: c.rate_id ? rates.get(c.rate_id) ?? null : null,
        charge: exactOf(c, "charge").toFixed(),
      }
    }
    const last = page[page.length - 1] as any
    after = { t: last.t ?? last.answer_time, id: last.id }
    if (page.length < 5_000) return
  }
}

export async function creditNoteDocument(scope: MedusaContainer, id: string, accountId?: string): Promise<CreditNoteDocument> {
  const billing: BillingModuleService = scope.resolve(BILLING_MODULE)
  const [note] = await billing.listCreditNotes({ id, ...(accountId ? { account_id: accountId } : {}) })
  if (!note) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Credit note with id: ${id} was not found`)
  const [invoice, account, entity] = await Promise.all([
    billing.retrieveInvoice(note.invoice_id),
    billing.retrieveBillingAccount(note.account_id),
    billing.retrieveIssuingEntity(note.entity_id),
  ])
  const dp = currencyDecimals(note.currency_code)
  return {
    number: note.number,
    invoice_number: invoice.number ?? invoice.id,
    currency_code: note.currency_code,
    timezone: account.timezone,
    issue_date: note.issued_at,
    reason: note.reason,
    issuer: issuerOf(entity),
    bill_to: billToOf(account),
    lines: ((note.lines as unknown as any[]) ?? []).map((l) => ({ description: l.description, amount: exactOf(l, "amount").toFixed(dp) })),
    taxes: null,
    subtotal: exactOf(note, "subtotal").toFixed(dp),
    tax_total: exactOf(note, "tax_total").toFixed(dp),
    total: exactOf(note, "total").toFixed(dp),
  }
}

export async function receiptDocument(scope: MedusaContainer, id: string, accountId?: string): Promise<ReceiptDocument> {
  const billing: BillingModuleService = scope.resolve(BILLING_MODULE)
  const [payment] = await billing.listAccountPayments({ id, ...(accountId ? { account_id: accountId } : {}) }, { relations: ["allocations"] })
  if (!payment) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Payment with id: ${id} was not found`)
  const account = await billing.retrieveBillingAccount(payment.account_id)
  const invoices = payment.allocations.length ? await billing.listInvoices({ id: payment.allocations.map((a) => a.invoice_id) }) : []
  const entity = invoices[0]
    ? await billing.retrieveIssuingEntity(invoices[0].entity_id)
    : account.entity_id
      ? await billing.retrieveIssuingEntity(account.entity_id)
      : (await billing.listIssuingEntities({}, { take: 1, order: { created_at: "ASC" } }))[0]
  const dp = currencyDecimals(payment.currency_code)
  return {
    number: payment.id,
    reference: payment.reference,
    method: payment.method,
    received_at: payment.received_at,
    amount: exactOf(payment, "amount").toFixed(dp),
    currency_code: payment.currency_code,
    timezone: account.timezone,
    issuer: issuerOf(entity),
    bill_to: billToOf(account),
    allocations: payment.allocations.map((a) => {
      const inv = invoices.find((i) => i.id === a.invoice_id)
      return { invoice_number: inv?.number ?? a.invoice_id, invoice_date: inv?.issued_at ?? null, amount: exactOf(a, "amount").toFixed(dp) }
    }),
    account_credit: exactOf(account, "credit_balance").toFixed(dp),
    note: payment.note,
  }
}

export async function statementDocument(scope: MedusaContainer, accountId: string, statement: any): Promise<StatementDocument> {
  const billing: BillingModuleService = scope.resolve(BILLING_MODULE)
  const account = await billing.retrieveBillingAccount(accountId)
  const entity = account.entity_id
    ? await billing.retrieveIssuingEntity(account.entity_id)
    : (await billing.listIssuingEntities({}, { take: 1, order: { created_at: "ASC" } }))[0]
  if (!entity) throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "no issuing entity: create one to print statements")
  return {
    currency_code: statement.currency_code,
    timezone: account.timezone,
    statement_date: statement.as_of,
    issuer: issuerOf(entity),
    bill_to: billToOf(account),
    opening_balance: statement.opening_balance,
    entries: statement.entries.map((e: any) => ({ date: e.date, type: e.type, reference: e.reference, description: e.description, debit: e.debit, credit: e.credit })),
    closing_balance: statement.closing_balance,
    aging: {
      current: statement.aging.current,
      days_1_30: statement.aging["1_30"],
      days_31_60: statement.aging["31_60"],
      days_61_90: statement.aging["61_90"],
      days_over_90: statement.aging["90_plus"],
    },
  }
}
