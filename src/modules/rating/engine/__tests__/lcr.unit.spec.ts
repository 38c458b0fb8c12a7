import fc from "fast-check"
import { compileCard, compileVersion, type CompiledCard } from "../compile"
import { rankCarriers } from "../lcr"
import { rateCall, type FxLookup } from "../rate"
import type { AccountSettings, CardInput, RateRowInput } from "../types"

const account: AccountSettings = { timezone: "Europe/London", country_code: "44" }
const FRIDAY_10 = new Date("2026-05-01T09:00:00Z")
const SATURDAY = new Date("2026-05-02T12:00:00Z")

function buy(carrier: string | null, rows: RateRowInput[], settings: Partial<CardInput> = {}): CompiledCard {
  const id = settings.id ?? `buy_${carrier}`
  return compileCard(
    { id, name: settings.name ?? `${carrier} card`, kind: "buy", currency: "GBP", decimals: 4, rounding: "half_up", direction: "outbound", carrier, ...settings },
    [compileVersion({ id: `${id}_v1`, number: 1, effective_from: new Date("2020-01-01T00:00:00Z"), effective_to: null }, rows)]
  )
}

describe("rankCarriers (RATING.md §5)", () => {
  const a = buy("Alpha", [{ id: "a", prefix: "44", rate: "0.0120", destination: "UK" }])
  const b = buy("Bravo", [{ id: "b", prefix: "442", rate: "0.0100", connect_fee: "0.0200" }])
  const c = buy("Charlie", [{ id: "c", prefix: "4420", rate: "0.0110", initial_increment: 1, subsequent_increment: 1 }])
  const d = buy("Delta", [{ id: "d", prefix: "33", rate: "0.0010" }])

  it("ranks the carriers that rate the number by the cost of a 60-second call", () => {
    const { number, entries } = rankCarriers("020 7946 0000", account, FRIDAY_10, "outbound", [a, b, c, d])
    expect(number).toBe("442079460000")
    expect(entries.map((e) => [e.rank, e.carrier, e.cost])).toEqual([
      [1, "Charlie", "0.0110"],
      [2, "Alpha", "0.0120"],
      [3, "Bravo", "0.0300"],
    ])
    expect(entries[1]).toEqual({
      rank: 2,
      carrier: "Alpha",
      card_id: "buy_Alpha",
      card: "Alpha card",
      version_id: "buy_Alpha_v1",
      version: 1,
      row_id: "a",
      prefix: "44",
      band: "default",
      rated_seconds: 60,
      cost: "0.0120",
      currency: "GBP",
      rate: "0.0120",
      connect_fee: "0",
      per_call: "0",
      destination: "UK",
    })
  })

  it("uses each card's increments for the reference call length", () => {
    // 30 s: Charlie bills 30 s (0.0055), Alpha a full minute (0.0120)
    const short = rankCarriers("442079460000", account, FRIDAY_10, "outbound", [a, c], { billsec: 30 })
    expect(short.entries.map((e) => [e.carrier, e.rated_seconds, e.cost])).toEqual([
      ["Charlie", 30, "0.0055"],
      ["Alpha", 60, "0.0120"],
    ])
    // 600 s: Alpha 0.1200, Charlie 0.1100, Bravo 0.1200 (0.10 + 0.02); Alpha and Bravo tie: card order
    const long = rankCarriers("442079460000", account, FRIDAY_10, "outbound", [a, b, c], { billsec: 600 })
    expect(long.entries.map((e) => e.carrier)).toEqual(["Charlie", "Alpha", "Bravo"])
  })

  it("breaks cost ties by card order (the order the rating module lists buy cards: by code)", () => {
    const x = buy("Xray", [{ prefix: "44", rate: "0.0100", connect_fee: "0.0020" }]) // 0.0120
    const y = buy("Yankee", [{ prefix: "44", rate: "0.0120" }]) // 0.0120
    const first = buy(null, [{ prefix: "44", rate: "0.0120" }], { id: "n1", name: "Zz first" })
    const second = buy(null, [{ prefix: "44", rate: "0.0120" }], { id: "n2", name: "Zz first" })
    const { entries } = rankCarriers("442079460000", account, FRIDAY_10, "outbound", [y, second, x, first])
    expect(entries.map((e) => [e.rank, e.card_id])).toEqual([
      [1, "buy_Yankee"],
      [2, "n2"],
      [3, "buy_Xray"],
      [4, "n1"],
    ])
  })

  it("compares costs exactly across different decimals", () => {
    const fine = buy("Fine", [{ prefix: "44", rate: "0.011999" }], { decimals: 6 })
    expect(rankCarriers("442079460000", account, FRIDAY_10, "outbound", [a, fine]).entries.map((e) => e.cost)).toEqual([
      "0.011999",
      "0.0120",
    ])
  })

  it("rates each buy card with its own profile and band", () => {
    const weekend = buy("Weekend", [
      { prefix: "44", rate: "0.0500" },
      { prefix: "44", rate: "0.0010", band: "weekend" },
    ], { time_profile: { rules: [{ band: "weekend", days: ["sat", "sun"], from: "00:00", to: "24:00" }] } })
    expect(rankCarriers("442079460000", account, FRIDAY_10, "outbound", [a, weekend]).entries.map((e) => e.carrier)).toEqual(["Alpha", "Weekend"])
    const sat = rankCarriers("442079460000", account, SATURDAY, "outbound", [a, weekend]).entries
    expect(sat.map((e) => [e.carrier, e.band])).toEqual([
      ["Weekend", "weekend"],
      ["Alpha", "default"],
    ])
  })

  it("skips cards of the other direction and returns no entries for an invalid number", () => {
    const inbound = buy("In", [{ prefix: "44", rate: "0.0001", direction: "inbound" }], { direction: "inbound" })
    expect(rankCarriers("442079460000", account, FRIDAY_10, "outbound", [inbound, a]).entries.map((e) => e.carrier)).toEqual(["Alpha"])
    expect(rankCarriers("442079460000", account, FRIDAY_10, "inbound", [inbound, a]).entries.map((e) => e.carrier)).toEqual(["In"])
    expect(rankCarriers("not a number", account, FRIDAY_10, "outbound", [a])).toEqual({ number: null, entries: [] })
    expect(rankCarriers("33123", account, FRIDAY_10, "outbound", [a, b])).toEqual({ number: "33123", entries: [] })
    expect(() => rankCarriers("44", account, new Date("x"), "outbound", [a])).toThrow(/not a valid date/)
  })
})

