import Decimal from "decimal.js"
import fc from "fast-check"
import { compileCard, compileVersion, type CompiledCard } from "../compile"
import { ratedSeconds } from "../increments"
import { formatScaled } from "../money"
import { computeCharge, isAnswered, rateCall, type FxLookup } from "../rate"
import type { AccountSettings, CallInput, CardInput, RateRowInput, RoundingMode, TimeProfileInput } from "../types"

const account: AccountSettings = { timezone: "Europe/London", country_code: "44" }
const FRIDAY_10 = new Date("2026-05-01T09:00:00Z") // Fri 10:00 BST
const SATURDAY = new Date("2026-05-02T12:00:00Z")

function card(
  id: string,
  rows: RateRowInput[],
  settings: Partial<CardInput> = {},
  versions?: Array<{ id: string; number: number; from: string; to: string | null; rows: RateRowInput[] }>
): CompiledCard {
  const input: CardInput = {
    id,
    name: settings.name ?? id,
    kind: "sell",
    currency: "GBP",
    decimals: 4,
    rounding: "half_up",
    direction: "outbound",
    ...settings,
  }
  const vs = versions ?? [{ id: `${id}_v1`, number: 1, from: "2020-01-01T00:00:00Z", to: null, rows }]
  return compileCard(
    input,
    vs.map((v) =>
      compileVersion({ id: v.id, number: v.number, effective_from: new Date(v.from), effective_to: v.to === null ? null : new Date(v.to) }, v.rows)
    )
  )
}

function call(number: string, billsec: number, extra: Partial<CallInput> = {}): CallInput {
  return { direction: "outbound", number, answer_time: FRIDAY_10, billsec, ...extra }
}

describe("rateCall: RATING.md §4 examples (rate 0.0200/min, 4 decimals, half_up)", () => {
  const retail = card("retail", [
    { id: "r1", prefix: "441", rate: "0.0200", initial_increment: 60, subsequent_increment: 60 },
    { id: "r2", prefix: "442", rate: "0.0200", initial_increment: 30, subsequent_increment: 6 },
    { id: "r3", prefix: "443", rate: "0.0200", initial_increment: 1, subsequent_increment: 1 },
    { id: "r4", prefix: "444", rate: "0.0200", initial_increment: 60, subsequent_increment: 60, grace: 5 },
  ])
  it.each([
    ["441000", 61, 120, "0.0400"],
    ["442000", 31, 36, "0.0120"],
    ["443000", 31, 31, "0.0103"],
    ["444000", 3, 0, "0.0000"],
  ])("%s, %i s → %i s, %s", (number, billsec, rated, charge) => {
    const r = rateCall(call(number, billsec), account, [retail])
    expect(r).toMatchObject({ status: "rated", number, rated_seconds: rated, charge, currency: "GBP" })
    expect(r.trace).not.toBeNull()
  })
})

