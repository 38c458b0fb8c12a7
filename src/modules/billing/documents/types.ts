/**
 * Plain data the document renderers take. No database rows, no Medusa types:
 * the service maps its models onto these. Money is always a decimal string
 * that is already rounded ("1234.50", "-0.0100"); the renderers print it as
 * given and never do arithmetic on it except exact running sums.
 */

/** A decimal string, already rounded: "12.30", "-0.0400". Never a JS number. */
export type Money = string

/**
 * A calendar date or an instant. A date-only string ("2026-01-31") is a local
 * date and printed as is; an ISO string with a time, or a `Date`, is an
 * instant and printed in the document's time zone (an ISO string without an
 * offset is read as UTC).
 */
export type DateInput = string | Date

/** Who issues the document: printed at the top of every document. */
export interface IssuerInfo {
  legal_name: string
  /** printed one per line, in order */
  address_lines?: string[] | null
  tax_id?: string | null
  email?: string | null
  /** PNG or JPEG, as a file path or its bytes; printed at most 150 × 56 pt */
  logo?: string | Buffer | null
  /** "#rrggbb" or "#rgb": the header band and the table headers */
  primary_color?: string | null
  /** "#rrggbb" or "#rgb": the document title and the amount due */
  accent_color?: string | null
}

/** The billing account the document is addressed to. */
export interface BillToInfo {
  name: string
  /** the account's code (customer number) */
  code?: string | null
  address_lines?: string[] | null
  tax_id?: string | null
  email?: string | null
}

/** One tier of a graduated or volume price, as the invoice line used it. */
export interface TierDetail {
  /** lower bound (exclusive), as a decimal string; absent for the first tier */
  from?: string | null
  /** upper bound (inclusive); null for the last, open tier */
  up_to: string | null
  quantity: string
  unit_price: Money
  amount: Money
}

/** What is printed under an invoice line in small type. */
export interface InvoiceLineDetails {
  /** minutes covered by a bundle (decimal string) */
  included_minutes?: string | null
  /** minutes charged after the bundle (decimal string) */
  billable_minutes?: string | null
  tiers?: TierDetail[] | null
  /** whole-day proration (BILLING.md §2): `days` of `of_days` */
  proration?: { days: number; of_days: number; from?: DateInput | null; to?: DateInput | null } | null
  /** anything else, one entry a line */
  notes?: string[] | null
}

export interface InvoiceLineDocument {
  description: string
  /** decimal string (minutes, seats, units …) */
  quantity: string
  /** null for lines without a unit price (carry-forward, true-up …) */
  unit_price?: Money | null
  amount: Money
  details?: InvoiceLineDetails | null
}

/** Tax at one rate (one row per rate and component: CGST and SGST are two rows). */
export interface TaxRowDocument {
  name: string
  /** the rate as a fraction: "0.2" prints as 20 % */
  rate: string
  taxable_amount: Money
  amount: Money
}

export type InvoiceStatus = "draft" | "finalized" | "paid" | "partially_paid" | "void" | "uncollectible"

/** One call of the itemised call statement (PDF, CSV and XLSX). */
export interface StatementCall {
  /** when the call was answered (an instant); null for an unanswered call */
  answer_time: DateInput | null
  caller_id?: string | null
  /** the dialled number as rated (normalised international digits) */
  destination: string
  destination_name?: string | null
  /** billable seconds (billsec), a whole number */
  duration: number
  /** seconds after increments (RATING.md §4), a whole number */
  rated_seconds: number
  /** price per minute; null when no rate applied (unanswered, free) */
  rate?: string | null
  /** the call's charge as rated (RATING.md §4), before bundles and tiers */
  charge: Money
}

