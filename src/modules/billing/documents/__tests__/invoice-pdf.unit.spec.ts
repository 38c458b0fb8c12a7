import { mkdtempSync, rmSync, writeFileSync } from "fs"
import { tmpdir } from "os"
import { join } from "path"
import { PassThrough, Writable } from "stream"
import { renderInvoicePdf } from "../invoice-pdf"
import type { InvoiceDocument, StatementCall } from "../types"
import { asAsync, billTo, calls, invoice, issuer, png, Sink } from "./fixtures"
import { parsePdf, runWidth, type ParsedPdf } from "./pdf-reader"

const FIXED = { compress: false, creation_date: new Date("2026-02-01T08:00:00Z") }

async function render(doc: InvoiceDocument, opts: Parameters<typeof renderInvoicePdf>[2] = {}): Promise<ParsedPdf & { bytes: Buffer }> {
  const sink = new Sink()
  await renderInvoicePdf(doc, sink, { ...FIXED, ...opts })
  return { ...parsePdf(sink.buffer), bytes: sink.buffer }
}

const footers = (pdf: ParsedPdf) =>
  pdf.pages.map((p) => p.runs.filter((r) => r.text.startsWith("Page ")).map((r) => r.text).join(""))

describe("renderInvoicePdf: the invoice part", () => {
  it("prints the issuer, the bill-to, the number, the dates and the period", async () => {
    const pdf = await render(invoice())
    expect(pdf.pages).toHaveLength(1)
    const t = pdf.pages[0].text
    expect(t).toContain("Northwind Voice Ltd")
    expect(t).toContain("Tax ID: GB123456789")
    expect(t).toContain("INVOICE")
    expect(t).toContain("No. NW-2026-000042")
    expect(t).toContain("Status: Issued")
    expect(t).toContain("Acme Contact Centre GmbH")
    expect(t).toContain("Account ACME01")
    expect(t).toContain("Friedrichstraße 1")
    expect(t).toContain("Tax ID: DE123456789")
    expect(t).toMatch(/Issue date 1 Feb 2026/)
    expect(t).toMatch(/Due date 3 Mar 2026/)
    // [2026-01-01, 2026-02-01) prints its last day
    expect(t).toMatch(/Period 1 Jan 2026 – 31 Jan 2026/)
    expect(t).toMatch(/Currency EUR/)
    expect(pdf.info.Title).toBe("Invoice NW-2026-000042")
    expect(pdf.info.Author).toBe("Northwind Voice Ltd")
  })

  it("prints each line with quantity, unit price and amount, and its details under it", async () => {
    const { text } = (await render(invoice())).pages[0]
    expect(text).toContain("Agent seats (Pro plan) 25 19.00 475.00")
    expect(text).toContain("Outbound calls, Germany mobile 11,500.5 0.0125 143.76")
    expect(text).toContain("Volume discount 1 -8.76 -8.76")
    expect(text).toContain("Prorated 12/31 days (20 Jan 2026 – 31 Jan 2026)")
    expect(text).toContain("Included 1,000 min · billable 11,500.5 min")
    expect(text).toContain("Tier 1 (up to 1,000): 1,000 × 0.0000 = 0.00")
    expect(text).toContain("Tier 2 (1,000 – 10,000): 9,000 × 0.0100 = 90.00")
    expect(text).toContain("Tier 3 (over 10,000): 1,500.5 × 0.0080 = 12.00")
    // a details line sits under its line, not beside it
    const lines = (await render(invoice())).pages[0].lines
    expect(lines.indexOf("Prorated 12/31 days (20 Jan 2026 – 31 Jan 2026)")).toBe(
      lines.indexOf("Agent seats (Pro plan) 25 19.00 475.00") + 1
    )
  })

  it("prints one tax row per rate and the totals block with the currency", async () => {
    const { text } = (await render(invoice())).pages[0]
    expect(text).toContain("Tax Rate Taxable (EUR) Tax (EUR)")
    expect(text).toContain("CGST 9% 610.00 54.90")
    expect(text).toContain("SGST 9% 610.00 54.90")
    expect(text).toContain("Subtotal (EUR) 610.00")
    expect(text).toContain("Tax (EUR) 109.80")
    expect(text).toContain("Total (EUR) 719.80")
    expect(text).toContain("Amount paid 100.00")
    expect(text).toContain("Amount due (EUR) 619.80")
    expect(text).not.toContain("Credited")
    expect(text).toContain("Reverse charge: VAT to be accounted for by the recipient")
    expect(text).toContain("Net 30. Pay by bank transfer quoting the invoice number.")
  })

  it("right-aligns amounts: every amount of the lines table ends at the same x", async () => {
    const page = (await render(invoice())).pages[0]
    // the rightmost run with that text (-8.76 is also the unit price)
    const amounts = ["475.00", "143.76", "-8.76"].map(
      (a) => page.runs.filter((r) => r.text === a).sort((p, q) => q.x - p.x)[0]
    )
    const ends = amounts.map((r) => r.x + runWidth(r))
    expect(Math.max(...ends) - Math.min(...ends)).toBeLessThan(0.01)
  })

  it("shows credited amounts, tax-inclusive prices and a debit note's title and invoice", async () => {
    const { text } = (
      await render(
        invoice({ kind: "debit_note", corrects_invoice_number: "NW-2026-000041", amount_credited: "10.00", tax_inclusive: true })
      )
    ).pages[0]
    expect(text).toContain("DEBIT NOTE")
    expect(text).not.toContain("INVOICE")
    expect(text).toContain("Corrects NW-2026-000041")
    expect(text).toContain("Credited 10.00")
    expect(text).toContain("Prices include tax.")
  })

  it("watermarks drafts DRAFT and void invoices VOID, and nothing else", async () => {
    const marks = (pdf: ParsedPdf) => pdf.pages.flatMap((p) => p.runs.filter((r) => r.rotated).map((r) => r.text))
    const draft = await render(invoice({ status: "draft", number: null }))
    expect(marks(draft)).toEqual(["DRAFT"])
    expect(draft.pages[0].text).toContain("Not numbered (draft)")
    expect(draft.info.Title).toBe("Invoice (draft)")
    expect(marks(await render(invoice({ status: "void" })))).toEqual(["VOID"])
    expect(marks(await render(invoice({ status: "paid" })))).toEqual([])
    expect(marks(await render(invoice()))).toEqual([])
  })

  it("writes a structurally valid PDF, compressed or not", async () => {
    for (const compress of [false, true]) {
      const sink = new Sink()
      await renderInvoicePdf(invoice(), sink, { compress })
      const bytes = sink.buffer
      expect(bytes.subarray(0, 5).toString()).toBe("%PDF-")
      expect(bytes.toString("latin1").trimEnd().endsWith("%%EOF")).toBe(true)
      // parsePdf checks every xref offset and the trailer's /Size
      const pdf = parsePdf(bytes)
      expect(pdf.objectCount).toBeGreaterThan(5)
      expect(pdf.pages[0].text).toContain("Amount due (EUR) 619.80")
    }
  })

  it("breaks a long invoice over pages, repeating the table header and numbering 'Page x of y'", async () => {
    const lines = Array.from({ length: 120 }, (_, i) => ({
      description: `Line ${i + 1}`,
      quantity: "1",
      unit_price: "1.00",
      amount: "1.00",
    }))
    const pdf = await render(invoice({ lines }))
    const n = pdf.pages.length
    expect(n).toBeGreaterThan(2)
    expect(footers(pdf)).toEqual(Array.from({ length: n }, (_, i) => `Page ${i + 1} of ${n}`))
    for (const p of pdf.pages.slice(1)) expect(p.text).toContain("(continued)")
    const pagesWithHeader = pdf.pages.filter((p) => p.lines.includes("Description Quantity Unit price Amount (EUR)"))
    expect(pagesWithHeader.length).toBeGreaterThanOrEqual(2)
    for (let i = 1; i <= 120; i++) expect(pdf.text).toContain(`Line ${i} 1 1.00 1.00`)
  })

  it("truncates or wraps long text so that no two runs on a line overlap", async () => {
    const long = "Premium rate numbers and international toll free, very long description ".repeat(6)
    const pdf = await render(
      invoice({
        bill_to: { ...billTo, name: "A".repeat(40) + " " + "B".repeat(40) + " " + "C".repeat(60) },
        lines: [{ description: long, quantity: "123456789.123456", unit_price: "123456789.123456", amount: "123456789012.34" }],
        taxes: [{ name: "A tax with a name that is longer than its column could ever hold, for sure", rate: "0.2", taxable_amount: "1.00", amount: "0.20" }],
      }),
      { calls: calls(3) }
    )
    for (const page of pdf.pages) {
      const runs = page.runs.filter((r) => !r.rotated)
      for (const r of runs) expect(r.x + runWidth(r)).toBeLessThanOrEqual(595.28 - 40 + 0.01)
      for (let i = 0; i < runs.length; i++) {
        for (let j = i + 1; j < runs.length; j++) {
          const a = runs[i]
          const b = runs[j]
          if (Math.abs(a.y - b.y) > Math.max(a.size, b.size) * 0.8) continue
          const overlap = Math.min(a.x + runWidth(a), b.x + runWidth(b)) - Math.max(a.x, b.x)
          if (overlap > 0.01) throw new Error(`"${a.text}" overlaps "${b.text}" on page ${pdf.pages.indexOf(page) + 1}`)
        }
      }
    }
    // the description wrapped to three lines, the last ending in an ellipsis
    const descLines = pdf.pages[0].runs.filter((r) => r.text.length > 20 && long.includes(r.text.replace(/…$/, "")))
    expect(descLines.length).toBe(3)
    expect(descLines[2].text.endsWith("…")).toBe(true)
  })

  it("replaces characters Helvetica cannot print instead of failing", async () => {
    const pdf = await render(
      invoice({ bill_to: { ...billTo, name: "Łódź 東京 Contact Centre ő" } }),
      { calls: [{ answer_time: null, destination: "81312345678", destination_name: "東京 mobile", duration: 0, rated_seconds: 0, charge: "0.0000" }] }
    )
    expect(pdf.pages[0].text).toContain("?ódz ?? Contact Centre o")
    expect(pdf.pages[1].text).toContain("?? mobile")
  })

  it("draws the issuer's logo when given (PNG bytes) and rejects a logo that is not an image before writing", async () => {
    const withLogo = await render(invoice({ issuer: { ...issuer, logo: png() } }))
    expect(withLogo.bytes.toString("latin1")).toMatch(/\/Subtype \/Image/)
    expect(withLogo.pages[0].text).toContain("Northwind Voice Ltd")
    // …or as a file path
    const dir = mkdtempSync(join(tmpdir(), "logo-"))
    const file = join(dir, "logo.png")
    writeFileSync(file, png(20, 10))
    const fromFile = await render(invoice({ issuer: { ...issuer, logo: file } }))
    rmSync(dir, { recursive: true, force: true })
    expect(fromFile.bytes.toString("latin1")).toMatch(/\/Width 20\s+\/Height 10/)
    await expect(
      renderInvoicePdf(invoice({ issuer: { ...issuer, logo: join(tmpdir(), "no-such-logo.png") } }), new Sink())
    ).rejects.toThrow(/issuer.logo: ENOENT/)

    const sink = new Sink()
    await expect(
      renderInvoicePdf(invoice({ issuer: { ...issuer, logo: Buffer.from("not an image") } }), sink)
    ).rejects.toThrow(/issuer.logo/)
    expect(sink.bytes).toBe(0)
  })

  it("refuses bad data before writing a byte", async () => {
    const cases: Array<[Partial<InvoiceDocument>, RegExp]> = [
      [{ total: 719.8 as unknown as string }, /invoice.total: 719.8 is not a decimal string/],
      [{ amount_due: "1e3" }, /amount_due/],
      [{ currency_code: "eur" }, /ISO 4217/],
      [{ timezone: "Mars/Olympus" }, /IANA/],
      [{ due_date: "2026-02-30" }, /due_date/],
      [{ issuer: { ...issuer, primary_color: "blue" } }, /primary_color/],
      [{ taxes: [{ name: "VAT", rate: "20%", taxable_amount: "1.00", amount: "0.20" }] }, /taxes\[0\].rate/],
      [{ call_count: -1 }, /call_count/],
    ]
    for (const [over, msg] of cases) {
      const sink = new Sink()
      await expect(renderInvoicePdf(invoice(over), sink)).rejects.toThrow(msg)
      expect(sink.bytes).toBe(0)
      expect(sink.writableEnded).toBe(false)
    }
  })
})

