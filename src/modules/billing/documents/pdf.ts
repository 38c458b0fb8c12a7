/**
 * The page machinery the PDF renderers share: a pdfkit document wrapped with
 * a y cursor, explicit page breaks (pdfkit never breaks a page on its own
 * here: every line of text is placed and measured by us), running headers,
 * "Page x of y" footers, a watermark, one-line table cells that truncate and
 * wrapped paragraphs. Standard Helvetica only, so text goes through
 * `toWinAnsi` first.
 *
 * Memory: the document buffers its pages (pdfkit `bufferPages`) only while
 * the page count is unknown; a streaming section (the call statement) flushes
 * each page as the next begins and waits for the consumer when more than
 * `PRESSURE_BYTES` are queued, so a 100,000-call invoice holds about one page.
 */
import type { Writable } from "stream"
import { pipeline } from "stream/promises"
import type PDFDocument from "pdfkit"
import { lazyModule } from "../../../lib/lazy-module"
import { paragraphs, toWinAnsi, truncateToWidth, WIN_ANSI_EXTRA, wrapToWidth, type Measure } from "./text"
import type { IssuerInfo, PdfRenderOptions } from "./types"

/** pdfkit, loaded with the first document (see lazyModule) */
const pdfkit = lazyModule(() => require("pdfkit") as typeof PDFDocument)

export type Pdf = PDFKit.PDFDocument
export type Align = "left" | "right"

export const FONT = "Helvetica"
export const FONT_BOLD = "Helvetica-Bold"
export const MARGIN = 40
/** where the footer's baseline box starts, measured up from the page's bottom edge */
const FOOTER_FROM_BOTTOM = 28
/** queued output (bytes) above which a streaming section waits for the consumer */
const PRESSURE_BYTES = 64 * 1024

export const INK = "#111827"
export const MUTED = "#6b7280"
export const RULE = "#d1d5db"
export const ZEBRA = "#f3f4f6"

const HEX_RE = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i

export interface Palette {
  /** bands (table headers) and rules */
  primary: string
  /** text on a primary-coloured band: white or ink, whichever reads better */
  onPrimary: string
  /** text in the primary colour on white: the colour, or ink when it is too light to read */
  primaryText: string
  /** the title and the amount due on white: the accent, or ink when it is too light */
  accentText: string
}

/** The channel values 0–255 of "#rgb" / "#rrggbb". */
function rgb(hex: string): [number, number, number] {
  const h = hex.length === 4 ? hex.replace(/^#(.)(.)(.)$/, "#$1$1$2$2$3$3") : hex
  return [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)]
}

/** WCAG relative luminance. */
function luminance(hex: string): number {
  const [r, g, b] = rgb(hex)
    .map((v) => v / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

/** WCAG contrast ratio of two colours. */
function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p)
  return (x + 0.05) / (y + 0.05)
}

/**
 * The issuer's colours, checked, with the house defaults (the issuing
 * entity model's) when absent, and text colours that stay readable (WCAG
 * contrast ≥ 3 for large text) whatever the brand picked. A malformed
 * colour is an error, not a guess.
 *
 * @example
 * palette({ legal_name: "Acme", primary_color: "#fde68a" })
 * // { primary: "#fde68a", onPrimary: "#111827", primaryText: "#111827", accentText: "#2563eb" }
 */
export function palette(issuer: IssuerInfo): Palette {
  const primary = issuer.primary_color ?? "#1f2937"
  const accent = issuer.accent_color ?? "#2563eb"
  for (const [what, c] of [["primary_color", primary], ["accent_color", accent]] as const) {
    if (!HEX_RE.test(c)) throw new Error(`issuer.${what}: ${JSON.stringify(c)} is not a hex colour (#rrggbb or #rgb)`)
  }
  const WHITE = "#ffffff"
  return {
    primary,
    onPrimary: contrast(primary, WHITE) >= contrast(primary, INK) ? WHITE : INK,
    primaryText: contrast(primary, WHITE) >= 3 ? primary : INK,
    accentText: contrast(accent, WHITE) >= 3 ? accent : INK,
  }
}

export interface CellStyle {
  align?: Align
  bold?: boolean
  size?: number
  color?: string
}

/** A box on one line for `PdfLayout.cells`. */
export interface CellBox {
  text: string
  x: number
  width: number
  align?: Align
  /** too wide: print smaller (down to MIN_SIZE) before cutting; for amounts, which must not lose digits */
  shrink?: boolean
}

/** the smallest size a shrinking cell prints at */
const MIN_SIZE = 5

