import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { BILLING_MODULE } from "../../../src/modules/billing"
import { METERING_MODULE } from "../../../src/modules/metering"
import { billedBySql, billedCallsSql, callsPage, firstUnbilledUsage, lockMarksForRerate, markBilled, usageGroups } from "../../../src/modules/metering/billing-queries"
import { rerateBaseline } from "../../../src/workflows/metering/utils/reprocess-sql"
import {
  cancelSubscriptionWorkflow,
  closePeriodsWorkflow,
  createSubscriptionWorkflow,
  changeSubscriptionWorkflow,
  finalizeInvoiceWorkflow,
  regenerateInvoiceWorkflow,
} from "../../../src/workflows/billing"
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
    /** November closed and finalized with one call; then a late November call (`late_seconds`) and a December one arrive. */
    const novemberFinalizedThenLateAndDecember = async (late_seconds: number) => {
      await push([call("c1", "2026-11-03T10:00:00Z", 60)])
      await close()
      const [nov] = await invoices()
      await finalizeInvoiceWorkflow(getContainer()).run({ input: { id: nov.id } })
      await push([call("c-late", "2026-11-29T10:00:00Z", late_seconds), call("c-dec", "2026-12-02T10:00:00Z", 60)])
      return nov
    }
    /**
     * Runs a close while a Postgres trigger copies the row `where` picks from
     * `table` with `changes`, in the transaction that writes the period: so
     * the row is stored after the close read its usage, and before it marks it.
     */
    const closeWhileStoring = async (table: string, where: string, changes: Record<string, string>, as_of?: string) => {
      await dbConnection.raw(`
        CREATE FUNCTION test_store_during_close() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
          INSERT INTO ${table} SELECT (jsonb_populate_record(NULL::${table}, to_jsonb(r) || '${JSON.stringify(changes)}'::jsonb)).*
            FROM ${table} r WHERE r.account_id = NEW.account_id AND ${where};
          RETURN NEW; END $$;
        CREATE TRIGGER test_store_during_close AFTER INSERT ON call_billing_billing_period FOR EACH ROW EXECUTE FUNCTION test_store_during_close();`)
      try {
        return await close(as_of)
      } finally {
        await dbConnection.raw(`DROP TRIGGER test_store_during_close ON call_billing_billing_period; DROP FUNCTION test_store_during_close()`)
      }
    }
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

    it("a call rated by a card in another currency that crosses a bundle's end pays its uncovered seconds at the converted rate, as does one stored in the card's currency", async () => {
      const { headers } = await adminHeaders(getContainer())
      const post = async (path: string, body: unknown) => (await api.post(path, body, { headers })).data
      // a GBP account rated by a USD card at 0.10/min, USD→GBP 0.8
      const brit = (await post("/admin/call-billing/billing-accounts", { code: "brit", name: "Brit", currency_code: "GBP", timezone: "Europe/London", country_code: "44" })).billing_account
      await billing.updateBillingAccounts({ id: brit.id, anchor_day: 1 })
      const usd = (await post("/admin/call-billing/rate-cards", { code: "usd-uk", name: "UK in USD", currency_code: "USD", direction: "outbound" })).rate_card
      const version = (await post(`/admin/call-billing/rate-cards/${usd.id}/versions`, { csv: "prefix,rate\n4420,0.1000\n" })).version
      await post(`/admin/call-billing/rate-cards/${usd.id}/versions/${version.id}/publish`, { effective_from: "2026-01-01T00:00:00Z" })
      await post(`/admin/call-billing/billing-accounts/${brit.id}/card-assignments`, { direction: "outbound", rate_card_id: usd.id })
      await post("/admin/call-billing/fx-rates", { base: "USD", quote: "GBP", rate: "0.8", effective_from: "2026-01-01" })
      const planId = (
        await billing.createPlans({ code: "gbp-bundle", name: "UK half minute", currency_code: "GBP", interval: "month", components: [{ code: "uk", name: "UK minutes", type: "bundle", included_quantity: "0.5" }] })
      ).id
      await createSubscriptionWorkflow(getContainer()).run({ input: { account_id: brit.id, plan_id: planId, start_date: "2026-11-01" } })
      const closeBrit = (as_of: string) => closePeriodsWorkflow(getContainer()).run({ input: { account_ids: [brit.id], as_of } })
      const usageOf = async (period_start: string) => {
        const inv = (await dbConnection.raw(`SELECT id FROM call_billing_invoice WHERE account_id = ? AND period_start = ?`, [brit.id, period_start])).rows[0]
        return (await lines(inv.id)).filter((l: any) => l.kind === "usage").map((l: any) => l.amount)
      }

      // November: a 60 s call, 0.10 USD → 0.08 GBP on arrival; 30 s in the bundle, 30 s at 0.08 GBP/min = 0.04 (not 0.10 USD/min: 0.05)
      await push([{ ...call("x1", "2026-11-03T10:00:00Z", 60), account: "brit" }])
      const stored = (await dbConnection.raw(`SELECT trim_scale(charge)::text AS charge, currency, trim_scale(fx_rate)::text AS fx FROM call_billing_call WHERE call_id = 'x1'`)).rows
      expect(stored).toEqual([{ charge: "0.08", currency: "GBP", fx: "0.8" }])
      expect((await closeBrit("2026-12-01T02:00:00Z")).result.skipped).toEqual([])
      expect(await usageOf("2026-11-01")).toEqual(["0.04"])

      // December: the same call stored in the card's currency (as before conversion on arrival): the close converts
      // its charge, and the rate of its uncovered seconds, at the period end's rate: 0.04 again (not 0.08 − 0.05 USD)
      await push([{ ...call("x2", "2026-12-03T10:00:00Z", 60), account: "brit" }])
      await dbConnection.raw(
        `UPDATE call_billing_call SET currency = 'USD', charge = original_charge, raw_charge = raw_original_charge,
                original_charge = NULL, raw_original_charge = NULL, original_currency = NULL, fx_rate = NULL, raw_fx_rate = NULL
          WHERE call_id = 'x2'`
      )
      expect((await closeBrit("2027-01-01T02:00:00Z")).result.skipped).toEqual([])
      expect(await usageOf("2026-12-01")).toEqual(["0.04"])
    })

    it("a volume discount replaces only the per-minute price: connect and per-call fees stay, and an unanswered call's connect fee is not per-minute", async () => {
      const { headers } = await adminHeaders(getContainer())
      const post = async (path: string, body: unknown) => (await api.post(path, body, { headers })).data
      // two rate rows in one usage group, each 0.02/min with 0.05 of fixed fees per call (a 60 s call costs 0.07);
      // charge_unanswered: an unanswered call pays the connect fee only
      const fees = (await post("/admin/call-billing/rate-cards", { code: "fees-uk", name: "UK with fees", currency_code: "USD", direction: "outbound", charge_unanswered: true })).rate_card
      const csv = "prefix,rate,connect_fee,per_call\n4420,0.0200,0.03,0.02\n447,0.0200,0.05,0\n"
      const version = (await post(`/admin/call-billing/rate-cards/${fees.id}/versions`, { csv })).version
      await post(`/admin/call-billing/rate-cards/${fees.id}/versions/${version.id}/publish`, { effective_from: "2026-01-01T00:00:00Z" })
      await post(`/admin/call-billing/billing-accounts/${account.id}/card-assignments`, { scope: "override", direction: "outbound", rate_card_id: fees.id })
      const planId = await plan([{ code: "vol", name: "Volume", type: "volume_discount", basis: "minutes", tiers: [{ up_to: null, price: "0.01" }] }])
      await createSubscriptionWorkflow(getContainer()).run({ input: { account_id: account.id, plan_id: planId, start_date: "2026-11-01" } })
      const at = (i: number) => new Date(Date.UTC(2026, 10, 2, 8) + i * 120_000).toISOString()
      const calls = Array.from({ length: 100 }, (_, i) => ({ ...call(`v${i}`, at(i), 60), ...(i % 2 ? { callee: "+44 7700 900123" } : {}) }))
      const { answer_time, ...unanswered } = { ...call("u1", "2026-11-10T10:00:00Z", 0), disposition: "NO ANSWER" }
      expect((await push([...calls, unanswered])).data).toMatchObject({ inserted: 101 })

      const { result } = await close()
      expect(result.skipped).toEqual([])
      const [inv] = await invoices()
      // 100 × 0.07 + 0.03 = 7.03; the per-minute part is 2.00 (100 min at 0.02), at the tier's 0.01 → −1.00 (not −6.03)
      expect((await lines(inv.id)).map((l: any) => [l.kind, l.amount])).toEqual([
        ["usage", "7.03"],
        ["volume_discount", "-1"],
      ])
      expect(inv.subtotal).toBe("6.03")
    })

    it("with late usage in the next period, concurrency overage is billed on the period's own peak: not an earlier period's, nor its late calls'", async () => {
      await billing.updateBillingAccounts({ id: account.id, late_usage: "next_period" })
      const planId = await plan([{ code: "channels", name: "Channels", type: "concurrency", price: "10", included_quantity: "1" }])
      await createSubscriptionWorkflow(getContainer()).run({ input: { account_id: account.id, plan_id: planId, start_date: "2026-10-01" } })
      const overlapping = (prefix: string, n: number, at: string) => Array.from({ length: n }, (_, i) => call(`${prefix}${i}`, at, 600))
      const channels = async (period_start: string) =>
        (await dbConnection.raw(
          `SELECT trim_scale(l.amount)::text AS amount, l.details->>'peak_concurrency' AS peak FROM call_billing_invoice_line l JOIN call_billing_invoice i ON i.id = l.invoice_id
            WHERE i.account_id = ? AND i.period_start = ? AND l.kind = 'concurrency'`,
          [account.id, period_start]
        )).rows

      // October: 5 calls at once → 4 channels over 1
      await push(overlapping("oct", 5, "2026-10-05T10:00:00Z"))
      await close("2026-11-01T02:00:00Z")
      expect(await channels("2026-10-01")).toEqual([{ amount: "40", peak: "5" }])

      // November: 2 at once; and 3 late October calls at once, billed in November's usage but not part of its peak
      await push([...overlapping("nov", 2, "2026-11-05T10:00:00Z"), ...overlapping("late", 3, "2026-10-20T10:00:00Z")])
      await close("2026-12-01T02:00:00Z")
      expect(await channels("2026-11-01")).toEqual([{ amount: "10", peak: "2" }])
      const [, nov] = await invoices()
      expect((await lines(nov.id)).filter((l: any) => l.kind === "usage").map((l: any) => l.details.calls)).toEqual([5])
    })

    it("an invoice written off as uncollectible leaves the statement's balance with a write-off entry, so balance = aging − credit", async () => {
      const { headers } = await adminHeaders(getContainer())
      const admin = { headers }
      await push([call("c1", "2026-11-03T10:00:00Z", 600)]) // 0.10 + 20 % VAT = 0.12
      await close()
      const [nov] = await invoices()
      await finalizeInvoiceWorkflow(getContainer()).run({ input: { id: nov.id } })
      await api.post(`/admin/call-billing/billing-accounts/${account.id}/payments`, { amount: "0.05", method: "card" }, admin)
      await api.post(`/admin/call-billing/invoices/${nov.id}/uncollectible`, {}, admin)
      const st = (await api.get(`/admin/call-billing/billing-accounts/${account.id}/statement`, admin)).data
      expect(st.entries.map((e: any) => [e.type, e.debit, e.credit, e.balance])).toEqual([
        ["invoice", "0.12", "0.00", "0.12"],
        ["payment", "0.00", "0.05", "0.07"],
        ["write_off", "0.00", "0.07", "0.00"],
      ])
      expect([st.closing_balance, st.credit_balance, ...Object.values(st.aging)]).toEqual(Array(7).fill("0.00"))
      const pdf = await api.get(`/admin/call-billing/billing-accounts/${account.id}/statement?format=pdf`, { ...admin, responseType: "arraybuffer" })
      expect(Buffer.from(pdf.data).subarray(0, 5).toString()).toBe("%PDF-")
    })

    it("a call the prepaid wallet paid for is never invoiced, and one it did not pay for always is, whichever way the account switched", async () => {
      const { headers } = await adminHeaders(getContainer())
      const admin = { headers }
      const usage = async (invoiceId: string) =>
        (await lines(invoiceId)).filter((l: any) => l.kind === "usage").map((l: any) => [l.details.calls, l.amount])
      // a postpaid call, then the account turns prepaid: a call debited from the wallet
      await push([call("post-1", "2026-11-03T10:00:00Z", 600)]) // 0.10, not debited
      await api.post(`/admin/call-billing/billing-accounts/${account.id}`, { payment_mode: "prepaid" }, admin)
      await api.post(`/admin/call-billing/billing-accounts/${account.id}/wallet`, { type: "top_up", amount: "1.00", reference: "t1" }, admin)
      await push([call("pre-1", "2026-11-04T10:00:00Z", 300)]) // 0.05, debited
      expect((await api.get(`/admin/call-billing/billing-accounts/${account.id}/wallet`, admin)).data.balance).toBe("0.95")
      await close()
      const [nov] = await invoices()
      // the postpaid call is invoiced (it was charged nowhere), the debited one is not
      expect(await usage(nov.id)).toEqual([[1, "0.1"]])
      // back to postpaid: December's debited call is not invoiced again, the later postpaid one is
      await push([call("pre-2", "2026-12-02T10:00:00Z", 120)]) // 0.02, debited
      await api.post(`/admin/call-billing/billing-accounts/${account.id}`, { payment_mode: "postpaid" }, admin)
      await push([call("post-2", "2026-12-03T10:00:00Z", 180)]) // 0.03
      await close("2027-01-01T02:00:00Z")
      const [, dec] = await invoices()
      expect(await usage(dec.id)).toEqual([[1, "0.03"]])
      expect((await api.get(`/admin/call-billing/billing-accounts/${account.id}/wallet`, admin)).data.balance).toBe("0.93")
      // every call is accounted for by a document
      const unbilled = await dbConnection.raw(`SELECT count(*)::int AS n FROM call_billing_call c WHERE account_id = ? AND ${billedBySql("c")} IS NULL`, [account.id])
      expect(unbilled.rows[0].n).toBe(0)
    })

    it("two finalizes of one draft at once number it once: the other is refused and no number is skipped", async () => {
      await push([call("c1", "2026-11-03T10:00:00Z", 60)])
      await close()
      const [nov] = await invoices()
      const runs = await Promise.allSettled(
        [0, 1].map(() => finalizeInvoiceWorkflow(getContainer()).run({ input: { id: nov.id }, throwOnError: true }))
      )
      expect(runs.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"])
      const refused = runs.find((r) => r.status === "rejected") as PromiseRejectedResult
      expect(String(refused.reason?.message ?? refused.reason)).toMatch(/only a draft can be finalized/)
      expect((await invoices())[0]).toMatchObject({ status: "finalized", number: "CC-2026-000001" })
      // the next document takes 000002: nothing was used up by the refused run
      await push([call("c-dec", "2026-12-02T10:00:00Z", 60)])
      await close("2027-01-01T02:00:00Z")
      const [, dec] = await invoices()
      await finalizeInvoiceWorkflow(getContainer()).run({ input: { id: dec.id } })
      expect((await invoices())[1].number).toBe("CC-2026-000002")
    })

    it("a subscription canceled mid-period and replaced by a new one: the old one's unused days are credited on the same invoice, once", async () => {
      const pro = await plan([
        { code: "base", name: "Platform", type: "recurring", price: "100" },
        { code: "seats", name: "Agent seat", type: "seat", price: "30", default_quantity: 10, position: 1 },
      ])
      const max = await plan([
        { code: "base", name: "Platform Max", type: "recurring", price: "200" },
        { code: "seats", name: "Agent seat", type: "seat", price: "40", default_quantity: 10, position: 1 },
      ])
      const { result: old } = await createSubscriptionWorkflow(getContainer()).run({ input: { account_id: account.id, plan_id: pro, start_date: "2026-10-01" } })
      await close("2026-11-01T02:00:00Z") // October, and November billed ahead on PRO: 100 + 10 × 30
      await cancelSubscriptionWorkflow(getContainer()).run({ input: { subscription_id: old.id, at: "2026-11-15" } })
      await createSubscriptionWorkflow(getContainer()).run({ input: { account_id: account.id, plan_id: max, start_date: "2026-11-15" } })
      await close()
      const [, nov] = await invoices()
      const subLines = async (invoiceId: string) =>
        (await dbConnection.raw(
          `SELECT c.name, l.period_start::text AS period_start, trim_scale(l.amount)::text AS amount FROM call_billing_invoice_line l
             JOIN call_billing_plan p ON p.code = l.details->>'plan_code'
             JOIN call_billing_plan_component c ON c.plan_id = p.id AND c.code = l.component_code
            WHERE l.invoice_id = ? AND l.kind IN ('recurring', 'seat')`,
          [invoiceId]
        )).rows.map((r: any) => [r.name, r.period_start, r.amount])
      // PRO's 16 unused days of 30 credited (100 and 300 × 16/30); MAX from the 15th (200 and 400 × 16/30), then December ahead
      const billed = (await subLines(nov.id)).sort()
      expect(billed).toEqual(
        [
          ["Agent seat", "2026-11-15", "-160"],
          ["Agent seat", "2026-11-15", "213.33"],
          ["Agent seat", "2026-12-01", "400"],
          ["Platform", "2026-11-15", "-53.33"],
          ["Platform Max", "2026-11-15", "106.67"],
          ["Platform Max", "2026-12-01", "200"],
        ].sort()
      )
      const subs = (await dbConnection.raw(`SELECT id, status, billed_through FROM call_billing_subscription WHERE account_id = ? ORDER BY start_date`, [account.id])).rows
      expect(subs.map((r: any) => [r.status, r.billed_through])).toEqual([["canceled", "2026-12-01"], ["active", "2027-01-01"]])
      // regenerating the draft puts both subscriptions back and bills the same lines again, the credit once
      await regenerateInvoiceWorkflow(getContainer()).run({ input: { id: nov.id } })
      const [, again] = await invoices()
      expect(again.total).toBe(nov.total)
      expect((await subLines(again.id)).sort()).toEqual(billed)
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
      const calls = await dbConnection.raw(`SELECT DISTINCT ${billedBySql("c")} AS invoice_id FROM call_billing_call c WHERE account_id = ?`, [account.id])
      expect(calls.rows).toEqual([{ invoice_id: inv.id }])
    })

    it("the bundles of a batch of accounts are consumed from one paged read, each account's calls in answer-time order", async () => {
      const { headers } = await adminHeaders(getContainer())
      const { account: beta } = await seedRatingWorld(api, headers, "beta")
      await billing.updateBillingAccounts({ id: beta.id, anchor_day: 1 })
      const planId = await plan([{ code: "uk", name: "UK minutes", type: "bundle", included_quantity: "3" }])
      for (const a of [account, beta]) {
        await createSubscriptionWorkflow(getContainer()).run({ input: { account_id: a.id, plan_id: planId, start_date: "2026-11-01" } })
      }
      // acme: 2 + 2 minutes, 3 covered → 1 billable; beta: 1 + 1 + 2 + 1 minutes, the third call crosses the bundle's end → 2 billable
      await push([call("a2", "2026-11-04T10:00:00Z", 120), call("a1", "2026-11-03T10:00:00Z", 120)])
      const betaCalls = [call("b1", "2026-11-02T10:00:00Z", 60), call("b3", "2026-11-05T10:00:00Z", 120), call("b2", "2026-11-02T10:00:00Z", 60), call("b4", "2026-11-06T10:00:00Z", 60)]
      await push(betaCalls.map((c) => ({ ...c, account: "beta" })))

      // the pager walks every call once, account by account, in bundle order (time, then call id), across page ends
      const metering = getContainer().resolve(METERING_MODULE)
      const windows = [account, beta].map((a) => ({ account_id: a.id, from: new Date("2026-11-01T00:00:00Z"), to: new Date("2026-12-01T00:00:00Z") }))
      const walked: string[] = []
      for (let after: any = null; ; ) {
        const page = await metering.callsPage(windows, after, 2)
        walked.push(...page.map((c: any) => c.call_id))
        if (page.length < 2) break
        const last = page[page.length - 1]
        after = { account_id: last.account_id, t: last.t, call_id: last.call_id }
      }
      const byAccount = { [account.id]: ["a1", "a2"], [beta.id]: ["b1", "b2", "b3", "b4"] }
      expect(walked).toEqual([account.id, beta.id].sort().flatMap((id) => byAccount[id]))

      const { result } = await closePeriodsWorkflow(getContainer()).run({ input: { account_ids: [account.id, beta.id], as_of: "2026-12-01T02:00:00Z" } })
      expect(result.closed).toHaveLength(2)
      for (const [a, billable] of [[account, "0.01"], [beta, "0.02"]] as const) {
        const inv = (await dbConnection.raw(`SELECT id FROM call_billing_invoice WHERE account_id = ?`, [a.id])).rows[0]
        expect((await lines(inv.id)).filter((l: any) => l.kind === "usage").map((l: any) => l.amount)).toEqual([billable])
      }
    })

    it("a document's statement pages and its unmarking find its calls through the index of billed calls, whatever the table's size", async () => {
      await push([call("c1", "2026-11-03T10:00:00Z", 60), call("c2", "2026-11-04T10:00:00Z", 120), call("c3", "2026-11-05T10:00:00Z", 60)])
      await close()
      const [inv] = await invoices()
      const metering = getContainer().resolve(METERING_MODULE)
      const first = await metering.billedCallsPage(inv.id, null, 2)
      const rest = await metering.billedCallsPage(inv.id, { t: first[1].t, id: first[1].id }, 2)
      expect([...first, ...rest].map((c: any) => c.call_id)).toEqual(["c1", "c2", "c3"])
      // with sequential scans and sorts priced out, each query must be able to use the index on (document, billing time, call)
      const plans = await dbConnection.transaction(async (trx: any) => {
        await trx.raw("SET LOCAL enable_seqscan = off")
        await trx.raw("SET LOCAL enable_sort = off")
        const explain = async (sql: string, params: unknown[]) => (await trx.raw(`EXPLAIN ${sql}`, params)).rows.map((r: any) => r["QUERY PLAN"]).join("\n")
        return [
          await explain(billedCallsSql(false), [inv.id, 5000]),
          await explain(billedCallsSql(true), [inv.id, first[1].t, first[1].id, 5000]),
          await explain(`DELETE FROM call_billing_billed_call WHERE billed_by IN (?)`, [inv.id]),
          await explain(`UPDATE call_billing_meter_event SET invoice_id = NULL WHERE invoice_id IN (?)`, [inv.id]),
        ]
      })
      expect(plans.map((p) => p.match(/IDX_call_billing_(billed_call_billed_by_t|meter_event_invoice_id)/)?.[0])).toEqual([
        "IDX_call_billing_billed_call_billed_by_t",
        "IDX_call_billing_billed_call_billed_by_t",
        "IDX_call_billing_billed_call_billed_by_t",
        "IDX_call_billing_meter_event_invoice_id",
      ])
    })

    it("a close's usage reads, marks and first-call lookup, and a re-rate's window, find an account's calls through the index on (account, billing time)", async () => {
      await push([call("c1", "2026-11-03T10:00:00Z", 60), call("c2", "2026-11-04T10:00:00Z", 120)])
      const w = { account_id: account.id, from: new Date("2026-11-01T00:00:00Z"), to: new Date("2026-12-01T00:00:00Z") }
      const plans = await dbConnection.transaction(async (trx: any) => {
        await trx.raw("SET LOCAL enable_seqscan = off")
        // the real queries run on the real table; each one that reads calls is then explained with its own bindings
        const queries: Array<[string, unknown[]]> = []
        const recorder = { raw: (sql: string, bindings: unknown[]) => (queries.push([sql, bindings]), trx.raw(sql, bindings)) } as any
        await usageGroups(recorder, [{ ...w, fees: true, wallet: true }])
        await callsPage(recorder, [{ ...w, wallet: true }], null)
        expect(await firstUnbilledUsage(recorder, [account.id])).toEqual([{ account_id: account.id, first: "2026-11-03T10:00:00.000Z" }])
        // counted as nothing, so the marks find a change and are taken back in the same call
        const marked = await markBilled(recorder, [{ ...w, billed_by: "binv_probe", events_from: null, expected: { calls: 0, rated_seconds: 0, amount: "0", events: 0, quantity: "0" } }])
        expect(marked).toMatchObject({ marked: 0, changed: [expect.objectContaining({ billed_by: "binv_probe" })] })
        expect((await rerateBaseline(recorder, w)).count).toBe(2)
        const reads = queries.filter(([sql]) => /call_billing_call c\b|FROM call_billing_call\b/.test(sql))
        const out: string[] = []
        for (const [sql, bindings] of reads) out.push((await trx.raw(`EXPLAIN ${sql}`, bindings)).rows.map((r: any) => r["QUERY PLAN"]).join("\n"))
        return out
      })
      expect(plans).toHaveLength(6)
      for (const p of plans) expect(p).toContain("IDX_call_billing_call_account_id_time")
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

    it("auto-finalize: the close finalizes and numbers the invoice in the same run, but never one whose close was undone", async () => {
      await billing.updateBillingAccounts({ id: account.id, auto_finalize: true })
      await push([call("c1", "2026-11-03T10:00:00Z", 60), call("c2", "2026-11-04T10:00:00Z", 120)])
      // a CDR stored while the close runs: undone, nothing finalized or numbered
      const first = await closeWhileStoring("call_billing_call", "r.call_id = 'c2'", { id: "call_during_close", call_id: "c-during", answer_time: "2026-11-20T10:00:00Z", start_time: "2026-11-20T10:00:00Z" })
      expect(first.result.closed).toEqual([])
      expect(await invoices()).toEqual([])
      const second = await close()
      expect(second.result.closed).toHaveLength(1)
      expect(await invoices()).toEqual([expect.objectContaining({ status: "finalized", number: "CC-2026-000001", subtotal: "0.05" })])
    })

    it("a call stored while the close runs is never marked billed by an invoice that did not count it: the account closes on the next run", async () => {
      await push([call("c1", "2026-11-03T10:00:00Z", 60), call("c2", "2026-11-04T10:00:00Z", 120)])
      // a CDR committed between the close's usage read and its marking of the calls
      const first = await closeWhileStoring("call_billing_call", "r.call_id = 'c2'", {
        id: "call_during_close",
        call_id: "c-during",
        answer_time: "2026-11-20T10:00:00Z",
        start_time: "2026-11-20T10:00:00Z",
      })
      expect(first.result.closed).toEqual([])
      expect(first.result.skipped).toEqual([expect.objectContaining({ account_id: account.id, reason: expect.stringMatching(/usage changed while the period was closing/) })])
      expect(await invoices()).toEqual([])
      const periods = await dbConnection.raw(`SELECT count(*)::int AS n FROM call_billing_billing_period WHERE account_id = ?`, [account.id])
      expect(periods.rows[0].n).toBe(0)
      const marked = await dbConnection.raw(`SELECT count(*)::int AS n FROM call_billing_call c WHERE account_id = ? AND ${billedBySql("c")} IS NOT NULL`, [account.id])
      expect(marked.rows[0].n).toBe(0)

      // the next run bills all three calls: 1 + 2 + 2 = 5 minutes at 0.01
      const second = await close()
      expect(second.result.closed).toHaveLength(1)
      const [inv] = await invoices()
      expect((await lines(inv.id)).filter((l: any) => l.kind === "usage").map((l: any) => [l.quantity, l.amount])).toEqual([["5", "0.05"]])
      const billed = await dbConnection.raw(`SELECT call_id, ${billedBySql("c")} AS invoice_id FROM call_billing_call c WHERE account_id = ? ORDER BY call_id`, [account.id])
      expect(billed.rows).toEqual(["c-during", "c1", "c2"].map((call_id) => ({ call_id, invoice_id: inv.id })))
    })

    it("a close marking while a re-rate moves a charge waits for the re-rate's lock, and the close counts the new charge or is undone: never billed at the old one", async () => {
      await push([call("c1", "2026-11-03T10:00:00Z", 60), call("c2", "2026-11-04T10:00:00Z", 120)])
      // a re-rate in flight: it holds its account's marks lock and has moved c2's charge, not committed yet
      const rerate = await dbConnection.transaction()
      try {
        await lockMarksForRerate(rerate, account.id)
        await rerate.raw(`UPDATE call_billing_call SET charge = 0.5, raw_charge = '{"value":"0.5","precision":20}' WHERE call_id = 'c2'`)
        const closing = close()
        // the close read the old charge and now waits to mark (without the lock it would not wait: give it 5 s); the re-rate commits
        for (let i = 0; i < 250; i++) {
          if ((await dbConnection.raw(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`)).rows[0].n) break
          await new Promise((r) => setTimeout(r, 20))
        }
        await rerate.commit()
        const first = await closing
        expect(first.result.closed).toEqual([])
        expect(first.result.skipped).toEqual([expect.objectContaining({ account_id: account.id, reason: expect.stringMatching(/usage changed while the period was closing/) })])
      } catch (e) {
        if (!rerate.isCompleted()) await rerate.rollback()
        throw e
      }
      expect(await invoices()).toEqual([])
      const billed = await dbConnection.raw(`SELECT count(*)::int AS n FROM call_billing_billed_call`)
      expect(billed.rows[0].n).toBe(0)
      // the next run bills the new charge: 0.01 + 0.5
      await close()
      const [inv] = await invoices()
      expect((await lines(inv.id)).filter((l: any) => l.kind === "usage").map((l: any) => l.amount)).toEqual(["0.51"])
    })

    it("a meter event stored while a close with a debit note runs undoes the whole close, both windows; the next run bills everything once", async () => {
      // December's close has two windows: a late November call (debit note) and December's own usage (invoice)
      const nov = await novemberFinalizedThenLateAndDecember(120)
      await api.post("/call-billing/usage", { source: "sw", events: [{ event_id: "e1", account: "acme", metric: "sms", quantity: "2", timestamp: "2026-12-03T10:00:00Z" }] }, { headers: key })
      const first = await closeWhileStoring("call_billing_meter_event", "r.event_id = 'e1'", { id: "mev_during_close", event_id: "e-during", timestamp: "2026-12-20T10:00:00Z" }, "2027-01-01T02:00:00Z")
      expect(first.result.closed).toEqual([])
      expect(first.result.skipped).toEqual([expect.objectContaining({ account_id: account.id, reason: expect.stringMatching(/usage changed while the period was closing/) })])
      const marks = async () =>
        (await dbConnection.raw(
          `SELECT call_id AS id, ${billedBySql("c")} AS invoice_id FROM call_billing_call c WHERE account_id = ? UNION ALL SELECT event_id, invoice_id FROM call_billing_meter_event WHERE account_id = ? ORDER BY 1`,
          [account.id, account.id]
        )).rows
      // the late call's debit-note window did not change, and is unmarked with the rest
      expect(await marks()).toEqual([
        { id: "c-dec", invoice_id: null },
        { id: "c-late", invoice_id: null },
        { id: "c1", invoice_id: nov.id },
        { id: "e-during", invoice_id: null },
        { id: "e1", invoice_id: null },
      ])
      const docs = await dbConnection.raw(`SELECT count(*)::int AS n FROM call_billing_invoice WHERE account_id = ? AND id <> ?`, [account.id, nov.id])
      expect(docs.rows[0].n).toBe(0)

      await close("2027-01-01T02:00:00Z")
      const byKind = (await dbConnection.raw(`SELECT id, kind FROM call_billing_invoice WHERE account_id = ? AND id <> ?`, [account.id, nov.id])).rows
      const note = byKind.find((d: any) => d.kind === "debit_note")
      const dec = byKind.find((d: any) => d.kind === "invoice")
      expect(await marks()).toEqual([
        { id: "c-dec", invoice_id: dec.id },
        { id: "c-late", invoice_id: note.id },
        { id: "c1", invoice_id: nov.id },
        { id: "e-during", invoice_id: dec.id },
        { id: "e1", invoice_id: dec.id },
      ])
    })

    it("metered events bill once: each close takes the events not billed yet, late ones included, and marks them; never an earlier period's again", async () => {
      const planId = await plan([{ code: "sms", name: "SMS", type: "metric", metric: "sms", pricing: "flat", price: "0.05" }])
      await createSubscriptionWorkflow(getContainer()).run({ input: { account_id: account.id, plan_id: planId, start_date: "2026-11-01" } })
      const event = (event_id: string, timestamp: string, quantity: string) => ({ event_id, account: "acme", metric: "sms", quantity, timestamp })
      const events = (...evs: unknown[]) => api.post("/call-billing/usage", { source: "sw", events: evs }, { headers: key })
      const smsLines = async () =>
        (await dbConnection.raw(
          `SELECT i.kind, i.period_start, trim_scale(l.quantity)::text AS quantity FROM call_billing_invoice_line l JOIN call_billing_invoice i ON i.id = l.invoice_id
            WHERE i.account_id = ? AND l.kind = 'metric' ORDER BY i.period_start, i.kind`,
          [account.id]
        )).rows
      for (const late_usage of ["next_period", "debit_note"]) {
        await dbConnection.raw(`DELETE FROM call_billing_invoice_line; DELETE FROM call_billing_invoice_tax; DELETE FROM call_billing_invoice; DELETE FROM call_billing_billing_period; DELETE FROM call_billing_meter_event; UPDATE call_billing_subscription SET billed_through = NULL, setup_billed = false`)
        await billing.updateBillingAccounts({ id: account.id, late_usage })
        await events(event(`n1-${late_usage}`, "2026-11-05T10:00:00Z", "3"))
        await close("2026-12-01T02:00:00Z")
        // a November event arrives after November closed, and December's own
        await events(event(`n2-${late_usage}`, "2026-11-28T10:00:00Z", "2"), event(`d1-${late_usage}`, "2026-12-05T10:00:00Z", "5"))
        await close("2027-01-01T02:00:00Z")
        // late events join the next invoice in either mode (a debit note carries late calls only): 2 + 5, never November's 3 again
        expect(await smsLines()).toEqual([
          { kind: "invoice", period_start: "2026-11-01", quantity: "3" },
          { kind: "invoice", period_start: "2026-12-01", quantity: "7" },
        ])
        const marks = await dbConnection.raw(`SELECT e.event_id, i.period_start FROM call_billing_meter_event e JOIN call_billing_invoice i ON i.id = e.invoice_id ORDER BY e.event_id`)
        expect(marks.rows).toEqual([
          { event_id: `d1-${late_usage}`, period_start: "2026-12-01" },
          { event_id: `n1-${late_usage}`, period_start: "2026-11-01" },
          { event_id: `n2-${late_usage}`, period_start: "2026-12-01" },
        ])
      }
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

    it("unbilled charges (a credit limit's usage) leave out every billed call, count late ones and those after the last close", async () => {
      const metering = getContainer().resolve(METERING_MODULE)
      await push([call("c0", "2026-11-30T23:30:00Z", 60)])
      expect(Number(await metering.sumUnbilledCharges(account.id))).toBe(0.01)
      // November closed with c0 and c1 (c0 on its last day: calls up to a day past the last close are looked up); then a late call and a December one
      await novemberFinalizedThenLateAndDecember(120)
      expect(Number(await metering.sumUnbilledCharges(account.id))).toBe(0.03)
      await close("2027-01-01T02:00:00Z")
      expect(Number(await metering.sumUnbilledCharges(account.id))).toBe(0)
    })

    it("usage arriving after its period closed goes on a debit note, never into the finalized invoice", async () => {
      const nov = await novemberFinalizedThenLateAndDecember(180)
      await close("2027-01-01T02:00:00Z")
      const notes = await dbConnection.raw(`SELECT kind, subtotal::text AS subtotal, status, notes FROM call_billing_invoice WHERE account_id = ? AND kind = 'debit_note'`, [account.id])
      expect(notes.rows).toEqual([{ kind: "debit_note", subtotal: "0.03", status: "draft", notes: expect.any(Array) }])
      // its period is December's, the close that issued it; it says which days its calls are from
      expect(notes.rows[0].notes[0]).toBe("Calls of 2026-11-29 that arrived after their period was closed; not on that period's invoice.")
      const rows = await invoices()
      expect(rows.map((r: any) => r.subtotal)).toEqual(["0.01", "0.01"])
    })
  },
})
