/**
 * The parts every billing document shares: the letterhead (issuer, title,
 * number), the bill-to block beside the document's dates, running headers
 * and footers, tables whose header repeats on each page, and the totals
 * block. Layout only; the renderers decide what goes in.
 */
import { groupThousands } from "./format"
import { INK, MUTED, RULE, ZEBRA, type Align, type Palette, type PdfLayout } from "./pdf"
import type { BillToInfo, IssuerInfo } from "./types"

const LOGO_BOX: [number, number] = [150, 56]

/**
 * Money for print: thousands separators, digits unchanged.
 *
 * @example
 * money("1234567.50") // "1,234,567.50"
 */
export const money = (value: string): string => groupThousands(value)

export interface Letterhead {
  issuer: IssuerInfo
  /** what `openLogo` returned */
  logo: unknown | null
  palette: Palette
  /** "Invoice", "Credit note" … */
  title: string
  /** lines under the title, right-aligned: "No. INV-2026-000001", "Status: Issued" */
  subtitle: string[]
}

/**
 * The top of a document's first page: the logo or the issuer's name and its
 * address on the left, the title and number on the right, a rule in the
 * primary colour. Moves the cursor below it.
 *
 * @example
 * drawLetterhead(l, { issuer, logo: null, palette: palette(issuer), title: "Invoice", subtitle: ["No. INV-2026-000001"] })
 */
export function drawLetterhead(l: PdfLayout, h: Letterhead): void {
  const top = l.y
  const leftW = l.width * 0.55
  let yl = top
  if (h.logo) {
    l.doc.image(h.logo as Buffer, l.left, yl, { fit: LOGO_BOX })
    // fit keeps the aspect ratio inside the box; the box is what we reserve
    yl += LOGO_BOX[1] + 6
  } else {
    for (const line of l.wrap(h.issuer.legal_name, leftW, { bold: true, size: 15 }, 2)) {
      l.cell(line, l.left, yl, leftW, { bold: true, size: 15, color: h.palette.primaryText })
      yl += l.lineHeight(15)
    }
    yl += 2
  }
  if (h.logo) {
    l.cell(h.issuer.legal_name, l.left, yl, leftW, { bold: true, size: 9 })
    yl += l.lineHeight(9)
  }
  const info = [...(h.issuer.address_lines ?? [])]
  if (h.issuer.tax_id) info.push(`Tax ID: ${h.issuer.tax_id}`)
  if (h.issuer.email) info.push(h.issuer.email)
  for (const line of info) {
    l.cell(line, l.left, yl, leftW, { size: 8, color: MUTED })
    yl += l.lineHeight(8)
  }

  const rightX = l.left + leftW + 10
  const rightW = l.right - rightX
  let yr = top
  l.cell(h.title.toUpperCase(), rightX, yr, rightW, { bold: true, size: 20, align: "right", color: h.palette.accentText })
  yr += l.lineHeight(20) + 2
  for (const line of h.subtitle) {
    l.cell(line, rightX, yr, rightW, { size: 9, align: "right" })
    yr += l.lineHeight(9)
  }

  l.y = Math.max(yl, yr) + 6
  l.rule(l.y, h.palette.primary, 1.5)
  l.y += 12
}

/**
 * The bill-to block (left) beside label/value pairs (right: dates, period,
 * currency). Moves the cursor below the taller of the two.
 *
 * @example
 * drawParties(l, { name: "Acme Ltd", code: "ACME" }, [["Issue date", "31 Jan 2026"]])
 */