/** What we need of one of pdfkit's standard fonts (read once from its AFM data). */
interface FontMetrics {
  /** the resource name pdfkit gave it ("F1") */
  id: string
  /** pdfkit's font object, registered on each page that uses it */
  font: { ref(): unknown }
  /** advance width per WinAnsi byte, 1/1000 em */
  widths: Float64Array
  ascender: number
}

interface PdfkitInternals {
  _font: {
    id: string
    ascender: number
    ref(): unknown
    font: { characterToGlyph(cp: number): string; widthOfGlyph(glyph: string): number }
  }
  page: { fonts: Record<string, unknown>; height: number }
}

const HEX = Array.from({ length: 256 }, (_, i) => (i < 16 ? "0" : "") + i.toString(16))

/** Unicode code point of each WinAnsi byte (0 where the byte has no glyph). */
const BYTE_TO_CP = (() => {
  const t = new Uint32Array(256)
  for (let b = 0x20; b <= 0xff; b++) if (b <= 0x7e || b >= 0xa0) t[b] = b
  for (const [cp, b] of WIN_ANSI_EXTRA) t[b] = cp
  return t
})()

/** The WinAnsi byte of a character of `toWinAnsi` output. */
function byteOf(code: number): number {
  return code < 0x100 ? code : (WIN_ANSI_EXTRA.get(code) ?? 0x3f)
}

/** "#rrggbb" → "r g b" in 0–1 for the `rg` operator. */
function rgOperands(hex: string): string {
  return rgb(hex)
    .map((v) => +(v / 255).toFixed(4))
    .join(" ")
}

/** A coordinate with 2 decimals, as short as it prints. */
const num = (n: number) => Math.round(n * 100) / 100

/**
 * A pdfkit document with a cursor and explicit pagination. Renderers set
 * `onPage` (what every new page shows first) and `footer`.
 *
 * Text is written as plain `Tj` operators in one q/Q block per line of
 * cells, measured with the fonts' own AFM widths (no kerning, so what is
 * measured is exactly what is drawn). pdfkit's `text()` measures and kerns
 * every string twice, which was most of the time of a 100,000-call
 * statement; it is used only for the rotated watermark.
 */
export class PdfLayout {
  readonly doc: Pdf
  readonly left = MARGIN
  readonly top = MARGIN
  readonly right: number
  readonly bottom: number
  readonly width: number
  readonly pageHeight: number
  y = MARGIN
  /** 1-based number of the current page */
  page = 0
  /** called on every new page, after the cursor is reset to the top */
  onPage: (l: PdfLayout) => void = () => {}
  /** draws the footer of page `n` of `total` (null: the total is not known) */
  footer: (l: PdfLayout, n: number, total: number | null) => void = () => {}
  /** once set, each page is flushed when the next begins and gets its footer at once */
  private streaming: { total: number | null } | null = null
  private readonly regular: FontMetrics
  private readonly bold: FontMetrics
  private cur: FontMetrics
  private curSize = 8.5
  private readonly rgCache = new Map<string, string>()

  constructor(opts: PdfRenderOptions, info: { title: string; author: string; subject?: string }) {
    this.doc = new (pdfkit())({
      size: opts.size ?? "A4",
      margin: MARGIN,
      bufferPages: true,
      autoFirstPage: false,
      compress: opts.compress ?? true,
      info: {
        Title: info.title,
        Author: info.author,
        ...(info.subject ? { Subject: info.subject } : {}),
        CreationDate: opts.creation_date ?? new Date(),
      },
    })
    const size = opts.size ?? "A4"
    const [w, h] = size === "LETTER" ? [612, 792] : [595.28, 841.89]
    this.right = w - MARGIN
    this.bottom = h - MARGIN
    this.width = this.right - this.left
    this.pageHeight = h
    this.regular = this.metrics(FONT)
    this.bold = this.metrics(FONT_BOLD)
    this.cur = this.regular
  }

  private metrics(name: string): FontMetrics {
    const d = this.doc.font(name) as unknown as PdfkitInternals
    const f = d._font
    const widths = new Float64Array(256)
    for (let b = 0; b < 256; b++) {
      if (BYTE_TO_CP[b]) widths[b] = f.font.widthOfGlyph(f.font.characterToGlyph(BYTE_TO_CP[b]))
    }
    return { id: f.id, font: f, widths, ascender: f.ascender }
  }

  /** Starts a new page: flushes the previous one when streaming, then `onPage`. */
  addPage(): void {
    if (this.streaming) this.doc.flushPages()
    this.doc.addPage()
    this.page++
    this.y = this.top
    this.onPage(this)
    if (this.streaming) this.footer(this, this.page, this.streaming.total)
  }

