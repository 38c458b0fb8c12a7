import Decimal from "decimal.js"
import fc from "fast-check"
import {
  allocateProportionally,
  toXeroContact,
  toXeroCreditNote,
  toXeroCreditNoteAllocation,
  toXeroInvoice,
  toXeroPayment,
  XeroMappingError,
  type XeroInvoiceInput,
} from "../mapping"
import { wireNumber } from "../client"

const sum = (xs: string[]) => xs.reduce((s, x) => s.plus(x), new Decimal(0))

const options = { tax_types: { VAT20: "OUTPUT2", "CGST9+SGST9": "GST18", IGST18: "IGST" } }

function invoice(partial: Partial<XeroInvoiceInput["invoice"]> = {}): XeroInvoiceInput["invoice"] {
  return {
    id: "inv_01",
    number: "INV-0001",
    currency_code: "GBP",
    issued_at: "2026-01-31T23:30:00+05:30",
    due_date: "2026-02-14",
    subtotal: "0",
    tax_total: "0",
    total: "0",
    tax_inclusive: false,
    ...partial,
  }
}

describe("toXeroContact", () => {
  it("maps an account, with the code as ContactNumber and the postal address", () => {
    expect(
      toXeroContact({
        id: "bacc_1",
        code: "ACME",
        name: " Acme Ltd ",
        email: "ap@acme.test",
        tax_id: "GB123456789",
        address: { line1: "1 High St", line2: "", city: "Leeds", postal_code: "LS1 1AA", region: null, country: "GB" },
        xero_contact_id: "5b1c0f4e-0000-4000-8000-000000000001",
      })
    ).toEqual({
      ContactID: "5b1c0f4e-0000-4000-8000-000000000001",
      ContactNumber: "ACME",
      Name: "Acme Ltd",
      EmailAddress: "ap@acme.test",
      TaxNumber: "GB123456789",
      Addresses: [{ AddressType: "POBOX", AddressLine1: "1 High St", City: "Leeds", PostalCode: "LS1 1AA", Country: "GB" }],
    })
  })

  it("leaves out what is unknown", () => {
    expect(toXeroContact({ id: "a", code: "C-1", name: "Bob", email: null, address: null, xero_contact_id: null })).toEqual({
      ContactNumber: "C-1",
      Name: "Bob",
    })
    expect(() => toXeroContact({ id: "a", code: "", name: "Bob" })).toThrow(XeroMappingError)
  })
})