describe("rankCarriers: one entry per carrier (RATING.md §5 with §3)", () => {
  // carrier A has two cards: A1 is cheaper, A2 has the longer prefix
  const a1 = buy("A", [{ id: "a1", prefix: "44", rate: "0.0100" }], { id: "a1" })
  const a2 = buy("A", [{ id: "a2", prefix: "447", rate: "0.0120" }], { id: "a2" })
  const b = buy("B", [{ id: "b", prefix: "447", rate: "0.0110" }], { id: "b" })

  it("lists a carrier once, with the card of its longest matching prefix", () => {
    const { entries } = rankCarriers("447700900123", account, FRIDAY_10, "outbound", [a1, a2, b])
    expect(entries.map((e) => [e.rank, e.carrier, e.card_id, e.prefix, e.cost])).toEqual([
      [1, "B", "b", "447", "0.0110"],
      [2, "A", "a2", "447", "0.0120"],
    ])
    // where only A1 has a prefix, A1 gives A's cost
    expect(rankCarriers("442079460000", account, FRIDAY_10, "outbound", [a1, a2, b]).entries.map((e) => [e.carrier, e.card_id])).toEqual([
      ["A", "a1"],
    ])
  })

  it("on equal prefixes takes a row for the call's band over a band-less one, then the card given first", () => {
    const profile = { rules: [{ band: "weekend" as const, days: ["sat" as const, "sun" as const], from: "00:00", to: "24:00" }] }
    const plain = buy("C", [{ id: "plain", prefix: "447", rate: "0.0010" }], { id: "plain" })
    const weekend = buy("C", [{ id: "wk", prefix: "447", rate: "0.0500", band: "weekend" }], { id: "wk", time_profile: profile })
    const other = buy("C", [{ id: "other", prefix: "447", rate: "0.0001" }], { id: "other" })
    expect(rankCarriers("447700900123", account, SATURDAY, "outbound", [plain, weekend]).entries.map((e) => e.card_id)).toEqual(["wk"])
    expect(rankCarriers("447700900123", account, FRIDAY_10, "outbound", [plain, weekend]).entries.map((e) => e.card_id)).toEqual(["plain"])
    expect(rankCarriers("447700900123", account, FRIDAY_10, "outbound", [other, plain]).entries.map((e) => e.card_id)).toEqual(["other"])
    expect(rankCarriers("447700900123", account, FRIDAY_10, "outbound", [plain, other]).entries.map((e) => e.card_id)).toEqual(["plain"])
  })

  it("ranks first the carrier rateCall takes the cost from, for a call of the reference length", () => {
    const retail = compileCard(
      { id: "retail", name: "retail", kind: "sell", currency: "GBP", decimals: 4, rounding: "half_up", direction: "outbound" },
      [compileVersion({ id: "retail_v1", number: 1, effective_from: new Date("2020-01-01T00:00:00Z"), effective_to: null }, [{ prefix: "4", rate: "0.0500" }])]
    )
    const prefixArb = fc.constantFrom("4", "44", "447", "4477")
    const cardArb = fc.record({
      carrier: fc.constantFrom("A", "B", "C"),
      prefix: prefixArb,
      rate: fc.integer({ min: 0, max: 300 }).map((v) => (v / 10000).toFixed(4)),
      decimals: fc.constantFrom(2, 4, 6),
    })
    fc.assert(
      fc.property(fc.array(cardArb, { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 600 }), (specs, billsec) => {
        const cards = specs.map((s, i) =>
          buy(s.carrier, [{ id: `r${i}`, prefix: s.prefix, rate: s.rate }], { id: `c${i}`, decimals: s.decimals })
        )
        const { entries } = rankCarriers("447700900123", account, FRIDAY_10, "outbound", cards, { billsec })
        expect(new Set(entries.map((e) => e.carrier)).size).toBe(entries.length)
        const rated = rateCall(
          { direction: "outbound", number: "447700900123", answer_time: FRIDAY_10, billsec },
          account,
          [retail],
          { buyCards: cards }
        )
        expect(rated.cost?.card_id).toBe(entries[0].card_id)
        for (const e of entries) {
          const named = rateCall(
            { direction: "outbound", number: "447700900123", answer_time: FRIDAY_10, billsec, carrier: e.carrier },
            account,
            [retail],
            { buyCards: cards }
          )
          expect([named.cost?.card_id, named.cost?.cost]).toEqual([e.card_id, e.cost])
        }
      })
    )
  })
})

