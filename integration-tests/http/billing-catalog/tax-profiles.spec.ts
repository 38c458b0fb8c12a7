import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { adminHeaders, failure } from "../helpers"

jest.setTimeout(120 * 1000)

const URL = "/admin/call-billing/tax-profiles"

const VAT = {
  code: "UK-VAT",
  name: "UK VAT 20 %",
  components: [{ code: "vat", name: "VAT", rate: "0.20" }],
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: Record<string, any>

    beforeEach(async () => {
      headers = (await adminHeaders(getContainer())).headers
    })

    const create = async (body: Record<string, unknown> = VAT) => (await api.post(URL, body, { headers })).data.tax_profile
    const refused = (body: Record<string, unknown>) => failure(api.post(URL, body, { headers }))
    const account = async (code: string, taxProfileId: string | null) =>
      (
        await api.post(
          "/admin/call-billing/billing-accounts",
          { code, name: code, currency_code: "GBP", timezone: "Europe/London", country_code: "44", tax_profile_id: taxProfileId },
          { headers }
        )
      ).data.billing_account

    describe("tax profiles", () => {
      it("creates an exclusive VAT profile with defaults and reads it back; rates are canonical decimal strings", async () => {
        const res = await api.post(URL, VAT, { headers })
        expect(res.status).toBe(201)
        expect(res.data.tax_profile).toEqual(
          expect.objectContaining({
            id: expect.stringMatching(/^btax_/),
            code: "UK-VAT",
            name: "UK VAT 20 %",
            inclusive: false,
            exempt: false,
            reverse_charge: false,
            note: null,
            components: [{ code: "vat", name: "VAT", rate: "0.2" }],
            surcharges: null,
          })
        )
        const read = await api.get(`${URL}/${res.data.tax_profile.id}`, { headers })
        expect(read.data.tax_profile).toEqual(res.data.tax_profile)
      })

      it("keeps split rates (CGST + SGST), inclusive, and surcharges by percent or per minute", async () => {
        const gst = await create({
          code: "IN-GST",
          name: "GST 18 % inclusive",
          inclusive: true,
          components: [
            { code: "cgst", name: "CGST", rate: "0.09" },
            { code: "sgst", name: "SGST", rate: 0.09 },
          ],
          surcharges: [
            { code: "usf", name: "Universal service fund", percent: "2.50", taxable: true },
            { code: "e911", name: "E911 fee", per_minute: "0.0015", taxable: false },
          ],
        })
        expect(gst).toEqual(
          expect.objectContaining({
            inclusive: true,
            components: [
              { code: "cgst", name: "CGST", rate: "0.09" },
              { code: "sgst", name: "SGST", rate: "0.09" },
            ],
            surcharges: [
              { code: "usf", name: "Universal service fund", percent: "2.5", taxable: true },
              { code: "e911", name: "E911 fee", per_minute: "0.0015", taxable: false },
            ],
          })
        )
      })

      it("keeps exempt and reverse-charge profiles, which need no rate but a note", async () => {
        const rc = await create({ code: "EU-RC", name: "EU B2B", reverse_charge: true, note: "Reverse charge: Article 196 Directive 2006/112/EC" })
        expect(rc).toEqual(expect.objectContaining({ reverse_charge: true, exempt: false, components: [], note: expect.stringMatching(/Article 196/) }))
        const ex = await create({ code: "EXEMPT", name: "Exempt", exempt: true, note: "Exempt: charity", components: [{ code: "vat", name: "VAT", rate: "0" }] })
        expect(ex.components).toEqual([{ code: "vat", name: "VAT", rate: "0" }])
      })

      it("lists with q, a code filter and paging", async () => {
        await create()
        await create({ ...VAT, code: "IE-VAT", name: "Irish VAT 23 %", components: [{ code: "vat", name: "VAT", rate: "0.23" }] })
        await create({ code: "EU-RC", name: "EU reverse charge", reverse_charge: true, note: "Reverse charge" })
        const all = await api.get(`${URL}?order=code`, { headers })
        expect(all.data).toEqual(expect.objectContaining({ count: 3, offset: 0, limit: 20 }))
        expect(all.data.tax_profiles.map((t: any) => t.code)).toEqual(["EU-RC", "IE-VAT", "UK-VAT"])
        expect((await api.get(`${URL}?q=irish`, { headers })).data.tax_profiles.map((t: any) => t.code)).toEqual(["IE-VAT"])
        expect((await api.get(`${URL}?code=UK-VAT,EU-RC&order=code`, { headers })).data.tax_profiles.map((t: any) => t.code)).toEqual([
          "EU-RC",
          "UK-VAT",
        ])
        const page = await api.get(`${URL}?order=code&limit=1&offset=1`, { headers })
        expect(page.data.tax_profiles.map((t: any) => t.code)).toEqual(["IE-VAT"])
      })

      it.each([
        [{ components: [{ code: "vat", name: "VAT", rate: "1" }] }, /components\[0\]\.rate: must be below 1/],
        [{ components: [{ code: "vat", name: "VAT", rate: "20" }] }, /components\[0\]\.rate: must be below 1/],
        [{ components: [{ code: "vat", name: "VAT", rate: "-0.1" }] }, /components\[0\]\.rate: must be a non-negative decimal/],
        [{ components: [{ code: "vat", name: "VAT", rate: "0.1234567" }] }, /components\[0\]\.rate: must be a non-negative decimal with at most 6 decimals/],
        [{ components: [{ code: "vat", name: "VAT", rate: "abc" }] }, /components\[0\]\.rate: must be a non-negative decimal/],
        [
          { components: [{ code: "cgst", name: "CGST", rate: "0.09" }, { code: "cgst", name: "SGST", rate: "0.09" }] },
          /components\[1\]\.code: "cgst" appears twice/,
        ],
        [{ components: [{ code: "v a t", name: "VAT", rate: "0.2" }] }, /components\[0\]\.code: must be 1–32 characters/],
        [{ components: [{ code: "vat", rate: "0.2" }] }, /components\[0\]\.name: Invalid input/],
        [{ components: [] }, /components: at least one tax rate is required unless the profile is exempt or reverse charge/],
        [{ components: undefined }, /components: at least one tax rate is required/],
        [{ exempt: true, components: [] }, /note: is required when the profile is exempt/],
        [{ reverse_charge: true, note: "" }, /note: is required when the profile is reverse charge/],
        [{ exempt: true, reverse_charge: true, note: "x" }, /reverse_charge: a profile is either exempt or reverse charge, not both/],
        [{ surcharges: [{ code: "usf", name: "USF", taxable: true }] }, /surcharges\[0\]: exactly one of percent and per_minute is required/],
        [
          { surcharges: [{ code: "usf", name: "USF", percent: "2", per_minute: "0.01", taxable: true }] },
          /surcharges\[0\]: exactly one of percent and per_minute is required/,
        ],
        [{ surcharges: [{ code: "usf", name: "USF", percent: "150", taxable: true }] }, /surcharges\[0\]\.percent: must be at most 100/],
        [{ surcharges: [{ code: "usf", name: "USF", per_minute: "-1", taxable: true }] }, /surcharges\[0\]\.per_minute: must be a non-negative decimal/],
        [{ surcharges: [{ code: "usf", name: "USF", percent: "1" }] }, /surcharges\[0\]\.taxable: must be true or false/],
        [
          {
            surcharges: [
              { code: "usf", name: "USF", percent: "1", taxable: true },
              { code: "usf", name: "USF 2", percent: "1", taxable: true },
            ],
          },
          /surcharges\[1\]\.code: "usf" appears twice/,
        ],
        [{ name: "" }, /(^|\s)name: Too small/],
        [{ vat_number: "x" }, /body: Unrecognized key: "vat_number"/],
      ])("refuses %j with 400 naming the field", async (body, message) => {
        const res = await refused({ ...VAT, ...body })
        expect(res.status).toBe(400)
        expect(res.body.message).toMatch(message)
        expect((await api.get(URL, { headers })).data.count).toBe(0)
      })

      it("refuses a duplicate code with 422", async () => {
        await create()
        const res = await refused({ ...VAT, name: "Another" })
        expect(res.status).toBe(422)
        expect(res.body.message).toMatch(/code: a tax profile with code UK-VAT already exists/)
        expect((await api.get(URL, { headers })).data.count).toBe(1)
      })

      it("updates a profile, checking the rules on the profile as it will be stored", async () => {
        const p = await create()
        const rate = await api.post(`${URL}/${p.id}`, { components: [{ code: "vat", name: "VAT", rate: "0.21" }], inclusive: true }, { headers })
        expect(rate.data.tax_profile).toEqual(expect.objectContaining({ inclusive: true, components: [{ code: "vat", name: "VAT", rate: "0.21" }] }))

        // made exempt without a note: the stored profile would have none
        const noNote = await failure(api.post(`${URL}/${p.id}`, { exempt: true }, { headers }))
        expect(noNote.status).toBe(400)
        expect(noNote.body.message).toMatch(/note: is required when the profile is exempt/)
        // its last rate removed while taxable
        const noRate = await failure(api.post(`${URL}/${p.id}`, { components: [] }, { headers }))
        expect(noRate.status).toBe(400)
        expect(noRate.body.message).toMatch(/components: at least one tax rate is required/)
        const dupCodes = await failure(
          api.post(`${URL}/${p.id}`, { components: [{ code: "vat", name: "A", rate: "0.1" }, { code: "vat", name: "B", rate: "0.1" }] }, { headers })
        )
        expect(dupCodes.body.message).toMatch(/components\[1\]\.code: "vat" appears twice/)

        const exempt = await api.post(`${URL}/${p.id}`, { exempt: true, note: "Exempt supply", components: [] }, { headers })
        expect(exempt.data.tax_profile).toEqual(expect.objectContaining({ exempt: true, note: "Exempt supply", components: [] }))
        // the note stays needed while exempt
        const clear = await failure(api.post(`${URL}/${p.id}`, { note: null }, { headers }))
        expect(clear.body.message).toMatch(/note: is required when the profile is exempt/)
        const read = await api.get(`${URL}/${p.id}`, { headers })
        expect(read.data.tax_profile).toEqual(expect.objectContaining({ exempt: true, note: "Exempt supply", inclusive: true }))

        await create({ ...VAT, code: "IE-VAT" })
        const dup = await failure(api.post(`${URL}/${p.id}`, { code: "IE-VAT" }, { headers }))
        expect(dup.status).toBe(422)
        expect(dup.body.message).toMatch(/code: a tax profile with code IE-VAT already exists/)
      })

      it("refuses to delete a profile billing accounts use, naming them, then deletes it once unused", async () => {
        const p = await create()
        const zulu = await account("ZULU", p.id)
        await account("ALPHA", p.id)
        await account("NOTAX", null)
        const res = await failure(api.delete(`${URL}/${p.id}`, { headers }))
        expect(res.status).toBe(400)
        expect(res.body.message).toMatch(/tax profile UK-VAT is used by billing account\(s\) ALPHA, ZULU\./)
        expect((await api.get(`${URL}/${p.id}`, { headers })).status).toBe(200)

        await api.post(`/admin/call-billing/billing-accounts/${zulu.id}`, { tax_profile_id: null }, { headers })
        await api.delete(`/admin/call-billing/billing-accounts/${(await api.get("/admin/call-billing/billing-accounts?code=ALPHA", { headers })).data.billing_accounts[0].id}`, { headers })
        const del = await api.delete(`${URL}/${p.id}`, { headers })
        expect(del.data).toEqual({ id: p.id, object: "tax_profile", deleted: true })
        expect((await failure(api.get(`${URL}/${p.id}`, { headers }))).status).toBe(404)
        expect((await create()).code).toBe("UK-VAT")
      })

      it("answers 404 for an unknown id and 401 without an admin", async () => {
        for (const call of [
          api.get(`${URL}/btax_nope`, { headers }),
          api.post(`${URL}/btax_nope`, { name: "Ghost" }, { headers }),
          api.delete(`${URL}/btax_nope`, { headers }),
        ]) {
          const res = await failure(call)
          expect(res.status).toBe(404)
          expect(res.body.message).toMatch(/Tax profile with id: btax_nope was not found/)
        }
        expect((await failure(api.get(URL))).status).toBe(401)
      })
    })
  },
})