  /** Makes room for `height` points: a new page when they do not fit. True when a page was added. */
  ensure(height: number): boolean {
    if (this.y + height <= this.bottom) return false
    this.addPage()
    return true
  }

  /**
   * Writes the footers of the pages still buffered (now that `total` is
   * known, or known to be unknown), flushes them, and from here on streams:
   * each later page is written out when the next begins. Draw nothing until
   * the next `addPage`.
   */
  finishBufferedPages(total: number | null): void {
    const { start, count } = this.doc.bufferedPageRange()
    for (let i = start; i < start + count; i++) {
      this.doc.switchToPage(i)
      this.footer(this, i + 1, total)
    }
    this.doc.flushPages()
    this.streaming = { total }
  }

  /** Sets the font used by `measure`, `wrap` and the next cells. */
  font(bold: boolean, size: number): void {
    this.cur = bold ? this.bold : this.regular
    this.curSize = size
  }

  /** Width of `text` (already `toWinAnsi`) in the current font and size. */
  readonly measure: Measure = (text) => {
    const w = this.cur.widths
    let sum = 0
    for (let i = 0; i < text.length; i++) sum += w[byteOf(text.charCodeAt(i))]
    return (sum * this.curSize) / 1000
  }

  /** Line height for a font size. */
  lineHeight(size: number): number {
    return size * 1.25
  }

  /**
   * One line of text in a box `width` wide at (x, y): made printable, cut
   * with "…" when too long, left or right aligned. Never wraps, never moves
   * the cursor.
   */
  cell(text: string, x: number, y: number, width: number, style: CellStyle & { shrink?: boolean } = {}): void {
    if (text) this.cells(y, [{ text, x, width, align: style.align, shrink: style.shrink }], style)
  }

  /**
   * Several one-line cells on the same line in one style, written as one
   * text block (the call statement writes a row per call this way).
   */
  cells(y: number, boxes: CellBox[], style: CellStyle = {}): void {
    this.font(style.bold ?? false, style.size ?? 8.5)
    const size = this.curSize
    const f = this.cur
    // cells share the line's top; a shrunk cell keeps the same top, so its baseline moves up a little
    const baseline = num(this.pageHeight - y - (f.ascender / 1000) * size)
    let ops = ""
    let lastSize = size
    for (const b of boxes) {
      if (!b.text) continue
      let shown = toWinAnsi(b.text)
      let w = this.measure(shown)
      let cellSize = size
      if (w > b.width && b.shrink) {
        cellSize = Math.max(MIN_SIZE, Math.floor(((size * b.width) / w) * 10) / 10)
        w = (w * cellSize) / size
      }
      if (w > b.width) {
        this.curSize = cellSize
        shown = truncateToWidth(shown, b.width, this.measure)
        w = this.measure(shown)
        this.curSize = size
      }
      if (!shown) continue
      const at = b.align === "right" ? b.x + b.width - w : b.x
      let hex = ""
      for (let i = 0; i < shown.length; i++) hex += HEX[byteOf(shown.charCodeAt(i))]
      if (cellSize !== lastSize) {
        ops += `/${f.id} ${cellSize} Tf `
        lastSize = cellSize
      }
      ops += `1 0 0 1 ${num(at)} ${baseline} Tm <${hex}> Tj\n`
    }
    if (!ops) return
    const internals = this.doc as unknown as PdfkitInternals
    const fonts = internals.page.fonts
    if (fonts[f.id] == null) fonts[f.id] = f.font.ref()
    let rg = this.rgCache.get(style.color ?? INK)
    if (!rg) {
      rg = rgOperands(style.color ?? INK)
      this.rgCache.set(style.color ?? INK, rg)
    }
    // pdfkit's page starts flipped (y down); flip back for text, inside q/Q
    this.doc.addContent(`q 1 0 0 -1 0 ${num(this.pageHeight)} cm BT /${f.id} ${size} Tf ${rg} rg\n${ops}ET Q`)
  }

  /** Lines of `text` wrapped to `width` in a style (paragraph breaks kept). */
  wrap(text: string, width: number, style: CellStyle = {}, maxLines = Infinity): string[] {
    this.font(style.bold ?? false, style.size ?? 8.5)
    const out: string[] = []
    for (const p of paragraphs(text)) {
      if (out.length >= maxLines) break
      const lines = p ? wrapToWidth(p, width, this.measure, maxLines - out.length) : [""]
      out.push(...lines)
    }
    return out
  }

  /**
   * A wrapped paragraph at the cursor, breaking pages between lines; moves
   * the cursor below it.
   */
  paragraph(text: string, style: CellStyle & { x?: number; width?: number } = {}): void {
    const x = style.x ?? this.left
    const width = style.width ?? this.right - x
    const size = style.size ?? 8.5
    const lh = this.lineHeight(size)
    for (const line of this.wrap(text, width, style)) {
      this.ensure(lh)
      this.cell(line, x, this.y, width, style)
      this.y += lh
    }
  }