describe("rankCarriers: costs in several currencies", () => {
  const gbp = buy("Sterling", [{ id: "g", prefix: "44", rate: "0.0100" }], { id: "gbp" })
  const jpy = buy("Yen", [{ id: "j", prefix: "44", rate: "1" }], { id: "jpy", currency: "JPY", decimals: 2 })
  const usd = buy("Dollar", [{ id: "u", prefix: "44", rate: "0.0130" }], { id: "usd", currency: "USD" })
  const rates: Record<string, Array<{ rate: string; from: string }>> = {
    "JPY/GBP": [
      { rate: "0.0052", from: "2026-01-01T00:00:00Z" },
      { rate: "0.02", from: "2026-06-01T00:00:00Z" },
    ],
  }
  const fx: FxLookup = (base, quote, at) => {
    const found = (rates[`${base}/${quote}`] ?? []).filter((r) => Date.parse(r.from) <= at.getTime()).pop()
    return found ? { rate: found.rate, effective_from: new Date(found.from) } : null
  }

  it("compares them in the account's currency at the FX rate in force at the instant", () => {
    // 1.00 JPY × 0.0052 = 0.0052, converted as the card rounds (2 decimals, half_up): 0.01 GBP, a tie: card order
    const may = rankCarriers("442079460000", account, FRIDAY_10, "outbound", [gbp, jpy], { currency: "GBP", fx })
    expect(may.entries.map((e) => [e.rank, e.carrier, e.cost, e.currency, e.fx?.cost ?? null])).toEqual([
      [1, "Sterling", "0.0100", "GBP", null],
      [2, "Yen", "1.00", "JPY", "0.01"],
    ])
    const cheapYen = buy("Yen", [{ id: "j", prefix: "44", rate: "1" }], { id: "jpy", currency: "JPY", decimals: 4 })
    const exact = rankCarriers("442079460000", account, FRIDAY_10, "outbound", [gbp, cheapYen], { currency: "GBP", fx })
    expect(exact.entries.map((e) => [e.rank, e.carrier, e.cost, e.fx])).toEqual([
      [1, "Yen", "1.0000", { cost: "0.0052", currency: "GBP", rate: "0.0052", effective_from: "2026-01-01T00:00:00.000Z" }],
      [2, "Sterling", "0.0100", undefined],
    ])
    // in July the yen is dearer: 1 JPY = 0.02 GBP
    const july = rankCarriers("442079460000", account, new Date("2026-07-01T09:00:00Z"), "outbound", [cheapYen, gbp], { currency: "GBP", fx })
    expect(july.entries.map((e) => [e.rank, e.carrier])).toEqual([
      [1, "Sterling"],
      [2, "Yen"],
    ])
  })

  it("never ranks raw amounts of two currencies: without a rate the cost is listed unranked with the reason", () => {
    const noFx = rankCarriers("442079460000", account, FRIDAY_10, "outbound", [jpy, gbp, usd], { currency: "GBP", fx })
    expect(noFx.entries.map((e) => [e.rank, e.carrier])).toEqual([
      [1, "Yen"],
      [2, "Sterling"],
      [null, "Dollar"],
    ])
    expect(noFx.entries[2].unranked_reason).toBe("cannot be compared in GBP: no FX rate USD→GBP in force at 2026-05-01T09:00:00.000Z")
    // no lookup at all, or no currency to compare in
    const noLookup = rankCarriers("442079460000", account, FRIDAY_10, "outbound", [jpy, gbp], { currency: "GBP" })
    expect(noLookup.entries.map((e) => [e.rank, e.carrier])).toEqual([
      [1, "Sterling"],
      [null, "Yen"],
    ])
    const noCurrency = rankCarriers("442079460000", account, FRIDAY_10, "outbound", [jpy, gbp], { fx })
    expect(noCurrency.entries.map((e) => [e.rank, e.carrier, e.unranked_reason])).toEqual([
      [null, "Yen", "costs in GBP, JPY need a currency to be compared in"],
      [null, "Sterling", "costs in GBP, JPY need a currency to be compared in"],
    ])
  })

  it("ranks costs all in one currency as they are, whatever the account's", () => {
    const jpy2 = buy("Yen2", [{ id: "j2", prefix: "44", rate: "0.5" }], { id: "jpy2", currency: "JPY", decimals: 2 })
    const { entries } = rankCarriers("442079460000", account, FRIDAY_10, "outbound", [jpy, jpy2], { currency: "GBP" })
    expect(entries.map((e) => [e.rank, e.carrier, e.cost, e.fx])).toEqual([
      [1, "Yen2", "0.50", undefined],
      [2, "Yen", "1.00", undefined],
    ])
  })
})
