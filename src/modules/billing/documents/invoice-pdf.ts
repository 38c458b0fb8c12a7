/**
 * Invoice and debit note PDF, with the itemised call statement after it when
 * calls are given. The invoice part is laid out first with its pages held
 * (a few pages at most); the call statement then streams page by page from
 * the calls cursor, so 100,000 calls never sit in memory. The page count of
 * the call statement is known up front from `call_count` (every call row has
 * the same height), which is how every page can say "Page x of y".
 */
import type { Writable } from "stream"
import Decimal from "decimal.js"
import { callPageCount, validateCall } from "./call-statement"
import {
  drawFooter,
  drawHeading,
  drawLetterhead,
  drawParties,
  drawRunningHeader,
  drawTotals,
  money,
  RUNNING_HEADER_HEIGHT,
  Table,
  widths,
  type TotalRow,
} from "./frame"
import {
  formatDate,
  formatDuration,
  formatLocalDateTime,
  formatPercent,
  formatPeriod,
  groupThousands,
  scaleOf,
} from "./format"
import { INK, MUTED, openLogo, palette, PdfLayout, RULE, ZEBRA, renderTo, type Palette } from "./pdf"
import type {
  InvoiceDocument,
  InvoiceLineDetails,
  InvoiceStatus,
  PdfRenderOptions,
  StatementCall,
  TaxRowDocument,
} from "./types"
import { checkCurrencyAndZone, checkDate, checkMoney, checkParties } from "./validate"

export interface InvoicePdfOptions extends PdfRenderOptions {
  /** the itemised calls, in the order they print (a DB cursor in production) */
  calls?: AsyncIterable<StatementCall> | Iterable<StatementCall>
}

export const STATUS_LABELS: Record<InvoiceStatus, string> = {
  draft: "Draft",
  finalized: "Issued",
  paid: "Paid",
  partially_paid: "Partially paid",
  void: "Void",
  uncollectible: "Uncollectible",
}

const WATERMARKS: Partial<Record<InvoiceStatus, [string, string]>> = {
  draft: ["DRAFT", "#6b7280"],
  void: ["VOID", "#dc2626"],
}

/** Details lines printed under one line item; capped so a line fits a page. */
const MAX_DETAIL_LINES = 40

// Call statement geometry: fixed row height, so rows per page are exact.
const CALL_SIZE = 7
const CALL_ROW = 10.5
const CALL_HEAD = CALL_SIZE * 1.25 + 6 + 2
const CALL_TITLE = 13 * 1.25 + 8 * 1.25 + 6
const CALL_WEIGHTS = [78, 66, 66, 98, 38, 34, 52, 80]

/**
 * The lines printed under an invoice line: included and billable minutes,
 * one line per tier, the proration fraction, free notes.
 *
 * @example
 * lineDetails({ included_minutes: "1000", billable_minutes: "250.5" }, "Europe/London")
 * // ["Included 1,000 min · billable 250.5 min"]
 * lineDetails({ proration: { days: 12, of_days: 31, from: "2026-01-20", to: "2026-02-01" } }, "UTC")
 * // ["Prorated 12/31 days (20 Jan 2026 – 31 Jan 2026)"]
 */
export function lineDetails(d: InvoiceLineDetails | null | undefined, tz: string): string[] {
  if (!d) return []
  const out: string[] = []
  if (d.included_minutes != null || d.billable_minutes != null) {
    const parts: string[] = []
    if (d.included_minutes != null) parts.push(`Included ${groupThousands(d.included_minutes)} min`)
    if (d.billable_minutes != null) parts.push(`billable ${groupThousands(d.billable_minutes)} min`)
    out.push(parts.join(" · "))
  }
  const tiers = d.tiers ?? []
  tiers.forEach((t, i) => {
    const from = t.from ?? (i > 0 ? tiers[i - 1].up_to : null)
    const range =
      t.up_to === null
        ? `over ${groupThousands(from ?? "0")}`
        : from == null || from === "0"
          ? `up to ${groupThousands(t.up_to)}`
          : `${groupThousands(from)} – ${groupThousands(t.up_to)}`
    const [q, p, a] = [t.quantity, t.unit_price, t.amount].map(groupThousands)
    out.push(`Tier ${i + 1} (${range}): ${q} × ${p} = ${a}`)
  })
  if (d.proration) {
    const p = d.proration
    const span = p.from != null && p.to != null ? ` (${formatPeriod(p.from, p.to, tz)})` : ""
    out.push(`Prorated ${p.days}/${p.of_days} days${span}`)
  }
  for (const n of d.notes ?? []) out.push(n)
  if (out.length > MAX_DETAIL_LINES) {
    const more = out.length - (MAX_DETAIL_LINES - 1)
    out.length = MAX_DETAIL_LINES - 1
    out.push(`… ${more} more`)
  }
  return out
}

