import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import Decimal from "decimal.js"
import { Modules } from "@medusajs/framework/utils"
import settleImports from "../../../src/jobs/settle-imports"
import { BILLING_MODULE } from "../../../src/modules/billing"
import { closePeriodsWorkflow, finalizeInvoiceWorkflow, releaseExpiredReservationsWorkflow } from "../../../src/workflows/billing"
import { adminHeaders, failure } from "../helpers"
import { seedRatingWorld } from "../usage/fixtures"

jest.setTimeout(240 * 1000)

// examples/rates.csv: 4420 (London) is band-less, 0.0100/min on 60/60, so a
// grant's price does not depend on the hour the test runs at.
const LONDON = "+44 20 7946 0018"
const PREMIUM = "+44 870 123 4567" // 0.45/min + 0.05 connect, 60/60

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConnection }) => {
    let admin: Record<string, any>
    let key: Record<string, string>
    let account: any

    beforeEach(async () => {
      const { headers } = await adminHeaders(getContainer())
      admin = { headers }
      ;({ account } = await seedRatingWorld(api, headers))
      const created = await getContainer()
        .resolve(Modules.API_KEY)
        .createApiKeys({ title: "switch", type: "secret", created_by: "test" })
      key = { authorization: `Basic ${Buffer.from(`${created.token}:`).toString("base64")}` }
    })

    const authorize = async (body: Record<string, unknown>) =>
      (await api.post("/call-billing/authorize", { account_id: account.id, number: LONDON, ...body }, { headers: key })).data
    const setAccount = (body: Record<string, unknown>) =>
      api.post(`/admin/call-billing/billing-accounts/${account.id}`, body, admin)
    const topUp = (amount: string, reference?: string) =>
      api.post(`/admin/call-billing/billing-accounts/${account.id}/wallet`, { type: "top_up", amount, reference }, admin)
    const wallet = async () => (await api.get(`/admin/call-billing/billing-accounts/${account.id}/wallet?limit=500`, admin)).data
    const ledgerSum = async () =>
      (
        await dbConnection.raw(
          `SELECT COALESCE(SUM(amount), 0)::text AS s, COALESCE(MIN(running), 0)::text AS low FROM (
             SELECT amount, SUM(amount) OVER (ORDER BY created_at, id) AS running FROM call_billing_wallet_entry WHERE account_id = ?
           ) x`,
          [account.id]
        )
      ).rows.map((r: any) => ({ s: new Decimal(r.s).toString(), low: new Decimal(r.low).toString() }))[0] as { s: string; low: string }

    const prepaid = async (amount: string) => {
      await setAccount({ payment_mode: "prepaid" })
      await topUp(amount, `bank-${amount}`)
    }

    it("grants the requested quota a prepaid balance covers and holds its cost", async () => {
      await prepaid("1.00")
      const d = await authorize({ requested_seconds: 300 })
      expect(d).toMatchObject({ granted: true, granted_seconds: 300, amount: "0.05", currency_code: "USD", number: "442079460018", rate: "0.0100" })
      expect(d.reservation_id).toMatch(/^bres_/)
      const w = await wallet()
      expect(w.balance).toBe("0.95")
      expect(w.open_reservations).toHaveLength(1)
      expect((await ledgerSum()).s).toBe("0.95")
    })

    it("grants only whole increments the balance pays for, fees included, and refuses the rest with insufficient_credit", async () => {
      await prepaid("0.20")
      // premium: 0.05 connect + 0.45/min → 0.20 pays nothing of 60 s (0.50)
      expect(await authorize({ number: PREMIUM })).toMatchObject({ granted: false, reason: "insufficient_credit" })
      const d = await authorize({ requested_seconds: 3600 })
      expect(d).toMatchObject({ granted: true, granted_seconds: 1200, amount: "0.2" })
      expect(await authorize({})).toMatchObject({ granted: false, reason: "insufficient_credit" })
    })

    it("100 concurrent authorizations on a balance that covers 10 calls grant exactly 10, and the ledger never goes below zero", async () => {
      await prepaid("0.10") // each 60 s call holds 0.01
      const decisions = await Promise.all(
        Array.from({ length: 100 }, (_, i) => authorize({ requested_seconds: 60, call_id: `race-${i}` }))
      )
      const granted = decisions.filter((d) => d.granted)
      expect(granted).toHaveLength(10)
      expect(decisions.filter((d) => !d.granted).every((d) => d.reason === "insufficient_credit")).toBe(true)
      const sum = await ledgerSum()
      expect(sum.s).toBe("0")
      expect(new Decimal(sum.low).gte(0)).toBe(true)
      expect((await wallet()).balance).toBe("0.00")
      const held = await dbConnection.raw(`SELECT trim_scale(SUM(amount))::text AS s, COUNT(*)::int AS n FROM call_billing_reservation WHERE account_id = ? AND status = 'open'`, [account.id])
      expect(held.rows[0]).toEqual({ s: "0.1", n: 10 })
    })

    it("extends a reservation on its terms and settles a report: the hold is released and the rated charge debited once", async () => {
      await prepaid("1.00")
      const d = await authorize({ requested_seconds: 60 })
      const ext = (await api.post(`/call-billing/authorize/${d.reservation_id}/extend`, { requested_seconds: 120 }, { headers: key })).data
      expect(ext).toMatchObject({ granted: true, granted_seconds: 180, amount: "0.03" })
      expect((await wallet()).balance).toBe("0.97")

      const settled = (await api.post(`/call-billing/authorize/${d.reservation_id}/settle`, { used_seconds: 95 }, { headers: key })).data
      // 95 s on 60/60 = 120 rated seconds = 0.0200
      expect(settled).toMatchObject({ settled: true, status: "settled", charge: "0.0200", rated_seconds: 120, balance: "0.98" })
      const again = (await api.post(`/call-billing/authorize/${d.reservation_id}/settle`, { used_seconds: 95 }, { headers: key })).data
      expect(again).toMatchObject({ settled: false, status: "settled" })
      const w = await wallet()
      expect(w.balance).toBe("0.98")
      expect(w.open_reservations).toHaveLength(0)
      expect((await ledgerSum()).s).toBe("0.98")
      expect(w.entries.map((e: any) => e.type).sort()).toEqual(["debit", "hold", "hold", "release", "top_up"])
      // extending a settled reservation is refused
      const late = (await api.post(`/call-billing/authorize/${d.reservation_id}/extend`, {}, { headers: key })).data
      expect(late).toMatchObject({ granted: false, reason: "reservation_not_open" })
    })

    it("the call's CDR settles its reservation; a re-sent CDR debits nothing twice, and other prepaid calls are debited on import", async () => {
      await prepaid("1.00")
      const d = await authorize({ requested_seconds: 600, call_id: "cdr-1" })
      expect(d.granted).toBe(true)
      const cdr = (call_id: string) => ({
        call_id,
        account: "acme",
        direction: "outbound",
        callee: LONDON,
        answer_time: "2026-03-02T09:15:07Z",
        billsec: 61,
        disposition: "ANSWERED",
      })
      const push = (body: unknown) => api.post("/call-billing/usage", body, { headers: key })
      expect((await push({ source: "sw", calls: [cdr("cdr-1"), cdr("cdr-2")] })).data).toMatchObject({ inserted: 2 })
      await push({ source: "sw", calls: [cdr("cdr-1"), cdr("cdr-2"), cdr("cdr-3")] })
      const r = await dbConnection.raw(`SELECT status, settled_by, trim_scale(settled_amount)::text AS s FROM call_billing_reservation WHERE id = ?`, [d.reservation_id])
      expect(r.rows[0]).toEqual({ status: "settled", settled_by: "cdr", s: "0.02" })
      const debits = await dbConnection.raw(
        `SELECT call_id, trim_scale(amount)::text AS amount FROM call_billing_wallet_entry WHERE account_id = ? AND type = 'debit' ORDER BY call_id`,
        [account.id]
      )
      expect(debits.rows).toEqual([
        { call_id: "cdr-1", amount: "-0.02" },
        { call_id: "cdr-2", amount: "-0.02" },
        { call_id: "cdr-3", amount: "-0.02" },
      ])
      expect((await wallet()).balance).toBe("0.94")
      expect((await ledgerSum()).s).toBe("0.94")
    })

    it("a report then a CDR with another charge posts only the difference", async () => {
      await prepaid("1.00")
      const d = await authorize({ requested_seconds: 600, call_id: "cdr-9" })
      await api.post(`/call-billing/authorize/${d.reservation_id}/settle`, { used_seconds: 30 }, { headers: key }) // 60 s → 0.01
      await api.post(
        "/call-billing/usage",
        { source: "sw", calls: [{ call_id: "cdr-9", account: "acme", direction: "outbound", callee: LONDON, answer_time: "2026-03-02T09:15:07Z", billsec: 61 }] },
        { headers: key }
      ) // 120 s → 0.02
      const entries = await dbConnection.raw(
        `SELECT type, trim_scale(amount)::text AS amount FROM call_billing_wallet_entry WHERE account_id = ? AND call_id = 'cdr-9' ORDER BY created_at, type`,
        [account.id]
      )
      expect(entries.rows).toEqual([
        { type: "debit", amount: "-0.01" },
        { type: "adjustment", amount: "-0.01" },
      ])
      expect((await wallet()).balance).toBe("0.98")
    })

    it("debits each stored call once: the same call id from two sources is two calls, a settle run again debits nothing", async () => {
      await prepaid("1.00")
      const call = { call_id: "dup-1", account: "acme", direction: "outbound", callee: LONDON, answer_time: "2026-03-02T09:15:07Z", billsec: 61 }
      const a = (await api.post("/call-billing/usage", { source: "pbx-a", calls: [call] }, { headers: key })).data
      await api.post("/call-billing/usage", { source: "pbx-b", calls: [call] }, { headers: key })
      expect((await wallet()).balance).toBe("0.96")
      // the step's SQL run again for the first import (a retried workflow step): nothing new
      const billing: any = getContainer().resolve("callBillingBilling")
      expect(await billing.debitImportedCalls(a.job_id)).toEqual([])
      const debits = await dbConnection.raw(
        `SELECT count(*)::int AS n, count(DISTINCT call_record_id)::int AS records FROM call_billing_wallet_entry WHERE account_id = ? AND type = 'debit'`,
        [account.id]
      )
      expect(debits.rows[0]).toEqual({ n: 2, records: 2 })
      expect((await wallet()).balance).toBe("0.96")
      expect((await ledgerSum()).s).toBe("0.96")
    })

    it("prices a card in another currency in the account's at the FX rate in force, for grants and for debits", async () => {
      await prepaid("1.00")
      const post = async (path: string, body: unknown) => (await api.post(path, body, admin)).data
      const gbp = (await post("/admin/call-billing/rate-cards", { code: "gbp-uk", name: "UK in GBP", currency_code: "GBP", direction: "outbound" })).rate_card
      const version = (await post(`/admin/call-billing/rate-cards/${gbp.id}/versions`, { csv: "prefix,rate\n4420,0.0100\n" })).version
      await post(`/admin/call-billing/rate-cards/${gbp.id}/versions/${version.id}/publish`, { effective_from: "2026-01-01T00:00:00Z" })
      await post(`/admin/call-billing/billing-accounts/${account.id}/card-assignments`, { scope: "override", direction: "outbound", rate_card_id: gbp.id })
      expect(await authorize({ requested_seconds: 300 })).toMatchObject({ granted: false, reason: "no_rate", detail: expect.stringMatching(/no FX rate GBP→USD in force/) })

      await post("/admin/call-billing/fx-rates", { base: "GBP", quote: "USD", rate: "2", effective_from: "2026-01-01" })
      // 0.0100 GBP/min = 0.02 USD/min: 300 s hold 0.10 USD
      expect(await authorize({ requested_seconds: 300 })).toMatchObject({ granted: true, granted_seconds: 300, amount: "0.1", currency_code: "USD" })
      // a CDR of another call: 61 s → 2 min → 0.0200 GBP → 0.04 USD debited
      await api.post(
        "/call-billing/usage",
        { source: "sw", calls: [{ call_id: "fx-1", account: "acme", direction: "outbound", callee: LONDON, answer_time: "2026-03-02T09:15:07Z", billsec: 61 }] },
        { headers: key }
      )
      const debit = await dbConnection.raw(`SELECT trim_scale(amount)::text AS amount FROM call_billing_wallet_entry WHERE account_id = ? AND type = 'debit'`, [account.id])
      expect(debit.rows).toEqual([{ amount: "-0.04" }])
      expect((await wallet()).balance).toBe("0.86")
      expect((await ledgerSum()).s).toBe("0.86")
    })

    it("an import that stopped before its calls reached the wallet is settled by the sweep, once", async () => {
      await prepaid("1.00")
      const call = (call_id: string) => ({ call_id, account: "acme", direction: "outbound", callee: LONDON, answer_time: "2026-03-02T09:15:07Z", billsec: 61 })
      const { job_id } = (await api.post("/call-billing/usage", { source: "sw", calls: [call("s-1"), call("s-2")] }, { headers: key })).data
      expect((await wallet()).balance).toBe("0.96")
      // the state a crash between storing the calls and settling them leaves
      await dbConnection.raw(`DELETE FROM call_billing_wallet_entry WHERE account_id = ? AND type = 'debit'`, [account.id])
      await dbConnection.raw(
        `UPDATE call_billing_billing_account SET wallet_balance = 1, raw_wallet_balance = '{"value": "1", "precision": 20}' WHERE id = ?`,
        [account.id]
      )
      await dbConnection.raw(`UPDATE call_billing_import_job SET settled_at = NULL, finished_at = now() - interval '10 minutes' WHERE id = ?`, [job_id])
      expect((await wallet()).balance).toBe("1.00")

      await settleImports(getContainer())
      await settleImports(getContainer())
      expect((await wallet()).balance).toBe("0.96")
      expect((await ledgerSum()).s).toBe("0.96")
      const job = await dbConnection.raw(`SELECT settled_at IS NOT NULL AS settled FROM call_billing_import_job WHERE id = ?`, [job_id])
      expect(job.rows[0].settled).toBe(true)
    })

    it("refuses suspended accounts, bad numbers and unrated destinations with their reason, and holds nothing", async () => {
      await prepaid("1.00")
      expect(await authorize({ number: "12ab" })).toMatchObject({ granted: false, reason: "invalid_number" })
      expect(await authorize({ number: "+99912345" })).toMatchObject({ granted: false, reason: "no_rate" })
      await setAccount({ status: "suspended" })
      expect(await authorize({})).toMatchObject({ granted: false, reason: "account_suspended" })
      expect((await wallet()).balance).toBe("1.00")
    })

    it("holds postpaid calls against the credit limit, counting unbilled usage", async () => {
      await setAccount({ payment_mode: "postpaid", credit_limit: "0.05" })
      await api.post(
        "/call-billing/usage",
        { source: "sw", calls: [{ call_id: "u-1", account: "acme", direction: "outbound", callee: LONDON, answer_time: "2026-03-02T09:15:07Z", billsec: 61 }] },
        { headers: key }
      ) // 0.02 unbilled
      expect(await authorize({ requested_seconds: 600 })).toMatchObject({ granted: true, granted_seconds: 180, amount: "0.03" })
      expect(await authorize({ requested_seconds: 60 })).toMatchObject({ granted: false, reason: "insufficient_credit" })
    })

    it("an extension never brings a hold's expiry forward", async () => {
      await prepaid("1.00")
      const d = await authorize({ requested_seconds: 300 })
      const first = new Date(d.expires_at).getTime()
      expect(first - Date.now()).toBeGreaterThan(590_000) // 2 × 300 s
      const ext = (await api.post(`/call-billing/authorize/${d.reservation_id}/extend`, { requested_seconds: 60 }, { headers: key })).data
      expect(ext).toMatchObject({ granted: true, granted_seconds: 360 })
      expect(new Date(ext.expires_at).getTime()).toBeGreaterThanOrEqual(first)
      const row = await dbConnection.raw(`SELECT expires_at FROM call_billing_reservation WHERE id = ?`, [d.reservation_id])
      expect(new Date(row.rows[0].expires_at).getTime()).toBeGreaterThanOrEqual(first)
    })

    it("postpaid: a call settled by its report counts against the credit limit until its CDR (which then counts instead) arrives", async () => {
      await setAccount({ payment_mode: "postpaid", credit_limit: "0.05" })
      const d = await authorize({ requested_seconds: 300, call_id: "rep-1" })
      expect(d).toMatchObject({ granted: true, granted_seconds: 300, amount: "0.05" })
      const settled = (await api.post(`/call-billing/authorize/${d.reservation_id}/settle`, { used_seconds: 300 }, { headers: key })).data
      expect(settled).toMatchObject({ settled: true, charge: "0.0500" })
      expect(await authorize({ requested_seconds: 60 })).toMatchObject({ granted: false, reason: "insufficient_credit" })
      // the CDR arrives: the report is matched, and the call is counted once, as unbilled usage
      await api.post(
        "/call-billing/usage",
        { source: "sw", calls: [{ call_id: "rep-1", account: "acme", direction: "outbound", callee: LONDON, answer_time: new Date(Date.now() - 400_000).toISOString(), billsec: 300 }] },
        { headers: key }
      )
      const matched = await dbConnection.raw(`SELECT call_record_id FROM call_billing_reservation WHERE id = ?`, [d.reservation_id])
      expect(matched.rows[0].call_record_id).toMatch(/./)
      await setAccount({ credit_limit: "0.06" })
      expect(await authorize({ requested_seconds: 600 })).toMatchObject({ granted: true, granted_seconds: 60, amount: "0.01" })
    })

    it("postpaid: usage on a draft invoice still counts against the credit limit, as it does once finalized", async () => {
      const billing: any = getContainer().resolve(BILLING_MODULE)
      await billing.createIssuingEntities({ code: "main", legal_name: "Call Centre Ltd", currency_code: "USD", invoice_prefix: "CC", credit_note_prefix: "CCN" })
      await setAccount({ payment_mode: "postpaid", credit_limit: "0.55" })
      await api.post(
        "/call-billing/usage",
        { source: "sw", calls: Array.from({ length: 5 }, (_, i) => ({ call_id: `d-${i}`, account: "acme", direction: "outbound", callee: LONDON, answer_time: `2026-03-0${i + 2}T09:15:07Z`, billsec: 600 })) },
        { headers: key }
      ) // 5 × 0.10 unbilled
      const before = await authorize({ requested_seconds: 3600 })
      expect(before).toMatchObject({ granted: true, granted_seconds: 300, amount: "0.05" })
      await api.post(`/call-billing/authorize/${before.reservation_id}/settle`, { used_seconds: 0 }, { headers: key })
      await closePeriodsWorkflow(getContainer()).run({ input: { account_ids: [account.id], as_of: "2026-04-02T02:00:00Z" } })
      const [draft] = (await dbConnection.raw(`SELECT id, status, total::text AS total FROM call_billing_invoice WHERE account_id = ? AND kind = 'invoice'`, [account.id])).rows
      expect(draft).toMatchObject({ status: "draft", total: "0.50" })
      const onDraft = await authorize({ requested_seconds: 3600 })
      expect(onDraft).toMatchObject({ granted: true, granted_seconds: 300, amount: "0.05" })
      await api.post(`/call-billing/authorize/${onDraft.reservation_id}/settle`, { used_seconds: 0 }, { headers: key })
      await finalizeInvoiceWorkflow(getContainer()).run({ input: { id: draft.id } })
      expect(await authorize({ requested_seconds: 3600 })).toMatchObject({ granted: true, granted_seconds: 300, amount: "0.05" })
    })

    it("releases expired holds back to the wallet, once", async () => {
      await prepaid("1.00")
      const d = await authorize({ requested_seconds: 60 })
      await dbConnection.raw(`UPDATE call_billing_reservation SET expires_at = now() - interval '1 second' WHERE id = ?`, [d.reservation_id])
      const first = await releaseExpiredReservationsWorkflow(getContainer()).run({ input: {} })
      const second = await releaseExpiredReservationsWorkflow(getContainer()).run({ input: {} })
      expect([first.result.released, second.result.released]).toEqual([1, 0])
      expect((await wallet()).balance).toBe("1.00")
      const r = await dbConnection.raw(`SELECT status FROM call_billing_reservation WHERE id = ?`, [d.reservation_id])
      expect(r.rows[0].status).toBe("expired")
    })

    it("emits call_billing.wallet.low_balance once, when a grant takes the balance below the threshold", async () => {
      const seen: any[] = []
      getContainer()
        .resolve(Modules.EVENT_BUS)
        .subscribe("call_billing.wallet.low_balance", async (event: any) => {
          seen.push(event.data)
        })
      await setAccount({ payment_mode: "prepaid", low_balance_threshold: "0.95" })
      await topUp("1.00", "bank-low")
      await authorize({ requested_seconds: 300 }) // 1.00 → 0.95: not below
      await authorize({ requested_seconds: 300 }) // 0.95 → 0.90: crosses
      await authorize({ requested_seconds: 300 }) // 0.90 → 0.85: already below
      await new Promise((r) => setTimeout(r, 500))
      expect(seen).toEqual([expect.objectContaining({ account_id: account.id, balance: "0.9", threshold: "0.95", currency_code: "USD" })])
    })

    it("a top-up with a reference already on the ledger is not added twice", async () => {
      await setAccount({ payment_mode: "prepaid" })
      expect((await topUp("5", "bank-line-7")).status).toBe(201)
      const again = await topUp("5", "bank-line-7")
      expect(again.status).toBe(200)
      expect(again.data).toMatchObject({ duplicate: true, balance: "5.00" })
    })

    it("answers a malformed request with 400 naming the field, and an unknown account with 404", async () => {
      const bad = await failure(api.post("/call-billing/authorize", { account_id: account.id, requested_seconds: 1.5 }, { headers: key }))
      expect(bad.status).toBe(400)
      expect(bad.body.message).toMatch(/number/)
      expect(bad.body.message).toMatch(/requested_seconds/)
      const missing = await failure(api.post("/call-billing/authorize", { account_code: "nope", number: LONDON }, { headers: key }))
      expect(missing.status).toBe(404)
      const noKey = await failure(api.post("/call-billing/authorize", { account_id: account.id, number: LONDON }))
      expect(noKey.status).toBe(401)
    })
  },
})
