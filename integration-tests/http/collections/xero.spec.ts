import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { eventually } from "../helpers"
import { pushDueSyncRecordsWorkflow, syncRecordsWorkflow } from "../../../src/workflows/collections"
import type { XeroStandIn } from "../../stand-ins/xero"
import { draftInvoiceWorld, useXeroStandIn, xeroSpecHelpers } from "./fixtures"

jest.setTimeout(300 * 1000)

const TENANT = "tenant-call-centre"
// started before the app boots (it reads its Xero options then)
const standIn = useXeroStandIn(TENANT)
let xero: XeroStandIn
beforeAll(() => {
  xero = standIn.xero
})

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConnection }) => {
    const { finalize, syncRow, xeroInvoices, report, ...session } = xeroSpecHelpers(api, getContainer, standIn)
    let headers: Record<string, string>
    beforeEach(() => {
      headers = session.headers()
    })

    it("pushes a finalized invoice (ACCREC, our number, lines, tax type) and its payment to Xero, and reconciles them", async () => {
      const { account, invoice } = await draftInvoiceWorld(api, getContainer(), headers)
      const fin = await finalize(invoice.id)
      const row = await eventually(async () => ((await syncRow(invoice.id))?.status === "synced" ? syncRow(invoice.id) : null), "the Xero sync")
      expect(xeroInvoices()).toHaveLength(1)
      const [x] = xeroInvoices()
      expect(row.external_id).toBe(x.InvoiceID)
      expect(x).toMatchObject({ Type: "ACCREC", InvoiceNumber: fin.number, Reference: invoice.id, Status: "AUTHORISED", CurrencyCode: "USD" })
      expect(String(x.Total)).toMatch(/^120(\.00?)?$/)
      expect(x.LineItems.map((l: any) => l.TaxType)).toEqual(["OUTPUT2"])
      expect([...xero.state.contacts.values()]).toEqual([expect.objectContaining({ ContactNumber: account.code, Name: account.name })])

      // paid here by bank transfer: the payment follows to Xero
      await api.post(`/admin/call-billing/billing-accounts/${account.id}/payments`, { amount: "120.00", method: "bank_transfer", reference: "BANK-9" }, { headers })
      await eventually(async () => xero.state.payments.size === 1, "the Xero payment")
      expect(String(xeroInvoices()[0].AmountPaid)).toMatch(/^120/)
      const clean = await report()
      expect(clean.summary).toEqual({ invoices: 1, mismatches: 0 })
      expect(clean.rows[0]).toMatchObject({ number: fin.number, total: "120.00", paid: "120.00", xero: { total: "120.00", paid: "120.00" }, mismatch: false })

      // the same records pushed again (a retried job, a redelivered event): nothing twice
      await syncRecordsWorkflow(getContainer()).run({ input: { record_type: "invoice", records: [{ id: invoice.id, account_id: account.id }] } })
      await pushDueSyncRecordsWorkflow(getContainer()).run({ input: { limit: 100 } })
      expect(xeroInvoices()).toHaveLength(1)
      expect(xero.state.payments.size).toBe(1)
      expect(xero.state.contacts.size).toBe(1)

      // someone changes the invoice in Xero: the report puts it first, with the reason
      xero.setInvoice(fin.number, { AmountPaid: 100 })
      const drift = await report()
      expect(drift.summary.mismatches).toBe(1)
      expect(drift.rows[0].reasons).toEqual(["paid: 120.00 here, 100.00 in Xero"])
    })

    it("leaves records failed during a Xero outage and syncs them on a later retry, once", async () => {
      const { account, invoice } = await draftInvoiceWorld(api, getContainer(), headers)
      xero.down(true)
      await finalize(invoice.id)
      const failed = await eventually(async () => ((await syncRow(invoice.id))?.status === "failed" ? syncRow(invoice.id) : null), "a failed sync")
      expect(failed.last_error).toMatch(/unavailable|503/)
      expect(failed.attempts).toBe(1)
      const during = await report()
      expect(during.xero_error).toBeTruthy()

      xero.down(false)
      const retried = (await api.post("/admin/call-billing/collections/sync-records/retry", { provider: "xero" }, { headers })).data
      expect(retried.failed).toEqual([])
      expect((await syncRow(invoice.id)).status).toBe("synced")
      expect(xeroInvoices()).toHaveLength(1)
      expect(xero.state.contacts.size).toBe(1)
      expect(account.id).toBeTruthy()
    })

    it("finds a finalized invoice whose event was lost and syncs it on the job's next round", async () => {
      const { invoice, billing } = await draftInvoiceWorld(api, getContainer(), headers)
      // finalized without the workflow (so without its event): as if the process died before the subscriber ran
      await billing.finalizeInvoices([invoice.id])
      await new Promise((r) => setTimeout(r, 500))
      expect(xeroInvoices()).toHaveLength(0)
      await pushDueSyncRecordsWorkflow(getContainer()).run({ input: { limit: 100 } })
      expect((await syncRow(invoice.id)).status).toBe("synced")
      expect(xeroInvoices()).toHaveLength(1)
      await pushDueSyncRecordsWorkflow(getContainer()).run({ input: { limit: 100 } })
      expect(xeroInvoices()).toHaveLength(1)
    })

    it("sends a credit note allocated to its invoice", async () => {
      const { invoice } = await draftInvoiceWorld(api, getContainer(), headers)
      const fin = await finalize(invoice.id)
      await eventually(async () => (await syncRow(invoice.id))?.status === "synced", "the invoice in Xero")
      const { credit_note } = (await api.post(`/admin/call-billing/invoices/${invoice.id}/credit-notes`, { amount: "24.00", reason: "outage on 3 Nov" }, { headers })).data
      const row = await eventually(async () => ((await syncRow(credit_note.id))?.status === "synced" ? syncRow(credit_note.id) : null), "the credit note in Xero")
      const cn = xero.state.credit_notes.get(row.external_id)
      expect(cn).toMatchObject({ Type: "ACCRECCREDIT", CreditNoteNumber: credit_note.number })
      expect(String(cn.Total)).toMatch(/^24/)
      expect(String(xeroInvoices()[0].AmountCredited)).toMatch(/^24/)
      expect((await report()).rows[0]).toMatchObject({ number: fin.number, credited: "24.00", mismatch: false })
    })

    it("never exceeds Xero's limits (60 calls a minute, 5 at once) while pushing many invoices", async () => {
      xero.enforceLimits({ per_minute: 60, concurrent: 5 })
      xero.setLatency(20)
      const worlds: any[] = []
      for (let i = 0; i < 6; i++) worlds.push(await draftInvoiceWorld(api, getContainer(), headers))
      await Promise.all(worlds.map((w) => finalize(w.invoice.id)))
      await eventually(async () => {
        const rows = (await api.get(`/admin/call-billing/collections/sync-records?provider=xero&record_type=invoice`, { headers })).data.sync_records
        return rows.length === 6 && rows.every((r: any) => r.status === "synced")
      }, "six invoices in Xero", 60000)
      expect(xeroInvoices()).toHaveLength(6)
      expect(xero.maxConcurrent(TENANT)).toBeLessThanOrEqual(5)
      expect(xero.maxPerMinute(TENANT)).toBeLessThanOrEqual(60)
      expect(xero.requests.filter((r) => r.status === 429)).toEqual([])
      const n = (await dbConnection.raw(`SELECT count(*)::int AS n FROM call_billing_sync_record WHERE provider = 'xero' AND record_type = 'account'`)).rows[0].n
      expect(n).toBe(6)
    })
  },
})
