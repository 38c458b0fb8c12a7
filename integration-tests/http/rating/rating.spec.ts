import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { adminHeaders, failure } from "../helpers"

jest.setTimeout(120 * 1000)

/** Peak Mon–Fri 08:00–19:00, off-peak the rest of a weekday, weekend Sat–Sun. */
const PROFILE = {
  rules: [
    { band: "peak", days: ["mon", "tue", "wed", "thu", "fri"], from: "08:00", to: "19:00" },
    { band: "offpeak", days: ["mon", "tue", "wed", "thu", "fri"], from: "00:00", to: "24:00" },
    { band: "weekend", days: ["sat", "sun"], from: "00:00", to: "24:00" },
  ],
}

const RETAIL_DECK = [
  "prefix,destination,destination_group,rate,connect_fee,initial_increment,subsequent_increment,grace,band",
  "44,United Kingdom - Fixed,UK-FIXED,0.0100,,60,60,,",
  "447,United Kingdom - Mobile,UK-MOBILE,0.0200,0.0100,30,6,,peak",
  "447,United Kingdom - Mobile,UK-MOBILE,0.0120,0.0100,30,6,,",
].join("\n")

const VIP_DECK = ["prefix,destination,rate", "447,United Kingdom - Mobile,0.0050"].join("\n")

// carrier-a is dearer and keeps 6 decimals; carrier-b is cheaper, 4 decimals; both per second
const CARRIER_A_DECK = ["prefix,rate,initial_increment,subsequent_increment", "447,0.0090,1,1", "44,0.0040,1,1"].join(
  "\n"
)
const CARRIER_B_DECK = ["prefix,rate,initial_increment,subsequent_increment", "447,0.0060,1,1"].join("\n")

