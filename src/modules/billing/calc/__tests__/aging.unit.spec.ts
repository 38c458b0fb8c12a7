import Decimal from "decimal.js"
import fc from "fast-check"
import { agingBucket, allocatePayment } from "../aging"
import type { OpenInvoice } from "../types"

describe("agingBucket, BILLING.md §5", () => {
  it.each([
    ["2025-06-30", "2025-06-01", "current"],
    ["2025-06-30", "2025-06-30", "current"],
    ["2025-06-30", "2025-07-01", "1_30"],
    ["2025-06-30", "2025-07-30", "1_30"],
    ["2025-06-30", "2025-07-31", "31_60"],
    ["2025-06-30", "2025-08-29", "31_60"],
    ["2025-06-30", "2025-08-30", "61_90"],
    ["2025-06-30", "2025-09-28", "61_90"],
    ["2025-06-30", "2025-09-29", "90_plus"],
  ])("due %s, as of %s → %s", (due, asOf, bucket) => {
    expect(agingBucket(due, asOf)).toBe(bucket)
  })
})

const inv = (id: string, due_date: string, issued_at: string, amount_due: string): OpenInvoice => ({ id, due_date, issued_at, amount_due })

describe("allocatePayment", () => {
  const open = [
    inv("inv_3", "2025-08-30", "2025-07-31T00:00:00Z", "80.00"),
    inv("inv_1", "2025-06-30", "2025-05-31T00:00:00Z", "100.00"),
    inv("inv_2", "2025-07-30", "2025-06-30T00:00:00Z", "100.00"),
  ]

  it("pays the oldest invoices first", () => {
    expect(allocatePayment("150.00", open)).toEqual({
      allocations: [
        { invoice_id: "inv_1", amount: "100" },
        { invoice_id: "inv_2", amount: "50" },
      ],
      unallocated: "0",
    })
  })

  it("breaks equal due dates by issue time, then id", () => {
    const same = [
      inv("b", "2025-06-30", "2025-06-01T10:00:00Z", "10"),
      inv("a", "2025-06-30", "2025-06-01T10:00:00Z", "10"),
      inv("c", "2025-06-30", "2025-06-01T09:00:00Z", "10"),
    ]
    expect(allocatePayment("25", same).allocations).toEqual([
      { invoice_id: "c", amount: "10" },
      { invoice_id: "a", amount: "10" },
      { invoice_id: "b", amount: "5" },
    ])
  })

  it("leaves an overpayment unallocated (account credit)", () => {
    expect(allocatePayment("300", open).unallocated).toBe("20")
  })

  it("follows explicit instructions only", () => {
    expect(allocatePayment("150", open, [{ invoice_id: "inv_3" }, { invoice_id: "inv_2", amount: "20" }])).toEqual({
      allocations: [
        { invoice_id: "inv_3", amount: "80" },
        { invoice_id: "inv_2", amount: "20" },
      ],
      unallocated: "50",
    })
    expect(() => allocatePayment("10", open, [{ invoice_id: "nope" }])).toThrow(/not an open invoice/)
  })

  it("rejects negative payments and duplicate invoices", () => {
    expect(() => allocatePayment("-1", open)).toThrow(/negative/)
    expect(() => allocatePayment("1", [open[0], open[0]])).toThrow(/twice/)
  })

  it("never allocates more than is due and conserves the payment", () => {
    const invoiceArb = fc.record({
      due: fc.integer({ min: 0, max: 60 }),
      issued: fc.integer({ min: 0, max: 60 }),
      cents: fc.integer({ min: -500, max: 100000 }),
    })
    fc.assert(
      fc.property(
        fc.array(invoiceArb, { maxLength: 8 }),
        fc.integer({ min: 0, max: 500000 }),
        fc.boolean(),
        fc.array(fc.tuple(fc.nat(), fc.option(fc.integer({ min: 0, max: 100000 }))), { maxLength: 6 }),
        (raw, paidCents, useExplicit, picks) => {
          const invoices = raw.map((r, i) => {
            const day = String(1 + (r.due % 28)).padStart(2, "0")
            return inv(`inv_${i}`, `2025-0${1 + (r.due % 9)}-${day}`, new Date(Date.UTC(2025, 0, 1 + r.issued)).toISOString(), new Decimal(r.cents).div(100).toFixed())
          })
          const explicit =
            useExplicit && invoices.length
              ? picks.map(([n, cap]) => ({ invoice_id: invoices[n % invoices.length].id, amount: cap === null ? null : new Decimal(cap).div(100).toFixed() }))
              : undefined
          const paid = new Decimal(paidCents).div(100)
          const r = allocatePayment(paid.toFixed(), invoices, explicit)
          let sum = new Decimal(r.unallocated)
          expect(sum.gte(0)).toBe(true)
          const byInvoice = new Map<string, Decimal>()
          for (const a of r.allocations) {
            expect(new Decimal(a.amount).gt(0)).toBe(true)
            byInvoice.set(a.invoice_id, (byInvoice.get(a.invoice_id) ?? new Decimal(0)).plus(a.amount))
            sum = sum.plus(a.amount)
          }
          expect(sum.eq(paid)).toBe(true)
          for (const i of invoices) {
            expect((byInvoice.get(i.id) ?? new Decimal(0)).lte(Decimal.max(0, i.amount_due))).toBe(true)
          }
          if (!explicit) {
            // oldest first: something is unallocated only when everything is paid
            const owed = invoices.reduce((s, i) => s.plus(Decimal.max(0, i.amount_due)), new Decimal(0))
            expect(new Decimal(r.unallocated).eq(Decimal.max(0, paid.minus(owed)))).toBe(true)
          }
        }
      )
    )
  })
})