describe("rateCall: choosing the rate (RATING.md §3)", () => {
  const override = card("override", [{ id: "o1", prefix: "447", rate: "0.0100" }], { name: "ACME override" })
  const assigned = card("assigned", [
    { id: "a1", prefix: "44", rate: "0.0200", destination: "United Kingdom", destination_group: "UK" },
    { id: "a2", prefix: "447", rate: "0.0800", destination: "United Kingdom - Mobile", destination_group: "UK-MOBILE" },
  ])
  const system = card("system", [{ id: "s1", prefix: "1", rate: "0.0050" }])
  const cards = [override, assigned, system]

  it("takes the first card with a match: overrides list only the prefixes they change", () => {
    expect(rateCall(call("447700900123", 60), account, cards)).toMatchObject({ charge: "0.0100", trace: { card_id: "override", row_id: "o1" } })
    expect(rateCall(call("442079460000", 60), account, cards)).toMatchObject({ charge: "0.0200", trace: { card_id: "assigned", row_id: "a1" } })
    expect(rateCall(call("12125550100", 60), account, cards)).toMatchObject({ charge: "0.0050", trace: { card_id: "system", row_id: "s1" } })
  })

  it("does not look for a longer prefix in a later card once a card matches", () => {
    const broad = card("broad", [{ id: "b1", prefix: "4", rate: "0.5000" }])
    expect(rateCall(call("447700900123", 60), account, [broad, assigned]).trace?.card_id).toBe("broad")
  })

  it("skips cards of the other direction and uses cards for both", () => {
    const inboundOnly = card("in", [{ id: "i1", prefix: "44", rate: "0.9000", direction: "outbound" }], { direction: "inbound" })
    const both = card("both", [
      { id: "b1", prefix: "44", rate: "0.0300" },
      { id: "b2", prefix: "44", rate: "0.0010", direction: "inbound" },
    ], { direction: "both" })
    expect(rateCall(call("442079460000", 60), account, [inboundOnly, both])).toMatchObject({ charge: "0.0300", trace: { row_id: "b1" } })
    expect(rateCall(call("442079460000", 60, { direction: "inbound" }), account, [inboundOnly, both])).toMatchObject({
      charge: "0.0010",
      trace: { row_id: "b2" },
    })
  })

  it("uses the version in force at the answer time, and the next card when a card has none", () => {
    const versioned = card("versioned", [], {}, [
      { id: "jan", number: 1, from: "2026-01-01T00:00:00Z", to: "2026-06-01T00:00:00Z", rows: [{ prefix: "44", rate: "0.0200" }] },
      { id: "jun", number: 2, from: "2026-06-01T00:00:00Z", to: null, rows: [{ prefix: "44", rate: "0.0300" }] },
    ])
    const at = (iso: string) => rateCall(call("442079460000", 60, { answer_time: new Date(iso) }), account, [versioned, system, assigned])
    expect(at("2026-05-31T22:59:59Z")).toMatchObject({ charge: "0.0200", trace: { version_id: "jan", version: 1 } })
    expect(at("2026-06-01T00:00:00Z")).toMatchObject({ charge: "0.0300", trace: { version_id: "jun", version: 2 } })
    // before any version of the first card: the next card that matches
    expect(at("2025-12-31T12:00:00Z")).toMatchObject({ charge: "0.0200", trace: { card_id: "assigned" } })
  })

  it("rates by the time band of the card's profile in the account's zone", () => {
    const profile: TimeProfileInput = {
      rules: [
        { band: "peak", days: ["mon", "tue", "wed", "thu", "fri"], from: "08:00", to: "19:00" },
        { band: "weekend", days: ["sat", "sun"], from: "00:00", to: "24:00" },
      ],
    }
    const banded = card(
      "banded",
      [
        { id: "any", prefix: "44", rate: "0.0200" },
        { id: "peak", prefix: "44", rate: "0.0500", band: "peak" },
        { id: "weekend", prefix: "44", rate: "0.0100", band: "weekend" },
      ],
      { time_profile: profile }
    )
    const at = (iso: string) => rateCall(call("442079460000", 60, { answer_time: new Date(iso) }), account, [banded])
    expect(at("2026-05-01T07:00:00Z")).toMatchObject({ charge: "0.0500", trace: { band: "peak", row_id: "peak" } }) // 08:00 BST
    expect(at("2026-05-01T06:59:59Z")).toMatchObject({ charge: "0.0200", trace: { band: "default", row_id: "any" } }) // 07:59 BST
    expect(at("2026-05-01T18:00:00Z")).toMatchObject({ charge: "0.0200", trace: { band: "default" } }) // 19:00 BST
    expect(at(SATURDAY.toISOString())).toMatchObject({ charge: "0.0100", trace: { band: "weekend", row_id: "weekend" } })
    // a card without a profile is always in band "default"
    expect(rateCall(call("442079460000", 60), account, [assigned]).trace?.band).toBe("default")
  })

  it("takes the longest prefix, and for that prefix the band's row over the band-less row", () => {
    const profile: TimeProfileInput = { rules: [{ band: "peak", days: ["fri"], from: "00:00", to: "24:00" }] }
    const deck = card(
      "deck",
      [
        { id: "44", prefix: "44", rate: "0.0200" },
        { id: "44peak", prefix: "44", rate: "0.0400", band: "peak" },
        { id: "447", prefix: "447", rate: "0.0600" },
        { id: "4477peak", prefix: "4477", rate: "0.0700", band: "peak" },
        { id: "4478off", prefix: "4478", rate: "0.0800", band: "offpeak" },
      ],
      { time_profile: profile }
    )
    const on = (number: string, at = FRIDAY_10) => rateCall(call(number, 60, { answer_time: at }), account, [deck]).trace?.row_id
    expect(on("4477001")).toBe("4477peak")
    expect(on("4476001")).toBe("447") // a longer band-less prefix beats a shorter band row
    expect(on("4478001")).toBe("447") // another band's row never matches
    expect(on("4420001")).toBe("44peak")
    expect(on("4477001", SATURDAY)).toBe("447")
    expect(on("4420001", SATURDAY)).toBe("44")
  })

  it("records the trace of what produced the charge", () => {
    const r = rateCall(call("+44 7700 900123", 61), account, [assigned])
    expect(r).toEqual({
      status: "rated",
      number: "447700900123",
      rated_seconds: 120,
      charge: "0.1600",
      currency: "GBP",
      trace: {
        card_id: "assigned",
        card: "assigned",
        version_id: "assigned_v1",
        version: 1,
        row_id: "a2",
        prefix: "447",
        destination: "United Kingdom - Mobile",
        destination_group: "UK-MOBILE",
        band: "default",
        rate: "0.0800",
        connect_fee: "0",
        per_call: "0",
        initial_increment: 60,
        subsequent_increment: 60,
        grace: 0,
      },
    })
  })

  it("sends a number no card rates to the exception queue as no_rate", () => {
    const r = rateCall(call("33123456789", 60), account, cards)
    expect(r).toMatchObject({ status: "exception", reason: "no_rate", number: "33123456789", rated_seconds: 0 })
    expect(r.detail).toMatch(/no rate for 33123456789 \(outbound\)/)
    expect(r.charge).toBeUndefined()
    expect(rateCall(call("442079460000", 60), account, [])).toMatchObject({ status: "exception", reason: "no_rate" })
  })

  it("sends a number that does not normalise to the exception queue as invalid_number", () => {
    for (const n of ["", "44-ABC", "1".repeat(21)]) {
      expect(rateCall(call(n, 60), account, cards)).toMatchObject({ status: "exception", reason: "invalid_number", rated_seconds: 0 })
    }
    // also when unanswered
    expect(rateCall(call("abc", 0, { disposition: "NO ANSWER" }), account, cards)).toMatchObject({ reason: "invalid_number" })
  })

  it("rejects broken records as invalid_record", () => {
    expect(rateCall(call("442079460000", 30, { answer_time: null }), account, cards)).toMatchObject({
      status: "exception",
      reason: "invalid_record",
      detail: "answered call with billsec 30 has no answer_time",
    })
    expect(rateCall(call("442079460000", -1), account, cards)).toMatchObject({ reason: "invalid_record" })
    expect(rateCall(call("442079460000", 1.5), account, cards)).toMatchObject({ reason: "invalid_record" })
    expect(rateCall(call("442079460000", NaN), account, cards)).toMatchObject({ reason: "invalid_record" })
    expect(rateCall(call("442079460000", 10, { answer_time: new Date("nope") }), account, cards)).toMatchObject({ reason: "invalid_record" })
    expect(rateCall(call("442079460000", 10, { direction: "sideways" as never }), account, cards)).toMatchObject({ reason: "invalid_record" })
  })
})