describe("toXeroInvoice", () => {
  it("spreads the invoice tax over taxable lines so Xero's totals are ours to the penny", () => {
    // 3 × 10.01 at 20 %: our tax is 6.01 (rounded once); Xero per line would make 3 × 2.00 = 6.00
    const out = toXeroInvoice(
      {
        invoice: invoice({ subtotal: "35.03", tax_total: "6.01", total: "41.04" }),
        contact_id: "contact-1",
        lines: [
          { id: "l1", description: "Inbound minutes", quantity: "1001", unit_price: "0.01", amount: "10.01", taxable: true },
          { id: "l2", description: "Outbound minutes", quantity: "1", unit_price: null, amount: "10.01", taxable: true },
          { id: "l3", description: "Numbers", quantity: "1", unit_price: "10.01", amount: "10.01", taxable: true },
          { id: "l4", description: "Regulatory fee", quantity: "1", amount: "5.00", taxable: false },
        ],
        taxes: [{ code: "VAT20", name: "VAT 20%", rate: "0.2", taxable_amount: "30.03", amount: "6.01" }],
      },
      options
    )
    expect(out).toEqual({
      Type: "ACCREC",
      Contact: { ContactID: "contact-1" },
      InvoiceNumber: "INV-0001",
      Reference: "inv_01",
      Date: "2026-01-31",
      DueDate: "2026-02-14",
      CurrencyCode: "GBP",
      Status: "AUTHORISED",
      LineAmountTypes: "Exclusive",
      LineItems: [
        { Description: "Inbound minutes (1001 × 0.01)", Quantity: "1", UnitAmount: "10.01", AccountCode: "200", TaxType: "OUTPUT2", TaxAmount: "2.01" },
        { Description: "Outbound minutes", Quantity: "1", UnitAmount: "10.01", AccountCode: "200", TaxType: "OUTPUT2", TaxAmount: "2.00" },
        { Description: "Numbers", Quantity: "1", UnitAmount: "10.01", AccountCode: "200", TaxType: "OUTPUT2", TaxAmount: "2.00" },
        { Description: "Regulatory fee", Quantity: "1", UnitAmount: "5.00", AccountCode: "200", TaxType: "NONE", TaxAmount: "0" },
      ],
    })
    const units = out.LineItems.map((l) => l.UnitAmount)
    const taxes = out.LineItems.map((l) => l.TaxAmount)
    expect(sum(taxes).toFixed(2)).toBe("6.01")
    expect(sum(units).plus(sum(taxes)).toFixed(2)).toBe("41.04")
  })

  it("maps several tax rows by their joined codes first, then by the first code", () => {
    const base = {
      invoice: invoice({ currency_code: "INR", subtotal: "1000.00", tax_total: "180.00", total: "1180.00" }),
      contact_id: "c",
      lines: [{ id: "l1", description: "Calls", quantity: "1", amount: "1000.00", taxable: true }],
    }
    const gst = [
      { code: "CGST9", name: "CGST", rate: "0.09", taxable_amount: "1000.00", amount: "90.00" },
      { code: "SGST9", name: "SGST", rate: "0.09", taxable_amount: "1000.00", amount: "90.00" },
    ]
    expect(toXeroInvoice({ ...base, taxes: gst }, options).LineItems[0].TaxType).toBe("GST18")
    const igst = [{ code: "IGST18", name: "IGST", rate: "0.18", taxable_amount: "1000.00", amount: "180.00" }]
    expect(toXeroInvoice({ ...base, taxes: igst }, options).LineItems[0].TaxType).toBe("IGST")
    expect(toXeroInvoice({ ...base, taxes: [{ ...igst[0], code: "IGST18" }, { ...igst[0], code: "X", amount: "0.00" }] }, options).LineItems[0].TaxType).toBe("IGST")
    expect(() => toXeroInvoice({ ...base, taxes: [{ ...igst[0], code: "GST_UNKNOWN" }] }, options)).toThrow(/no Xero TaxType/)
  })

  it("sends tax-inclusive invoices as Inclusive, line amounts gross", () => {
    const out = toXeroInvoice(
      {
        invoice: invoice({ subtotal: "100.00", tax_total: "16.67", total: "100.00", tax_inclusive: true }),
        contact_id: "c",
        lines: [
          { id: "a", description: "A", quantity: "1", amount: "33.33", taxable: true },
          { id: "b", description: "B", quantity: "1", amount: "33.33", taxable: true },
          { id: "c", description: "C", quantity: "1", amount: "33.34", taxable: true },
        ],
        taxes: [{ code: "VAT20", name: "VAT", rate: "0.2", taxable_amount: "83.33", amount: "16.67" }],
      },
      options
    )
    expect(out.LineAmountTypes).toBe("Inclusive")
    expect(sum(out.LineItems.map((l) => l.UnitAmount)).toFixed(2)).toBe("100.00")
    expect(sum(out.LineItems.map((l) => l.TaxAmount)).toFixed(2)).toBe("16.67")
  })

  it("works at the currency's decimals (JPY 0, BHD 3)", () => {
    const jpy = toXeroInvoice(
      {
        invoice: invoice({ currency_code: "JPY", subtotal: "301", tax_total: "30", total: "331" }),
        contact_id: "c",
        lines: ["100", "100", "101"].map((amount, i) => ({ id: `l${i}`, description: "x", quantity: "1", amount, taxable: true })),
        taxes: [{ code: "VAT20", name: "T", rate: "0.1", taxable_amount: "301", amount: "30" }],
      },
      options
    )
    expect(jpy.LineItems.map((l) => l.TaxAmount)).toEqual(["10", "10", "10"])
    const bhd = toXeroInvoice(
      {
        invoice: invoice({ currency_code: "BHD", subtotal: "0.300", tax_total: "0.031", total: "0.331" }),
        contact_id: "c",
        lines: ["0.100", "0.100", "0.100"].map((amount, i) => ({ id: `l${i}`, description: "x", quantity: "1", amount, taxable: true })),
        taxes: [{ code: "VAT20", name: "T", rate: "0.1", taxable_amount: "0.300", amount: "0.031" }],
      },
      options
    )
    expect(bhd.LineItems.map((l) => l.TaxAmount)).toEqual(["0.011", "0.010", "0.010"])
  })

  it("refuses records that do not add up", () => {
    const lines = [{ id: "l", description: "x", quantity: "1", amount: "10.00", taxable: true }]
    const taxes = [{ code: "VAT20", name: "VAT", rate: "0.2", taxable_amount: "10.00", amount: "2.00" }]
    expect(() => toXeroInvoice({ invoice: invoice({ subtotal: "10.00", tax_total: "2.00", total: "12.01" }), contact_id: "c", lines, taxes }, options)).toThrow(/total/)
    expect(() => toXeroInvoice({ invoice: invoice({ subtotal: "10.01", tax_total: "2.00", total: "12.01" }), contact_id: "c", lines, taxes }, options)).toThrow(/subtotal/)
    expect(() => toXeroInvoice({ invoice: invoice({ subtotal: "10.00", tax_total: "2.00", total: "12.00" }), contact_id: "c", lines, taxes: [{ ...taxes[0], amount: "1.99" }] }, options)).toThrow(/tax rows/)
    expect(() => toXeroInvoice({ invoice: invoice({ subtotal: "10.00", tax_total: "2.001", total: "12.001" }), contact_id: "c", lines, taxes }, options)).toThrow(/decimals/)
    expect(() => toXeroInvoice({ invoice: invoice({ subtotal: "10.00", tax_total: "2.00", total: "12.00", issued_at: "31/01/2026" }), contact_id: "c", lines, taxes }, options)).toThrow(/ISO date/)
  })

  it("keeps Σ TaxAmount = tax total and Xero's total = ours for any invoice (property)", () => {
    const arb = fc
      .record({
        currency: fc.constantFrom("GBP", "JPY", "BHD"),
        inclusive: fc.boolean(),
        lines: fc.array(fc.record({ units: fc.bigInt({ min: -50_000n, max: 10_000_000n }), taxable: fc.boolean() }), { minLength: 1, maxLength: 25 }),
        taxPermille: fc.integer({ min: 0, max: 400 }),
        jitter: fc.integer({ min: -3, max: 3 }),
      })
      .filter(({ lines }) => lines.some((l) => l.taxable) && lines.filter((l) => l.taxable).reduce((s, l) => s + l.units, 0n) !== 0n)
    fc.assert(
      fc.property(arb, ({ currency, inclusive, lines, taxPermille, jitter }) => {
        const dp = { GBP: 2, JPY: 0, BHD: 3 }[currency]!
        const fmt = (u: bigint) => {
          const neg = u < 0n
          const s = (neg ? -u : u).toString().padStart(dp + 1, "0")
          return (neg ? "-" : "") + (dp ? `${s.slice(0, -dp)}.${s.slice(-dp)}` : s)
        }
        const taxableUnits = lines.filter((l) => l.taxable).reduce((s, l) => s + l.units, 0n)
        const sub = lines.reduce((s, l) => s + l.units, 0n)
        // any tax total near rate × taxable base, rounded once at invoice level (plus some jitter)
        const tax = (taxableUnits * BigInt(taxPermille)) / 1000n + BigInt(jitter)
        const total = inclusive ? sub : sub + tax
        const out = toXeroInvoice(
          {
            invoice: invoice({ currency_code: currency, subtotal: fmt(sub), tax_total: fmt(tax), total: fmt(total), tax_inclusive: inclusive }),
            contact_id: "c",
            lines: lines.map((l, i) => ({ id: `l${i}`, description: "x", quantity: "1", amount: fmt(l.units), taxable: l.taxable })),
            taxes: [{ code: "VAT20", name: "VAT", rate: "0.2", taxable_amount: fmt(taxableUnits), amount: fmt(tax) }],
          },
          options
        )
        const units = out.LineItems.map((l) => l.UnitAmount)
        const taxes = out.LineItems.map((l) => l.TaxAmount)
        expect(sum(taxes).eq(new Decimal(fmt(tax)))).toBe(true)
        const xeroTotal = inclusive ? sum(units) : sum(units).plus(sum(taxes))
        expect(xeroTotal.eq(new Decimal(fmt(total)))).toBe(true)
        // each share is within one minor unit of its exact proportional value
        const unit = new Decimal(1).div(new Decimal(10).pow(dp))
        out.LineItems.forEach((li, i) => {
          if (!lines[i].taxable) {
            expect(li.TaxAmount).toBe("0")
            expect(li.TaxType).toBe("NONE")
            return
          }
          const exact = new Decimal(fmt(tax)).mul(fmt(lines[i].units)).div(fmt(taxableUnits))
          expect(new Decimal(li.TaxAmount).minus(exact).abs().lt(unit)).toBe(true)
          expect(() => wireNumber(li.TaxAmount)).not.toThrow()
        })
      }),
      { numRuns: 400 }
    )
  })
})

