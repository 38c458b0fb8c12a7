import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import fs from "fs"
import { Modules } from "@medusajs/framework/utils"
import { BILLING_MODULE } from "../../../src/modules/billing"
import { adminHeaders, customerHeaders as storeCustomer, failure } from "../helpers"
import { example, seedRatingWorld } from "../usage/fixtures"

jest.setTimeout(300 * 1000)

/** A 400 message that starts by naming `field` (after Medusa's "Invalid request: " for a validator's). */
const naming = (field: string) => expect.stringMatching(new RegExp(`^(Invalid request: )?${field.replace(/[[\].]/g, "\\$&")}: `))

const call = (call_id: string, answer_time: string, billsec: number, account = "acme") => ({
  call_id, account, direction: "outbound", callee: "+44 20 7946 0018", answer_time, billsec, disposition: "ANSWERED",
})

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let admin: any
    let key: Record<string, string>
    let acme: any
    let card: any
    let billing: any

    const customerHeaders = (email: string) => storeCustomer(getContainer(), email)

    beforeEach(async () => {
      const { headers } = await adminHeaders(getContainer())
      admin = { headers }
      ;({ account: acme, card } = await seedRatingWorld(api, headers))
      billing = getContainer().resolve(BILLING_MODULE)
      const created = await getContainer().resolve(Modules.API_KEY).createApiKeys({ title: "sw", type: "secret", created_by: "test" })
      key = { authorization: `Basic ${Buffer.from(`${created.token}:`).toString("base64")}` }
      await billing.createIssuingEntities({ code: "main", legal_name: "Call Centre Ltd", currency_code: "USD", invoice_prefix: "CC", credit_note_prefix: "CCN" })
    })

    const push = (calls: unknown[]) => api.post("/call-billing/usage", { source: "sw", calls }, { headers: key })
    const closeNow = (id: string, as_of: string) => api.post(`/admin/call-billing/billing-accounts/${id}/close`, { as_of }, admin)

    /** Two finalized invoices for acme: November 0.50 (50 min), December 0.20 (20 min). */
    const twoInvoices = async () => {
      await push([call("n1", "2026-11-03T10:00:00Z", 3000), call("d1", "2026-12-03T10:00:00Z", 1200)])
      await closeNow(acme.id, "2027-01-02T00:00:00Z")
      const { invoices } = (await api.get(`/admin/call-billing/invoices?account_id=${acme.id}`, admin)).data
      const byPeriod = Object.fromEntries(invoices.map((i: any) => [i.period_start, i]))
      // oldest first, as an accountant would: numbers and due dates follow the periods
      for (const i of [...invoices].reverse()) await api.post(`/admin/call-billing/invoices/${i.id}/finalize`, {}, admin)
      return { nov: byPeriod["2026-11-01"], dec: byPeriod["2026-12-01"] }
    }

    it("closing on demand before anything is due says which period is open and when it closes", async () => {
      const { closed, skipped, next } = (await closeNow(acme.id, "2026-11-20T00:00:00Z")).data
      expect({ closed, skipped }).toEqual({ closed: [], skipped: [] })
      expect(next).toMatchObject({ account_id: acme.id, period_start: "2026-11-01", period_end: "2026-12-01" })
      expect(new Date(next.closes_at).getTime()).toBeGreaterThanOrEqual(new Date("2026-11-30T23:00:00Z").getTime())
    })

    it("closes two periods on demand, finalizes them with consecutive numbers, and lists them with what is due", async () => {
      const { nov, dec } = await twoInvoices()
      expect([nov.total, dec.total]).toEqual(["0.50", "0.20"])
      const list = (await api.get(`/admin/call-billing/invoices?account_id=${acme.id}&status=finalized`, admin)).data
      expect(list.invoices.map((i: any) => [i.number, i.amount_due, i.account_code]).sort()).toEqual([
        ["CC-2026-000001", "0.50", "acme"],
        ["CC-2026-000002", "0.20", "acme"],
      ])
    })

    it("payments allocate oldest first, mark invoices partially paid then paid, and overpayment becomes credit on the statement", async () => {
      const { nov, dec } = await twoInvoices()
      const p1 = (await api.post(`/admin/call-billing/billing-accounts/${acme.id}/payments`, { amount: "0.30", method: "bank_transfer", reference: "BANK-1" }, admin)).data
      expect(p1).toMatchObject({ allocations: [{ invoice_id: nov.id, amount: "0.30" }], unallocated: "0.00", paid_invoice_ids: [] })
      expect((await api.get(`/admin/call-billing/invoices/${nov.id}`, admin)).data.invoice).toMatchObject({ status: "partially_paid", amount_due: "0.20" })
      const dup = await failure(api.post(`/admin/call-billing/billing-accounts/${acme.id}/payments`, { amount: "0.30", method: "bank_transfer", reference: "BANK-1" }, admin))
      expect([dup.status, dup.body.message]).toEqual([422, expect.stringMatching(/BANK-1/)])
      // an allocation to an invoice that is not open is a 400 naming it, and records nothing
      const stray = await failure(
        api.post(`/admin/call-billing/billing-accounts/${acme.id}/payments`, { amount: "0.10", method: "card", allocations: [{ invoice_id: "binv_nope" }] }, admin)
      )
      expect([stray.status, stray.body.message]).toEqual([400, expect.stringMatching(/allocations\[0\]\.invoice_id: binv_nope is not an open invoice/)])
      const p2 = (await api.post(`/admin/call-billing/billing-accounts/${acme.id}/payments`, { amount: "1.00", method: "card" }, admin)).data
      expect(p2.paid_invoice_ids.sort()).toEqual([nov.id, dec.id].sort())
      expect(p2.unallocated).toBe("0.60")
      const st = (await api.get(`/admin/call-billing/billing-accounts/${acme.id}/statement`, admin)).data
      expect(st.entries.map((e: any) => [e.type, e.debit, e.credit, e.balance])).toEqual([
        ["invoice", "0.50", "0.00", "0.50"],
        ["invoice", "0.20", "0.00", "0.70"],
        ["payment", "0.00", "0.30", "0.40"],
        ["payment", "0.00", "1.00", "-0.60"],
      ])
      expect(st).toMatchObject({ closing_balance: "-0.60", credit_balance: "0.60", aging: { current: "0.00", "1_30": "0.00" } })
      const receipt = await api.get(`/admin/call-billing/payments/${p1.payment_id}/receipt`, { ...admin, responseType: "arraybuffer" })
      expect(Buffer.from(receipt.data).subarray(0, 5).toString()).toBe("%PDF-")
    })

    it("a payment or allocation with more decimals than the currency, or an allocation of 0, is a 400 that records nothing", async () => {
      const { nov } = await twoInvoices()
      const pay = (body: Record<string, unknown>) => failure(api.post(`/admin/call-billing/billing-accounts/${acme.id}/payments`, { method: "bank_transfer", ...body }, admin))
      for (const [body, message] of [
        [{ amount: "0.001" }, "amount: USD has 2 decimals"],
        [{ amount: "1.123456" }, "amount: USD has 2 decimals"],
        [{ amount: "0.30", allocations: [{ invoice_id: nov.id, amount: "0.105" }] }, "allocations[0].amount: USD has 2 decimals"],
        [{ amount: "0.30", allocations: [{ invoice_id: nov.id, amount: "0" }] }, "Invalid request: allocations[0].amount: must be more than 0"],
      ] as const) {
        const r = await pay(body)
        expect([body, r.status, r.body.message]).toEqual([body, 400, message])
      }
      const listed = (await api.get(`/admin/call-billing/billing-accounts/${acme.id}/payments`, admin)).data
      expect(listed.count).toBe(0)
      expect((await api.get(`/admin/call-billing/invoices/${nov.id}`, admin)).data.invoice.amount_due).toBe("0.50")
    })

    it("payments read back, listed and as recorded, as exact strings with the currency's decimals", async () => {
      const { nov } = await twoInvoices()
      const recorded = (
        await api.post(`/admin/call-billing/billing-accounts/${acme.id}/payments`, { amount: "0.3", method: "card", allocations: [{ invoice_id: nov.id, amount: "0.25" }] }, admin)
      ).data
      expect(recorded).toEqual({
        payment_id: expect.any(String),
        account_id: acme.id,
        currency_code: "USD",
        allocations: [{ invoice_id: nov.id, amount: "0.25" }],
        unallocated: "0.05",
        paid_invoice_ids: [],
      })
      await api.post(`/admin/call-billing/billing-accounts/${acme.id}/payments`, { amount: "5", method: "cash", received_at: "2027-01-05" }, admin)
      const { payments, count } = (await api.get(`/admin/call-billing/billing-accounts/${acme.id}/payments`, admin)).data
      expect(count).toBe(2)
      const byMethod = Object.fromEntries(payments.map((p: any) => [p.method, p]))
      expect(byMethod.card).toMatchObject({ id: recorded.payment_id, amount: "0.30", unallocated: "0.05", currency_code: "USD", allocations: [{ invoice_id: nov.id, amount: "0.25" }] })
      // oldest first: the 0.25 left on November, December's 0.20; the rest is credit
      expect(byMethod.cash).toMatchObject({ amount: "5.00", unallocated: "4.55" })
      expect(byMethod.cash.allocations.map((a: any) => a.amount).sort()).toEqual(["0.20", "0.25"])
      expect(JSON.stringify(payments)).not.toMatch(/raw_/)
    })

    it("admin invoices filter by a known status (400 otherwise) and by period start; the credit-note reason error names the field once", async () => {
      const { nov, dec } = await twoInvoices()
      const ids = async (qs: string) => (await api.get(`/admin/call-billing/invoices?account_id=${acme.id}&${qs}`, admin)).data.invoices.map((i: any) => i.id).sort()
      const bogus = await failure(api.get(`/admin/call-billing/invoices?status=bogus`, admin))
      expect([bogus.status, bogus.body.message]).toEqual([400, naming("status[0]")])
      await api.post(`/admin/call-billing/billing-accounts/${acme.id}/payments`, { amount: "0.50", method: "card", allocations: [{ invoice_id: nov.id }] }, admin)
      expect(await ids("status=paid")).toEqual([nov.id])
      expect(await ids("status=paid,finalized")).toEqual([nov.id, dec.id].sort())
      expect(await ids("status=draft")).toEqual([])
      expect(await ids("period_from=2026-12-01")).toEqual([dec.id])
      expect(await ids("period_to=2026-11-30")).toEqual([nov.id])
      expect(await ids("period_from=2026-11-01&period_to=2026-11-01")).toEqual([nov.id])
      for (const [qs, field] of [["period_from=2026-11-31", "period_from"], ["period_from=2026-12-01&period_to=2026-11-01", "period_to"]]) {
        const r = await failure(api.get(`/admin/call-billing/invoices?${qs}`, admin))
        expect([qs, r.status, r.body.message]).toEqual([qs, 400, naming(field)])
      }
      const reason = await failure(api.post(`/admin/call-billing/invoices/${dec.id}/credit-notes`, { reason: "no" }, admin))
      expect([reason.status, reason.body.message]).toEqual([400, "Invalid request: reason: say why (at least 3 characters)"])
    })

    it("statement dates are the account's local days with `to` inclusive, and impossible or reversed dates are a 400 naming the field", async () => {
      const a = await customerHeaders("ops@acme.test")
      await getContainer().resolve("link").create({
        callBillingBilling: { billing_account_id: acme.id },
        [Modules.CUSTOMER]: { customer_id: a.customer.id },
      })
      // acme is Europe/London, on BST from 29 March 2026: 22:30Z is 23:30 on the 31st, 23:30Z is 00:30 on 1 April
      const lastOfMarch = (await api.post(`/admin/call-billing/billing-accounts/${acme.id}/payments`, { amount: "1.00", method: "card", reference: "MAR", received_at: "2026-03-31T22:30:00Z" }, admin)).data
      const firstOfApril = (await api.post(`/admin/call-billing/billing-accounts/${acme.id}/payments`, { amount: "2.00", method: "card", reference: "APR", received_at: "2026-03-31T23:30:00Z" }, admin)).data
      for (const get of [
        (qs: string) => api.get(`/admin/call-billing/billing-accounts/${acme.id}/statement?${qs}`, admin),
        (qs: string) => api.get(`/store/call-billing/statement?${qs}`, { headers: a.headers }),
      ]) {
        const march = (await get("from=2026-03-01&to=2026-03-31")).data
        expect(march.entries.map((e: any) => e.document_id)).toEqual([lastOfMarch.payment_id])
        const april = (await get("from=2026-04-01&to=2026-04-01")).data
        expect(april.entries.map((e: any) => e.document_id)).toEqual([firstOfApril.payment_id])
        expect(april.opening_balance).toBe("-1.00")
        for (const [qs, field] of [["from=2026-02-30", "from"], ["to=2026-13-45", "to"], ["from=2026-04-02&to=2026-04-01", "to"]]) {
          const r = await failure(get(qs))
          expect([qs, r.status, r.body.message]).toEqual([qs, 400, naming(field)])
        }
      }
    })

    it("credit notes reduce what is due, never exceed what remains, and are numbered; void only without payments", async () => {
      const { nov, dec } = await twoInvoices()
      const cn = (await api.post(`/admin/call-billing/invoices/${nov.id}/credit-notes`, { amount: "0.10", reason: "outage on 3 Nov" }, admin)).data
      expect(cn.credit_note.number).toBe("CCN-2026-000001")
      expect(cn.invoice).toMatchObject({ amount_credited: "0.10", amount_due: "0.40", status: "finalized" })
      const over = await failure(api.post(`/admin/call-billing/invoices/${nov.id}/credit-notes`, { amount: "0.41", reason: "too much" }, admin))
      expect([over.status, over.body.message]).toEqual([400, expect.stringMatching(/0.41 is more than the 0.4/)])
      const full = (await api.post(`/admin/call-billing/invoices/${nov.id}/credit-notes`, { reason: "goodwill" }, admin)).data
      expect(full.invoice).toMatchObject({ amount_due: "0.00", status: "paid" })
      const noVoid = await failure(api.post(`/admin/call-billing/invoices/${nov.id}/void`, {}, admin))
      expect(noVoid.status).toBe(400)
      const voided = (await api.post(`/admin/call-billing/invoices/${dec.id}/void`, {}, admin)).data
      expect(voided.invoice.status).toBe("void")
      const pdf = await api.get(`/admin/call-billing/credit-notes/${full.credit_note.id}/pdf`, { ...admin, responseType: "arraybuffer" })
      expect(pdf.headers["content-type"]).toMatch(/application\/pdf/)
    })

    /** A new version of the retail card from 1 Nov with London at `rate` per minute. */
    const repriceLondon = async (rate: string) => {
      const csv = fs.readFileSync(example("rates.csv"), "utf8").replace("4420,United Kingdom - London,UK-FIXED,0.0100", `4420,United Kingdom - London,UK-FIXED,${rate}`)
      const { version } = (await api.post(`/admin/call-billing/rate-cards/${card.id}/versions`, { csv, filename: "reprice.csv" }, admin)).data
      await api.post(`/admin/call-billing/rate-cards/${card.id}/versions/${version.id}/publish`, { effective_from: "2026-11-01T00:00:00Z" }, admin)
    }
    const rerate = () =>
      api.post("/admin/call-billing/rerate", { account_id: acme.id, from: "2026-11-01T00:00:00Z", to: "2026-12-01T00:00:00Z", adjust_invoiced: true }, admin)

    it("re-rating calls of a finalized invoice issues a credit note for a fall, once; the invoice itself never changes", async () => {
      const { nov } = await twoInvoices()
      await repriceLondon("0.0080") // 50 min: 0.50 → 0.40
      const first = (await rerate()).data
      expect(first.adjustments).toEqual([{ invoice_id: nov.id, delta: expect.stringMatching(/^-0\.10*$/), calls: 1 }])
      expect(first.documents).toEqual([expect.objectContaining({ invoice_id: nov.id, kind: "credit_note", amount: "0.1", account_credit: "0" })])
      const again = (await rerate()).data
      expect([again.adjustments, again.documents]).toEqual([[], []])
      const inv = (await api.get(`/admin/call-billing/invoices/${nov.id}`, admin)).data.invoice
      expect(inv).toMatchObject({ total: "0.50", amount_credited: "0.10", amount_due: "0.40" })
      expect(inv.credit_notes).toEqual([expect.objectContaining({ number: "CCN-2026-000001", total: "0.10" })])
    })

    it("a re-rate that raises invoiced calls gives a draft debit note correcting the invoice", async () => {
      const { nov } = await twoInvoices()
      await repriceLondon("0.0130") // 50 min: 0.50 → 0.65
      const res = (await rerate()).data
      expect(res.documents).toEqual([expect.objectContaining({ invoice_id: nov.id, kind: "debit_note", amount: "0.15" })])
      const notes = (await api.get(`/admin/call-billing/invoices?account_id=${acme.id}&kind=debit_note`, admin)).data.invoices
      expect(notes).toEqual([expect.objectContaining({ status: "draft", total: "0.15", period_start: "2026-11-01" })])
      expect((await api.get(`/admin/call-billing/invoices/${nov.id}`, admin)).data.invoice.total).toBe("0.50")
    })

    it("serves the invoice PDF with its itemised calls, and the calls as CSV and XLSX", async () => {
      const { nov } = await twoInvoices()
      const pdf = await api.get(`/admin/call-billing/invoices/${nov.id}/pdf?calls=true`, { ...admin, responseType: "arraybuffer" })
      const bytes = Buffer.from(pdf.data)
      expect(bytes.subarray(0, 5).toString()).toBe("%PDF-")
      expect(bytes.subarray(-6).toString()).toMatch(/%%EOF/)
      const csv = (await api.get(`/admin/call-billing/invoices/${nov.id}/calls?format=csv`, admin)).data as string
      const rows = csv.trim().split(/\r?\n/)
      expect(rows).toHaveLength(2)
      expect(rows[1]).toContain("442079460018")
      expect(rows[1]).toContain("0.5")
      const xlsx = await api.get(`/admin/call-billing/invoices/${nov.id}/calls?format=xlsx`, { ...admin, responseType: "arraybuffer" })
      expect(Buffer.from(xlsx.data).subarray(0, 2).toString()).toBe("PK")
    })

    it("the store API shows a tenant only its own account: every route with another tenant's ids is 404", async () => {
      const a = await customerHeaders("ops@acme.test")
      const b = await customerHeaders("ops@other.test")
      await api.post(`/admin/call-billing/billing-accounts`, { code: "other", name: "Other", currency_code: "USD", timezone: "Europe/London", country_code: "44", customer_id: b.customer.id }, admin)
      await getContainer().resolve("link").create({
        callBillingBilling: { billing_account_id: acme.id },
        [Modules.CUSTOMER]: { customer_id: a.customer.id },
      })
      const { nov } = await twoInvoices()
      const cn = (await api.post(`/admin/call-billing/invoices/${nov.id}/credit-notes`, { amount: "0.10", reason: "outage" }, admin)).data
      const pay = (await api.post(`/admin/call-billing/billing-accounts/${acme.id}/payments`, { amount: "0.10", method: "card" }, admin)).data

      const mine = (await api.get("/store/call-billing/invoices", { headers: a.headers })).data
      expect(mine.invoices.map((i: any) => i.number).sort()).toEqual(["CC-2026-000001", "CC-2026-000002"])
      expect((await api.get(`/store/call-billing/invoices/${nov.id}/pdf`, { headers: a.headers, responseType: "arraybuffer" })).status).toBe(200)
      expect((await api.get("/store/call-billing/account", { headers: a.headers })).data.account).toMatchObject({ code: "acme", amount_due: "0.50" })
      const usage = (await api.get("/store/call-billing/usage?from=2026-11-01&to=2026-12-01", { headers: a.headers })).data
      expect(usage.groups).toEqual([expect.objectContaining({ direction: "outbound", destination_group: "UK-FIXED", calls: 1, rated_seconds: "3000" })])
      expect((await api.get("/store/call-billing/usage?from=2026-11-01&to=2026-12-01", { headers: b.headers })).data.groups).toEqual([])

      // the list names the account as the detail does, and filters by issued status (never drafts)
      expect(mine.invoices.map((i: any) => i.account_code)).toEqual(["acme", "acme"])
      expect((await api.get(`/store/call-billing/invoices/${nov.id}`, { headers: a.headers })).data.invoice.account_code).toBe("acme")
      expect((await api.get("/store/call-billing/invoices?status=finalized", { headers: a.headers })).data.invoices.map((i: any) => i.number)).toEqual(["CC-2026-000002"])
      expect((await api.get("/store/call-billing/invoices?status=partially_paid,paid", { headers: a.headers })).data.invoices.map((i: any) => i.number)).toEqual(["CC-2026-000001"])
      const draft = await failure(api.get("/store/call-billing/invoices?status=draft", { headers: a.headers }))
      expect([draft.status, draft.body.message]).toEqual([400, naming("status[0]")])
      // usage dates: real calendar days, from before to, or a 400 naming the field (never a 500)
      for (const [qs, field] of [
        ["from=2026-02-30&to=2026-03-01", "from"],
        ["from=2026-13-45", "from"],
        ["from=2026-03-01&to=2026-02-31", "to"],
        ["from=2026-03-02&to=2026-03-01", "to"],
        ["from=2026-03-01&to=2026-03-01", "to"],
        ["from=2999-01-01", "from"],
        ["to=2000-01-01", "to"],
      ]) {
        const r = await failure(api.get(`/store/call-billing/usage?${qs}`, { headers: a.headers }))
        expect([qs, r.status, r.body.message]).toEqual([qs, 400, naming(field)])
      }
      expect((await api.get("/store/call-billing/invoices", { headers: b.headers })).data.invoices).toEqual([])
      for (const path of [
        `/store/call-billing/invoices/${nov.id}`,
        `/store/call-billing/invoices/${nov.id}/pdf`,
        `/store/call-billing/invoices/${nov.id}/calls`,
        `/store/call-billing/credit-notes/${cn.credit_note.id}/pdf`,
        `/store/call-billing/payments/${pay.payment_id}/receipt`,
      ]) {
        const r = await failure(api.get(path, { headers: b.headers }))
        expect([path, r.status]).toEqual([path, 404])
      }
      expect((await api.get("/store/call-billing/statement", { headers: b.headers })).data.entries).toEqual([])
      const anon = await failure(api.get("/store/call-billing/invoices", { headers: { "x-publishable-api-key": (a.headers as any)["x-publishable-api-key"] } }))
      expect(anon.status).toBe(401)
    })
  },
})
