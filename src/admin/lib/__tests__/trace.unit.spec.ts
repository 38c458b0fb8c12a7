import { describeTrace, formatScaled, marginOf, parseDecimal, subtractDecimals } from "../trace"
import type { RateResult, RateTrace } from "../types"

const trace = (over: Partial<RateTrace> = {}): RateTrace => ({
  card_id: "rc_1",
  card: "Retail 2026",
  version_id: "rcv_3",
  version: 3,
  row_id: "rate_1",
  prefix: "447",
  destination: "United Kingdom - Mobile",
  destination_group: null,
  band: "peak",
  rate: "0.0200",
  connect_fee: "0.0100",
  per_call: "0",
  initial_increment: 30,
  subsequent_increment: 6,
  grace: 0,
  ...over,
})

const rated = (over: Partial<RateResult> = {}, t: Partial<RateTrace> = {}): RateResult => ({
  status: "rated",
  number: "447700900123",
  rated_seconds: 66,
  charge: "0.0320",
  currency: "GBP",
  trace: trace(t),
  ...over,
})

describe("describeTrace", () => {
  it("explains a rated call with the prefix, card, band, increments and the exact sum", () => {
    expect(describeTrace({ number: "+44 7700 900123", billsec: 61 }, rated())).toBe(
      '+44 7700 900123 matched 447 "United Kingdom - Mobile" in card "Retail 2026" v3, band peak; ' +
        "61 s billed as 66 s (30/6); 0.0200 × 66/60 + connect 0.0100 = 0.0320 GBP"
    )
  })

  it("leaves out zero fees and names per-call fees and grace", () => {
    const noFees = rated({ charge: "0.0220" }, { connect_fee: "0.0000" })
    expect(describeTrace({ number: "447700900123", billsec: 61 }, noFees)).toMatch(
      /; 0\.0200 × 66\/60 = 0\.0220 GBP$/
    )
    const perCall = rated({ charge: "0.0370" }, { connect_fee: "0", per_call: "0.005", grace: 3 })
    expect(describeTrace({ number: "447700900123", billsec: 61 }, perCall)).toMatch(
      /\(30\/6, grace 3 s\); 0\.0200 × 66\/60 \+ per call 0\.005 = 0\.0370 GBP$/
    )
  })

  it("keeps the API's strings exactly, with no float rounding", () => {
    const r = rated({ charge: "0.000001", rated_seconds: 1 }, { rate: "0.000030", connect_fee: "0", initial_increment: 1, subsequent_increment: 1 })
    expect(describeTrace({ number: "1", billsec: 1 }, r)).toContain("0.000030 × 1/60 = 0.000001 GBP")
  })

  it("says a call within grace was not billed", () => {
    const r = rated({ rated_seconds: 0, charge: "0.0000" }, { grace: 5 })
    expect(describeTrace({ number: "447700900123", billsec: 4 }, r)).toMatch(/4 s within grace 5 s, not billed = 0\.0000 GBP$/)
  })

  it("says an unanswered call was not charged", () => {
    const r: RateResult = { status: "rated", number: "447700900123", rated_seconds: 0, charge: "0.0000", currency: "GBP", trace: null }
    expect(describeTrace({ number: "447700900123", billsec: 0, disposition: "NO ANSWER" }, r)).toBe(
      "447700900123: not answered (NO ANSWER), no card lookup; charged 0.0000 GBP"
    )
  })

  it("uses the engine's own words for no rate", () => {
    const r: RateResult = {
      status: "exception",
      reason: "no_rate",
      detail: "no rate for 3312345678 (outbound) at 2026-05-01T09:00:00.000Z in cards Retail 2026",
      number: "3312345678",
      rated_seconds: 0,
    }
    expect(describeTrace({ number: "+33 12345678", billsec: 60 }, r)).toBe(
      "no rate for 3312345678 (outbound) at 2026-05-01T09:00:00.000Z in cards Retail 2026"
    )
  })

  it("names an invalid number", () => {
    const r: RateResult = { status: "exception", reason: "invalid_number", detail: '"abc" is not a valid number', rated_seconds: 0 }
    expect(describeTrace({ number: "abc", billsec: 60 }, r)).toBe('invalid number: "abc" is not a valid number')
  })
})

describe("exact decimals", () => {
  it("parses and formats without losing digits", () => {
    expect(parseDecimal("0.0320")).toEqual({ value: 320n, scale: 4 })
    expect(parseDecimal("12")).toEqual({ value: 12n, scale: 0 })
    expect(parseDecimal("1e-3")).toBeNull()
    expect(formatScaled(-5n, 4)).toBe("-0.0005")
    expect(formatScaled(123456n, 2)).toBe("1234.56")
  })

  it("subtracts at the larger scale, where floats would drift", () => {
    expect(subtractDecimals("0.3", "0.1")).toBe("0.2")
    expect(subtractDecimals("0.0320", "0.012")).toBe("0.0200")
    expect(subtractDecimals("0.01", "0.0125")).toBe("-0.0025")
    expect(subtractDecimals("x", "1")).toBeNull()
  })

  it("has no margin across currencies", () => {
    expect(marginOf({ charge: "0.0320", currency: "GBP" }, { cost: "0.0100", currency: "GBP" })).toBe("0.0220")
    expect(marginOf({ charge: "0.0320", currency: "GBP" }, { cost: "0.0100", currency: "EUR" })).toBeNull()
  })
})
