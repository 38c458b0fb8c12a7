import { compileCard, compileVersion, type CompiledCard } from "../compile"
import { rankCarriers } from "../lcr"
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
    // 600 s: Alpha 0.1200, Charlie 0.1100, Bravo 0.1200 (0.10 + 0.02)
    const long = rankCarriers("442079460000", account, FRIDAY_10, "outbound", [a, b, c], { billsec: 600 })
    expect(long.entries.map((e) => e.carrier)).toEqual(["Charlie", "Bravo", "Alpha"])
  })

  it("breaks cost ties by the lower rate, then the carrier name, then card order", () => {
    const x = buy("Xray", [{ prefix: "44", rate: "0.0100", connect_fee: "0.0020" }]) // 0.0120
    const y = buy("Yankee", [{ prefix: "44", rate: "0.0120" }]) // 0.0120
    const z = buy("Zulu", [{ prefix: "44", rate: "0.0120" }]) // 0.0120
    const first = buy(null, [{ prefix: "44", rate: "0.0120" }], { id: "n1", name: "Zz first" })
    const second = buy(null, [{ prefix: "44", rate: "0.0120" }], { id: "n2", name: "Zz first" })
    const { entries } = rankCarriers("442079460000", account, FRIDAY_10, "outbound", [second, z, y, first, x].reverse())
    expect(entries.map((e) => e.card_id)).toEqual(["buy_Xray", "buy_Yankee", "buy_Zulu", "n1", "n2"])
    const swapped = rankCarriers("442079460000", account, FRIDAY_10, "outbound", [second, first])
    expect(swapped.entries.map((e) => [e.rank, e.card_id])).toEqual([
      [1, "n2"],
      [2, "n1"],
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