describe("rateCall: unanswered calls", () => {
  const uk = card("uk", [{ id: "u1", prefix: "44", rate: "0.0200", connect_fee: "0.0500", per_call: "0.1000" }], { decimals: 2, currency: "EUR" })

  it("rates unanswered calls and billsec 0 at 0 with no lookup, so never no_rate", () => {
    for (const disposition of ["NO ANSWER", "BUSY", "FAILED", "CONGESTION", "no answer"]) {
      expect(rateCall(call("33123456789", 12, { disposition, answer_time: null }), account, [uk])).toEqual({
        status: "rated",
        number: "33123456789",
        rated_seconds: 0,
        charge: "0.00",
        currency: "EUR",
        trace: null,
      })
    }
    expect(rateCall(call("442079460000", 0), account, [uk])).toMatchObject({ status: "rated", charge: "0.00", trace: null })
    expect(rateCall(call("442079460000", 0, { answer_time: null }), account, [uk])).toMatchObject({ status: "rated", charge: "0.00" })
  })

  it("uses 4 decimals and no currency when no card applies", () => {
    const r = rateCall(call("442079460000", 0), account, [])
    expect(r).toMatchObject({ status: "rated", charge: "0.0000", trace: null })
    expect(r.currency).toBeUndefined()
  })

  it("treats a missing, empty or lower-case answered disposition as answered", () => {
    expect(isAnswered(undefined)).toBe(true)
    expect(isAnswered(null)).toBe(true)
    expect(isAnswered("")).toBe(true)
    expect(isAnswered(" answered ")).toBe(true)
    expect(isAnswered("BUSY")).toBe(false)
    expect(rateCall(call("442079460000", 60, { disposition: "answered" }), account, [uk]).rated_seconds).toBe(60)
  })

  it("charges only the connect fee when the card says charge_unanswered", () => {
    const cu = card("cu", [{ id: "c1", prefix: "44", rate: "0.0200", connect_fee: "0.0550", per_call: "0.1000" }], {
      decimals: 2,
      rounding: "half_up",
      charge_unanswered: true,
    })
    const r = rateCall(call("442079460000", 0, { disposition: "NO ANSWER" }), account, [cu])
    expect(r).toMatchObject({ status: "rated", rated_seconds: 0, charge: "0.06", currency: "GBP", trace: { row_id: "c1", connect_fee: "0.0550" } })
    // no answer time: looked up at the start time
    const started = rateCall(call("442079460000", 0, { disposition: "BUSY", answer_time: null, start_time: FRIDAY_10 }), account, [cu])
    expect(started).toMatchObject({ charge: "0.06", trace: { row_id: "c1" } })
    // no row, or no time at all: still rated 0 (never no_rate), trace null
    expect(rateCall(call("33123", 0, { disposition: "BUSY" }), account, [cu])).toMatchObject({ status: "rated", charge: "0.00", trace: null })
    expect(rateCall(call("442079460000", 0, { disposition: "BUSY", answer_time: null }), account, [cu])).toMatchObject({
      status: "rated",
      charge: "0.00",
      trace: null,
    })
    // only the first applicable card decides whether to look up
    expect(rateCall(call("442079460000", 0, { disposition: "BUSY" }), account, [uk, cu])).toMatchObject({ charge: "0.00", trace: null })
  })
})

