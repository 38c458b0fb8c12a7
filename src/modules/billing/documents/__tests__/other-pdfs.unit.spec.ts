import Decimal from "decimal.js"
import fc from "fast-check"
import { renderCreditNotePdf } from "../credit-note-pdf"
import { renderReceiptPdf } from "../receipt-pdf"
import { renderStatementPdf, runningBalances } from "../statement-pdf"
import type { CreditNoteDocument, ReceiptDocument, StatementDocument, StatementEntry } from "../types"
import { billTo, issuer, Sink } from "./fixtures"
import { parsePdf } from "./pdf-reader"

const FIXED = { compress: false, creation_date: new Date("2026-02-01T08:00:00Z") }

const creditNote = (over: Partial<CreditNoteDocument> = {}): CreditNoteDocument => ({
  number: "NW-CN-2026-000007",
  invoice_number: "NW-2026-000042",
  currency_code: "GBP",
  timezone: "Europe/London",
  issue_date: "2026-02-10",
  reason: "Calls to 0800 numbers were charged at the mobile rate between 3 and 9 January.",
  issuer,
  bill_to: billTo,
  lines: [
    { description: "Refund: 0800 calls charged as mobile", quantity: "1250", unit_price: "0.0100", amount: "12.50" },
    { description: "Service credit", amount: "20.00" },
  ],
  taxes: [{ name: "VAT", rate: "0.2", taxable_amount: "32.50", amount: "6.50" }],
  subtotal: "32.50",
  tax_total: "6.50",
  total: "39.00",
  ...over,
})

const receipt = (over: Partial<ReceiptDocument> = {}): ReceiptDocument => ({
  number: "RCP-2026-000101",
  reference: "BACS 99812",
  method: "bank_transfer",
  received_at: "2026-02-14T15:30:00Z",
  amount: "500.00",
  currency_code: "GBP",
  timezone: "Europe/London",
  issuer,
  bill_to: billTo,
  allocations: [
    { invoice_number: "NW-2025-000390", invoice_date: "2025-12-01", amount: "120.00" },
    { invoice_number: "NW-2026-000042", invoice_date: "2026-02-01", amount: "300.50" },
  ],
  account_credit: "129.50",
  ...over,
})

const entries: StatementEntry[] = [
  { date: "2026-01-01", type: "invoice", reference: "NW-2026-000001", description: "January services", debit: "719.80" },
  { date: "2026-01-15", type: "payment", reference: "BACS 12", credit: "500.00" },
  { date: "2026-01-20", type: "credit_note", reference: "NW-CN-2026-000001", description: "0800 correction", credit: "39.00" },
  { date: "2026-01-28", type: "debit_note", reference: "NW-2026-000009", description: "Late usage", debit: "4.25" },
]

const statement = (over: Partial<StatementDocument> = {}): StatementDocument => ({
  currency_code: "EUR",
  timezone: "Europe/Berlin",
  statement_date: "2026-01-31",
  period_start: "2026-01-01",
  period_end: "2026-02-01",
  issuer,
  bill_to: billTo,
  opening_balance: "100.00",
  entries,
  closing_balance: "285.05",
  aging: { current: "185.05", days_1_30: "100.00", days_31_60: "0.00", days_61_90: "0.00", days_over_90: "0.00" },
  ...over,
})

async function pdfOf(render: (out: Sink) => Promise<void>) {
  const sink = new Sink()
  await render(sink)
  return parsePdf(sink.buffer)
}

describe("renderCreditNotePdf", () => {
  it("prints the number, the invoice it credits, the reason, the lines, the tax and the total", async () => {
    const pdf = await pdfOf((out) => renderCreditNotePdf(creditNote(), out, FIXED))
    const t = pdf.text
    expect(t).toContain("CREDIT NOTE")
    expect(t).toContain("No. NW-CN-2026-000007")
    expect(t).toContain("Credits invoice NW-2026-000042")
    expect(t).toContain("Issue date 10 Feb 2026")
    expect(t).toContain("Calls to 0800 numbers were charged at the mobile rate between 3 and 9 January.")
    expect(t).toContain("Refund: 0800 calls charged as mobile 1,250 0.0100 12.50")
    expect(t).toContain("Service credit 20.00")
    expect(t).toContain("VAT 20% 32.50 6.50")
    expect(t).toContain("Subtotal (GBP) 32.50")
    expect(t).toContain("Tax (GBP) 6.50")
    expect(t).toContain("Total credited (GBP) 39.00")
    expect(pdf.pages.map((p) => p.lines[p.lines.length - 1])).toEqual(["Northwind Voice Ltd · Credit note NW-CN-2026-000007 Page 1 of 1"])
  })

  it("requires a reason and decimal amounts", async () => {
    await expect(renderCreditNotePdf(creditNote({ reason: " " }), new Sink())).rejects.toThrow(/reason/)
    await expect(renderCreditNotePdf(creditNote({ total: "39,00" }), new Sink())).rejects.toThrow(/credit_note.total/)
  })
})

