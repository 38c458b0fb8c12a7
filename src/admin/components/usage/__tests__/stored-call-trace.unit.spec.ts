import { describeStoredCall } from "../../../lib/trace"

const trace = {
  card: "Browser sell card",
  version: 1,
  prefix: "4420",
  destination: "United Kingdom - London",
  band: "peak",
  rate: "0.0100",
  connect_fee: "0.0000",
  per_call: "0",
  initial_increment: 60,
  subsequent_increment: 60,
  grace: 0,
}

describe("describeStoredCall", () => {
  it("explains a stored call like a simulated one, with the carrier's cost", () => {
    expect(
      describeStoredCall({ callee: "+44 20 7946 0018", number: "442079460018", billsec: 61, rated_seconds: 120, charge: "0.0200", currency: "USD", cost: "0.0120", cost_currency: "USD", carrier: "carrier-a", trace })
    ).toBe(
      '+44 20 7946 0018 matched 4420 "United Kingdom - London" in card "Browser sell card" v1, band peak; ' +
        "61 s billed as 120 s (60/60); 0.0100 × 120/60 = 0.0200 USD; cost 0.0120 USD (carrier-a)"
    )
  })

  it("takes the card's code and version_number when the API names them so", () => {
    const t = { ...trace, card: undefined, card_code: "browser-sell", version: undefined, version_number: 2 }
    expect(describeStoredCall({ callee: "1", billsec: 61, rated_seconds: 120, charge: "0.0200", currency: "USD", trace: t })).toMatch(
      /in card "browser-sell" v2, band peak;/
    )
  })

  it("says an unanswered call was charged without a lookup", () => {
    expect(describeStoredCall({ callee: "07700 900123", billsec: 0, disposition: "NO ANSWER", rated_seconds: 0, charge: "0.0000", currency: "USD", trace: null })).toBe(
      "07700 900123: not answered (NO ANSWER), no card lookup; charged 0.0000 USD"
    )
  })

  it("keeps the stored amounts when the rate row is no longer there", () => {
    const t = { card: "Old card", version: 3, prefix: "44", band: "peak" }
    expect(describeStoredCall({ callee: "+44 1632 960123", billsec: 185, rated_seconds: 186, charge: "0.0186", currency: "GBP", trace: t })).toBe(
      '+44 1632 960123 matched 44 in card "Old card" v3, band peak; 185 s billed as 186 s = 0.0186 GBP'
    )
  })
})