  /** A horizontal rule at `y` across the content width (or from x1 to x2). */
  rule(y: number, color = RULE, weight = 0.5, x1 = this.left, x2 = this.right): void {
    this.doc.addContent(`q ${weight} w ${rgOperands(color)} RG ${num(x1)} ${num(y)} m ${num(x2)} ${num(y)} l S Q`)
  }

  /** A filled rectangle, drawn under whatever comes next. */
  fill(x: number, y: number, w: number, h: number, color: string): void {
    let rg = this.rgCache.get(color)
    if (!rg) {
      rg = rgOperands(color)
      this.rgCache.set(color, rg)
    }
    this.doc.addContent(`q ${rg} rg ${num(x)} ${num(y)} ${num(w)} ${num(h)} re f Q`)
  }

  /** Big, light, rotated text across the page centre: "DRAFT", "VOID". */
  watermark(text: string, color: string): void {
    const d = this.doc
    const cx = (this.left + this.right) / 2
    const cy = this.pageHeight / 2
    const size = 110
    d.save()
    d.rotate(-35, { origin: [cx, cy] })
    d.font(FONT_BOLD).fontSize(size)
    const w = d.widthOfString(text)
    d.fillColor(color).fillOpacity(0.12)
    d.text(text, cx - w / 2, cy - size * 0.36, { lineBreak: false })
    d.restore()
  }

  /** Where a footer's text sits. */
  get footerY(): number {
    return this.pageHeight - FOOTER_FROM_BOTTOM
  }
}

/**
 * Pipes the document into `out` and returns the pipeline's promise and a
 * function that resolves once the queued output is below `PRESSURE_BYTES`
 * (pdfkit pushes without looking at back-pressure, so long sections call it
 * between pages). It rejects when the output failed, so the caller stops
 * reading its cursor.
 *
 * @example
 * const { done, drained } = streamTo(l.doc, res)
 * for await (const page of pages) { drawPage(page); await drained() }
 * l.doc.end()
 * await done
 */
export function streamTo(doc: Pdf, out: Writable): { done: Promise<void>; drained: () => Promise<void> } {
  let wake: (() => void) | null = null
  const readable = doc as unknown as { _read: () => void }
  // pdfkit's _read is a no-op: the consumer asking for more is our signal
  readable._read = () => {
    const w = wake
    wake = null
    w?.()
  }
  doc.once("close", () => readable._read())
  const done = pipeline(doc, out)
  // surfaced by `await done`; without this an early failure would be "unhandled"
  done.catch(() => undefined)
  const drained = async (): Promise<void> => {
    while (doc.readableLength > PRESSURE_BYTES && !doc.destroyed) {
      await new Promise<void>((resolve) => {
        // the timer is a safety net: Readable asks once per push batch
        const t = setTimeout(() => {
          wake = null
          resolve()
        }, 25)
        wake = () => {
          clearTimeout(t)
          resolve()
        }
      })
    }
    if (doc.destroyed) {
      await done
      throw new Error("the PDF stream was closed before the document was complete")
    }
  }
  return { done, drained }
}

/**
 * Runs `draw` against a piped document: ends the document when it returns,
 * destroys it (and so `out`) with the error when it throws. Resolves when
 * `out` has finished.
 *
 * @example
 * await renderTo(l, out, async (drained) => {
 *   l.addPage()
 *   l.cell("Hello", l.left, l.y, l.width)
 *   l.finishBufferedPages(l.page)
 * })
 */
export async function renderTo(
  l: PdfLayout,
  out: Writable,
  draw: (drained: () => Promise<void>) => Promise<void> | void
): Promise<void> {
  const { done, drained } = streamTo(l.doc, out)
  try {
    await draw(drained)
    l.doc.end()
  } catch (e) {
    l.doc.destroy(e as Error)
  }
  await done
}

/**
 * Opens the issuer's logo up front so a bad file fails before anything is
 * written; null when there is none.
 *
 * @example
 * const logo = openLogo(l, issuer.logo) // throws "issuer.logo: Unknown image format. …"
 */
export function openLogo(l: PdfLayout, logo: IssuerInfo["logo"]): unknown | null {
  if (logo == null) return null
  try {
    return (l.doc as unknown as { openImage(src: string | Buffer): unknown }).openImage(logo)
  } catch (e) {
    throw new Error(`issuer.logo: ${(e as Error).message} (PNG or JPEG, a path or a Buffer)`)
  }
}