const MOBILE = "+44 7700 900123"
const FIXED = "+44 20 7946 0000"
// 2026-07-07 is a Tuesday, 2026-07-11 a Saturday, 2026-01-13 a Tuesday; London is on BST (UTC+1) in July
const TUE_10_BST = "2026-07-07T09:00:00Z"
const SAT_10_BST = "2026-07-11T09:00:00Z"
const TUE_0730_UTC_JULY = "2026-07-07T07:30:00Z"
const TUE_0730_UTC_JANUARY = "2026-01-13T07:30:00Z"

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: Record<string, any>
    let account: any
    let retail: any
    let retailVersion: any

    async function post(path: string, body: unknown) {
      return (await api.post(path, body, { headers })).data
    }

    /** A card with one deck published from `from`. */
    async function publishedCard(card: Record<string, unknown>, csv: string, from = "2026-01-01T00:00:00Z") {
      const created = (await post("/admin/call-billing/rate-cards", card)).rate_card
      const version = (await post(`/admin/call-billing/rate-cards/${created.id}/versions`, { csv })).version
      const published = (
        await post(`/admin/call-billing/rate-cards/${created.id}/versions/${version.id}/publish`, {
          effective_from: from,
        })
      ).version
      return { card: created, version: published }
    }

    async function rate(call: Record<string, unknown>) {
      const res = await api.post(
        "/admin/call-billing/rate",
        { account_id: account.id, number: MOBILE, answer_time: TUE_10_BST, billsec: 61, ...call },
        { headers }
      )
      expect(res.status).toBe(200)
      return res.data
    }

    async function addCarriers() {
      const a = await publishedCard(
        { code: "CARRIER-A", name: "Carrier A", kind: "buy", carrier: "carrier-a", currency_code: "GBP", decimals: 6 },
        CARRIER_A_DECK
      )
      const b = await publishedCard(
        { code: "CARRIER-B", name: "Carrier B", kind: "buy", carrier: "carrier-b", currency_code: "GBP" },
        CARRIER_B_DECK
      )
      return { a, b }
    }

    beforeEach(async () => {
      headers = (await adminHeaders(getContainer())).headers
      const profile = (
        await post("/admin/call-billing/time-profiles", { code: "UK", name: "UK business hours", ...PROFILE })
      ).time_profile
      const published = await publishedCard(
        { code: "RETAIL", name: "Retail 2026", currency_code: "gbp", time_profile_id: profile.id },
        RETAIL_DECK
      )
      retail = published.card
      retailVersion = published.version
      account = (
        await post("/admin/call-billing/billing-accounts", {
          code: "ACME",
          name: "Acme Contact Centre",
          currency_code: "GBP",
          timezone: "Europe/London",
          country_code: "44",
        })
      ).billing_account
      await post(`/admin/call-billing/billing-accounts/${account.id}/card-assignments`, {
        direction: "outbound",
        rate_card_id: retail.id,
      })
    })

    describe("POST /admin/call-billing/rate", () => {
      it("rates a weekday peak mobile call with its full trace", async () => {
        const body = await rate({})
        expect(body.account).toEqual({ id: account.id, code: "ACME", timezone: "Europe/London" })
        expect(body.cards_tried).toEqual([{ rate_card_id: retail.id, scope: "account", skipped: null }])
        expect(body.result).toEqual(
          expect.objectContaining({
            status: "rated",
            number: "447700900123",
            rated_seconds: 66, // 30 + ceil(31 / 6) × 6
            charge: "0.0320", // 0.0100 + 0.0200 × 66 / 60
            currency: "GBP",
          })
        )
        expect(body.result.trace).toEqual(
          expect.objectContaining({
            card_id: retail.id,
            version_id: retailVersion.id,
            version: 1,
            row_id: expect.any(String),
            prefix: "447",
            destination: "United Kingdom - Mobile",
            destination_group: "UK-MOBILE",
            band: "peak",
            rate: "0.0200",
            connect_fee: "0.0100",
            initial_increment: 30,
            subsequent_increment: 6,
            grace: 0,
          })
        )
        // no buy cards: no cost, no margin
        expect(body.result.cost ?? null).toBeNull()
        expect(body.result.margin ?? null).toBeNull()
      })

      it("uses the band-less row on a Saturday, and the band-less fixed row for 44", async () => {
        const sat = await rate({ answer_time: SAT_10_BST })
        expect(sat.result).toEqual(
          expect.objectContaining({ status: "rated", rated_seconds: 66, charge: "0.0232" }) // 0.0100 + 0.0120 × 66 / 60
        )
        expect(sat.result.trace).toEqual(expect.objectContaining({ prefix: "447", band: "weekend", rate: "0.0120" }))

        const fixed = await rate({ number: FIXED })
        expect(fixed.result).toEqual(
          expect.objectContaining({ status: "rated", number: "442079460000", rated_seconds: 120, charge: "0.0200" })
        )
        expect(fixed.result.trace).toEqual(
          expect.objectContaining({ prefix: "44", rate: "0.0100", initial_increment: 60, subsequent_increment: 60 })
        )
      })

      it("normalises the number the way the account dials", async () => {
        for (const dialled of [MOBILE, "07700900123", "00447700900123", "447700900123", "(0)7700-900.123"]) {
          const body = await rate({ number: dialled })
          expect({ dialled, number: body.result.number, charge: body.result.charge }).toEqual({
            dialled,
            number: "447700900123",
            charge: "0.0320",
          })
        }
      })

      it("normalises with the account's own access code, trunk prefix and country", async () => {
        await api.post(
          `/admin/call-billing/billing-accounts/${account.id}`,
          { country_code: "1", international_prefix: "011", trunk_prefix: "1", timezone: "America/New_York" },
          { headers }
        )
        const intl = await rate({ number: "011 44 7700 900123", answer_time: "2026-07-07T14:00:00Z" }) // 10:00 EDT
        expect(intl.result.number).toBe("447700900123")
        expect(intl.result.trace.band).toBe("peak")
        expect(intl.result.charge).toBe("0.0320")
        const national = await rate({ number: "1 (212) 555-0100" })
        expect(national.result).toEqual(
          expect.objectContaining({ status: "exception", reason: "no_rate", number: "12125550100" })
        )
        // "00" is no longer an access code for this account
        const oldStyle = await rate({ number: "00447700900123" })
        expect(oldStyle.result.number).toBe("00447700900123")
        expect(oldStyle.result.reason).toBe("no_rate")
      })

      // BUG: a NANP account created without international_prefix gets "00"
      // (the column default) instead of RATING.md's "011", so a US agent
      // dialling 011 44 … is normalised to 1 11 44 … (see the report).
      it("normalises 011 for a NANP account created with the defaults", async () => {
        const us = (
          await post("/admin/call-billing/billing-accounts", {
            code: "US",
            name: "US desk",
            currency_code: "GBP",
            timezone: "America/New_York",
            country_code: "1",
          })
        ).billing_account
        await post(`/admin/call-billing/billing-accounts/${us.id}/card-assignments`, {
          direction: "outbound",
          rate_card_id: retail.id,
        })
        const res = await rate({ account_id: us.id, number: "011 44 7700 900123" })
        expect(res.result.number).toBe("447700900123")
      })

      it("rates with the version in force at the answer time after a new publication", async () => {
        // warm the compiled-version cache with v1 open-ended
        expect((await rate({})).result.trace.version).toBe(1)
        const v2 = (
          await post(`/admin/call-billing/rate-cards/${retail.id}/versions`, {
            csv: RETAIL_DECK.replace("447,United Kingdom - Mobile,UK-MOBILE,0.0200", "447,United Kingdom - Mobile,UK-MOBILE,0.0300"),
          })
        ).version
        await post(`/admin/call-billing/rate-cards/${retail.id}/versions/${v2.id}/publish`, {
          effective_from: "2026-07-01T00:00:00Z",
        })
        const july = await rate({})
        expect(july.result.trace).toEqual(expect.objectContaining({ version: 2, version_id: v2.id, rate: "0.0300" }))
        expect(july.result.charge).toBe("0.0430") // 0.0100 + 0.0300 × 66 / 60
        // effective_from is an instant: 00:30 BST on 1 July is still v1
        const june = await rate({ answer_time: "2026-06-30T23:30:00Z" })
        expect(june.result.trace.version).toBe(1)
        const lastV1 = await rate({ answer_time: "2026-06-30T23:59:59Z" })
        expect(lastV1.result.trace.version).toBe(1)
        const firstV2 = await rate({ answer_time: "2026-07-01T00:00:00Z" })
        expect(firstV2.result.trace.version).toBe(2)
      })

      it("sends bad numbers and unrated destinations to exceptions", async () => {
        const letters = await rate({ number: "+44 77OO 900123" })
        expect(letters.result).toEqual(
          expect.objectContaining({ status: "exception", reason: "invalid_number", rated_seconds: 0 })
        )
        expect(letters.result.charge ?? null).toBeNull()

        const tooLong = await rate({ number: "+4477009001234567890123" })
        expect(tooLong.result.reason).toBe("invalid_number")

        const france = await rate({ number: "+33 1 23 45 67 89" })
        expect(france.result).toEqual(
          expect.objectContaining({ status: "exception", reason: "no_rate", number: "33123456789", rated_seconds: 0 })
        )
        expect(france.result.detail).toMatch(/33123456789/)

        // before the first version is in force
        const early = await rate({ answer_time: "2025-12-31T23:59:59Z" })
        expect(early.result).toEqual(expect.objectContaining({ status: "exception", reason: "no_rate" }))
        const first = await rate({ answer_time: "2026-01-01T00:00:00Z" })
        expect(first.result.status).toBe("rated")

        // no card for the direction at all
        const inbound = await rate({ direction: "inbound" })
        expect(inbound.result).toEqual(expect.objectContaining({ status: "exception", reason: "no_rate" }))
        expect(inbound.cards_tried).toEqual([])
      })

      it("charges nothing for unanswered or zero-second calls, without a lookup", async () => {
        for (const call of [
          { disposition: "NO ANSWER" },
          { disposition: "BUSY" },
          { billsec: 0 },
          // not answered: no rate is needed, so never no_rate
          { disposition: "NO ANSWER", number: "+33 1 23 45 67 89" },
          { disposition: "NO ANSWER", answer_time: "2025-06-01T10:00:00Z" },
        ]) {
          const body = await rate(call)
          expect({ call, result: body.result }).toEqual({
            call,
            result: expect.objectContaining({ status: "rated", rated_seconds: 0, charge: "0.0000" }),
          })
        }
        // the number must still normalise
        const bad = await rate({ disposition: "NO ANSWER", number: "abc" })
        expect(bad.result).toEqual(expect.objectContaining({ status: "exception", reason: "invalid_number" }))
      })

      it("evaluates bands in the account's time zone across daylight saving", async () => {
        const july = await rate({ answer_time: TUE_0730_UTC_JULY }) // 08:30 BST
        expect(july.result.trace.band).toBe("peak")
        expect(july.result.charge).toBe("0.0320")

        const january = await rate({ answer_time: TUE_0730_UTC_JANUARY }) // 07:30 GMT
        expect(january.result.trace.band).toBe("offpeak")
        expect(january.result.trace.rate).toBe("0.0120")
        expect(january.result.charge).toBe("0.0232")

        // the end of peak is exclusive: 18:00 UTC = 19:00 BST is off-peak
        const evening = await rate({ answer_time: "2026-07-07T18:00:00Z" })
        expect(evening.result.trace.band).toBe("offpeak")
        const lastPeak = await rate({ answer_time: "2026-07-07T17:59:59Z" })
        expect(lastPeak.result.trace.band).toBe("peak")

        // an account elsewhere reads the same instant in its own zone
        await api.post(
          `/admin/call-billing/billing-accounts/${account.id}`,
          { timezone: "Asia/Tokyo" },
          { headers }
        )
        const tokyo = await rate({ answer_time: TUE_10_BST }) // 18:00 JST Tuesday
        expect(tokyo.result.trace.band).toBe("peak")
        const tokyoLate = await rate({ answer_time: "2026-07-07T10:30:00Z" }) // 19:30 JST
        expect(tokyoLate.result.trace.band).toBe("offpeak")
      })

      it("lets an override card win for the prefixes it lists, the account card for the rest", async () => {
        const vip = await publishedCard({ code: "VIP", name: "VIP mobiles", currency_code: "GBP" }, VIP_DECK)
        await post(`/admin/call-billing/billing-accounts/${account.id}/card-assignments`, {
          scope: "override",
          direction: "outbound",
          rate_card_id: vip.card.id,
          priority: 0,
        })

        const mobile = await rate({})
        expect(mobile.cards_tried).toEqual([
          { rate_card_id: vip.card.id, scope: "override", skipped: null },
          { rate_card_id: retail.id, scope: "account", skipped: null },
        ])
        expect(mobile.result).toEqual(
          expect.objectContaining({ status: "rated", rated_seconds: 120, charge: "0.0100" }) // 0.0050 × 120 / 60
        )
        expect(mobile.result.trace).toEqual(
          expect.objectContaining({ card_id: vip.card.id, card: "VIP mobiles", prefix: "447", band: "default" })
        )

        const fixed = await rate({ number: FIXED })
        expect(fixed.result.charge).toBe("0.0200")
        expect(fixed.result.trace).toEqual(
          expect.objectContaining({ card_id: retail.id, card: "Retail 2026", prefix: "44" })
        )

        // another account without the override still pays the account card's mobile rate
        const other = (
          await post("/admin/call-billing/billing-accounts", {
            code: "OTHER",
            name: "Other",
            currency_code: "GBP",
            timezone: "Europe/London",
            country_code: "44",
          })
        ).billing_account
        await post(`/admin/call-billing/billing-accounts/${other.id}/card-assignments`, {
          direction: "outbound",
          rate_card_id: retail.id,
        })
        const otherMobile = await rate({ account_id: other.id })
        expect(otherMobile.result.trace.card_id).toBe(retail.id)
        expect(otherMobile.result.charge).toBe("0.0320")
      })

      it("rates with a card in another currency and converts its charge at the FX rate in force at the call", async () => {
        const usd = await publishedCard({ code: "USD-VIP", name: "USD VIP", currency_code: "USD" }, VIP_DECK)
        await post(`/admin/call-billing/billing-accounts/${account.id}/card-assignments`, {
          scope: "override",
          direction: "outbound",
          rate_card_id: usd.card.id,
        })
        // 61 s on 60/60 at 0.0050/min = 0.0100 USD; no USD→GBP rate yet: the simulator says an import would refuse it
        const before = await rate({})
        expect(before.cards_tried[0]).toEqual({ rate_card_id: usd.card.id, scope: "override", skipped: null })
        expect(before.result).toEqual(expect.objectContaining({ status: "rated", charge: "0.0100", currency: "USD" }))
        expect(before.result.fx.error).toMatch(/no FX rate USD→GBP in force at/)

        await post("/admin/call-billing/fx-rates", { base: "USD", quote: "GBP", rate: "0.78", effective_from: "2020-01-01" })
        await post("/admin/call-billing/fx-rates", { base: "USD", quote: "GBP", rate: "0.5", effective_from: "2099-01-01" })
        const after = await rate({})
        // 0.0100 × 0.78 = 0.0078 (the card's 4 decimals); the 2099 rate is not in force yet
        expect(after.result.fx).toEqual({ charge: "0.0078", currency: "GBP", rate: "0.78", effective_from: "2020-01-01T00:00:00.000Z" })
      })

      it("falls back to the system default card when the account has none", async () => {
        const system = await publishedCard(
          { code: "SYSTEM", name: "System default", currency_code: "GBP" },
          "prefix,rate\n33,0.0300\n"
        )
        await post("/admin/call-billing/card-assignments", {
          scope: "system",
          direction: "outbound",
          rate_card_id: system.card.id,
        })
        const france = await rate({ number: "+33 1 23 45 67 89" })
        expect(france.cards_tried).toEqual([
          { rate_card_id: retail.id, scope: "account", skipped: null },
          { rate_card_id: system.card.id, scope: "system", skipped: null },
        ])
        expect(france.result).toEqual(
          expect.objectContaining({ status: "rated", rated_seconds: 120, charge: "0.0600" })
        )
        expect(france.result.trace.card_id).toBe(system.card.id)
        // the account card still wins where it has a row
        const mobile = await rate({})
        expect(mobile.result.trace.card_id).toBe(retail.id)
      })

      it("gives cost from the cheapest carrier, or the named one, and margin = charge − cost exactly", async () => {
        const { a, b } = await addCarriers()

        const cheapest = await rate({})
        expect(cheapest.result.charge).toBe("0.0320")
        expect(cheapest.result.cost).toEqual(
          expect.objectContaining({
            carrier: "carrier-b",
            card_id: b.card.id,
            version_id: b.version.id,
            prefix: "447",
            rated_seconds: 61,
            cost: "0.0061", // 0.0060 × 61 / 60
            currency: "GBP",
          })
        )
        expect(cheapest.result.margin).toBe("0.0259")

        const named = await rate({ carrier: "carrier-a" })
        expect(named.result.charge).toBe("0.0320")
        expect(named.result.cost).toEqual(
          expect.objectContaining({ carrier: "carrier-a", card_id: a.card.id, cost: "0.009150", rated_seconds: 61 })
        )
        expect(named.result.margin).toBe("0.022850") // at the larger scale

        // a carrier that only carrier-a prices
        const fixed = await rate({ number: FIXED })
        expect(fixed.result.cost.carrier).toBe("carrier-a")
        expect(fixed.result.cost.cost).toBe("0.004067") // 0.0040 × 61 / 60 = 0.00406666…
        expect(fixed.result.margin).toBe("0.015933") // 0.0200 − 0.004067

        // a carrier without a rate for the number: no cost, no margin
        const unknownCarrier = await rate({ carrier: "carrier-z" })
        expect(unknownCarrier.result.charge).toBe("0.0320")
        expect(unknownCarrier.result.cost).toBeNull()
        expect(unknownCarrier.result.margin).toBeNull()

        // margin keeps the buy card's finer scale
        const cheapCall = await rate({ number: FIXED, billsec: 1, carrier: "carrier-a" })
        expect(cheapCall.result.charge).toBe("0.0100") // 60/60: one minute
        expect(cheapCall.result.cost.cost).toBe("0.000067")
        expect(cheapCall.result.margin).toBe("0.009933")

        // a dearer carrier shows as a negative margin
        await publishedCard(
          { code: "CARRIER-C", name: "Carrier C", kind: "buy", carrier: "carrier-c", currency_code: "GBP" },
          "prefix,rate\n447,0.0500\n"
        )
        const loss = await rate({ carrier: "carrier-c" })
        expect(loss.result.cost).toEqual(expect.objectContaining({ rated_seconds: 120, cost: "0.1000" }))
        expect(loss.result.margin).toBe("-0.0680")
        // and it is never the cheapest
        expect((await rate({})).result.cost.carrier).toBe("carrier-b")
      })

      it("prices unanswered calls at zero on the buy cards too", async () => {
        await addCarriers()
        const body = await rate({ disposition: "NO ANSWER" })
        expect(body.result).toEqual(
          expect.objectContaining({ status: "rated", rated_seconds: 0, charge: "0.0000", trace: null })
        )
        // both carriers cost nothing; the tie goes to the first card (by code)
        expect(body.result.cost).toEqual(
          expect.objectContaining({ carrier: "carrier-a", rated_seconds: 0, cost: "0.000000" })
        )
        expect(body.result.margin).toBe("0.000000")

        const named = await rate({ disposition: "NO ANSWER", carrier: "carrier-b" })
        expect(named.result.cost).toEqual(expect.objectContaining({ carrier: "carrier-b", cost: "0.0000" }))
        expect(named.result.margin).toBe("0.0000")
      })

      it("answers 400 naming the field, and 404 for an unknown account", async () => {
        const base = { account_id: account.id, number: MOBILE, answer_time: TUE_10_BST, billsec: 61 }
        const cases: Array<[Record<string, unknown>, RegExp]> = [
          [{ answer_time: "next tuesday" }, /answer_time/],
          [{ answer_time: "2026-13-45T99:00:00Z" }, /answer_time/],
          [{ billsec: -1 }, /billsec/],
          [{ billsec: 1.5 }, /billsec/],
          [{ billsec: "61" }, /billsec/],
          [{ account_id: undefined }, /account_id/],
          [{ number: "" }, /number/],
          [{ direction: "sideways" }, /direction/],
          [{ disposition: "MAYBE" }, /disposition/],
          [{ colour: "red" }, /colour/],
        ]
        for (const [override, field] of cases) {
          const res = await failure(api.post("/admin/call-billing/rate", { ...base, ...override }, { headers }))
          expect({ override, status: res.status }).toEqual({ override, status: 400 })
          expect(res.body.message).toMatch(field)
        }

        const unknown = await failure(
          api.post("/admin/call-billing/rate", { ...base, account_id: "bacct_nope" }, { headers })
        )
        expect(unknown.status).toBe(404)
        expect(unknown.body.message).toMatch(/bacct_nope/)
      })
    })

    describe("GET /admin/call-billing/lcr", () => {
      it("ranks carriers cheapest first", async () => {
        const { a, b } = await addCarriers()
        const res = await api.get(
          `/admin/call-billing/lcr?number=%2B447700900123&at=${encodeURIComponent(TUE_10_BST)}&account_id=${account.id}`,
          { headers }
        )
        expect(res.data.number).toBe("447700900123")
        expect(res.data.at).toBe("2026-07-07T09:00:00.000Z")
        expect(res.data.billsec).toBe(60)
        expect(res.data.carriers.map((c: any) => [c.rank, c.carrier, c.card_id, c.cost, c.rate])).toEqual([
          [1, "carrier-b", b.card.id, "0.0060", "0.0060"],
          [2, "carrier-a", a.card.id, "0.009000", "0.0090"],
        ])
        expect(res.data.carriers[0]).toEqual(
          expect.objectContaining({ prefix: "447", currency: "GBP", rated_seconds: 60, version_id: b.version.id })
        )

        // dialled nationally, with a reference length
        const national = await api.get(
          `/admin/call-billing/lcr?number=07700900123&at=${encodeURIComponent(TUE_10_BST)}&account_id=${
            account.id
          }&billsec=61`,
          { headers }
        )
        expect(national.data.number).toBe("447700900123")
        expect(national.data.carriers.map((c: any) => [c.carrier, c.cost])).toEqual([
          ["carrier-b", "0.0061"],
          ["carrier-a", "0.009150"],
        ])

        // only carrier-a prices fixed lines
        const fixed = await api.get(
          `/admin/call-billing/lcr?number=%2B442079460000&at=${encodeURIComponent(TUE_10_BST)}`,
          { headers }
        )
        expect(fixed.data.carriers.map((c: any) => [c.rank, c.carrier])).toEqual([[1, "carrier-a"]])

        // nothing carries France; nothing is in force before 2026
        const france = await api.get(`/admin/call-billing/lcr?number=%2B33123456789&at=2026-07-07`, { headers })
        expect(france.data.carriers).toEqual([])
        const early = await api.get(`/admin/call-billing/lcr?number=%2B447700900123&at=2025-12-31T12:00:00Z`, {
          headers,
        })
        expect(early.data.carriers).toEqual([])

        // sell cards never appear in the ranking
        expect(res.data.carriers.map((c: any) => c.card_id)).not.toContain(retail.id)
      })

      it("answers 400 naming the parameter, and 404 for an unknown account", async () => {
        const missing = await failure(api.get("/admin/call-billing/lcr", { headers }))
        expect(missing.status).toBe(400)
        expect(missing.body.message).toMatch(/number/)

        const badAt = await failure(api.get("/admin/call-billing/lcr?number=%2B447700900123&at=soon", { headers }))
        expect(badAt.status).toBe(400)
        expect(badAt.body.message).toMatch(/\bat: /)

        const badBillsec = await failure(
          api.get("/admin/call-billing/lcr?number=%2B447700900123&billsec=-5", { headers })
        )
        expect(badBillsec.status).toBe(400)
        expect(badBillsec.body.message).toMatch(/billsec/)

        const unknown = await failure(
          api.get("/admin/call-billing/lcr?number=%2B447700900123&account_id=bacct_nope", { headers })
        )
        expect(unknown.status).toBe(404)
      })
    })
  },
})