function validateInvoice(doc: InvoiceDocument): void {
  if (doc.kind !== "invoice" && doc.kind !== "debit_note") {
    throw new Error(`kind: ${String(doc.kind)} is not invoice or debit_note`)
  }
  if (!(doc.status in STATUS_LABELS)) throw new Error(`status: ${String(doc.status)} is not an invoice status`)
  checkCurrencyAndZone(doc.currency_code, doc.timezone)
  checkParties(doc.issuer, doc.bill_to)
  checkMoney(doc, ["subtotal", "tax_total", "total", "amount_paid", "amount_due"], ["amount_credited"], "invoice")
  checkDate(doc.period_start, "period_start")
  checkDate(doc.period_end, "period_end")
  checkDate(doc.issue_date, "issue_date", true)
  checkDate(doc.due_date, "due_date", true)
  if (!Array.isArray(doc.lines)) throw new Error("lines must be an array")
  doc.lines.forEach((line, i) => {
    const where = `lines[${i}]`
    if (typeof line.description !== "string") throw new Error(`${where}.description must be a string`)
    checkMoney(line, ["quantity", "amount"], ["unit_price"], where)
    const d = line.details
    if (d) {
      checkMoney(d, [], ["included_minutes", "billable_minutes"], `${where}.details`)
      ;(d.tiers ?? []).forEach((t, j) =>
        checkMoney(t, ["quantity", "unit_price", "amount"], ["from", "up_to"], `${where}.details.tiers[${j}]`)
      )
      if (d.proration) {
        const { days, of_days } = d.proration
        if (!Number.isInteger(days) || !Number.isInteger(of_days) || of_days <= 0 || days < 0) {
          throw new Error(`${where}.details.proration: days and of_days must be whole numbers, of_days > 0`)
        }
        checkDate(d.proration.from, `${where}.details.proration.from`, true)
        checkDate(d.proration.to, `${where}.details.proration.to`, true)
      }
    }
  })
  if (!Array.isArray(doc.taxes)) throw new Error("taxes must be an array")
  doc.taxes.forEach((t, i) => checkMoney(t, ["rate", "taxable_amount", "amount"], [], `taxes[${i}]`))
  if (doc.call_count != null && (!Number.isInteger(doc.call_count) || doc.call_count < 0)) {
    throw new Error(`call_count: ${doc.call_count} is not a whole number ≥ 0`)
  }
}

/**
 * The tax table: one row per rate and component.
 *
 * @example
 * drawTaxTable(l, pal, [{ name: "VAT", rate: "0.2", taxable_amount: "100.00", amount: "20.00" }], "GBP")
 */
export function drawTaxTable(l: PdfLayout, pal: Palette, taxes: TaxRowDocument[], currency: string): void {
  if (taxes.length === 0) return
  drawHeading(l, "Tax", 40)
  const w = widths(l.width, [4, 1.2, 2, 2])
  const t = new Table(l, [
    { header: "Tax", width: w[0], wrap: 2 },
    { header: "Rate", width: w[1], align: "right" },
    { header: `Taxable (${currency})`, width: w[2], align: "right" },
    { header: `Tax (${currency})`, width: w[3], align: "right" },
  ], pal)
  t.header()
  for (const tax of taxes) t.row([tax.name, formatPercent(tax.rate), money(tax.taxable_amount), money(tax.amount)])
}

/**
 * Renders an invoice or debit note as PDF into `out` and resolves when `out`
 * has finished. With `opts.calls` the itemised call statement follows the
 * invoice, one row per call, read one at a time. Bad data throws before
 * anything is written; a failure while writing (a bad call, the cursor
 * failing, a call count different from `call_count`) destroys `out` with
 * the error and rejects.
 *
 * @example
 * await renderInvoicePdf(invoice, fs.createWriteStream("INV-2026-000001.pdf"), { calls: cursor })
 */
