import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { BILLING_MODULE } from "../../../src/modules/billing"
import { adminHeaders, failure } from "../helpers"

jest.setTimeout(120 * 1000)

const URL = "/admin/call-billing/entities"

const ENTITY = {
  code: "ACME-UK",
  legal_name: "Acme Contact Centres UK Ltd",
  address: { line1: "1 Dial Street", city: "London", postal_code: "EC1A 1AA", country: "gb" },
  tax_id: "GB123456789",
  email: "billing@acme.test",
  currency_code: "gbp",
  invoice_prefix: "acme",
  credit_note_prefix: "acme-cn",
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: Record<string, any>

    beforeEach(async () => {
      headers = (await adminHeaders(getContainer())).headers
    })

    const create = async (overrides: Record<string, unknown> = {}) =>
      (await api.post(URL, { ...ENTITY, ...overrides }, { headers })).data.issuing_entity
    const refused = (body: Record<string, unknown>) => failure(api.post(URL, { ...ENTITY, ...body }, { headers }))
    const account = async (overrides: Record<string, unknown>) =>
      (
        await api.post(
          "/admin/call-billing/billing-accounts",
          { name: "Tenant", currency_code: "GBP", timezone: "Europe/London", country_code: "44", ...overrides },
          { headers }
        )
      ).data.billing_account
    const billing = () => getContainer().resolve(BILLING_MODULE) as any
    const numberedInvoice = async (entityId: string, accountId: string, number: string | null) =>
      billing().createInvoices([
        {
          account_id: accountId,
          entity_id: entityId,
          number,
          status: number ? "finalized" : "draft",
          currency_code: "GBP",
          period_start: "2026-11-01",
          period_end: "2026-12-01",
          subtotal: "10",
          tax_total: "2",
          total: "12",
        },
      ])

    describe("issuing entities", () => {
      it("creates an entity: prefixes and currency upper-cased, default colours, sequences at 1, readable by id", async () => {
        const res = await api.post(URL, ENTITY, { headers })
        expect(res.status).toBe(201)
        const e = res.data.issuing_entity
        expect(e).toEqual(
          expect.objectContaining({
            id: expect.stringMatching(/^bent_/),
            code: "ACME-UK",
            legal_name: "Acme Contact Centres UK Ltd",
            address: { line1: "1 Dial Street", line2: null, city: "London", postal_code: "EC1A 1AA", region: null, country: "GB" },
            tax_id: "GB123456789",
            email: "billing@acme.test",
            currency_code: "GBP",
            invoice_prefix: "ACME",
            credit_note_prefix: "ACME-CN",
            logo_url: null,
            primary_color: "#1f2937",
            accent_color: "#2563eb",
            next_invoice_number: 1,
            next_credit_note_number: 1,
            sequence_year: null,
          })
        )
        const read = await api.get(`${URL}/${e.id}`, { headers })
        expect(read.data.issuing_entity).toEqual(e)
      })

      it("keeps branding: an https logo and #rrggbb colours (stored lower-case)", async () => {
        const e = await create({ logo_url: "https://cdn.acme.test/logo.png", primary_color: "#0F172A", accent_color: "#22c55e" })
        expect(e).toEqual(
          expect.objectContaining({ logo_url: "https://cdn.acme.test/logo.png", primary_color: "#0f172a", accent_color: "#22c55e" })
        )
        const cleared = await api.post(`${URL}/${e.id}`, { logo_url: null }, { headers })
        expect(cleared.data.issuing_entity.logo_url).toBeNull()
      })

      it("lists with q on code and legal name, a code filter and paging", async () => {
        await create()
        await create({ code: "ACME-IE", legal_name: "Acme Ireland DAC", currency_code: "EUR", invoice_prefix: "IE", credit_note_prefix: "IECN" })
        await create({ code: "BETA", legal_name: "Beta Telecom GmbH", currency_code: "EUR", invoice_prefix: "BETA", credit_note_prefix: "BETACN" })

        const all = await api.get(`${URL}?order=code`, { headers })
        expect(all.data).toEqual(expect.objectContaining({ count: 3, offset: 0, limit: 20 }))
        expect(all.data.issuing_entities.map((e: any) => e.code)).toEqual(["ACME-IE", "ACME-UK", "BETA"])

        const byName = await api.get(`${URL}?q=ireland`, { headers })
        expect(byName.data.issuing_entities.map((e: any) => e.code)).toEqual(["ACME-IE"])
        const byCode = await api.get(`${URL}?q=acme&order=code`, { headers })
        expect(byCode.data.issuing_entities.map((e: any) => e.code)).toEqual(["ACME-IE", "ACME-UK"])
        const codes = await api.get(`${URL}?code=BETA,ACME-UK&order=code`, { headers })
        expect(codes.data.issuing_entities.map((e: any) => e.code)).toEqual(["ACME-UK", "BETA"])
        const page = await api.get(`${URL}?order=code&limit=2&offset=2`, { headers })
        expect(page.data).toEqual(expect.objectContaining({ count: 3, offset: 2, limit: 2 }))
        expect(page.data.issuing_entities.map((e: any) => e.code)).toEqual(["BETA"])
      })

      it.each([
        [{ invoice_prefix: "INV_1" }, /invoice_prefix: must be 1–12 characters A–Z, 0–9 and -/],
        [{ invoice_prefix: "ABCDEFGHIJKLM" }, /invoice_prefix: must be 1–12 characters/],
        [{ invoice_prefix: "" }, /invoice_prefix: must be 1–12 characters/],
        [{ invoice_prefix: "INV-" }, /invoice_prefix: .*beginning and ending with a letter or digit/],
        [{ credit_note_prefix: "CN 1" }, /credit_note_prefix: must be 1–12 characters/],
        [{ credit_note_prefix: "Acme" }, /credit_note_prefix: must differ from invoice_prefix/],
        [{ currency_code: "XYZ" }, /currency_code: is not an ISO 4217 currency code/],
        [{ currency_code: "XAU" }, /currency_code: has no minor unit in ISO 4217/],
        [{ currency_code: "pounds" }, /currency_code: must be an ISO 4217 code/],
        [{ logo_url: "ftp://cdn.acme.test/logo.png" }, /logo_url: must be an http\(s\) URL/],
        [{ logo_url: "logo.png" }, /logo_url: must be an http\(s\) URL/],
        [{ primary_color: "#12345" }, /primary_color: must be a colour #rrggbb/],
        [{ accent_color: "blue" }, /accent_color: must be a colour #rrggbb/],
        [{ address: { line1: "1 Dial Street", city: "London", country: "GBR" } }, /address\.country: must be an ISO 3166-1 alpha-2/],
        [{ address: { city: "London", country: "GB" } }, /address\.line1: Invalid input/],
        [{ address: { line1: "x", city: "London", country: "GB", county: "Kent" } }, /address: Unrecognized key: "county"/],
        [{ email: "billing-at-acme" }, /email: Invalid email address/],
        [{ legal_name: "" }, /legal_name: Too small/],
        [{ code: undefined }, /(^|\s)code: Invalid input/],
        [{ next_invoice_number: 42 }, /next_invoice_number: is read-only/],
        [{ next_credit_note_number: 7 }, /next_credit_note_number: is read-only/],
        [{ sequence_year: 2026 }, /sequence_year: is read-only/],
      ])("refuses %j with 400 naming the field", async (body, message) => {
        const res = await refused(body)
        expect(res.status).toBe(400)
        expect(res.body.message).toMatch(message)
        expect((await api.get(URL, { headers })).data.count).toBe(0)
      })

      it("refuses an invoice prefix another entity has (any case), with 422 naming the holder", async () => {
        await create()
        const same = await refused({ code: "OTHER", invoice_prefix: "Acme", credit_note_prefix: "OCN" })
        expect(same.status).toBe(422)
        expect(same.body.message).toMatch(/invoice_prefix: ACME is already the invoice prefix of issuing entity ACME-UK/)

        // a credit-note prefix of one entity cannot be another's invoice prefix either: numbers would collide
        const crossed = await refused({ code: "OTHER", invoice_prefix: "ACME-CN", credit_note_prefix: "OCN" })
        expect(crossed.status).toBe(422)
        expect(crossed.body.message).toMatch(/invoice_prefix: ACME-CN is already the credit-note prefix of issuing entity ACME-UK/)

        const code = await refused({ invoice_prefix: "O", credit_note_prefix: "OCN" })
        expect(code.status).toBe(422)
        expect(code.body.message).toMatch(/code: an issuing entity with code ACME-UK already exists/)

        expect((await api.get(URL, { headers })).data.count).toBe(1)
      })

      it("refuses an update to another entity's prefix and keeps the entity as it was", async () => {
        await create()
        const other = await create({ code: "ACME-IE", invoice_prefix: "IE", credit_note_prefix: "IECN" })
        const res = await failure(api.post(`${URL}/${other.id}`, { invoice_prefix: "acme" }, { headers }))
        expect(res.status).toBe(422)
        expect(res.body.message).toMatch(/invoice_prefix: ACME is already the invoice prefix of issuing entity ACME-UK/)
        const same = await failure(api.post(`${URL}/${other.id}`, { credit_note_prefix: "IE" }, { headers }))
        expect(same.status).toBe(400)
        expect(same.body.message).toMatch(/credit_note_prefix: must differ from invoice_prefix \(IE\)/)
        expect((await api.get(`${URL}/${other.id}`, { headers })).data.issuing_entity).toEqual(
          expect.objectContaining({ invoice_prefix: "IE", credit_note_prefix: "IECN" })
        )
        // its own prefixes stay its own: an update that repeats them is fine
        const ok = await api.post(`${URL}/${other.id}`, { invoice_prefix: "IE", legal_name: "Acme Ireland DAC" }, { headers })
        expect(ok.data.issuing_entity.legal_name).toBe("Acme Ireland DAC")
      })

      it("updates fields; the number sequences move only when documents are numbered", async () => {
        const e = await create()
        expect(await billing().takeDocumentNumber(e.id, "invoice", 2026)).toBe("ACME-2026-000001")
        expect(await billing().takeDocumentNumber(e.id, "credit_note", 2026)).toBe("ACME-CN-2026-000001")

        const res = await api.post(
          `${URL}/${e.id}`,
          { legal_name: "Acme UK Limited", address: { line1: "2 Dial Street", city: "Leeds", country: "GB" }, email: null },
          { headers }
        )
        expect(res.data.issuing_entity).toEqual(
          expect.objectContaining({
            legal_name: "Acme UK Limited",
            // replaced whole: the old postal code does not survive
            address: { line1: "2 Dial Street", line2: null, city: "Leeds", postal_code: null, region: null, country: "GB" },
            email: null,
            invoice_prefix: "ACME",
            next_invoice_number: 2,
            next_credit_note_number: 2,
            sequence_year: 2026,
          })
        )
        const readOnly = await failure(api.post(`${URL}/${e.id}`, { next_invoice_number: 1 }, { headers }))
        expect(readOnly.status).toBe(400)
        expect(readOnly.body.message).toMatch(/next_invoice_number: is read-only/)
        expect(await billing().takeDocumentNumber(e.id, "invoice", 2026)).toBe("ACME-2026-000002")
        const noAddress = await api.post(`${URL}/${e.id}`, { address: null }, { headers })
        expect(noAddress.data.issuing_entity.address).toBeNull()
      })

      it("changes a prefix until a document is numbered with it, then refuses", async () => {
        const e = await create()
        const acct = await account({ code: "T1", entity_id: e.id })
        await numberedInvoice(e.id, acct.id, null) // a draft has no number yet
        const renamed = await api.post(`${URL}/${e.id}`, { invoice_prefix: "ACM" }, { headers })
        expect(renamed.data.issuing_entity.invoice_prefix).toBe("ACM")

        await billing().deleteInvoices((await billing().listInvoices({ entity_id: e.id })).map((i: any) => i.id))
        await numberedInvoice(e.id, acct.id, "ACM-2026-000001")
        const res = await failure(api.post(`${URL}/${e.id}`, { invoice_prefix: "NEW" }, { headers }))
        expect(res.status).toBe(400)
        expect(res.body.message).toMatch(/invoice_prefix: issuing entity ACME-UK has numbered 1 invoice\(s\) with ACM; the prefix cannot change/)
        expect((await api.get(`${URL}/${e.id}`, { headers })).data.issuing_entity.invoice_prefix).toBe("ACM")
        // the credit-note series has issued nothing yet
        const cn = await api.post(`${URL}/${e.id}`, { credit_note_prefix: "ACMCN" }, { headers })
        expect(cn.data.issuing_entity.credit_note_prefix).toBe("ACMCN")
      })

      it("refuses to delete an entity billing accounts use, naming their codes, then deletes it once they moved", async () => {
        const e = await create()
        const other = await create({ code: "ACME-IE", invoice_prefix: "IE", credit_note_prefix: "IECN" })
        const b = await account({ code: "BRAVO", entity_id: e.id })
        await account({ code: "ALPHA", entity_id: e.id })
        await account({ code: "ELSEWHERE", entity_id: other.id })

        const res = await failure(api.delete(`${URL}/${e.id}`, { headers }))
        expect(res.status).toBe(400)
        expect(res.body.message).toMatch(/issuing entity ACME-UK is used by billing account\(s\) ALPHA, BRAVO\./)
        expect(res.body.message).not.toMatch(/ELSEWHERE/)
        expect((await api.get(`${URL}/${e.id}`, { headers })).status).toBe(200)

        const accounts = await api.get(`/admin/call-billing/billing-accounts?code=ALPHA`, { headers })
        await api.post(`/admin/call-billing/billing-accounts/${accounts.data.billing_accounts[0].id}`, { entity_id: other.id }, { headers })
        await api.post(`/admin/call-billing/billing-accounts/${b.id}`, { entity_id: null }, { headers })

        const del = await api.delete(`${URL}/${e.id}`, { headers })
        expect(del.data).toEqual({ id: e.id, object: "issuing_entity", deleted: true })
        expect((await failure(api.get(`${URL}/${e.id}`, { headers }))).status).toBe(404)
        expect((await api.get(URL, { headers })).data.issuing_entities.map((x: any) => x.code)).toEqual(["ACME-IE"])
        // its code and prefixes are free again
        const again = await create()
        expect(again.invoice_prefix).toBe("ACME")
      })

      it("refuses to delete an entity that issued documents", async () => {
        const e = await create()
        const acct = await account({ code: "T1", entity_id: e.id })
        await numberedInvoice(e.id, acct.id, "ACME-2026-000001")
        await api.post(`/admin/call-billing/billing-accounts/${acct.id}`, { entity_id: null }, { headers })
        const res = await failure(api.delete(`${URL}/${e.id}`, { headers }))
        expect(res.status).toBe(400)
        expect(res.body.message).toMatch(/issuing entity ACME-UK has issued documents \(1 invoice\(s\), 0 credit note\(s\)/)
        expect((await api.get(`${URL}/${e.id}`, { headers })).status).toBe(200)
      })

      it("answers 404 for an unknown id on GET, POST and DELETE, and 401 without an admin", async () => {
        for (const call of [
          api.get(`${URL}/bent_nope`, { headers }),
          api.post(`${URL}/bent_nope`, { legal_name: "Ghost" }, { headers }),
          api.delete(`${URL}/bent_nope`, { headers }),
        ]) {
          const res = await failure(call)
          expect(res.status).toBe(404)
          expect(res.body.message).toMatch(/Issuing entity with id: bent_nope was not found/)
        }
        expect((await failure(api.get(URL))).status).toBe(401)
      })
    })
  },
})