export function drawParties(l: PdfLayout, to: BillToInfo, meta: Array<[string, string]>): void {
  const top = l.y
  const leftW = l.width * 0.5
  let yl = top
  l.cell("BILL TO", l.left, yl, leftW, { bold: true, size: 7.5, color: MUTED })
  yl += l.lineHeight(7.5)
  for (const line of l.wrap(to.name, leftW, { bold: true, size: 10 }, 2)) {
    l.cell(line, l.left, yl, leftW, { bold: true, size: 10 })
    yl += l.lineHeight(10)
  }
  const rest: string[] = []
  if (to.code) rest.push(`Account ${to.code}`)
  rest.push(...(to.address_lines ?? []))
  if (to.tax_id) rest.push(`Tax ID: ${to.tax_id}`)
  if (to.email) rest.push(to.email)
  for (const line of rest) {
    l.cell(line, l.left, yl, leftW, { size: 8.5 })
    yl += l.lineHeight(8.5)
  }

  const labelX = l.left + leftW + 10
  const labelW = 80
  const valueX = labelX + labelW
  const valueW = l.right - valueX
  let yr = top + l.lineHeight(7.5)
  for (const [label, value] of meta) {
    l.cell(label, labelX, yr, labelW, { size: 8.5, color: MUTED })
    l.cell(value, valueX, yr, valueW, { size: 8.5, align: "right", bold: true })
    yr += l.lineHeight(8.5)
  }
  l.y = Math.max(yl, yr) + 14
}

/**
 * The running header of a continuation page: "Acme Ltd · Invoice INV-… (continued)".
 *
 * @example
 * l.onPage = (p) => { if (p.page > 1) drawRunningHeader(p, "Acme Ltd · Invoice INV-2026-000001") }
 */
export function drawRunningHeader(l: PdfLayout, text: string): void {
  l.cell(`${text} (continued)`, l.left, l.y, l.width, { size: 7.5, color: MUTED })
  l.y += 11
  l.rule(l.y, RULE)
  l.y += 7
}

/** The height `drawRunningHeader` takes. */
export const RUNNING_HEADER_HEIGHT = 18

/**
 * The footer: the document's name on the left, "Page x of y" (or "Page x"
 * when the total is not known) on the right.
 *
 * @example
 * l.footer = (p, n, total) => drawFooter(p, "Acme Ltd · Invoice INV-2026-000001", n, total)
 */
export function drawFooter(l: PdfLayout, text: string, n: number, total: number | null): void {
  const y = l.footerY
  l.rule(y - 5, RULE)
  const label = total === null ? `Page ${n}` : `Page ${n} of ${total}`
  l.cell(label, l.right - 90, y, 90, { size: 7.5, color: MUTED, align: "right" })
  l.cell(text, l.left, y, l.width - 100, { size: 7.5, color: MUTED })
}

export interface Column {
  header: string
  /** points */
  width: number
  align?: Align
  /** lines a cell of this column may wrap to (default 1: truncated with "…") */
  wrap?: number
  /** print smaller rather than cut (default: right-aligned columns, which hold numbers) */
  shrink?: boolean
}

export interface RowOptions {
  bold?: boolean
  /** small grey lines under the first column (line details) */
  details?: string[]
  /** a rule above the row (totals) */
  ruleAbove?: boolean
}

const PAD = 3

/**
 * A table whose header repeats on every page it runs onto. Rows never split
 * across pages; a cell wraps up to its column's `wrap` lines, then "…".
 *
 * @example
 * const t = new Table(l, cols, pal)
 * t.header()
 * t.row(["Seats", "10", "5.00", "50.00"])
 */
export class Table {
  private readonly size: number
  private zebra = 0

  constructor(
    private readonly l: PdfLayout,
    private readonly cols: Column[],
    private readonly pal: Palette,
    opts: { size?: number } = {}
  ) {
    this.size = opts.size ?? 8.5
  }

  get headerHeight(): number {
    return this.l.lineHeight(this.size) + 6
  }

  header(): void {
    const l = this.l
    const h = this.headerHeight
    l.ensure(h + l.lineHeight(this.size) * 2)
    l.fill(l.left, l.y, l.width, h, this.pal.primary)
    let x = l.left
    for (const c of this.cols) {
      l.cell(c.header, x + PAD, l.y + 3.5, c.width - 2 * PAD, {
        bold: true,
        size: this.size,
        align: c.align,
        color: this.pal.onPrimary,
      })
      x += c.width
    }
    l.y += h + 2
    this.zebra = 0
  }