describe("renderInvoicePdf: the itemised call statement", () => {
  it("prints every call with local time, numbers, duration, rated seconds, rate and charge, and a totals row", async () => {
    const list: StatementCall[] = [
      // 2026-03-29 01:30 UTC is 03:30 CEST, just after the spring change
      { answer_time: "2026-03-29T01:30:00Z", caller_id: "+4930123", destination: "4915112345678", destination_name: "Germany Mobile", duration: 61, rated_seconds: 120, rate: "0.0200", charge: "0.0400" },
      { answer_time: new Date("2026-01-10T09:00:05Z"), caller_id: null, destination: "33612345678", destination_name: null, duration: 3725, rated_seconds: 3726, rate: "0.012345", charge: "0.7666" },
      { answer_time: null, destination: "4930999", duration: 0, rated_seconds: 0, rate: null, charge: "0.0000" },
    ]
    const pdf = await render(invoice({ call_count: 3 }), { calls: asAsync(list) })
    expect(pdf.pages).toHaveLength(2)
    expect(pdf.pages[0].text).toContain("The itemised call statement starts on page 2.")
    const t = pdf.pages[1].text
    expect(t).toContain("Itemised calls")
    expect(t).toContain("3 calls · answer times are local to Europe/Berlin")
    expect(t).toContain("Answer time Caller ID Destination Name Duration Rated s Rate/min Charge (EUR)")
    expect(t).toContain("2026-03-29 03:30:00 +4930123 4915112345678 Germany Mobile 1:01 120 0.0200 0.0400")
    expect(t).toContain("2026-01-10 10:00:05 33612345678 1:02:05 3726 0.012345 0.7666")
    expect(t).toContain("— 4930999 0:00 0 0.0000")
    expect(t).toContain("Total 3 calls 1:03:06 3846 0.8066")
    expect(footers(pdf)).toEqual(["Page 1 of 2", "Page 2 of 2"])
  })

  it("knows the page count before reading the calls: 'Page x of y' is right on every page", async () => {
    for (const n of [0, 1, 65, 66, 67, 500]) {
      const pdf = await render(invoice({ call_count: n }), { calls: asAsync(calls(n)) })
      const total = pdf.pages.length
      expect(footers(pdf)).toEqual(Array.from({ length: total }, (_, i) => `Page ${i + 1} of ${total}`))
      // every call printed once, in order, and the totals row last
      const rows = pdf.pages.slice(1).flatMap((p) => p.lines.filter((l) => /^2026-01-0\d /.test(l)))
      expect(rows).toHaveLength(n)
      if (n > 0) expect(rows[n - 1]).toContain(`4915112345${String((n - 1) % 1000).padStart(3, "0")}`)
      const last = pdf.pages[total - 1].lines
      expect(last[last.length - 2]).toMatch(new RegExp(`^Total ${n} calls`))
      // the table header repeats on every call page
      for (const p of pdf.pages.slice(1)) expect(p.text).toContain("Answer time Caller ID Destination")
    }
  })

  it("numbers pages 'Page x' only when call_count is not given", async () => {
    const pdf = await render(invoice({ call_count: null }), { calls: calls(200) })
    expect(pdf.pages.length).toBeGreaterThan(3)
    expect(footers(pdf)).toEqual(pdf.pages.map((_, i) => `Page ${i + 1}`))
  })

  it("watermarks every call page of a draft", async () => {
    const pdf = await render(invoice({ status: "draft", number: null, call_count: 150 }), { calls: calls(150) })
    expect(pdf.pages.length).toBe(4)
    for (const p of pdf.pages) expect(p.runs.filter((r) => r.rotated).map((r) => r.text)).toEqual(["DRAFT"])
  })

  it("fails, and fails the output, when the cursor yields more or fewer calls than call_count", async () => {
    for (const [count, yielded] of [
      [10, 11],
      [10, 9],
    ]) {
      const sink = new Sink()
      const errors: Error[] = []
      sink.on("error", (e) => errors.push(e))
      await expect(renderInvoicePdf(invoice({ call_count: count }), sink, { calls: calls(yielded) })).rejects.toThrow(
        /call_count/
      )
      expect(sink.destroyed).toBe(true)
      expect(sink.writableFinished).toBe(false)
    }
  })

  it("stops reading the cursor (and closes it) when a call is bad or the output fails", async () => {
    let closed = false
    let read = 0
    async function* cursor(): AsyncGenerator<StatementCall> {
      try {
        for (const c of calls(10_000)) {
          read++
          yield read === 50 ? { ...c, charge: "abc" } : c
        }
      } finally {
        closed = true
      }
    }
    await expect(renderInvoicePdf(invoice({ call_count: 10_000 }), new Sink(), { calls: cursor() })).rejects.toThrow(
      /call 50: charge: "abc" is not a decimal string/
    )
    expect(closed).toBe(true)
    expect(read).toBe(50)

    closed = false
    read = 0
    const broken = new Writable({
      write(_c, _e, cb) {
        cb(read > 2000 ? new Error("disk full") : null)
      },
    })
    await expect(
      renderInvoicePdf(invoice({ call_count: 10_000 }), broken, { calls: (async function* () { yield* cursorOk() })() })
    ).rejects.toThrow(/disk full/)
    function* cursorOk() {
      try {
        for (const c of calls(10_000)) {
          read++
          yield c
        }
      } finally {
        closed = true
      }
    }
    expect(closed).toBe(true)
    expect(read).toBeLessThan(10_000)
  })

  it("streams: output reaches the consumer while calls are still being read", async () => {
    const out = new PassThrough()
    let bytes = 0
    out.on("data", (c: Buffer) => (bytes += c.length))
    let bytesAtCall3000 = -1
    async function* cursor(): AsyncGenerator<StatementCall> {
      let i = 0
      for (const c of calls(5000)) {
        if (++i === 3000) bytesAtCall3000 = bytes
        yield c
      }
    }
    await renderInvoicePdf(invoice({ call_count: 5000 }), out, { calls: cursor() })
    expect(bytesAtCall3000).toBeGreaterThan(50_000)
    expect(bytes).toBeGreaterThan(bytesAtCall3000)
  })
})
