/**
 * Payment receipt PDF: the payment (number, reference, method, date, amount),
 * how it was allocated to invoices, what was left unallocated, and the
 * account's credit afterwards.
 */
import type { Writable } from "stream"
import Decimal from "decimal.js"
import {
  drawFooter,
  drawHeading,
  drawLetterhead,
  drawParties,
  drawRunningHeader,
  drawTotals,
  money,
  Table,
  widths,
} from "./frame"
import { formatDate, scaleOf } from "./format"
import { openLogo, palette, PdfLayout, renderTo } from "./pdf"
import type { PdfRenderOptions, ReceiptDocument } from "./types"
import { checkCurrencyAndZone, checkDate, checkMoney, checkParties } from "./validate"

export const METHOD_LABELS: Record<string, string> = {
  bank_transfer: "Bank transfer",
  card: "Card",
  cash: "Cash",
  wallet: "Wallet",
  stripe: "Card (Stripe)",
  other: "Other",
}

function validateReceipt(doc: ReceiptDocument): Decimal {
  checkCurrencyAndZone(doc.currency_code, doc.timezone)
  checkParties(doc.issuer, doc.bill_to)
  if (!doc.number) throw new Error("number is required")
  checkDate(doc.received_at, "received_at")
  checkMoney(doc, ["amount", "account_credit"], [], "receipt")
  if (!Array.isArray(doc.allocations)) throw new Error("allocations must be an array")
  let applied = new Decimal(0)
  doc.allocations.forEach((a, i) => {
    if (!a.invoice_number) throw new Error(`allocations[${i}].invoice_number is required`)
    checkMoney(a, ["amount"], [], `allocations[${i}]`)
    checkDate(a.invoice_date, `allocations[${i}].invoice_date`, true)
    applied = applied.plus(a.amount)
  })
  // a payment cannot be spread over more than it is
  if (applied.greaterThan(doc.amount)) {
    throw new Error(`allocations total ${applied.toFixed()} exceeds the payment amount ${doc.amount}`)
  }
  return applied
}

/**
 * Renders a payment receipt as PDF into `out`; resolves when `out` has
 * finished. "Unallocated" is the payment amount minus its allocations,
 * computed exactly; allocations above the amount are an error.
 *
 * @example
 * await renderReceiptPdf(receipt, fs.createWriteStream("receipt.pdf"))
 */
export async function renderReceiptPdf(doc: ReceiptDocument, out: Writable, opts: PdfRenderOptions = {}): Promise<void> {
  const applied = validateReceipt(doc)
  const pal = palette(doc.issuer)
  const name = `Receipt ${doc.number}`
  const l = new PdfLayout(opts, { title: name, author: doc.issuer.legal_name })
  const logo = openLogo(l, doc.issuer.logo)
  const cur = doc.currency_code
  const tz = doc.timezone
  const running = `${doc.issuer.legal_name} · ${name}`
  l.onPage = (p) => {
    if (p.page > 1) drawRunningHeader(p, running)
  }
  l.footer = (p, n, total) => drawFooter(p, running, n, total)
  // keep the scale of the amounts (a 2-decimal currency prints 2 decimals)
  const scale = Math.max(
    ...[doc.amount, ...doc.allocations.map((a) => a.amount)].map(scaleOf)
  )

  await renderTo(l, out, () => {
    l.addPage()
    drawLetterhead(l, { issuer: doc.issuer, logo, palette: pal, title: "Receipt", subtitle: [`No. ${doc.number}`] })
    const meta: Array<[string, string]> = [
      ["Received", formatDate(doc.received_at, tz)],
      ["Method", METHOD_LABELS[doc.method] ?? doc.method],
    ]
    if (doc.reference) meta.push(["Reference", doc.reference])
    meta.push(["Currency", cur])
    drawParties(l, doc.bill_to, meta)

    drawHeading(l, "Applied to invoices", 30)
    const w = widths(l.width, [4, 2.5, 2.5])
    const t = new Table(l, [
      { header: "Invoice", width: w[0] },
      { header: "Invoice date", width: w[1] },
      { header: `Amount applied (${cur})`, width: w[2], align: "right" },
    ], pal)
    t.header()
    if (doc.allocations.length === 0) t.note("Not applied to any invoice: held as account credit.")
    for (const a of doc.allocations) {
      t.row([a.invoice_number, a.invoice_date ? formatDate(a.invoice_date, tz) : "", money(a.amount)])
    }
    l.y += 6
    drawTotals(l, [
      { label: `Amount received (${cur})`, value: money(doc.amount), bold: true },
      { label: "Applied to invoices", value: money(applied.toFixed(scale)) },
      { label: "Unallocated", value: money(new Decimal(doc.amount).minus(applied).toFixed(scale)) },
      {
        label: `Account credit (${cur})`,
        value: money(doc.account_credit),
        bold: true,
        color: pal.accentText,
        ruleAbove: true,
      },
    ])
    if (doc.note) {
      drawHeading(l, "Note")
      l.paragraph(doc.note, { size: 8.5 })
    }
    l.finishBufferedPages(l.page)
  })
}
