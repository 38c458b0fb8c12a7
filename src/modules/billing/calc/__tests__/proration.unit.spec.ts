import Decimal from "decimal.js"
import fc from "fast-check"
import { addDays, daysBetween } from "../periods"
import { formatFraction, prorate, prorateMoney, prorationFraction } from "../proration"

const JUNE = { start: "2025-06-01", end: "2025-07-01" }

describe("proration by whole days, BILLING.md §2", () => {
  it("seats added on the 11th (10 of 30 days gone) count for 20/30", () => {
    const f = prorationFraction(JUNE, "2025-06-11")
    expect(f).toEqual({ numerator: 20, denominator: 30 })
    expect(formatFraction(f)).toBe("20/30")
    // 5 more seats at 30.00: 30 × 5 × 20 / 30
    expect(prorate("30.00", "5", f)).toBe("100")
    expect(prorateMoney("30.00", "5", f, "USD")).toBe("100.00")
    expect(prorateMoney("30.00", "-5", f, "USD")).toBe("-100.00")
  })

  it("multiplies before it divides and rounds once", () => {
    const third = { numerator: 1, denominator: 3 }
    expect(prorateMoney("10.00", "1", { numerator: 20, denominator: 30 }, "USD")).toBe("6.67")
    expect(prorateMoney("1000", "1", third, "JPY")).toBe("333")
    expect(prorateMoney("0.010", "1", { numerator: 1, denominator: 2 }, "BHD")).toBe("0.005")
    expect(prorate("10", "1", third)).toBe("3.333333333333333333333333333333")
  })

  it("rejects dates outside the period and bad fractions", () => {
    expect(() => prorationFraction(JUNE, "2025-07-02")).toThrow(/outside/)
    expect(() => prorate("1", "1", { numerator: 1, denominator: 0 })).toThrow(/whole days/)
    expect(() => prorate("1", "1", { numerator: 0.5, denominator: 3 })).toThrow(/whole days/)
  })

  it("a full period is the full price, in any month length and currency", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 1, max: 366 }),
        fc.constantFrom("USD", "JPY", "BHD"),
        (units, scale, qty, length, currency) => {
          const price = new Decimal(units).div(new Decimal(10).pow(scale)).toFixed()
          const start = addDays("2025-01-01", units % 400)
          const period = { start, end: addDays(start, length) }
          const f = prorationFraction(period, period.start)
          expect(f.numerator).toBe(daysBetween(period.start, period.end))
          expect(new Decimal(prorate(price, String(qty), f)).eq(new Decimal(price).mul(qty))).toBe(true)
          expect(prorateMoney(price, String(qty), f, currency)).toBe(
            new Decimal(price).mul(qty).toDecimalPlaces(currency === "JPY" ? 0 : currency === "BHD" ? 3 : 2, Decimal.ROUND_HALF_UP).toFixed(currency === "JPY" ? 0 : currency === "BHD" ? 3 : 2)
          )
        }
      )
    )
  })

  it("the per-day parts of a period add up to the whole (before rounding)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100000 }), fc.integer({ min: 28, max: 31 }), fc.integer({ min: 1, max: 27 }), (cents, len, cut) => {
        const price = new Decimal(cents).div(100).toFixed()
        const period = { start: "2025-01-01", end: addDays("2025-01-01", len) }
        const d = addDays(period.start, cut)
        const later = new Decimal(prorate(price, "1", prorationFraction(period, d)))
        const earlier = new Decimal(price).mul(cut).div(len)
        expect(later.plus(earlier).minus(price).abs().lt("1e-25")).toBe(true)
      })
    )
  })
})
