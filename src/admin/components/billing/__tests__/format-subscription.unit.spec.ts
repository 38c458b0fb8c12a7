import fc from "fast-check"
import {
  addDays,
  compareDecimals,
  creditableAmount,
  creditNoteProblems,
  currencyDecimals,
  invoiceActions,
  invoiceStatusColour,
  isDay,
  isDecimal,
  isPositiveDecimal,
  lineDetails,
  localDate,
  money,
  paymentProblems,
  periodLabel,
} from "../format"
import { cancelAt, changedQuantities, dateProblems, quantityComponents, quantityProblems, startQuantities } from "../subscription-form"
import { INVOICE_STATUSES } from "../types"

const keys = (list: Array<{ path: string; key: string }>) => list.map((p) => `${p.path}:${p.key}`)

describe("decimals and money", () => {
  it("accepts the API's decimal strings only", () => {
    expect(["0", "12.50", "0.000001"].map((v) => isDecimal(v))).toEqual([true, true, true])
    expect(["", "-1", "1e3", "1,5", "0.0000001", ".5"].map((v) => isDecimal(v))).toEqual([false, false, false, false, false, false])
    expect(isPositiveDecimal("0.00")).toBe(false)
    expect(isPositiveDecimal("0.01")).toBe(true)
  })

  it("compares exactly, where floats would not", () => {
    expect(compareDecimals("10.10", "10.1")).toBe(0)
    expect(compareDecimals("0.3", "0.1")).toBe(1)
    // 0.1 + 0.2 as floats is 0.30000000000000004
    expect(compareDecimals("0.30000000000000004", "0.3")).toBe(1)
    expect(compareDecimals("9007199254740993.01", "9007199254740993")).toBe(1)
  })

  it("shows an amount as the API sent it, with its currency", () => {
    expect(money("1260.05", "usd")).toBe("1260.05 USD")
    expect(money(null, "USD")).toBe("–")
    expect(money(0, "JPY")).toBe("0 JPY")
  })

  it("what may be credited is total − paid − credited, at the API's scale", () => {
    expect(creditableAmount({ total: "120.00", amount_paid: "0.00", amount_credited: "20.00" })).toBe("100.00")
    expect(creditableAmount({ total: "120.00", amount_paid: "50.00", amount_credited: "20.00" })).toBe("50.00")
    expect(creditableAmount({ total: "1000", amount_paid: "0", amount_credited: "0" })).toBe("1000")
    expect(creditableAmount({ total: "0.100", amount_paid: "0.05", amount_credited: "0" })).toBe("0.050")
  })

  it("total − paid − credited is exact for any amounts in minor units (property)", () => {
    const amount = fc.bigInt({ min: 0n, max: 10n ** 15n })
    fc.assert(
      fc.property(amount, amount, amount, (a, b, c) => {
        const s = (v: bigint) => `${v < 0n ? "-" : ""}${(v < 0n ? -v : v) / 100n}.${((v < 0n ? -v : v) % 100n).toString().padStart(2, "0")}`
        expect(creditableAmount({ total: s(a), amount_paid: s(b), amount_credited: s(c) })).toBe(s(a - b - c))
      })
    )
  })

  it("knows each currency's minor unit", () => {
    expect([currencyDecimals("USD"), currencyDecimals("jpy"), currencyDecimals("BHD")]).toEqual([2, 0, 3])
  })
})

describe("dates", () => {
  it("a period shows its last day", () => {
    expect(periodLabel("2026-10-01", "2026-11-01")).toBe("2026-10-01 – 2026-10-31")
    expect(periodLabel("2028-02-01", "2028-03-01")).toBe("2028-02-01 – 2028-02-29")
  })

  it("moves days across months and years", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01")
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28")
  })

  it("knows real calendar days", () => {
    expect(isDay("2026-02-28")).toBe(true)
    expect(isDay("2026-02-29")).toBe(false)
    expect(isDay("2026-2-3")).toBe(false)
    expect(localDate(new Date(2026, 10, 2, 23, 59))).toBe("2026-11-02")
  })
})