describe("rateCall: charging (RATING.md §4)", () => {
  it("charges grace-length calls nothing but still traces the row", () => {
    const g = card("g", [{ id: "g1", prefix: "44", rate: "0.0200", connect_fee: "0.0500", grace: 5 }])
    expect(rateCall(call("442079460000", 5), account, [g])).toMatchObject({ rated_seconds: 0, charge: "0.0000", trace: { row_id: "g1", grace: 5 } })
    expect(rateCall(call("442079460000", 6), account, [g])).toMatchObject({ rated_seconds: 60, charge: "0.0700" })
  })

  it("adds the connect fee and the per-call fee, rounding once", () => {
    const fees = card("fees", [
      { id: "c", prefix: "441", rate: "0.0200", connect_fee: "0.0500" },
      { id: "p", prefix: "442", rate: "0.0200", per_call: "0.0100" },
      { id: "b", prefix: "443", rate: "0.0200", connect_fee: "0.00004", per_call: "0.00004", initial_increment: 1, subsequent_increment: 1 },
    ])
    expect(rateCall(call("441000", 61), account, [fees]).charge).toBe("0.0900")
    expect(rateCall(call("442000", 61), account, [fees]).charge).toBe("0.0500")
    // 0.00004 + 0.00004 + 0.02 × 31/60 = 0.0104133… → 0.0104; rounding each part first would give 0.0103
    expect(rateCall(call("443000", 31), account, [fees]).charge).toBe("0.0104")
  })

  it.each<[RoundingMode, string, string]>([
    // rate 0.0250/min, 60 s → 0.025 exactly: a tie at 2 decimals
    ["half_up", "0.03", "0.01"],
    ["half_even", "0.02", "0.01"],
    ["up", "0.03", "0.02"],
    ["down", "0.02", "0.01"],
  ])("rounds with %s: a tie to %s and 0.0125 × … to %s", (rounding, tie, other) => {
    const c = card("r", [
      { id: "t", prefix: "441", rate: "0.0250" },
      { id: "o", prefix: "442", rate: "0.0125" },
    ], { decimals: 2, rounding })
    expect(rateCall(call("441000", 60), account, [c]).charge).toBe(tie)
    expect(rateCall(call("442000", 60), account, [c]).charge).toBe(other)
  })

  it("supports 0 to 8 decimals", () => {
    const row = [{ id: "x", prefix: "44", rate: "1.234567", initial_increment: 1, subsequent_increment: 1 }]
    expect(rateCall(call("44", 7), account, [card("d0", row, { decimals: 0 })]).charge).toBe("0")
    expect(rateCall(call("44", 70), account, [card("d0", row, { decimals: 0 })]).charge).toBe("1")
    // 1.234567 × 7 / 60 = 0.14403281666…
    expect(rateCall(call("44", 7), account, [card("d8", row, { decimals: 8 })]).charge).toBe("0.14403282")
    expect(rateCall(call("44", 7), account, [card("d6", row, { decimals: 6, rounding: "down" })]).charge).toBe("0.144032")
  })
})

