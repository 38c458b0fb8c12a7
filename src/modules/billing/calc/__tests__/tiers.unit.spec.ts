import Decimal from "decimal.js"
import fc from "fast-check"
import { flatPrice, graduatedPrice, priceQuantity, volumePrice } from "../tiers"
import type { Tier } from "../types"

const TIERS: Tier[] = [
  { up_to: "100", price: "0.10" },
  { up_to: "500", price: "0.08" },
  { up_to: null, price: "0.05" },
]

describe("graduated (tiered) pricing, BILLING.md §3", () => {
  it("prices each tier's part at its price", () => {
    const r = graduatedPrice("600", TIERS)
    expect(r.amount).toBe("47") // 100 × 0.10 + 400 × 0.08 + 100 × 0.05
    expect(r.parts.map((p) => [p.from, p.up_to, p.quantity, p.amount])).toEqual([
      ["0", "100", "100", "10"],
      ["100", "500", "400", "32"],
      ["500", null, "100", "5"],
    ])
    expect(graduatedPrice("100", TIERS).amount).toBe("10")
    expect(graduatedPrice("100", TIERS).parts).toHaveLength(1)
    expect(graduatedPrice("100.5", TIERS).amount).toBe("10.04")
    expect(graduatedPrice("0", TIERS)).toMatchObject({ amount: "0", parts: [] })
  })

  it("checks the tiers", () => {
    expect(() => graduatedPrice("1", [])).toThrow(/at least one tier/)
    expect(() => graduatedPrice("1", [{ up_to: "10", price: "1" }])).toThrow(/last tier must be unbounded/)
    expect(() => graduatedPrice("1", [{ up_to: null, price: "1" }, { up_to: null, price: "1" }])).toThrow(/only the last/)
    expect(() =>
      graduatedPrice("1", [{ up_to: "10", price: "1" }, { up_to: "10", price: "1" }, { up_to: null, price: "1" }])
    ).toThrow(/must be above/)
    expect(() => graduatedPrice("1", [{ up_to: null, price: "-1" }])).toThrow(/negative/)
    expect(() => graduatedPrice("-1", TIERS)).toThrow(/negative/)
  })
})

describe("volume pricing", () => {
  it("prices the whole quantity at the first tier with q ≤ up_to", () => {
    expect(volumePrice("500", TIERS)).toMatchObject({ amount: "40", unit_price: "0.08" })
    expect(volumePrice("500.01", TIERS)).toMatchObject({ amount: "25.0005", unit_price: "0.05" })
    expect(volumePrice("600", TIERS).amount).toBe("30")
    expect(volumePrice("100", TIERS).amount).toBe("10")
    expect(volumePrice("0", TIERS).amount).toBe("0")
  })
})

describe("flat and priceQuantity", () => {
  it("flat is quantity × price", () => {
    expect(flatPrice("12.5", "0.04").amount).toBe("0.5")
    expect(priceQuantity("flat", "3", { price: "2" }).amount).toBe("6")
    expect(priceQuantity("tiered", "150", { tiers: [{ up_to: "100", price: "0" }, { up_to: null, price: "0.02" }] }).amount).toBe("1")
    expect(priceQuantity("volume", "150", { tiers: TIERS }).amount).toBe("12")
    expect(() => priceQuantity("flat", "3", {})).toThrow(/needs a price/)
  })
})

// random tiers: ascending bounds, last unbounded, prices ≥ 0 with up to 4 decimals
const tiersArb = fc
  .array(fc.tuple(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 100000 })), { minLength: 0, maxLength: 5 })
  .chain((steps) =>
    fc.integer({ min: 0, max: 100000 }).map((lastPrice) => {
      let bound = 0
      const tiers: Tier[] = steps.map(([step, price]) => {
        bound += step
        return { up_to: String(bound), price: new Decimal(price).div(10000).toFixed() }
      })
      tiers.push({ up_to: null, price: new Decimal(lastPrice).div(10000).toFixed() })
      return tiers
    })
  )
const qtyArb = fc.integer({ min: 0, max: 500000 }).map((n) => new Decimal(n).div(100).toFixed())

describe("tier properties", () => {
  it("graduated over q = Σ of its tier parts, and the parts add up to q", () => {
    fc.assert(
      fc.property(tiersArb, qtyArb, (tiers, q) => {
        const r = graduatedPrice(q, tiers)
        const sum = r.parts.reduce((s, p) => s.plus(p.amount), new Decimal(0))
        expect(sum.eq(r.amount)).toBe(true)
        const qty = r.parts.reduce((s, p) => s.plus(p.quantity), new Decimal(0))
        expect(qty.eq(q)).toBe(true)
        for (const p of r.parts) expect(new Decimal(p.quantity).mul(p.price).eq(p.amount)).toBe(true)
      })
    )
  })

  it("graduated is monotonic in q", () => {
    fc.assert(
      fc.property(tiersArb, qtyArb, qtyArb, (tiers, a, b) => {
        const [lo, hi] = new Decimal(a).lte(b) ? [a, b] : [b, a]
        expect(new Decimal(graduatedPrice(lo, tiers).amount).lte(graduatedPrice(hi, tiers).amount)).toBe(true)
      })
    )
  })

  it("volume is ≥ 0 and equals q × the reached tier's price", () => {
    fc.assert(
      fc.property(tiersArb, qtyArb, (tiers, q) => {
        const r = volumePrice(q, tiers)
        expect(new Decimal(r.amount).gte(0)).toBe(true)
        const reached = tiers.find((t) => t.up_to === null || new Decimal(q).lte(t.up_to)) as Tier
        expect(new Decimal(r.amount).eq(new Decimal(q).mul(reached.price))).toBe(true)
      })
    )
  })
})
