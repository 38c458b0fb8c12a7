/**
 * Credit note PDF: its number, the invoice it credits, the reason, the lines,
 * the tax and the total (BILLING.md §5).
 */
import type { Writable } from "stream"
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
import { formatDate, groupThousands } from "./format"
import { drawTaxTable } from "./invoice-pdf"
import { openLogo, palette, PdfLayout, renderTo } from "./pdf"
import type { CreditNoteDocument, PdfRenderOptions } from "./types"
import { checkCurrencyAndZone, checkDate, checkMoney, checkParties } from "./validate"

function validateCreditNote(doc: CreditNoteDocument): void {
  checkCurrencyAndZone(doc.currency_code, doc.timezone)
  checkParties(doc.issuer, doc.bill_to)
  if (!doc.number) throw new Error("number is required")
  if (!doc.invoice_number) throw new Error("invoice_number is required")
  if (typeof doc.reason !== "string" || !doc.reason.trim()) throw new Error("reason is required")
  checkDate(doc.issue_date, "issue_date")
  checkMoney(doc, ["subtotal", "tax_total", "total"], [], "credit_note")
  if (!Array.isArray(doc.lines)) throw new Error("lines must be an array")
  doc.lines.forEach((line, i) => {
    if (typeof line.description !== "string") throw new Error(`lines[${i}].description must be a string`)
    checkMoney(line, ["amount"], ["quantity", "unit_price"], `lines[${i}]`)
  })
  ;(doc.taxes ?? []).forEach((t, i) => checkMoney(t, ["rate", "taxable_amount", "amount"], [], `taxes[${i}]`))
}

/**
 * Renders a credit note as PDF into `out`; resolves when `out` has finished.
 * Bad data throws before anything is written.
 *
 * @example
 * await renderCreditNotePdf(creditNote, res)
 */
export async function renderCreditNotePdf(
  doc: CreditNoteDocument,
  out: Writable,
  opts: PdfRenderOptions = {}
): Promise<void> {
  validateCreditNote(doc)
  const pal = palette(doc.issuer)
  const name = `Credit note ${doc.number}`
  const l = new PdfLayout(opts, { title: name, author: doc.issuer.legal_name })
  const logo = openLogo(l, doc.issuer.logo)
  const cur = doc.currency_code
  const running = `${doc.issuer.legal_name} · ${name}`
  l.onPage = (p) => {
    if (p.page > 1) drawRunningHeader(p, running)
  }
  l.footer = (p, n, total) => drawFooter(p, running, n, total)

  await renderTo(l, out, () => {
    l.addPage()
    drawLetterhead(l, {
      issuer: doc.issuer,
      logo,
      palette: pal,
      title: "Credit note",
      subtitle: [`No. ${doc.number}`, `Credits invoice ${doc.invoice_number}`],
    })
    drawParties(l, doc.bill_to, [
      ["Issue date", formatDate(doc.issue_date, doc.timezone)],
      ["Credits invoice", doc.invoice_number],
      ["Currency", cur],
    ])

    drawHeading(l, "Reason", 12)
    l.paragraph(doc.reason, { size: 9 })
    l.y += 8

    const w = widths(l.width, [5.2, 1.3, 1.5, 1.7])
    const t = new Table(l, [
      { header: "Description", width: w[0], wrap: 3 },
      { header: "Quantity", width: w[1], align: "right" },
      { header: "Unit price", width: w[2], align: "right" },
      { header: `Amount (${cur})`, width: w[3], align: "right" },
    ], pal)
    t.header()
    for (const line of doc.lines) {
      t.row([
        line.description,
        line.quantity != null ? groupThousands(line.quantity) : "",
        line.unit_price != null ? money(line.unit_price) : "",
        money(line.amount),
      ])
    }
    drawTaxTable(l, pal, doc.taxes ?? [], cur)
    l.y += 6
    drawTotals(l, [
      { label: `Subtotal (${cur})`, value: money(doc.subtotal) },
      { label: `Tax (${cur})`, value: money(doc.tax_total) },
      { label: `Total credited (${cur})`, value: money(doc.total), bold: true, color: pal.accentText, ruleAbove: true },
    ])
    const notes = doc.notes ?? []
    if (notes.length > 0) {
      drawHeading(l, "Notes")
      for (const n of notes) {
        l.paragraph(n, { size: 8.5 })
        l.y += 3
      }
    }
    l.finishBufferedPages(l.page)
  })
}
