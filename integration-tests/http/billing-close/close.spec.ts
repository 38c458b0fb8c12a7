import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { BILLING_MODULE } from "../../../src/modules/billing"
import { closePeriodsWorkflow, createSubscriptionWorkflow, changeSubscriptionWorkflow, finalizeInvoiceWorkflow, regenerateInvoiceWorkflow } from "../../../src/workflows/billing"
import { adminHeaders } from "../helpers"
import { seedRatingWorld } from "../usage/fixtures"

jest.setTimeout(240 * 1000)

// examples/rates.csv: 4420 London 0.0100/min 60/60 (band-less), UK-FIXED group
const call = (call_id: string, answer_time: string, billsec: number) => ({
  call_id,
  account: "acme",
  direction: "outbound",
  callee: "+44 20 7946 0018",
  answer_time,
  start_time: answer_time,
  end_time: new Date(new Date(answer_time).getTime() + billsec * 1000).toISOString(),
  billsec,
  disposition: "ANSWERED",
})

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConnection }) => {
    let account: any
    let key: Record<string, string>
    let billing: any

    beforeEach(async () => {
      const { headers } = await adminHeaders(getContainer())
      ;({ account } = await seedRatingWorld(api, headers))
      billing = getContainer().resolve(BILLING_MODULE)
      const created = await getContainer().resolve(Modules.API_KEY).createApiKeys({ title: "sw", type: "secret", created_by: "test" })
      key = { authorization: `Basic ${Buffer.from(`${created.token}:`).toString("base64")}` }
      await billing.createIssuingEntities({
        code: "main",
        legal_name: "Call Centre Ltd",
        currency_code: "USD",
        invoice_prefix: "CC",
        credit_note_prefix: "CCN",
      })
      await billing.createTaxProfiles({ code: "vat20", name: "VAT 20 %", components: [{ code: "vat", name: "VAT", rate: "0.2" }] })
      const [tp] = await billing.listTaxProfiles({ code: "vat20" })
      await billing.updateBillingAccounts({ id: account.id, tax_profile_id: tp.id, anchor_day: 1, net_days: 14 })
    })

    const push = (calls: unknown[]) => api.post("/call-billing/usage", { source: "sw", calls }, { headers: key })
    const plan = async (components: any[]) =>
      (await billing.createPlans({ code: `p-${Math.random().toString(36).slice(2, 8)}`, name: "Contact centre", currency_code: "USD", interval: "month", components })).id
    const close = (as_of = "2026-12-01T02:00:00Z") =>
      closePeriodsWorkflow(getContainer()).run({ input: { account_ids: [account.id], as_of } })
    const invoices = async () =>
      (await dbConnection.raw(`SELECT id, status, number, period_start, total::text AS total, subtotal::text AS subtotal, tax_total::text AS tax_total FROM call_billing_invoice WHERE account_id = ? AND kind = 'invoice' ORDER BY period_start`, [account.id])).rows
    const lines = async (invoiceId: string) =>
      (await dbConnection.raw(`SELECT kind, description, trim_scale(quantity)::text AS quantity, trim_scale(amount)::text AS amount, details FROM call_billing_invoice_line WHERE invoice_id = ? ORDER BY position`, [invoiceId])).rows

    it("converts calls rated by a card in another currency at the FX rate in force at each call, and shows it on the invoice", async () => {
      const { headers } = await adminHeaders(getContainer())
      const post = async (path: string, body: unknown) => (await api.post(path, body, { headers })).data
      const gbp = (await post("/admin/call-billing/rate-cards", { code: "gbp-uk", name: "UK in GBP", currency_code: "GBP", direction: "outbound" })).rate_card
      const version = (await post(`/admin/call-billing/rate-cards/${gbp.id}/versions`, { csv: "prefix,rate\n4420,0.0100\n" })).version
      await post(`/admin/call-billing/rate-cards/${gbp.id}/versions/${version.id}/publish`, { effective_from: "2026-01-01T00:00:00Z" })
      await post(`/admin/call-billing/billing-accounts/${account.id}/card-assignments`, { scope: "override", direction: "outbound", rate_card_id: gbp.id })
      // no GBP→USD rate yet: the call is kept in the exception queue, not charged in the wrong currency
      const refused = (await push([call("fx0", "2026-11-02T10:00:00Z", 120)])).data
      expect(refused).toMatchObject({ inserted: 0, exceptions: 1, rejected: [expect.objectContaining({ reason: "no_rate" })] })
      expect(refused.rejected[0].details).toMatch(/no FX rate GBP→USD is in force at 2026-11-02T10:00:00.000Z/)

      await post("/admin/call-billing/fx-rates", { base: "GBP", quote: "USD", rate: "1.25", effective_from: "2026-11-01" })
      await post("/admin/call-billing/fx-rates", { base: "GBP", quote: "USD", rate: "1.3333", effective_from: "2026-11-15" })
      // 2 min at 0.0100 GBP = 0.0200 GBP → 0.0250 USD (Nov 3, at 1.25) and 0.0267 USD (Nov 20, at 1.3333)
      expect((await push([call("fx1", "2026-11-03T10:00:00Z", 120), call("fx2", "2026-11-20T10:00:00Z", 120)])).data).toMatchObject({ inserted: 2 })
      const stored = await dbConnection.raw(
        `SELECT call_id, trim_scale(charge)::text AS charge, currency, trim_scale(original_charge)::text AS original, original_currency, trim_scale(fx_rate)::text AS fx
         FROM call_billing_call WHERE account_id = ? ORDER BY call_id`,
        [account.id]
      )
      expect(stored.rows).toEqual([
        { call_id: "fx1", charge: "0.025", currency: "USD", original: "0.02", original_currency: "GBP", fx: "1.25" },
        { call_id: "fx2", charge: "0.0267", currency: "USD", original: "0.02", original_currency: "GBP", fx: "1.3333" },
      ])

      await close()
      const [inv] = await invoices()
      const usage = (await lines(inv.id)).filter((l: any) => l.kind === "usage")
      expect(usage.map((l: any) => l.amount)).toEqual(["0.05"]) // 0.0517 rounded on the line
      const fx = (await dbConnection.raw(`SELECT fx FROM call_billing_invoice WHERE id = ?`, [inv.id])).rows[0].fx
      expect(fx).toEqual([
        { base: "GBP", quote: "USD", rate: "1.25", calls: 1, original_amount: "0.02", amount: "0.025" },
        { base: "GBP", quote: "USD", rate: "1.3333", calls: 1, original_amount: "0.02", amount: "0.0267" },
      ])
      const detail = (await api.get(`/admin/call-billing/invoices/${inv.id}`, { headers })).data.invoice
      expect(detail.fx).toEqual(fx)
    })

    it("closes a month into one invoice: prorated seats, advance fees, a bundle and usage, VAT; sum of lines = total", async () => {
      const planId = await plan([
        { code: "base", name: "Platform", type: "recurring", price: "100" },
        { code: "seats", name: "Agent seat", type: "seat", price: "30", default_quantity: 10, position: 1 },
        { code: "uk", name: "UK minutes", type: "bundle", included_quantity: "2", position: 2 },
      ])
      const { result: sub } = await createSubscriptionWorkflow(getContainer()).run({
        input: { account_id: account.id, plan_id: planId, start_date: "2026-11-01" },
      })
      // 5 more seats from day 11 of 30 → 5 × 30 × 20/30 = 100
      await changeSubscriptionWorkflow(getContainer()).run({ input: { subscription_id: sub.id, effective_date: "2026-11-11", quantities: { seats: 15 } } })
      // three 2-minute calls: the first is covered by the 2-minute bundle, the others bill 0.02 each
      await push([call("c1", "2026-11-03T10:00:00Z", 120), call("c2", "2026-11-04T10:00:00Z", 120), call("c3", "2026-11-05T10:00:00Z", 120)])

      const { result } = await close()
      expect(result.skipped).toEqual([])
      expect(result.closed).toHaveLength(1)
      const [inv] = await invoices()
      expect(inv).toMatchObject({ status: "draft", number: null, period_start: "2026-11-01" })
      const ls = await lines(inv.id)
      const sum = ls.reduce((s: number, l: any) => s + Math.round(Number(l.amount) * 100), 0)
      expect(sum).toBe(Math.round(Number(inv.subtotal) * 100))
      expect(Math.round(Number(inv.subtotal) * 100) + Math.round(Number(inv.tax_total) * 100)).toBe(Math.round(Number(inv.total) * 100))
      const amounts = ls.map((l: any) => [l.kind, l.amount])
      // November (started on the 1st, not billed in advance): base 100 + 10 seats 300; seat change +100;
      // December in advance: base 100 + 15 seats 450; usage 0.04 after the bundle
      expect(amounts).toEqual(
        expect.arrayContaining([
          ["recurring", "100"],
          ["seat", "300"],
          ["seat", "100"],
          ["seat", "450"],
          ["usage", "0.04"],
        ])
      )
      // 100 + 300 + 100 + 100 + 450 + 0.04 = 1050.04; VAT 20 % = 210.01 (half-up of 210.008)
      expect([inv.subtotal, inv.tax_total, inv.total]).toEqual(["1050.04", "210.01", "1260.05"])
      const calls = await dbConnection.raw(`SELECT DISTINCT invoice_id FROM call_billing_call WHERE account_id = ?`, [account.id])
      expect(calls.rows).toEqual([{ invoice_id: inv.id }])
    })

    it("closing twice, or on two workers at once, gives exactly one invoice per account and period", async () => {
      await push([call("c1", "2026-11-03T10:00:00Z", 60)])
      await Promise.all([close(), close(), close()])
      await close()
      const rows = await invoices()
      expect(rows).toHaveLength(1)
      const periods = await dbConnection.raw(`SELECT count(*)::int AS n FROM call_billing_billing_period WHERE account_id = ?`, [account.id])
      expect(periods.rows[0].n).toBe(1)
    })

    it("below the invoicing floor nothing is issued and the amount is carried into the next period as its own line", async () => {
      await billing.updateBillingAccounts({ id: account.id, invoicing_floor: "1.00" })
      await push([call("c1", "2026-11-03T10:00:00Z", 60), call("c2", "2026-12-03T10:00:00Z", 60000)])
      const nov = await close("2026-12-01T02:00:00Z")
      expect(nov.result.closed[0]).toMatchObject({ outcome: "carry_forward", invoice_id: null })
      expect(await invoices()).toHaveLength(0)
      const dec = await close("2027-01-01T02:00:00Z")
      expect(dec.result.closed[0]).toMatchObject({ outcome: "invoice" })
      const [inv] = await invoices()
      const ls = await lines(inv.id)
      expect(ls.find((l: any) => l.kind === "carried_forward")).toMatchObject({ amount: "0.01" })
    })

    it("finalizing numbers invoices per entity without gaps; a finalized invoice cannot be regenerated; a draft can", async () => {
      await push([call("c1", "2026-11-03T10:00:00Z", 60)])
      await close()
      const [draft] = await invoices()
      // a late CDR for November, then regenerate: the draft is rebuilt with it
      await push([call("c-late", "2026-11-20T10:00:00Z", 60)])
      await regenerateInvoiceWorkflow(getContainer()).run({ input: { id: draft.id } })
      const [again] = await invoices()
      expect(again.id).not.toBe(draft.id)
      expect(again.subtotal).toBe("0.02")
      const { result } = await finalizeInvoiceWorkflow(getContainer()).run({ input: { id: again.id } })
      expect(result).toMatchObject({ status: "finalized", number: "CC-2026-000001" })
      const errorOf = async (p: Promise<{ errors: any[] }>) => (await p).errors.map((e) => e.error?.message).join("; ")
      expect(await errorOf(regenerateInvoiceWorkflow(getContainer()).run({ input: { id: again.id }, throwOnError: false }))).toMatch(/CC-2026-000001 is finalized/)
      expect(await errorOf(finalizeInvoiceWorkflow(getContainer()).run({ input: { id: again.id }, throwOnError: false }))).toMatch(/only a draft/)
      expect((await invoices()).map((i: any) => i.number)).toEqual(["CC-2026-000001"])
    })

    it("usage arriving after its period closed goes on a debit note, never into the finalized invoice", async () => {
      await push([call("c1", "2026-11-03T10:00:00Z", 60)])
      await close()
      const [nov] = await invoices()
      await finalizeInvoiceWorkflow(getContainer()).run({ input: { id: nov.id } })
      await push([call("c-late", "2026-11-29T10:00:00Z", 180), call("c-dec", "2026-12-02T10:00:00Z", 60)])
      await close("2027-01-01T02:00:00Z")
      const notes = await dbConnection.raw(`SELECT kind, subtotal::text AS subtotal, status FROM call_billing_invoice WHERE account_id = ? AND kind = 'debit_note'`, [account.id])
      expect(notes.rows).toEqual([{ kind: "debit_note", subtotal: "0.03", status: "draft" }])
      const rows = await invoices()
      expect(rows.map((r: any) => r.subtotal)).toEqual(["0.01", "0.01"])
    })
  },
})