describe("rateCall: cost and margin (RATING.md §5)", () => {
  const retail = card("retail", [{ id: "r", prefix: "44", rate: "0.0200" }])
  const buyA = card("buyA", [{ id: "a", prefix: "44", rate: "0.012" }], { kind: "buy", carrier: "A", decimals: 6 })
  const buyB = card("buyB", [{ id: "b", prefix: "44", rate: "0.010" }], { kind: "buy", carrier: "B", decimals: 6 })
  const buyB2 = card("buyB2", [{ id: "b2", prefix: "44", rate: "0.010" }], { kind: "buy", carrier: "B2", decimals: 6 })

  it("costs the call on the cheapest buy card and gives the exact margin", () => {
    const r = rateCall(call("442079460000", 61), account, [retail], { buyCards: [buyA, buyB] })
    expect(r.charge).toBe("0.0400")
    expect(r.cost).toEqual({
      carrier: "B",
      card_id: "buyB",
      card: "buyB",
      version_id: "buyB_v1",
      version: 1,
      row_id: "b",
      prefix: "44",
      band: "default",
      rated_seconds: 120,
      cost: "0.020000",
      currency: "GBP",
    })
    expect(r.margin).toBe("0.020000")
  })

  it("uses the call's carrier's cards when the call names a carrier", () => {
    const r = rateCall(call("442079460000", 61, { carrier: "A" }), account, [retail], { buyCards: [buyA, buyB] })
    expect(r.cost).toMatchObject({ carrier: "A", cost: "0.024000" })
    expect(r.margin).toBe("0.016000")
    const none = rateCall(call("442079460000", 61, { carrier: "C" }), account, [retail], { buyCards: [buyA, buyB] })
    expect(none.cost).toBeNull()
    expect(none.margin).toBeNull()
  })

  it("keeps card order on equal costs, and gives negative margins", () => {
    expect(rateCall(call("442079460000", 61), account, [retail], { buyCards: [buyB2, buyB] }).cost?.carrier).toBe("B2")
    const dear = card("dear", [{ id: "d", prefix: "44", rate: "0.05" }], { kind: "buy", carrier: "D", decimals: 2 })
    expect(rateCall(call("442079460000", 61), account, [retail], { buyCards: [dear] })).toMatchObject({
      cost: { cost: "0.10" },
      margin: "-0.0600",
    })
  })

  it("gives no margin across currencies without an FX rate, and no cost when no buy card rates the call", () => {
    const usd = card("usd", [{ id: "u", prefix: "44", rate: "0.001" }], { kind: "buy", carrier: "U", currency: "USD" })
    const r = rateCall(call("442079460000", 61), account, [retail], { buyCards: [usd] })
    expect(r.cost).toMatchObject({ carrier: "U", currency: "USD", cost: "0.0020" })
    expect(r.margin).toBeNull()
    expect(r.margin_reason).toBe("the cost is in USD, the charge in GBP, and no FX rate USD→GBP in force at 2026-05-01T09:00:00.000Z")
    const fr = card("fr", [{ id: "f", prefix: "33", rate: "0.001" }], { kind: "buy", carrier: "F" })
    expect(rateCall(call("442079460000", 61), account, [retail], { buyCards: [fr] })).toMatchObject({ cost: null, margin: null })
    expect("cost" in rateCall(call("442079460000", 61), account, [retail])).toBe(false)
  })

  it("rates buy cards with their own profile and band", () => {
    const profiled = card(
      "profiled",
      [
        { id: "any", prefix: "44", rate: "0.0300" },
        { id: "wk", prefix: "44", rate: "0.0010", band: "weekend" },
      ],
      { kind: "buy", carrier: "P", time_profile: { rules: [{ band: "weekend", days: ["sat", "sun"], from: "00:00", to: "24:00" }] } }
    )
    expect(rateCall(call("442079460000", 60, { answer_time: SATURDAY }), account, [retail], { buyCards: [profiled] }).cost).toMatchObject({
      band: "weekend",
      cost: "0.0010",
    })
    expect(rateCall(call("442079460000", 60), account, [retail], { buyCards: [profiled] }).cost).toMatchObject({ band: "default", cost: "0.0300" })
  })

  it("costs unanswered calls 0 on the carrier's card", () => {
    const r = rateCall(call("442079460000", 0, { disposition: "BUSY" }), account, [retail], { buyCards: [buyA] })
    expect(r).toMatchObject({ charge: "0.0000", cost: { carrier: "A", cost: "0.000000", rated_seconds: 0 }, margin: "0.000000" })
  })
})