describe("allocateProportionally", () => {
  it("is exact, within a unit, and gives leftovers to the largest remainders", () => {
    expect(allocateProportionally("0.10", ["1", "1", "1"], 2)).toEqual(["0.04", "0.03", "0.03"])
    expect(allocateProportionally("1.00", ["0.10", "0.20", "0.70"], 2)).toEqual(["0.10", "0.20", "0.70"])
    expect(allocateProportionally("-1", ["2", "1"], 0)).toEqual(["-1", "0"])
    expect(allocateProportionally("0", ["0", "0"], 2)).toEqual(["0.00", "0.00"])
    expect(() => allocateProportionally("1.00", ["1", "-1"], 2)).toThrow(XeroMappingError)
    fc.assert(
      fc.property(
        fc.bigInt({ min: -1_000_000n, max: 1_000_000n }),
        fc.array(fc.bigInt({ min: -100_000n, max: 1_000_000n }), { minLength: 1, maxLength: 30 }),
        (t, ws) => {
          const W = ws.reduce((s, w) => s + w, 0n)
          fc.pre(W !== 0n)
          const shares = allocateProportionally(`${t}`, ws.map(String), 0).map((s) => BigInt(s))
          expect(shares.reduce((s, x) => s + x, 0n)).toBe(t)
          shares.forEach((q, i) => {
            const diff = q * W - t * ws[i] // |q − t·w/W| < 1  ⇔  |q·W − t·w| < |W|
            expect((diff < 0n ? -diff : diff) < (W < 0n ? -W : W)).toBe(true)
          })
        }
      ),
      { numRuns: 500 }
    )
  })
})

