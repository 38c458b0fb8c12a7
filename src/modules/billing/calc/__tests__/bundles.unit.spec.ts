import Decimal from "decimal.js"
import fc from "fast-check"
import { BundleConsumer, includedSeconds, removalsByGroup } from "../bundles"
import type { BundleCall, Direction, MinuteBundle } from "../types"

const call = (rated_seconds: number, extra: Partial<BundleCall> = {}): BundleCall => ({
  direction: "outbound",
  destination_group: "uk",
  rated_seconds,
  rate: "0.02",
  fixed_fees: "0",
  charge: new Decimal("0.02").mul(rated_seconds).div(60).toDecimalPlaces(4).toFixed(4),
  ...extra,
})

describe("BundleConsumer, BILLING.md §3", () => {
  it("a call fully inside the bundle costs 0 for its minutes, but keeps its fixed fees", () => {
    const c = new BundleConsumer([{ code: "b100", name: "100 min", included_minutes: "100" }])
    // 120 s at 0.02/min = 0.04, plus 0.01 connect fee
    expect(c.add(call(120, { fixed_fees: "0.01", charge: "0.0500" }))).toEqual({
      covered_seconds: 120,
      covered_by: [{ code: "b100", seconds: 120 }],
    })
    const [b] = c.result()
    expect(b).toMatchObject({ code: "b100", included_seconds: 6000, used_seconds: 120 })
    expect(b.groups).toEqual([{ direction: "outbound", destination_group: "uk", covered_seconds: 120, amount_removed: "0.04" }])
  })

  it("a crossing call pays rate × uncovered seconds / 60, with no new increment", () => {
    const c = new BundleConsumer([{ code: "b1", name: "1 min", included_minutes: "1" }])
    expect(c.add(call(30)).covered_seconds).toBe(30) // 30 s left
    // 120 s at 0.0700/min with a 60/60 increment, 0.05 connect: charge 0.1900
    const crossing = c.add(call(120, { rate: "0.07", fixed_fees: "0.05", charge: "0.1900" }))
    expect(crossing.covered_seconds).toBe(30)
    // pays 0.05 + 0.07 × 90 / 60 = 0.155, so the bundle removed 0.19 − 0.155 = 0.035
    const g = c.result()[0].groups[0]
    expect(g.covered_seconds).toBe(60)
    expect(new Decimal(g.amount_removed).minus("0.0100").toFixed()).toBe("0.035")
    // exhausted: the next call is not touched
    expect(c.add(call(60)).covered_seconds).toBe(0)
    expect(c.result()[0].used_seconds).toBe(60)
  })

  it("keeps the division by 60 exact until the end (1 s at 0.01/min)", () => {
    const c = new BundleConsumer([{ code: "b", name: "B", included_minutes: "10" }])
    for (let i = 0; i < 3; i++) c.add(call(1, { rate: "0.01", charge: "0.0002" }))
    // each call: charge 0.0002 (rounded up from 0.000166…) removed in full
    expect(c.result()[0].groups[0].amount_removed).toBe("0.0006")
    const d = new BundleConsumer([{ code: "b", name: "B", included_minutes: "0.05" }]) // 3 s
    d.add(call(7, { rate: "0.01", charge: "0.0012" }))
    // pays 0.01 × 4 / 60 = 0.000666…; removed 0.0012 − 0.000666… = 0.000533…
    expect(d.result()[0].groups[0].amount_removed).toBe("0.00053333333333333333")
  })

  it("scopes bundles by direction and destination group, most specific first, running on into the next", () => {
    const bundles: MinuteBundle[] = [
      { code: "any", name: "Any", included_minutes: "2" },
      { code: "uk", name: "UK", included_minutes: "1", destination_groups: ["uk"] },
      { code: "in", name: "Inbound", included_minutes: "1", direction: "inbound" },
    ]
    const c = new BundleConsumer(bundles)
    expect(c.add(call(90)).covered_by).toEqual([
      { code: "uk", seconds: 60 },
      { code: "any", seconds: 30 },
    ])
    expect(c.add(call(60, { direction: "inbound", destination_group: null })).covered_by).toEqual([{ code: "in", seconds: 60 }])
    expect(c.add(call(60, { destination_group: "fr" })).covered_by).toEqual([{ code: "any", seconds: 60 }])
    expect(c.add(call(60, { destination_group: "uk" })).covered_by).toEqual([{ code: "any", seconds: 30 }])
    const r = removalsByGroup(c.result())
    expect(r.get("outbound|=uk")).toMatchObject({ covered_seconds: 120 })
    expect(r.get("inbound|")).toMatchObject({ covered_seconds: 60 })
  })

  it("does not spend minutes on free calls or zero-second calls", () => {
    const c = new BundleConsumer([{ code: "b", name: "B", included_minutes: "1" }])
    expect(c.add(call(60, { rate: "0", charge: "0" })).covered_seconds).toBe(0)
    expect(c.add(call(0, { charge: "0" })).covered_seconds).toBe(0)
    expect(c.result()[0].used_seconds).toBe(0)
  })

  it("rejects bad bundles and calls", () => {
    expect(() => includedSeconds({ code: "b", name: "B", included_minutes: "0.001" })).toThrow(/whole number of seconds/)
    expect(() => new BundleConsumer([{ code: "b", name: "B", included_minutes: "1" }, { code: "b", name: "B", included_minutes: "1" }])).toThrow(/twice/)
    const c = new BundleConsumer([{ code: "b", name: "B", included_minutes: "1" }])
    expect(() => c.add(call(1.5))).toThrow(/whole number/)
    expect(() => c.add(call(10, { direction: "sideways" as Direction }))).toThrow(/outbound or inbound/)
    expect(() => c.add(call(10, { rate: "1e-3" }))).toThrow(/not a decimal/)
  })
})