  row(cells: string[], opts: RowOptions = {}): void {
    const l = this.l
    const lh = l.lineHeight(this.size)
    const dSize = this.size - 1.5
    const dlh = l.lineHeight(dSize)
    const style = { bold: opts.bold ?? false, size: this.size }
    const lines = this.cols.map((c, i) => {
      const text = cells[i] ?? ""
      if (!text) return [] as string[]
      return (c.wrap ?? 1) > 1 ? l.wrap(text, c.width - 2 * PAD, style, c.wrap) : [text]
    })
    const details = opts.details ?? []
    const height = Math.max(1, ...lines.map((x) => x.length)) * lh + details.length * dlh + 3
    if (l.ensure(height + (opts.ruleAbove ? 3 : 0))) this.header()
    if (opts.ruleAbove) {
      l.rule(l.y, INK, 0.75)
      l.y += 3
    } else if (this.zebra++ % 2 === 1) {
      l.fill(l.left, l.y - 1, l.width, height, ZEBRA)
    }
    let x = l.left
    const top = l.y
    this.cols.forEach((c, i) => {
      let y = top
      for (const line of lines[i]) {
        l.cell(line, x + PAD, y, c.width - 2 * PAD, { ...style, align: c.align, shrink: c.shrink ?? c.align === "right" })
        y += lh
      }
      x += c.width
    })
    let y = top + Math.max(1, lines[0].length) * lh
    for (const d of details) {
      l.cell(d, l.left + PAD + 8, y, this.cols[0].width - 2 * PAD - 8, { size: dSize, color: MUTED })
      y += dlh
    }
    l.y = top + height
  }

  /** A full-width line of muted text in the table ("No charges this period"). */
  note(text: string): void {
    const l = this.l
    const lh = l.lineHeight(this.size)
    if (l.ensure(lh + 3)) this.header()
    l.cell(text, l.left + PAD, l.y, l.width - 2 * PAD, { size: this.size, color: MUTED })
    l.y += lh + 3
  }
}

/**
 * Column widths from weights, summing exactly to `total` points.
 *
 * @example
 * widths(500, [5, 1.2, 1.3, 1.5]) // [277.78, 66.67, 72.22, 83.33] (approximately)
 */
export function widths(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0)
  const out = weights.map((w) => (total * w) / sum)
  out[out.length - 1] = total - out.slice(0, -1).reduce((a, b) => a + b, 0)
  return out
}

export interface TotalRow {
  label: string
  value: string
  bold?: boolean
  color?: string
  ruleAbove?: boolean
}

/**
 * Label/amount pairs right-aligned in the right part of the page (subtotal,
 * tax, total, amount due). Rows stay together on one page.
 *
 * @example
 * drawTotals(l, [{ label: "Total (EUR)", value: "1,210.00", bold: true }])
 */
export function drawTotals(l: PdfLayout, rows: TotalRow[], size = 9): void {
  const lh = l.lineHeight(size) + 2
  l.ensure(rows.length * lh + rows.filter((r) => r.ruleAbove).length * 4 + 4)
  const x = l.left + l.width * 0.5
  const labelW = l.width * 0.3
  const valueW = l.right - x - labelW
  l.y += 4
  for (const r of rows) {
    if (r.ruleAbove) {
      l.rule(l.y, INK, 0.75, x, l.right)
      l.y += 4
    }
    l.cell(r.label, x, l.y, labelW, { size, bold: r.bold, color: r.color })
    l.cell(r.value, x + labelW, l.y, valueW, { size, bold: r.bold, color: r.color, align: "right", shrink: true })
    l.y += lh
  }
}

/**
 * A small bold heading at the cursor, kept with at least `keep` points of
 * what follows.
 *
 * @example
 * drawHeading(l, "Notes", 30)
 */
export function drawHeading(l: PdfLayout, text: string, keep = 24): void {
  l.ensure(l.lineHeight(9.5) + 8 + keep)
  l.y += 8
  l.cell(text, l.left, l.y, l.width, { bold: true, size: 9.5 })
  l.y += l.lineHeight(9.5) + 2
}