describe("rateCall: a carrier with several buy cards (RATING.md §5 with §3)", () => {
  const retail = card("retail", [{ id: "r", prefix: "44", rate: "0.0200" }])
  // carrier A: A1 is cheaper, A2 has the longer prefix for 447…
  const a1 = card("a1", [{ id: "a1", prefix: "44", rate: "0.010" }], { kind: "buy", carrier: "A" })
  const a2 = card("a2", [{ id: "a2", prefix: "447", rate: "0.012" }], { kind: "buy", carrier: "A" })
  const b = card("b", [{ id: "b", prefix: "447", rate: "0.011" }], { kind: "buy", carrier: "B" })

  it("costs the carrier on its card with the longest matching prefix, not its cheapest card", () => {
    const named = rateCall(call("447700900123", 60, { carrier: "A" }), account, [retail], { buyCards: [a1, a2, b] })
    expect(named.cost).toMatchObject({ carrier: "A", card_id: "a2", prefix: "447", cost: "0.0120" })
    expect(named.margin).toBe("0.0080")
    // least cost: A costs 0.0120 (A2), so B at 0.0110 is the cheapest carrier
    const cheapest = rateCall(call("447700900123", 60), account, [retail], { buyCards: [a1, a2, b] })
    expect(cheapest.cost).toMatchObject({ carrier: "B", card_id: "b", cost: "0.0110" })
    expect(cheapest.margin).toBe("0.0090")
    // A1 still prices what A2 does not list
    expect(rateCall(call("442079460000", 60, { carrier: "A" }), account, [retail], { buyCards: [a1, a2, b] }).cost).toMatchObject({
      card_id: "a1",
      cost: "0.0100",
    })
  })

  it("skips a carrier's card with no version in force, as §3.2 does", () => {
    const later = card("later", [], { kind: "buy", carrier: "A" }, [
      { id: "later_v1", number: 1, from: "2027-01-01T00:00:00Z", to: null, rows: [{ id: "l", prefix: "4477", rate: "0.001" }] },
    ])
    expect(rateCall(call("447700900123", 60, { carrier: "A" }), account, [retail], { buyCards: [a1, later, a2] }).cost).toMatchObject({
      card_id: "a2",
    })
  })
})

