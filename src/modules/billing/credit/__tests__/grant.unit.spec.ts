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

describe("holds cover the charge as the card rounds it", () => {
  // the engine's own charge for r seconds: what settling debits
  const charge = (terms: GrantTerms, seconds: number, decimals: number, mode: "half_up" | "up" | "down" | "half_even") => {
    const exactCost = new Decimal(terms.rate).mul(seconds).div(60).plus(terms.connect_fee).plus(terms.per_call)
    const dm = { half_up: Decimal.ROUND_HALF_UP, up: Decimal.ROUND_UP, down: Decimal.ROUND_DOWN, half_even: Decimal.ROUND_HALF_EVEN }[mode]
    return exactCost.toDecimalPlaces(decimals, dm)
  }

  it("rounds a hold up to the card's decimals: 31 s at 0.0100/min on 1/1 hold 0.0052, the charge, not 0.005167", () => {
    const terms = t({ rate: "0.0100", initial_increment: 1, subsequent_increment: 1, decimals: 4 })
    expect(initialGrant(terms, "1", 31)).toEqual({ seconds: 31, amount: "0.0052" })
    expect(charge(terms, 31, 4, "half_up").toString()).toBe("0.0052")
  })

  it("a 2-decimal card: 300 s at 0.0599/min is charged 0.30, so a 0.2995 balance is granted 240 s, not 300", () => {
    const terms = t({ rate: "0.0599", decimals: 2 })
    expect(initialGrant(terms, "0.2995", 300)).toEqual({ seconds: 240, amount: "0.24" })
    expect(initialGrant(terms, "0.30", 300)).toEqual({ seconds: 300, amount: "0.3" })
  })

  it("on a balance on the card's grid it grants exactly what the spec's exact cost allows", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9999 }),
        fc.constantFrom(1, 6, 30, 60),
        fc.integer({ min: 0, max: 20000 }),
        (rateTicks, inc, balanceTicks) => {
          const terms = t({ rate: new Decimal(rateTicks).div(10000).toString(), initial_increment: inc, subsequent_increment: inc, decimals: 4 })
          const balance = new Decimal(balanceTicks).div(10000).toString()
          const spec = initialGrant({ ...terms, decimals: undefined }, balance, 3600)
          const ours = initialGrant(terms, balance, 3600)
          return (spec?.seconds ?? null) === (ours?.seconds ?? null)
        }
      )
    )
  })

  it("however the card rounds, and through an FX rate, settling the granted seconds never costs more than the hold", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 999999 }),
        fc.integer({ min: 0, max: 4 }),
        fc.constantFrom("half_up", "up", "down", "half_even") as fc.Arbitrary<"half_up" | "up" | "down" | "half_even">,
        fc.constantFrom(1, 6, 30, 60),
        fc.integer({ min: 1, max: 3600 }),
        fc.option(fc.integer({ min: 1, max: 99999999 }), { nil: null }),
        (rateMicro, decimals, mode, inc, requested, fxTicks) => {
          const cardRate = new Decimal(rateMicro).div(1e6)
          const fx = fxTicks === null ? null : new Decimal(fxTicks).div(1e6)
          const inAccount = (v: Decimal) => (fx ? v.mul(fx) : v)
          const terms = t({
            rate: inAccount(cardRate).toString(),
            initial_increment: inc,
            subsequent_increment: inc,
            decimals,
            ...(fx ? { fx_rate: fx.toString() } : {}),
          })
          const g = initialGrant(terms, "1e9", requested)!
          // the card's charge in its currency, then converted and rounded as convertCharge does
          const inCard = charge(t({ rate: cardRate.toString() }), g.seconds, decimals, mode)
          const dm = { half_up: Decimal.ROUND_HALF_UP, up: Decimal.ROUND_UP, down: Decimal.ROUND_DOWN, half_even: Decimal.ROUND_HALF_EVEN }[mode]
          const debited = fx ? inCard.mul(fx).toDecimalPlaces(decimals, dm) : inCard
          return debited.lte(g.amount)
        }
      )
    )
  })
})
