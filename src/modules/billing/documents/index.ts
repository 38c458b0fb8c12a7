/**
 * Billing documents: invoice, debit note, credit note, receipt and account
 * statement PDFs, and the itemised call statement as PDF pages, CSV and
 * XLSX. Pure layout over plain data (./types): no database, no Medusa.
 */
export * from "./types"
export { renderInvoicePdf, lineDetails, STATUS_LABELS, type InvoicePdfOptions } from "./invoice-pdf"
export { renderCreditNotePdf } from "./credit-note-pdf"
export { renderReceiptPdf, METHOD_LABELS } from "./receipt-pdf"
export { renderStatementPdf, runningBalances, ENTRY_LABELS, AGING_LABELS } from "./statement-pdf"
export { writeCallStatementCsv, csvFields, FORMULA_RE } from "./call-statement-csv"
export { writeCallStatementXlsx, sheetName } from "./call-statement-xlsx"
export { callColumns, callPageCount, validateCall, type CallColumn } from "./call-statement"
export { toWinAnsi, truncateToWidth, wrapToWidth } from "./text"
export {
  exactNumber,
  formatDate,
  formatDuration,
  formatLocalDateTime,
  formatLocalIso,
  formatPercent,
  formatPeriod,
  groupThousands,
} from "./format"