const groups = ["uk", "fr", null] as const
const callArb: fc.Arbitrary<BundleCall> = fc
  .record({
    direction: fc.constantFrom<Direction>("outbound", "inbound"),
    destination_group: fc.constantFrom(...groups),
    rated_seconds: fc.integer({ min: 0, max: 900 }),
    rate: fc.integer({ min: 0, max: 50000 }),
    fees: fc.integer({ min: 0, max: 500 }),
  })
  .map((r) => {
    const rate = new Decimal(r.rate).div(1e6)
    const fees = new Decimal(r.fees).div(1e4)
    return {
      direction: r.direction,
      destination_group: r.destination_group,
      rated_seconds: r.rated_seconds,
      rate: rate.toFixed(),
      fixed_fees: fees.toFixed(),
      charge: rate.mul(r.rated_seconds).div(60).plus(fees).toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toFixed(4),
    }
  })
const bundlesArb: fc.Arbitrary<MinuteBundle[]> = fc.array(
  fc.record({
    minutes: fc.integer({ min: 0, max: 60 }),
    direction: fc.constantFrom<Direction | null>("outbound", "inbound", null),
    dest: fc.constantFrom<string[] | null>(["uk"], ["uk", "fr"], null, []),
  }),
  { minLength: 1, maxLength: 4 }
).map((bs) =>
  bs.map((b, i) => ({ code: `b${i}`, name: `B${i}`, included_minutes: String(b.minutes), direction: b.direction, destination_groups: b.dest }))
)

describe("BundleConsumer properties", () => {
  it("never covers more than included, nor more than a call's rated seconds; totals agree", () => {
    fc.assert(
      fc.property(bundlesArb, fc.array(callArb, { maxLength: 60 }), (bundles, calls) => {
        const c = new BundleConsumer(bundles)
        let covered = 0
        for (const k of calls) {
          const r = c.add(k)
          expect(r.covered_seconds).toBeLessThanOrEqual(k.rated_seconds)
          expect(r.covered_by.reduce((s, x) => s + x.seconds, 0)).toBe(r.covered_seconds)
          covered += r.covered_seconds
        }
        let used = 0
        for (const b of c.result()) {
          expect(b.used_seconds).toBeLessThanOrEqual(b.included_seconds)
          expect(b.groups.reduce((s, g) => s + g.covered_seconds, 0)).toBe(b.used_seconds)
          used += b.used_seconds
        }
        expect(used).toBe(covered)
      })
    )
  })

  it("removes exactly charge − fees − rate × uncovered / 60 per covered call", () => {
    fc.assert(
      fc.property(bundlesArb, fc.array(callArb, { maxLength: 40 }), (bundles, calls) => {
        const c = new BundleConsumer(bundles)
        let expected = new Decimal(0)
        for (const k of calls) {
          const r = c.add(k)
          if (r.covered_seconds > 0) {
            expected = expected.plus(
              new Decimal(k.charge).minus(k.fixed_fees).minus(new Decimal(k.rate).mul(k.rated_seconds - r.covered_seconds).div(60))
            )
          }
        }
        const got = c.result().reduce((s, b) => b.groups.reduce((t, g) => t.plus(g.amount_removed), s), new Decimal(0))
        expect(got.minus(expected).abs().lt("1e-18")).toBe(true)
      })
    )
  })

  it("splitting the stream anywhere (batches, or a resumed consumer) gives the same result", () => {
    fc.assert(
      fc.property(
        bundlesArb,
        fc.array(callArb, { maxLength: 60 }),
        fc.array(fc.nat(), { maxLength: 5 }),
        (bundles, calls, cutsRaw) => {
          const whole = new BundleConsumer(bundles)
          whole.addAll(calls)
          const cuts = [...new Set(cutsRaw.map((x) => (calls.length ? x % (calls.length + 1) : 0)))].sort((a, b) => a - b)
          let consumer = new BundleConsumer(bundles)
          let from = 0
          for (const cut of [...cuts, calls.length]) {
            consumer.addAll(calls.slice(from, cut))
            from = cut
            // another worker continues from a JSON snapshot
            consumer = BundleConsumer.resume(bundles, JSON.parse(JSON.stringify(consumer.state())))
          }
          expect(consumer.result()).toEqual(whole.result())
        }
      )
    )
  })

  it("streams a million calls in bounded memory", () => {
    const c = new BundleConsumer([{ code: "big", name: "Big", included_minutes: "100000" }])
    const k = call(60, { charge: "0.0200" })
    const before = process.memoryUsage().heapUsed
    const t0 = Date.now()
    for (let i = 0; i < 1_000_000; i++) c.add(k)
    const ms = Date.now() - t0
    const r = c.result()[0]
    expect(r.used_seconds).toBe(6_000_000)
    expect(r.groups[0].amount_removed).toBe("2000")
    // constant state: far below what keeping a million calls would take
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(64 * 1024 * 1024)
    expect(ms).toBeLessThan(20_000)
  })
})