describe("renderReceiptPdf", () => {
  it("prints the payment, its allocations, what is unallocated and the account credit", async () => {
    const t = (await pdfOf((out) => renderReceiptPdf(receipt(), out, FIXED))).text
    expect(t).toContain("RECEIPT")
    expect(t).toContain("No. RCP-2026-000101")
    expect(t).toContain("Received 14 Feb 2026")
    expect(t).toContain("Method Bank transfer")
    expect(t).toContain("Reference BACS 99812")
    expect(t).toContain("NW-2025-000390 1 Dec 2025 120.00")
    expect(t).toContain("NW-2026-000042 1 Feb 2026 300.50")
    expect(t).toContain("Amount received (GBP) 500.00")
    expect(t).toContain("Applied to invoices 420.50")
    expect(t).toContain("Unallocated 79.50")
    expect(t).toContain("Account credit (GBP) 129.50")
  })

  it("says so when nothing was allocated, and refuses allocations above the payment", async () => {
    const t = (await pdfOf((out) => renderReceiptPdf(receipt({ allocations: [] }), out, FIXED))).text
    expect(t).toContain("Not applied to any invoice: held as account credit.")
    expect(t).toContain("Unallocated 500.00")
    await expect(
      renderReceiptPdf(receipt({ allocations: [{ invoice_number: "X", amount: "500.01" }] }), new Sink())
    ).rejects.toThrow(/exceeds the payment amount/)
  })
})

describe("runningBalances", () => {
  it("adds debits and subtracts credits exactly, keeping the amounts' decimals", () => {
    expect(runningBalances("100.00", entries)).toEqual(["819.80", "319.80", "280.80", "285.05"])
    expect(runningBalances("0", [{ date: "2026-01-01", type: "payment", reference: "P", credit: "0.10" }])).toEqual(["-0.10"])
  })

  it("ends at opening + Σ debit − Σ credit for any entries (property)", () => {
    const amount = fc.bigInt({ min: 0n, max: 10n ** 12n }).map((v) => (v < 100n ? `0.${String(v).padStart(2, "0")}` : `${v / 100n}.${String(v % 100n).padStart(2, "0")}`))
    fc.assert(
      fc.property(
        amount,
        fc.array(fc.record({ debit: fc.option(amount), credit: fc.option(amount) }), { maxLength: 30 }),
        (opening, rows) => {
          const es: StatementEntry[] = rows.map((r, i) => ({ date: "2026-01-01", type: "invoice", reference: `R${i}`, ...r }))
          const got = runningBalances(opening, es)
          expect(got).toHaveLength(es.length)
          const want = es.reduce(
            (b, e) => b.plus(e.debit ?? 0).minus(e.credit ?? 0),
            new Decimal(opening)
          )
          if (es.length) expect(got[got.length - 1]).toBe(want.toFixed(2))
          for (const g of got) expect(g).toMatch(/^-?\d+\.\d{2}$/)
        }
      )
    )
  })
})

describe("renderStatementPdf", () => {
  it("prints every entry with its type and running balance, the closing balance and the aging", async () => {
    const pdf = await pdfOf((out) => renderStatementPdf(statement(), out, FIXED))
    const t = pdf.text
    expect(t).toContain("STATEMENT")
    expect(t).toContain("Period 1 Jan 2026 – 31 Jan 2026")
    expect(t).toContain("Date Type Reference Description Debit Credit Balance (EUR)")
    expect(t).toContain("Opening balance 100.00")
    expect(t).toContain("1 Jan 2026 Invoice NW-2026-000001 January services 719.80 819.80")
    expect(t).toContain("15 Jan 2026 Payment BACS 12 500.00 319.80")
    expect(t).toContain("20 Jan 2026 Credit note NW-CN-2026-000001 0800 correction 39.00 280.80")
    expect(t).toContain("28 Jan 2026 Debit note NW-2026-000009 Late usage 4.25 285.05")
    expect(t).toContain("Closing balance 285.05")
    expect(t).toContain("Current 1–30 days 31–60 days 61–90 days Over 90 days Total (EUR)")
    expect(t).toContain("185.05 100.00 0.00 0.00 0.00 285.05")
    expect(t).toContain("Balance due (EUR) 285.05")
  })

  it("puts debits and credits in their own columns", async () => {
    const page = (await pdfOf((out) => renderStatementPdf(statement(), out, FIXED))).pages[0]
    const x = (text: string) => page.runs.find((r) => r.text === text)!.x
    // debit 719.80 is left of credit 500.00, which is left of the balances
    expect(x("719.80")).toBeLessThan(x("500.00"))
    expect(x("500.00")).toBeLessThan(x("819.80"))
  })

  it("refuses a closing balance that the entries do not add up to", async () => {
    const sink = new Sink()
    await expect(renderStatementPdf(statement({ closing_balance: "285.06" }), sink)).rejects.toThrow(
      /closing_balance 285.06 does not equal .* \(285.05\)/
    )
    expect(sink.bytes).toBe(0)
  })

  it("runs over pages with the table header repeated and consistent page numbers", async () => {
    const many: StatementEntry[] = Array.from({ length: 150 }, (_, i) => ({
      date: "2026-01-02",
      type: i % 2 ? "payment" : "invoice",
      reference: `REF-${i}`,
      ...(i % 2 ? { credit: "1.00" } : { debit: "2.00" }),
    }))
    const pdf = await pdfOf((out) => renderStatementPdf(statement({ entries: many, closing_balance: "175.00" }), out, FIXED))
    const n = pdf.pages.length
    expect(n).toBeGreaterThan(1)
    pdf.pages.forEach((p, i) => {
      expect(p.lines[p.lines.length - 1]).toMatch(new RegExp(`Page ${i + 1} of ${n}$`))
      expect(p.text).toContain("Date Type Reference Description Debit Credit Balance (EUR)")
    })
    expect(pdf.text).toContain("REF-149 1.00 175.00")
    expect(pdf.text).toContain("Closing balance 175.00")
  })
})
