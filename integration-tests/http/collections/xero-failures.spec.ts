import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { eventually } from "../helpers"
import { voidExternalInvoicesWorkflow } from "../../../src/workflows/collections"
import type { XeroStandIn } from "../../stand-ins/xero"
import { draftInvoiceWorld, useXeroStandIn, xeroSpecHelpers } from "./fixtures"

jest.setTimeout(300 * 1000)

// A file of its own: its app has its own Xero rate limiter, so these calls do not
// eat into the minute of xero.spec.ts's limits test; and a short call timeout.
const standIn = useXeroStandIn("tenant-call-centre", { timeoutMs: 1000 })
let xero: XeroStandIn
beforeAll(() => {
  xero = standIn.xero
})

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    const { finalize, syncRow, xeroInvoices, report, ...session } = xeroSpecHelpers(api, getContainer, standIn)
    let headers: Record<string, string>
    beforeEach(() => {
      headers = session.headers()
    })

    it("gives up on a Xero call that hangs (the row fails, the queue moves on) and syncs the invoice on the retry, once", async () => {
      const { invoice } = await draftInvoiceWorld(api, getContainer(), headers)
      // Xero takes the invoice's create and never answers in time (the app gives up after 1 s)
      xero.fail({ method: "PUT", path: "/Invoices", status: 500, delay_ms: 8000 })
      await finalize(invoice.id)
      const failed = await eventually(async () => ((await syncRow(invoice.id))?.status === "failed" ? syncRow(invoice.id) : null), "the timed-out sync", 6000)
      expect(failed.last_error).toMatch(/timeout of 1000ms exceeded/)
      expect(xeroInvoices()).toHaveLength(0)

      const retried = (await api.post("/admin/call-billing/collections/sync-records/retry", { provider: "xero" }, { headers })).data
      expect(retried.failed).toEqual([])
      expect(await syncRow(invoice.id)).toMatchObject({ status: "synced", external_id: xeroInvoices()[0].InvoiceID })
      expect(xeroInvoices()).toHaveLength(1)
    })

    it("voids the Xero invoice when the invoice is voided here; a void Xero could not take fails the row and the retry voids it", async () => {
      const { invoice } = await draftInvoiceWorld(api, getContainer(), headers)
      const fin = await finalize(invoice.id)
      await eventually(async () => (await syncRow(invoice.id))?.status === "synced", "the invoice in Xero")
      // Xero is failing when the void comes: the row says so, and the report flags the difference
      xero.fail({ method: "POST", path: /\/Invoices\/[^/]+$/, status: 500, times: 1 })
      await api.post(`/admin/call-billing/invoices/${invoice.id}/void`, {}, { headers })
      const failed = await eventually(async () => ((await syncRow(invoice.id))?.status === "failed" ? syncRow(invoice.id) : null), "the failed void")
      expect(failed.last_error).toMatch(/^void in Xero failed/)
      expect(xeroInvoices()[0].Status).toBe("AUTHORISED")
      const before = await report()
      expect(before.rows[0]).toMatchObject({ number: fin.number, mismatch: true })
      expect(before.rows[0].reasons).toContain("void here, AUTHORISED in Xero")

      // the admin's retry (the job's would do the same): found by number, voided, no second invoice
      const retried = (await api.post("/admin/call-billing/collections/sync-records/retry", { provider: "xero" }, { headers })).data
      expect(retried.failed).toEqual([])
      const row = await syncRow(invoice.id)
      expect(row).toMatchObject({ status: "synced", external_id: xeroInvoices()[0].InvoiceID, data: expect.objectContaining({ status: "VOIDED" }) })
      expect(xeroInvoices()).toHaveLength(1)
      expect(xeroInvoices()[0]).toMatchObject({ Status: "VOIDED", InvoiceNumber: fin.number })
      const voids = xero.apiRequests(`/Invoices/${row.external_id}`, "POST")
      expect(voids.map((r) => r.status)).toEqual([500, 200])
      expect(voids[1].idempotencyKey).toBe(`cb-invoice-void-${invoice.id}`)
      expect((await report()).rows[0]).toMatchObject({ number: fin.number, mismatch: false })

      // the void event again (a redelivery): Xero already holds it voided, nothing is written
      await voidExternalInvoicesWorkflow(getContainer()).run({ input: { invoice_ids: [invoice.id] } })
      expect(xero.apiRequests(`/Invoices/${row.external_id}`, "POST")).toHaveLength(2)
    })

  },
})