export interface InvoiceDocument {
  kind: "invoice" | "debit_note"
  /** null while a draft (numbers are taken when an invoice is finalized) */
  number: string | null
  status: InvoiceStatus
  currency_code: string
  /** IANA zone of the account: dates and call times are printed in it */
  timezone: string
  issue_date?: DateInput | null
  due_date?: DateInput | null
  /** the billing period, half-open [start, end): printed up to the day before `end` */
  period_start: DateInput
  period_end: DateInput
  /** a debit note prints the invoice it corrects */
  corrects_invoice_number?: string | null
  issuer: IssuerInfo
  bill_to: BillToInfo
  lines: InvoiceLineDocument[]
  taxes: TaxRowDocument[]
  /** prints "Prices include tax" */
  tax_inclusive?: boolean
  subtotal: Money
  tax_total: Money
  total: Money
  amount_paid: Money
  /** printed only when not zero */
  amount_credited?: Money | null
  amount_due: Money
  /** legal notes (reverse charge, exemption), one paragraph each */
  notes?: string[] | null
  /** e.g. "Net 30: please pay by bank transfer to …" */
  payment_terms?: string | null
  /**
   * How many calls `calls` will yield. With it the call pages print
   * "Page x of y" (the page count is known before the calls are read); without
   * it every page prints "Page x". A different number of calls is an error.
   */
  call_count?: number | null
}

export interface CreditNoteLineDocument {
  description: string
  quantity?: string | null
  unit_price?: Money | null
  amount: Money
}

export interface CreditNoteDocument {
  number: string
  /** the invoice this note credits */
  invoice_number: string
  currency_code: string
  timezone: string
  issue_date: DateInput
  reason: string
  issuer: IssuerInfo
  bill_to: BillToInfo
  lines: CreditNoteLineDocument[]
  taxes?: TaxRowDocument[] | null
  subtotal: Money
  tax_total: Money
  total: Money
  notes?: string[] | null
}

export type PaymentMethod = "bank_transfer" | "card" | "cash" | "wallet" | "stripe" | "other"

export interface ReceiptAllocation {
  invoice_number: string
  invoice_date?: DateInput | null
  amount: Money
}

export interface ReceiptDocument {
  /** the receipt's own number */
  number: string
  /** the payer's or the bank's reference */
  reference?: string | null
  method: PaymentMethod | string
  received_at: DateInput
  amount: Money
  currency_code: string
  timezone: string
  issuer: IssuerInfo
  bill_to: BillToInfo
  allocations: ReceiptAllocation[]
  /** the account's credit after this payment (all unallocated money, not only this payment's) */
  account_credit: Money
  note?: string | null
}

export type StatementEntryType = "invoice" | "payment" | "credit_note" | "debit_note" | "write_off"

export interface StatementEntry {
  date: DateInput
  type: StatementEntryType
  reference: string
  description?: string | null
  /** raises what the account owes (invoices, debit notes) */
  debit?: Money | null
  /** lowers it (payments, credit notes) */
  credit?: Money | null
}

/** What is owed, by days past due (BILLING.md §5). */
export interface AgingBuckets {
  current: Money
  days_1_30: Money
  days_31_60: Money
  days_61_90: Money
  days_over_90: Money
}

export interface StatementDocument {
  currency_code: string
  timezone: string
  /** the statement's date ("as of") */
  statement_date: DateInput
  period_start?: DateInput | null
  period_end?: DateInput | null
  issuer: IssuerInfo
  bill_to: BillToInfo
  opening_balance: Money
  entries: StatementEntry[]
  /** when given it must equal opening + Σ debit − Σ credit, else rendering fails */
  closing_balance?: Money | null
  aging: AgingBuckets
  notes?: string[] | null
}

/** Options every PDF renderer takes. */
export interface PdfRenderOptions {
  /** deflate the page contents (default true; tests turn it off to read the text) */
  compress?: boolean
  /** the PDF's creation date (default now); fixes the output for reproducible files */
  creation_date?: Date
  /** page size (default A4) */
  size?: "A4" | "LETTER"
}

export interface CallStatementCsvOptions {
  /** IANA zone the answer times are written in (ISO 8601 with the offset) */
  timezone: string
  /** start with a UTF-8 byte order mark, for spreadsheet programs (default false) */
  bom?: boolean
}

export interface CallStatementXlsxOptions {
  /** IANA zone the answer times are shown in (the header names it) */
  timezone: string
  /** ISO 4217 code shown in the rate and charge headers */
  currency: string
  /** default "Calls"; cut to Excel's 31 characters, []:*?/\ replaced by "_" */
  sheetName?: string
  /** the workbook's creation date (default now) */
  created?: Date
}