describe("invoices", () => {
  const inv = (status: (typeof INVOICE_STATUSES)[number], paid = "0.00", credited = "0.00") => ({ status, amount_paid: paid, amount_credited: credited })

  it("offers what the server allows in each status", () => {
    expect(invoiceActions(inv("draft"))).toEqual(["finalize", "regenerate"])
    expect(invoiceActions(inv("finalized"))).toEqual(["record_payment", "credit_note", "uncollectible", "void"])
    // money received or credited: no void, a credit note instead
    expect(invoiceActions(inv("partially_paid", "10.00"))).toEqual(["record_payment", "credit_note", "uncollectible"])
    expect(invoiceActions(inv("finalized", "0.00", "5.00"))).toEqual(["record_payment", "credit_note", "uncollectible"])
    expect(invoiceActions(inv("uncollectible"))).toEqual(["void"])
    expect(invoiceActions(inv("uncollectible", "1.00"))).toEqual([])
    for (const s of ["paid", "void"] as const) expect(invoiceActions(inv(s, "120.00"))).toEqual([])
    // never both a draft's and an open invoice's actions
    for (const s of INVOICE_STATUSES) {
      const a = invoiceActions(inv(s))
      expect(a.includes("finalize") && a.includes("record_payment")).toBe(false)
    }
    expect(invoiceStatusColour("paid")).toBe("green")
    expect(invoiceStatusColour("draft")).toBe("grey")
  })

  it("checks a credit note: a reason, and an amount in the currency's decimals no larger than what is left", () => {
    expect(keys(creditNoteProblems({ amount: "", reason: "Outage on 3 Nov" }, "100.00"))).toEqual([])
    expect(keys(creditNoteProblems({ amount: "100.00", reason: "SLA" }, "100.00"))).toEqual([])
    expect(keys(creditNoteProblems({ amount: "100.01", reason: " ok " }, "100.00"))).toEqual(["amount:creditTooLarge", "reason:minLength"])
    expect(keys(creditNoteProblems({ amount: "0", reason: "SLA" }, "100.00"))).toEqual(["amount:positiveDecimal"])
    expect(keys(creditNoteProblems({ amount: "10.005", reason: "SLA" }, "100.00", 2))).toEqual(["amount:currencyDecimals"])
    expect(keys(creditNoteProblems({ amount: "10.500", reason: "SLA" }, "100.00", 2))).toEqual([])
    expect(keys(creditNoteProblems({ amount: "10.5", reason: "SLA" }, "100", 0))).toEqual(["amount:currencyDecimals"])
  })

  it("checks a payment: a positive amount and a real date", () => {
    expect(keys(paymentProblems({ amount: "1260.05", received_at: "" }))).toEqual([])
    expect(keys(paymentProblems({ amount: "-5", received_at: "2026-11-31" }))).toEqual(["amount:positiveDecimal", "received_at:date"])
  })

  it("puts a line's details in words, known keys first", () => {
    expect(lineDetails({ billable_minutes: "30.0000", included_minutes: "120", proration: "20/30" })).toBe(
      "proration 20/30 · included minutes 120 · billable minutes 30.0000"
    )
    expect(lineDetails({ tiers: [{ up_to: "100", quantity: "100" }], empty: null, in_arrears: false, optional: true })).toBe(
      'optional true · tiers [{"up_to":"100","quantity":"100"}]'
    )
    expect(lineDetails(null)).toBe("")
  })
})

describe("subscription forms", () => {
  const components = [
    { code: "base", type: "recurring" as const, price: "100" },
    { code: "seats", type: "seat" as const, price: "30", default_quantity: "10" },
    { code: "rec", type: "addon" as const, price: "5" },
    { code: "wl", type: "white_label" as const, price: "20", optional: true },
  ]

  it("asks a quantity for seats, add-ons and optional components, from the current value or the default", () => {
    expect(quantityComponents(components).map((c) => c.code)).toEqual(["seats", "rec", "wl"])
    expect(startQuantities(components, null)).toEqual({ seats: "10", rec: "0", wl: "0" })
    expect(startQuantities(components, { seats: "12", wl: 1 })).toEqual({ seats: "12", rec: "0", wl: "1" })
  })

  it("seats are whole, every quantity a non-negative decimal", () => {
    expect(keys(quantityProblems({ seats: "10.5", rec: "-1", wl: "" }, quantityComponents(components)))).toEqual([
      "quantities.seats:wholeSeats",
      "quantities.rec:quantity",
      "quantities.wl:quantity",
    ])
    expect(quantityProblems({ seats: "15", rec: "2.5", wl: "1" }, quantityComponents(components))).toEqual([])
  })

  it("a change sends only the quantities that moved", () => {
    expect(changedQuantities({ seats: "10", rec: "2" }, { seats: "15", rec: "2.0" })).toEqual({ seats: "15" })
    expect(changedQuantities({}, { seats: "10" })).toEqual({ seats: "10" })
    expect(changedQuantities({ seats: 10 }, { seats: "10" })).toEqual({})
  })

  it("dates are empty (today on the server) or real days; cancel takes a choice or a date", () => {
    expect(keys(dateProblems({ start_date: "", effective_date: "2026-13-01" }))).toEqual(["effective_date:date"])
    expect(cancelAt("period_end", "2026-12-01")).toBe("period_end")
    expect(cancelAt("date", " 2026-12-15 ")).toBe("2026-12-15")
  })
})