describe("credit notes and payments", () => {
  it("maps a credit note to one exclusive line with our tax as TaxAmount, and its allocation", () => {
    const credit_note = {
      id: "cn_1",
      number: "CN-0001",
      currency_code: "gbp",
      issued_at: "2026-02-03T10:00:00Z",
      subtotal: "10.00",
      tax_total: "2.00",
      total: "12.00",
      reason: "Dropped calls",
    }
    expect(toXeroCreditNote({ credit_note, contact_id: "c", tax_type: "OUTPUT2" }, { sales_account_code: "210" })).toEqual({
      Type: "ACCRECCREDIT",
      Contact: { ContactID: "c" },
      CreditNoteNumber: "CN-0001",
      Reference: "cn_1",
      Date: "2026-02-03",
      CurrencyCode: "GBP",
      Status: "AUTHORISED",
      LineAmountTypes: "Exclusive",
      LineItems: [{ Description: "Dropped calls", Quantity: "1", UnitAmount: "10.00", AccountCode: "210", TaxType: "OUTPUT2", TaxAmount: "2.00" }],
    })
    expect(toXeroCreditNoteAllocation({ credit_note, invoice_id_in_xero: "inv-x" })).toEqual({ Amount: "12.00", Invoice: { InvoiceID: "inv-x" }, Date: "2026-02-03" })
    expect(() => toXeroCreditNote({ credit_note: { ...credit_note, total: "12.01" }, contact_id: "c", tax_type: "OUTPUT2" })).toThrow(XeroMappingError)
  })

  it("maps a payment into the configured bank account", () => {
    const payment = { id: "pay_1", amount: "120.00", received_at: "2026-02-10T09:00:00Z" }
    expect(toXeroPayment({ payment, invoice_id_in_xero: "inv-x" })).toEqual({
      Invoice: { InvoiceID: "inv-x" },
      Account: { Code: "090" },
      Date: "2026-02-10",
      Amount: "120.00",
      Reference: "pay_1",
    })
    expect(toXeroPayment({ payment: { ...payment, reference: "BACS 991" }, invoice_id_in_xero: "i" }, { payment_account_code: "091" })).toMatchObject({
      Account: { Code: "091" },
      Reference: "BACS 991",
    })
  })

  it("only lets amounts onto the wire as numbers that print back exactly", () => {
    expect(wireNumber("120.50")).toBe(120.5)
    expect(wireNumber("-0.01")).toBe(-0.01)
    expect(() => wireNumber("12345678901234567.89")).toThrow(/without rounding/)
    expect(() => wireNumber("1e3")).toThrow(XeroMappingError)
  })
})
