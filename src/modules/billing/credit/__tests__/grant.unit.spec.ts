import Decimal from "decimal.js"
import fc from "fast-check"
import { extensionGrant, GrantTerms, initialGrant } from "../grant"

const t = (over: Partial<GrantTerms> = {}): GrantTerms => ({
  rate: "0.06",
  connect_fee: "0",
  per_call: "0",
  initial_increment: 60,
  subsequent_increment: 60,
  ...over,
})

describe("initialGrant", () => {
  it("grants the whole request when the balance covers it", () => {
    expect(initialGrant(t(), "10", 300)).toEqual({ seconds: 300, amount: "0.3" })
  })

  it("grants whole increments only, the largest the balance pays for", () => {
    // 0.10 pays one 60 s minute (0.06), not two (0.12)
    expect(initialGrant(t(), "0.10", 300)).toEqual({ seconds: 60, amount: "0.06" })
    // 30/6 at 0.06: 30 s = 0.03, each 6 s = 0.006; 0.05 → 30 + 3×6 = 48 s = 0.048
    expect(initialGrant(t({ initial_increment: 30, subsequent_increment: 6 }), "0.05", 300)).toEqual({
      seconds: 48,
      amount: "0.048",
    })
  })

  it("counts connect and per-call fees in the first grant", () => {
    // 0.10 connect + 0.06 per minute: 0.20 pays 60 s (0.16), not 120 s (0.22)
    expect(initialGrant(t({ connect_fee: "0.10" }), "0.20", 300)).toEqual({ seconds: 60, amount: "0.16" })
    expect(initialGrant(t({ connect_fee: "0.10", per_call: "0.05" }), "0.20", 300)).toBeNull()
  })

  it("refuses when not even the initial increment is affordable", () => {
    expect(initialGrant(t(), "0.059999", 300)).toBeNull()
    expect(initialGrant(t(), "0", 300)).toBeNull()
  })

  it("grants the initial increment to a request shorter than it", () => {
    expect(initialGrant(t(), "1", 10)).toEqual({ seconds: 60, amount: "0.06" })
  })

  it("rounds a repeating cost up, so the hold covers the seconds", () => {
    // 0.07/min × 7 s = 0.0081666… → held as 0.008167
    expect(initialGrant(t({ rate: "0.07", initial_increment: 7, subsequent_increment: 7 }), "1", 7)).toEqual({
      seconds: 7,
      amount: "0.008167",
    })
  })

  it("never grants more than the balance, and one more increment would not fit or exceed the request", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200_000 }),
        fc.integer({ min: 0, max: 50_000 }),
        fc.constantFrom([60, 60], [30, 6], [1, 1], [0, 1]),
        fc.integer({ min: 1, max: 7200 }),
        fc.integer({ min: 0, max: 500_000 }),
        (rateMicros, fee, [init, sub], requested, availMicros) => {
          const terms = t({
            rate: new Decimal(rateMicros).div(1e6).toString(),
            connect_fee: new Decimal(fee).div(1e6).toString(),
            initial_increment: init,
            subsequent_increment: sub,
          })
          const available = new Decimal(availMicros).div(1e6).toString()
          const g = initialGrant(terms, available, requested)
          const cost = (s: number) =>
            new Decimal(terms.rate).mul(s).div(60).plus(terms.connect_fee).toDecimalPlaces(6, Decimal.ROUND_UP)
          const i = Math.max(init, 1)
          const step = Math.max(sub, 1)
          if (!g) return cost(i).gt(available)
          const aligned = (g.seconds - i) % step === 0 && g.seconds >= i
          const fits = new Decimal(g.amount).lte(available) && cost(g.seconds).eq(g.amount)
          const next = g.seconds + step
          const maximal = next > Math.max(requested, i) || cost(next).gt(available)
          return aligned && fits && maximal
        }
      )
    )
  })
})

describe("extensionGrant", () => {
  it("adds subsequent increments without fees", () => {
    expect(extensionGrant(t({ connect_fee: "0.05", initial_increment: 30, subsequent_increment: 6 }), "0.012", 300)).toEqual({
      seconds: 12,
      amount: "0.012",
    })
  })

  it("refuses when not one increment fits", () => {
    expect(extensionGrant(t(), "0.05", 300)).toBeNull()
  })

  it("stops at the requested seconds", () => {
    expect(extensionGrant(t(), "100", 120)).toEqual({ seconds: 120, amount: "0.12" })
  })
})