describe("rateCall: cost and margin across currencies", () => {
  const retail = card("retail", [{ id: "r", prefix: "44", rate: "0.0200" }])
  const gbp = card("gbp", [{ id: "g", prefix: "44", rate: "0.0100" }], { kind: "buy", carrier: "G" })
  // 1 JPY a minute, 4 decimals
  const jpy = card("jpy", [{ id: "j", prefix: "44", rate: "1" }], { kind: "buy", carrier: "J", currency: "JPY" })
  const fx: FxLookup = (base, quote, at) =>
    base === "JPY" && quote === "GBP" && at.getTime() >= Date.parse("2026-01-01T00:00:00Z")
      ? { rate: "0.0052", effective_from: new Date("2026-01-01T00:00:00Z") }
      : null

  it("compares carriers in the charge's currency: 2 JPY (0.0104 GBP) is cheaper than 0.0200 GBP", () => {
    const r = rateCall(call("442079460000", 61), account, [retail], { buyCards: [gbp, jpy], fx })
    expect(r.charge).toBe("0.0400")
    expect(r.cost).toMatchObject({
      carrier: "J",
      cost: "2.0000",
      currency: "JPY",
      fx: { cost: "0.0104", currency: "GBP", rate: "0.0052", effective_from: "2026-01-01T00:00:00.000Z" },
    })
    // 0.0400 GBP − 0.0104 GBP, never 0.0400 − 2.0000
    expect(r.margin).toBe("0.0296")
    expect(r.margin_reason).toBeUndefined()
  })

  it("without a rate in force, compares only what it can and never subtracts two currencies", () => {
    const r = rateCall(call("442079460000", 61), account, [retail], { buyCards: [jpy, gbp] })
    expect(r.cost).toMatchObject({ carrier: "G", cost: "0.0200", currency: "GBP" })
    expect(r.margin).toBe("0.0200")
    const only = rateCall(call("442079460000", 61, { answer_time: new Date("2025-06-01T09:00:00Z") }), account, [retail], { buyCards: [jpy], fx })
    expect(only.cost).toMatchObject({ carrier: "J", cost: "2.0000", currency: "JPY" })
    expect(only.cost).not.toHaveProperty("fx")
    expect(only.margin).toBeNull()
    expect(only.margin_reason).toMatch(/^the cost is in JPY, the charge in GBP, and no FX rate JPY→GBP in force at 2025-06-01T09:00:00.000Z$/)
    // a named carrier's cost in another currency: converted for the margin
    const named = rateCall(call("442079460000", 61, { carrier: "J" }), account, [retail], { buyCards: [gbp, jpy], fx })
    expect(named.margin).toBe("0.0296")
  })

  it("a sell card in another currency than the buy card: the margin is in the charge's currency", () => {
    const yenRetail = card("yenRetail", [{ id: "y", prefix: "44", rate: "5" }], { currency: "JPY", decimals: 2 })
    const gbpToJpy: FxLookup = (base, quote) => (base === "GBP" && quote === "JPY" ? { rate: "190.5" } : null)
    const r = rateCall(call("442079460000", 61), account, [yenRetail], { buyCards: [gbp], fx: gbpToJpy })
    // 10.00 JPY − 0.0200 GBP × 190.5 (= 3.8100 JPY at the buy card's 4 decimals)
    expect(r).toMatchObject({ charge: "10.00", currency: "JPY", cost: { cost: "0.0200", currency: "GBP", fx: { cost: "3.8100", currency: "JPY" } } })
    expect(r.margin).toBe("6.1900")
  })

  it("a zero cost needs no rate: the margin is the charge", () => {
    const r = rateCall(call("442079460000", 0, { disposition: "BUSY" }), account, [retail], { buyCards: [jpy] })
    expect(r).toMatchObject({ charge: "0.0000", currency: "GBP", cost: { carrier: "J", cost: "0.0000", currency: "JPY" }, margin: "0.0000" })
  })
})

