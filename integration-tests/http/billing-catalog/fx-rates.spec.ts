import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { adminHeaders, failure } from "../helpers"

jest.setTimeout(120 * 1000)

const URL = "/admin/call-billing/fx-rates"

const RATE = { base: "eur", quote: "gbp", rate: "0.85710", effective_from: "2026-12-01" }

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: Record<string, any>

    beforeEach(async () => {
      headers = (await adminHeaders(getContainer())).headers
    })

    const create = async (body: Record<string, unknown> = {}) => (await api.post(URL, { ...RATE, ...body }, { headers })).data.fx_rate
    const refused = (body: Record<string, unknown>) => failure(api.post(URL, { ...RATE, ...body }, { headers }))

    describe("fx rates", () => {
      it("creates a rate: currencies upper-cased, the rate an exact string, a date read as UTC midnight", async () => {
        const res = await api.post(URL, RATE, { headers })
        expect(res.status).toBe(201)
        expect(res.data.fx_rate).toEqual({
          id: expect.stringMatching(/^bfx_/),
          base: "EUR",
          quote: "GBP",
          rate: "0.8571",
          effective_from: "2026-12-01T00:00:00.000Z",
          created_at: expect.any(String),
          updated_at: expect.any(String),
        })
        const read = await api.get(`${URL}/${res.data.fx_rate.id}`, { headers })
        expect(read.data.fx_rate).toEqual(res.data.fx_rate)
      })

      it("keeps 10 decimals and 10 integer digits exactly, which a JS number would not", async () => {
        const fine = await create({ base: "USD", quote: "JPY", rate: "1234567890.0123456789" })
        expect(fine.rate).toBe("1234567890.0123456789")
        const tiny = await create({ base: "IDR", quote: "USD", rate: "0.0000612345" })
        expect(tiny.rate).toBe("0.0000612345")
        const listed = await api.get(`${URL}?base=usd`, { headers })
        expect(listed.data.fx_rates.map((r: any) => r.rate)).toEqual(["1234567890.0123456789"])
      })

      it("lists newest first, filtered by base and quote", async () => {
        await create({ effective_from: "2026-11-01T00:00:00Z", rate: "0.86" })
        await create({ effective_from: "2026-12-01T00:00:00Z", rate: "0.8571" })
        await create({ quote: "USD", rate: "1.16", effective_from: "2026-12-01" })
        await create({ base: "USD", quote: "GBP", rate: "0.74", effective_from: "2026-12-01" })

        const all = await api.get(URL, { headers })
        expect(all.data).toEqual(expect.objectContaining({ count: 4, offset: 0, limit: 50 }))
        const eurGbp = await api.get(`${URL}?base=EUR&quote=gbp`, { headers })
        expect(eurGbp.data.fx_rates.map((r: any) => [r.effective_from.slice(0, 10), r.rate])).toEqual([
          ["2026-12-01", "0.8571"],
          ["2026-11-01", "0.86"],
        ])
        const toGbp = await api.get(`${URL}?quote=GBP&order=rate`, { headers })
        expect(toGbp.data.fx_rates.map((r: any) => `${r.base}/${r.quote}`)).toEqual(["USD/GBP", "EUR/GBP", "EUR/GBP"])
        const bases = await api.get(`${URL}?base=usd,eur&quote=usd`, { headers })
        expect(bases.data.fx_rates.map((r: any) => `${r.base}/${r.quote}`)).toEqual(["EUR/USD"])
      })

      it.each([
        [{ rate: "0" }, /rate: must be a decimal above 0 with at most 10 decimals/],
        [{ rate: "-1.2" }, /rate: must be a decimal above 0/],
        [{ rate: "0.12345678901" }, /rate: must be a decimal above 0 with at most 10 decimals/],
        [{ rate: "12345678901" }, /rate: must be a decimal above 0/],
        [{ rate: "1e-3" }, /rate: must be a decimal above 0/],
        [{ rate: "abc" }, /rate: must be a decimal above 0/],
        [{ quote: "EUR" }, /quote: must differ from base/],
        [{ quote: "eur" }, /quote: must differ from base/],
        [{ base: "XXY" }, /base: is not an ISO 4217 currency code/],
        [{ quote: "pound" }, /quote: must be an ISO 4217 code/],
        [{ effective_from: "01/12/2026" }, /effective_from: must be an ISO 8601 date/],
        [{ effective_from: "2026-12-01T00:00:00" }, /effective_from: must be an ISO 8601 date/],
        [{ effective_from: undefined }, /effective_from: Invalid input/],
        [{ source: "ECB" }, /body: Unrecognized key: "source"/],
      ])("refuses %j with 400 naming the field", async (body, message) => {
        const res = await refused(body)
        expect(res.status).toBe(400)
        expect(res.body.message).toMatch(message)
        expect((await api.get(URL, { headers })).data.count).toBe(0)
      })

      it("refuses a second rate for the same pair and moment with 422, however the moment is written", async () => {
        await create()
        const res = await refused({ rate: "0.9", effective_from: "2026-12-01T01:00:00+01:00" })
        expect(res.status).toBe(422)
        expect(res.body.message).toMatch(/effective_from: an FX rate EUR→GBP effective from 2026-12-01T00:00:00.000Z already exists/)
        // the reverse pair and another moment are different rates
        await create({ base: "GBP", quote: "EUR", rate: "1.1667" })
        await create({ effective_from: "2026-12-02" })
        expect((await api.get(URL, { headers })).data.count).toBe(3)
      })

      it("deletes a rate, after which the pair and moment are free again", async () => {
        const r = await create()
        const del = await api.delete(`${URL}/${r.id}`, { headers })
        expect(del.data).toEqual({ id: r.id, object: "fx_rate", deleted: true })
        expect((await failure(api.get(`${URL}/${r.id}`, { headers }))).status).toBe(404)
        expect((await api.get(URL, { headers })).data.count).toBe(0)
        const again = await create({ rate: "0.8572" })
        expect(again.rate).toBe("0.8572")
      })

      it("offers no update, answers 404 for an unknown id and 401 without an admin", async () => {
        const r = await create()
        expect((await failure(api.post(`${URL}/${r.id}`, { rate: "0.9" }, { headers }))).status).toBe(404)
        expect((await api.get(`${URL}/${r.id}`, { headers })).data.fx_rate.rate).toBe("0.8571")
        for (const call of [api.get(`${URL}/bfx_nope`, { headers }), api.delete(`${URL}/bfx_nope`, { headers })]) {
          const res = await failure(call)
          expect(res.status).toBe(404)
          expect(res.body.message).toMatch(/FX rate with id: bfx_nope was not found/)
        }
        expect((await failure(api.get(URL))).status).toBe(401)
      })
    })
  },
})