export async function renderInvoicePdf(
  doc: InvoiceDocument,
  out: Writable,
  opts: InvoicePdfOptions = {}
): Promise<void> {
  validateInvoice(doc)
  const pal = palette(doc.issuer)
  const title = doc.kind === "debit_note" ? "Debit note" : "Invoice"
  const name = `${title} ${doc.number ?? "(draft)"}`
  const l = new PdfLayout(opts, { title: name, author: doc.issuer.legal_name })
  const logo = openLogo(l, doc.issuer.logo)
  const cur = doc.currency_code
  const tz = doc.timezone
  const running = `${doc.issuer.legal_name} · ${name}`
  const mark = WATERMARKS[doc.status]

  l.onPage = (p) => {
    if (mark) p.watermark(mark[0], mark[1])
    if (p.page > 1) drawRunningHeader(p, running)
  }
  l.footer = (p, n, total) => drawFooter(p, running, n, total)

  await renderTo(l, out, async (drained) => {
    l.addPage()
    drawLetterhead(l, {
      issuer: doc.issuer,
      logo,
      palette: pal,
      title,
      subtitle: [doc.number ? `No. ${doc.number}` : "Not numbered (draft)", `Status: ${STATUS_LABELS[doc.status]}`],
    })
    const meta: Array<[string, string]> = [
      ["Issue date", doc.issue_date ? formatDate(doc.issue_date, tz) : "—"],
      ["Due date", doc.due_date ? formatDate(doc.due_date, tz) : "—"],
      ["Period", formatPeriod(doc.period_start, doc.period_end, tz)],
      ["Currency", cur],
    ]
    if (doc.corrects_invoice_number) meta.push(["Corrects", doc.corrects_invoice_number])
    drawParties(l, doc.bill_to, meta)

    // line items
    const w = widths(l.width, [5.2, 1.3, 1.5, 1.7])
    const lines = new Table(l, [
      { header: "Description", width: w[0], wrap: 3 },
      { header: "Quantity", width: w[1], align: "right" },
      { header: "Unit price", width: w[2], align: "right" },
      { header: `Amount (${cur})`, width: w[3], align: "right" },
    ], pal)
    lines.header()
    if (doc.lines.length === 0) lines.note("No charges in this period.")
    for (const line of doc.lines) {
      lines.row(
        [
          line.description,
          groupThousands(line.quantity),
          line.unit_price != null ? money(line.unit_price) : "",
          money(line.amount),
        ],
        { details: lineDetails(line.details, tz) }
      )
    }

    drawTaxTable(l, pal, doc.taxes, cur)

    const totals: TotalRow[] = [
      { label: `Subtotal (${cur})`, value: money(doc.subtotal) },
      { label: `Tax (${cur})`, value: money(doc.tax_total) },
      { label: `Total (${cur})`, value: money(doc.total), bold: true, ruleAbove: true },
      { label: "Amount paid", value: money(doc.amount_paid) },
    ]
    if (doc.amount_credited != null && !new Decimal(doc.amount_credited).isZero()) {
      totals.push({ label: "Credited", value: money(doc.amount_credited) })
    }
    totals.push({
      label: `Amount due (${cur})`,
      value: money(doc.amount_due),
      bold: true,
      color: pal.accentText,
      ruleAbove: true,
    })
    l.y += 6
    drawTotals(l, totals)
    if (doc.tax_inclusive) {
      l.cell("Prices include tax.", l.left + l.width * 0.5, l.y, l.width * 0.5, { size: 7.5, color: MUTED })
      l.y += 10
    }

    const notes = doc.notes ?? []
    if (notes.length > 0) {
      drawHeading(l, "Notes")
      for (const n of notes) {
        l.paragraph(n, { size: 8.5 })
        l.y += 3
      }
    }
    if (doc.payment_terms) {
      drawHeading(l, "Payment terms")
      l.paragraph(doc.payment_terms, { size: 8.5 })
    }

    if (!opts.calls) {
      l.finishBufferedPages(l.page)
      return
    }

    const callCount = doc.call_count ?? null
    const firstRows = Math.floor((l.bottom - (l.top + RUNNING_HEADER_HEIGHT + CALL_TITLE + CALL_HEAD)) / CALL_ROW)
    const otherRows = Math.floor((l.bottom - (l.top + RUNNING_HEADER_HEIGHT + CALL_HEAD)) / CALL_ROW)
    l.ensure(l.lineHeight(8.5) + 8)
    l.y += 8
    l.cell(`The itemised call statement starts on page ${l.page + 1}.`, l.left, l.y, l.width, { size: 8.5, color: MUTED })
    const total = callCount === null ? null : l.page + callPageCount(callCount, firstRows, otherRows)
    l.finishBufferedPages(total)
    await drawCalls(l, pal, opts.calls, { callCount, firstRows, otherRows, tz, cur, drained })
  })
}