describe("rateCall: properties", () => {
  const rowArb = fc.record({
    rate: fc.bigInt({ min: 0n, max: 10_000_000n }).map((v) => formatScaled(v, 6)),
    connect_fee: fc.bigInt({ min: 0n, max: 1_000_000n }).map((v) => formatScaled(v, 6)),
    per_call: fc.bigInt({ min: 0n, max: 1_000_000n }).map((v) => formatScaled(v, 6)),
    initial_increment: fc.integer({ min: 1, max: 120 }),
    subsequent_increment: fc.integer({ min: 1, max: 120 }),
    grace: fc.integer({ min: 0, max: 10 }),
  })
  const settingsArb = fc.record({
    decimals: fc.integer({ min: 0, max: 8 }),
    rounding: fc.constantFrom<RoundingMode>("half_up", "up", "down", "half_even"),
  })

  it("never charges less for a longer call", () => {
    fc.assert(
      fc.property(rowArb, settingsArb, fc.integer({ min: 0, max: 7200 }), fc.integer({ min: 0, max: 600 }), (row, s, b, extra) => {
        const c = card("p", [{ prefix: "44", ...row }], s)
        const a = rateCall(call("4420", b), account, [c])
        const z = rateCall(call("4420", b + extra), account, [c])
        expect(new Decimal(z.charge!).gte(new Decimal(a.charge!))).toBe(true)
      })
    )
  })

  it("rates at least billsec and less than one more increment for charged calls", () => {
    fc.assert(
      fc.property(rowArb, fc.integer({ min: 1, max: 7200 }), (row, b) => {
        const c = card("p", [{ prefix: "44", ...row }])
        const r = rateCall(call("4420", b), account, [c])
        if (b <= row.grace) {
          expect(r.rated_seconds).toBe(0)
        } else if (b <= row.initial_increment) {
          expect(r.rated_seconds).toBe(row.initial_increment)
        } else {
          expect(r.rated_seconds).toBeGreaterThanOrEqual(b)
          expect(r.rated_seconds).toBeLessThan(b + row.subsequent_increment)
        }
      })
    )
  })

  it("gives the same result for the same input", () => {
    fc.assert(
      fc.property(rowArb, settingsArb, fc.integer({ min: 0, max: 7200 }), fc.date({ min: new Date("2020-01-01"), max: new Date("2030-01-01"), noInvalidDate: true }), (row, s, b, at) => {
        const make = () =>
          card("p", [{ prefix: "44", ...row }, { prefix: "44", ...row, band: "weekend", rate: "0.5" }], {
            ...s,
            time_profile: { rules: [{ band: "weekend", days: ["sat", "sun"], from: "00:00", to: "24:00" }] },
          })
        const c1 = make()
        const one = rateCall(call("4420", b, { answer_time: at }), account, [c1])
        expect(rateCall(call("4420", b, { answer_time: new Date(at.getTime()) }), account, [c1])).toEqual(one)
        expect(rateCall(call("4420", b, { answer_time: at }), account, [make()])).toEqual(one)
      })
    )
  })

  it("computes the same charge as a decimal.js reference", () => {
    const modes: Record<RoundingMode, Decimal.Rounding> = {
      half_up: Decimal.ROUND_HALF_UP,
      up: Decimal.ROUND_UP,
      down: Decimal.ROUND_DOWN,
      half_even: Decimal.ROUND_HALF_EVEN,
    }
    const D = Decimal.clone({ precision: 60 })
    fc.assert(
      fc.property(rowArb, settingsArb, fc.integer({ min: 1, max: 100_000 }), (row, s, b) => {
        const v = compileVersion({ id: "v", number: 1, effective_from: new Date(0), effective_to: null }, [{ prefix: "44", ...row }])
        const compiled = v.rows[0]
        const r = ratedSeconds(b, row.initial_increment, row.subsequent_increment, 0)
        const expected = new D(row.connect_fee)
          .plus(row.per_call)
          .plus(new D(row.rate).times(r).div(60))
          .toDecimalPlaces(s.decimals, modes[s.rounding])
          .toFixed(s.decimals)
        expect(formatScaled(computeCharge(compiled, r, s.decimals, s.rounding), s.decimals)).toBe(expected)
      }),
      { numRuns: 2000 }
    )
  })
})
