import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { adminHeaders, failure, PROFILE } from "../helpers"

jest.setTimeout(120 * 1000)

const DECK_V1 = [
  "prefix,destination,destination_group,rate,connect_fee,initial_increment,subsequent_increment,grace,band",
  "44,United Kingdom - Fixed,UK-FIXED,0.0100,,60,60,,",
  "447,United Kingdom - Mobile,UK-MOBILE,0.0200,0.0100,30,6,,peak",
  "447,United Kingdom - Mobile,UK-MOBILE,0.0120,0.0100,30,6,,",
  "1,USA,US,0.0050,,1,1,,",
].join("\n")

const DECK_V2 = [
  "prefix,destination,destination_group,rate,connect_fee,initial_increment,subsequent_increment,grace,band",
  "44,United Kingdom - Fixed,UK-FIXED,0.0125,,60,60,,",
  "447,United Kingdom - Mobile,UK-MOBILE,0.0200,0.0100,30,6,,peak",
  "447,United Kingdom - Mobile,UK-MOBILE,0.0120,0.0100,30,6,,",
  "49,Germany,DE,0.0300,,60,60,,",
].join("\n")

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: Record<string, any>

    beforeEach(async () => {
      headers = (await adminHeaders(getContainer())).headers
    })

    async function createCard(overrides: Record<string, unknown> = {}) {
      const res = await api.post(
        "/admin/call-billing/rate-cards",
        { code: "RETAIL", name: "Retail 2026", currency_code: "gbp", ...overrides },
        { headers }
      )
      return res.data.rate_card
    }

    async function importDeck(cardId: string, csv: string) {
      return api.post(
        `/admin/call-billing/rate-cards/${cardId}/versions`,
        { csv, filename: "rates.csv" },
        { headers }
      )
    }

    describe("rate cards", () => {
      it("creates, lists, searches, updates and deletes a card", async () => {
        const card = await createCard()
        expect(card).toEqual(
          expect.objectContaining({
            id: expect.stringMatching(/^rcard_/),
            code: "RETAIL",
            currency_code: "GBP",
            kind: "sell",
            decimals: 4,
            rounding: "half_up",
            direction: "outbound",
          })
        )
        await createCard({ code: "WHOLESALE", name: "Wholesale" })

        const list = await api.get("/admin/call-billing/rate-cards?q=wholes", { headers })
        expect(list.data.count).toBe(1)
        expect(list.data.rate_cards[0].code).toBe("WHOLESALE")

        const updated = await api.post(
          `/admin/call-billing/rate-cards/${card.id}`,
          { name: "Retail 2027", decimals: 5, max_charge_per_call: "12.345678" },
          { headers }
        )
        expect(updated.data.rate_card).toEqual(expect.objectContaining({ name: "Retail 2027", decimals: 5 }))
        // money comes back exactly, as the raw decimal string
        expect(updated.data.rate_card.raw_max_charge_per_call.value).toBe("12.345678")

        const deleted = await api.delete(`/admin/call-billing/rate-cards/${card.id}`, { headers })
        expect(deleted.data).toEqual({ id: card.id, object: "rate_card", deleted: true })
        const gone = await failure(api.get(`/admin/call-billing/rate-cards/${card.id}`, { headers }))
        expect(gone.status).toBe(404)
      })

      it("answers 400 saying what and where for a bad card", async () => {
        const bad = await failure(
          api.post(
            "/admin/call-billing/rate-cards",
            { code: "X", name: "X", currency_code: "POUNDS", kind: "buy" },
            { headers }
          )
        )
        expect(bad.status).toBe(400)
        expect(bad.body.message).toMatch(/currency_code/)

        // three letters, but no currency
        const unknown = await failure(
          api.post("/admin/call-billing/rate-cards", { code: "X", name: "X", currency_code: "DOL" }, { headers })
        )
        expect(unknown.status).toBe(400)
        expect(unknown.body.message).toMatch(/currency_code.*not an ISO 4217 currency code/)

        const noCarrier = await failure(
          api.post(
            "/admin/call-billing/rate-cards",
            { code: "X", name: "X", currency_code: "USD", kind: "buy" },
            { headers }
          )
        )
        expect(noCarrier.status).toBe(400)
        expect(noCarrier.body.message).toMatch(/carrier/)
      })

      it("answers 400 for a body that is not JSON", async () => {
        const res = await failure(
          api.post("/admin/call-billing/rate-cards", '{"code": "X", ', {
            headers: { ...headers, "content-type": "application/json" },
          })
        )
        expect(res.status).toBe(400)
      })

      it("refuses a duplicate code", async () => {
        await createCard()
        const dup = await failure(createCard())
        expect([400, 422]).toContain(dup.status)
        expect(dup.body.message).toMatch(/RETAIL.*already exists/)
      })

      it("answers 404 for unknown ids", async () => {
        for (const path of [
          "/admin/call-billing/rate-cards/rcard_nope",
          "/admin/call-billing/rate-cards/rcard_nope/versions",
        ]) {
          const res = await failure(api.get(path, { headers }))
          expect(res.status).toBe(404)
        }
        const importUnknown = await failure(importDeck("rcard_nope", DECK_V1))
        expect(importUnknown.status).toBe(404)
        const card = await createCard()
        const v = await failure(
          api.get(`/admin/call-billing/rate-cards/${card.id}/versions/rcver_nope`, { headers })
        )
        expect(v.status).toBe(404)
      })

      it("refuses to delete a card an account uses, with a clear message", async () => {
        const card = await createCard()
        await api.post(
          "/admin/call-billing/card-assignments",
          { scope: "system", direction: "outbound", rate_card_id: card.id },
          { headers }
        )
        const res = await failure(api.delete(`/admin/call-billing/rate-cards/${card.id}`, { headers }))
        expect(res.status).toBe(400)
        expect(res.body.message).toMatch(/in use.*system default/)

        // an account's card is named by the account's code
        const other = await createCard({ code: "ACCT-CARD" })
        const { billing_account } = (
          await api.post(
            "/admin/call-billing/billing-accounts",
            { code: "TENANT-7", name: "Tenant 7", currency_code: "GBP", timezone: "Europe/London", country_code: "44" },
            { headers }
          )
        ).data
        await api.post(
          `/admin/call-billing/billing-accounts/${billing_account.id}/card-assignments`,
          { direction: "outbound", rate_card_id: other.id },
          { headers }
        )
        const byAccount = await failure(api.delete(`/admin/call-billing/rate-cards/${other.id}`, { headers }))
        expect(byAccount.status).toBe(400)
        expect(byAccount.body.message).toMatch(/in use and cannot be deleted: account TENANT-7 \(account, outbound\)/)
      })
    })

    describe("versions", () => {
      it("imports a deck into a draft, lists its rows exactly, publishes, exports and diffs", async () => {
        const card = await createCard()
        const v1 = (await importDeck(card.id, DECK_V1)).data.version
        expect(v1).toEqual(
          expect.objectContaining({ number: 1, status: "draft", row_count: 4, source_filename: "rates.csv" })
        )
        expect(v1.source_sha256).toMatch(/^[0-9a-f]{64}$/)

        const rates = await api.get(
          `/admin/call-billing/rate-cards/${card.id}/versions/${v1.id}/rates?q=447`,
          { headers }
        )
        expect(rates.data.count).toBe(2)
        expect(rates.data.rates.map((r: any) => [r.prefix, r.band, r.rate, r.connect_fee])).toEqual([
          ["447", "", "0.0120", "0.0100"],
          ["447", "peak", "0.0200", "0.0100"],
        ])
        const byName = await api.get(
          `/admin/call-billing/rate-cards/${card.id}/versions/1/rates?q=mobile&band=peak`,
          { headers }
        )
        expect(byName.data.rates.map((r: any) => r.prefix)).toEqual(["447"])

        const published = await api.post(
          `/admin/call-billing/rate-cards/${card.id}/versions/${v1.id}/publish`,
          { effective_from: "2026-01-01T00:00:00Z" },
          { headers }
        )
        expect(published.data.version).toEqual(
          expect.objectContaining({ status: "published", effective_to: null })
        )
        expect(new Date(published.data.version.effective_from).toISOString()).toBe(
          "2026-01-01T00:00:00.000Z"
        )

        const again = await failure(
          api.post(
            `/admin/call-billing/rate-cards/${card.id}/versions/${v1.id}/publish`,
            { effective_from: "2026-02-01T00:00:00Z" },
            { headers }
          )
        )
        expect(again.status).toBe(400)
        expect(again.body.message).toMatch(/already published/)

        const v2 = (await importDeck(card.id, DECK_V2)).data.version
        expect(v2.number).toBe(2)
        const p2 = await api.post(
          `/admin/call-billing/rate-cards/${card.id}/versions/${v2.id}/publish`,
          { effective_from: "2026-06-01T00:00:00Z" },
          { headers }
        )
        expect(p2.data.closed_version_id).toBe(v1.id)
        const v1After = await api.get(`/admin/call-billing/rate-cards/${card.id}/versions/${v1.id}`, {
          headers,
        })
        expect(new Date(v1After.data.version.effective_to).toISOString()).toBe("2026-06-01T00:00:00.000Z")

        const exported = await api.get(
          `/admin/call-billing/rate-cards/${card.id}/versions/${v2.id}/export`,
          { headers }
        )
        expect(exported.headers["content-type"]).toMatch(/text\/csv/)
        const lines = String(exported.data).trim().split(/\r?\n/)
        expect(lines[0]).toMatch(/^prefix,destination,destination_group,rate,connect_fee/)
        expect(lines).toHaveLength(5)
        expect(lines.find((l) => l.startsWith("44,"))).toContain("0.0125")

        const diff = await api.get(`/admin/call-billing/rate-cards/${card.id}/diff?from=1&to=2`, {
          headers,
        })
        expect(diff.data.added.map((r: any) => r.prefix)).toEqual(["49"])
        expect(diff.data.removed.map((r: any) => r.prefix)).toEqual(["1"])
        expect(diff.data.changed).toHaveLength(1)
        expect(diff.data.changed[0].old.rate).toBe("0.0100")
        expect(diff.data.changed[0].new.rate).toBe("0.0125")
        expect(diff.data.unchanged).toBe(2)
      })

      it("rejects a bad deck whole, listing every bad line, and writes nothing", async () => {
        const card = await createCard()
        const bad = [
          "prefix,rate,initial_increment,band,colour",
          "44,0.01,60,,",
          "44x,0.01,60,,",
          "33,-1,60,,",
          "49,0.01,0,,",
          "44,0.02,60,,",
        ].join("\n")
        const res = await failure(importDeck(card.id, bad))
        expect(res.status).toBe(400)
        expect(res.body.type).toBe("invalid_data")
        const cols = res.body.errors.map((e: any) => [e.line, e.column])
        expect(cols).toEqual(
          expect.arrayContaining([
            [1, "colour"],
            [3, "prefix"],
            [4, "rate"],
            [5, "initial_increment"],
          ])
        )
        // the duplicate (prefix, band, direction) on line 6 names the earlier line
        expect(res.body.errors.find((e: any) => e.line === 6)?.reason).toMatch(/line 2/)

        const versions = await api.get(`/admin/call-billing/rate-cards/${card.id}/versions`, { headers })
        expect(versions.data.count).toBe(0)
      })

      it("accepts a raw text/csv body", async () => {
        const card = await createCard()
        const res = await api.post(
          `/admin/call-billing/rate-cards/${card.id}/versions?filename=deck.csv`,
          "prefix,rate\n44,0.0100\n",
          { headers: { ...headers, "content-type": "text/csv" } }
        )
        expect(res.status).toBe(201)
        expect(res.data.version).toEqual(expect.objectContaining({ row_count: 1, source_filename: "deck.csv" }))
      })

      it("refuses overlapping publications and changes to a published card's pricing settings", async () => {
        const card = await createCard()
        const v1 = (await importDeck(card.id, DECK_V1)).data.version
        const v2 = (await importDeck(card.id, DECK_V2)).data.version
        await api.post(
          `/admin/call-billing/rate-cards/${card.id}/versions/${v1.id}/publish`,
          { effective_from: "2026-03-01T00:00:00Z" },
          { headers }
        )
        const same = await failure(
          api.post(
            `/admin/call-billing/rate-cards/${card.id}/versions/${v2.id}/publish`,
            { effective_from: "2026-03-01T00:00:00Z" },
            { headers }
          )
        )
        expect(same.status).toBe(422)
        expect(same.body.message).toMatch(/already effective from 2026-03-01/)

        // a back-dated version ends where the later one starts
        const earlier = await api.post(
          `/admin/call-billing/rate-cards/${card.id}/versions/${v2.id}/publish`,
          { effective_from: "2026-01-01" },
          { headers }
        )
        expect(new Date(earlier.data.version.effective_to).toISOString()).toBe("2026-03-01T00:00:00.000Z")

        const badDate = await failure(
          api.post(
            `/admin/call-billing/rate-cards/${card.id}/versions/${v2.id}/publish`,
            { effective_from: "next tuesday" },
            { headers }
          )
        )
        expect(badDate.status).toBe(400)
        expect(badDate.body.message).toMatch(/effective_from/)

        const frozen = await failure(
          api.post(`/admin/call-billing/rate-cards/${card.id}`, { currency_code: "EUR" }, { headers })
        )
        expect(frozen.status).toBe(400)
        expect(frozen.body.message).toMatch(/currency_code cannot change/)

        const delPublished = await failure(
          api.delete(`/admin/call-billing/rate-cards/${card.id}/versions/${v1.id}`, { headers })
        )
        expect(delPublished.status).toBe(400)
        expect(delPublished.body.message).toMatch(/published/)
      })

      it("filters versions by status", async () => {
        const card = await createCard()
        const v1 = (await importDeck(card.id, DECK_V1)).data.version
        await importDeck(card.id, DECK_V2)
        await api.post(
          `/admin/call-billing/rate-cards/${card.id}/versions/${v1.id}/publish`,
          { effective_from: "2026-01-01T00:00:00Z" },
          { headers }
        )
        const drafts = await api.get(`/admin/call-billing/rate-cards/${card.id}/versions?status=draft`, { headers })
        expect(drafts.data.versions.map((v: any) => v.number)).toEqual([2])
        const all = await api.get(`/admin/call-billing/rate-cards/${card.id}/versions`, { headers })
        expect(all.data.versions.map((v: any) => v.number)).toEqual([2, 1])
        const bad = await failure(
          api.get(`/admin/call-billing/rate-cards/${card.id}/versions/${v1.id}/rates?limit=0`, { headers })
        )
        expect(bad.status).toBe(400)
        expect(bad.body.message).toMatch(/limit/)
      })

      it("deletes a draft with its rows", async () => {
        const card = await createCard()
        const v1 = (await importDeck(card.id, DECK_V1)).data.version
        await api.delete(`/admin/call-billing/rate-cards/${card.id}/versions/${v1.id}`, { headers })
        const versions = await api.get(`/admin/call-billing/rate-cards/${card.id}/versions`, { headers })
        expect(versions.data.count).toBe(0)
        const v2 = (await importDeck(card.id, DECK_V1)).data.version
        expect(v2.number).toBe(2) // numbers are never reused
      })
    })

    describe("time profiles", () => {
      it("lists, reads, updates (holidays checked as a whole) and deletes a profile", async () => {
        const created = (
          await api.post("/admin/call-billing/time-profiles", { code: "DE", name: "Germany", ...PROFILE }, { headers })
        ).data.time_profile
        const list = await api.get("/admin/call-billing/time-profiles?q=germ", { headers })
        expect(list.data.time_profiles.map((p: any) => p.code)).toEqual(["DE"])
        const one = await api.get(`/admin/call-billing/time-profiles/${created.id}`, { headers })
        expect(one.data.time_profile.holidays).toEqual(PROFILE.holidays)

        const updated = await api.post(
          `/admin/call-billing/time-profiles/${created.id}`,
          { holidays: [{ date: "2026-10-03", band: "weekend" }] },
          { headers }
        )
        expect(updated.data.time_profile.holidays).toEqual([{ date: "2026-10-03", band: "weekend" }])
        expect(updated.data.time_profile.rules).toHaveLength(3)

        const bad = await failure(
          api.post(
            `/admin/call-billing/time-profiles/${created.id}`,
            { holidays: [{ date: "2026-02-30", band: "weekend" }] },
            { headers }
          )
        )
        expect(bad.status).toBe(400)
        expect(bad.body.message).toMatch(/holidays\[0\]/)

        await api.delete(`/admin/call-billing/time-profiles/${created.id}`, { headers })
        const gone = await failure(api.get(`/admin/call-billing/time-profiles/${created.id}`, { headers }))
        expect(gone.status).toBe(404)
        const unknown = await failure(
          api.post("/admin/call-billing/time-profiles/tprof_nope", { name: "x" }, { headers })
        )
        expect(unknown.status).toBe(404)
      })


      it("creates a profile and attaches it to a card; refuses a bad one with where", async () => {
        const profile = (
          await api.post(
            "/admin/call-billing/time-profiles",
            { code: "UK", name: "UK business hours", ...PROFILE },
            { headers }
          )
        ).data.time_profile
        expect(profile.rules).toHaveLength(3)

        const card = await createCard({ time_profile_id: profile.id })
        expect(card.time_profile.code).toBe("UK")

        const bad = await failure(
          api.post(
            "/admin/call-billing/time-profiles",
            {
              code: "BAD",
              name: "Bad",
              rules: [{ band: "peak", days: ["mon"], from: "19:00", to: "25:00" }],
            },
            { headers }
          )
        )
        expect(bad.status).toBe(400)
        expect(bad.body.message).toMatch(/rules\[0\]/)

        const inUse = await failure(api.delete(`/admin/call-billing/time-profiles/${profile.id}`, { headers }))
        expect(inUse.status).toBe(400)
        expect(inUse.body.message).toMatch(/RETAIL/)
      })
    })
  },
})