interface CallSection {
  callCount: number | null
  firstRows: number
  otherRows: number
  tz: string
  cur: string
  drained: () => Promise<void>
}

async function drawCalls(
  l: PdfLayout,
  pal: Palette,
  calls: AsyncIterable<StatementCall> | Iterable<StatementCall>,
  s: CallSection
): Promise<void> {
  const w = widths(l.width, CALL_WEIGHTS)
  const xs: number[] = []
  w.reduce((x, cw) => (xs.push(x), x + cw), l.left)
  const headers = ["Answer time", "Caller ID", "Destination", "Name", "Duration", "Rated s", "Rate/min", `Charge (${s.cur})`]
  const right = [false, false, false, false, true, true, true, true]
  const pad = 2.5
  const style = { size: CALL_SIZE }
  const bold = { size: CALL_SIZE, bold: true }

  const header = (): void => {
    l.fill(l.left, l.y, l.width, CALL_HEAD - 2, pal.primary)
    headers.forEach((h, i) =>
      l.cell(h, xs[i] + pad, l.y + 3, w[i] - 2 * pad, { ...bold, color: pal.onPrimary, align: right[i] ? "right" : "left" })
    )
    l.y += CALL_HEAD
  }
  let rowsLeft = 0
  let pages = 0
  const newPage = async (): Promise<void> => {
    l.addPage()
    await s.drained()
    pages++
    if (pages === 1) {
      l.cell("Itemised calls", l.left, l.y, l.width, { bold: true, size: 13 })
      const count = s.callCount === null ? "" : `${groupThousands(String(s.callCount))} calls · `
      l.cell(
        `${count}answer times are local to ${s.tz} · charges per call as rated, before included minutes and tiers`,
        l.left,
        l.y + 13 * 1.25,
        l.width,
        { size: 8, color: MUTED }
      )
      l.y += CALL_TITLE
      rowsLeft = s.firstRows
    } else {
      rowsLeft = s.otherRows
    }
    header()
  }
  const boxes = w.map((cw, i) => ({
    text: "",
    x: xs[i] + pad,
    width: cw - 2 * pad,
    align: right[i] ? ("right" as const) : ("left" as const),
    shrink: right[i],
  }))
  const row = (cells: string[], isBold: boolean, shade: boolean): void => {
    if (shade) l.fill(l.left, l.y - 1.5, l.width, CALL_ROW, ZEBRA)
    for (let i = 0; i < boxes.length; i++) boxes[i].text = cells[i]
    l.cells(l.y, boxes, isBold ? bold : style)
    l.y += CALL_ROW
    rowsLeft--
  }

  let n = 0
  let seconds = 0
  let rated = 0
  let scale = 0
  let sum = new Decimal(0)
  await newPage()
  for await (const call of calls) {
    if (s.callCount !== null && n >= s.callCount) {
      throw new Error(`calls: more calls than call_count (${s.callCount}); the page numbers would be wrong`)
    }
    validateCall(call, n)
    if (rowsLeft === 0) await newPage()
    row(
      [
        call.answer_time == null ? "—" : formatLocalDateTime(call.answer_time, s.tz),
        call.caller_id ?? "",
        call.destination,
        call.destination_name ?? "",
        formatDuration(call.duration),
        String(call.rated_seconds),
        call.rate ?? "",
        money(call.charge),
      ],
      false,
      n % 2 === 1
    )
    n++
    seconds += call.duration
    rated += call.rated_seconds
    sum = sum.plus(call.charge)
    scale = Math.max(scale, scaleOf(call.charge))
  }
  if (s.callCount !== null && n !== s.callCount) {
    throw new Error(`calls: ${n} calls read but call_count is ${s.callCount}; the page numbers would be wrong`)
  }
  if (rowsLeft === 0) await newPage()
  l.rule(l.y - 1.5, INK, 0.75)
  const callsLabel = `${groupThousands(String(n))} calls`
  row(["Total", "", "", callsLabel, formatDuration(seconds), String(rated), "", money(sum.toFixed(scale))], true, false)
  l.rule(l.y - 1.5, RULE)
}
