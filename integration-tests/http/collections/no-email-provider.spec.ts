import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { adminHeaders } from "../helpers"
import { draftInvoiceWorld } from "./fixtures"

jest.setTimeout(240 * 1000)

// A channel no Notification Module provider serves: every email fails.
beforeAll(() => {
  process.env.CALL_BILLING_NOTIFICATION_CHANNEL = "sms"
})
afterAll(() => {
  delete process.env.CALL_BILLING_NOTIFICATION_CHANNEL
})

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    it("suspends and reactivates on schedule when no email can be sent: a notification failure never undoes a dunning step", async () => {
      const { headers } = await adminHeaders(getContainer())
      const { account, invoice } = await draftInvoiceWorld(api, getContainer(), headers)
      const fin = (await api.post(`/admin/call-billing/invoices/${invoice.id}/finalize`, {}, { headers })).data.invoice
      const as_of = new Date(Date.parse(`${fin.due_date}T09:00:00Z`) + 14 * 86400000).toISOString()
      const round = (await api.post("/admin/call-billing/collections/dunning/run", { as_of }, { headers })).data
      expect(round.suspended).toEqual([account.id])
      const dunning = async () => (await api.get(`/admin/call-billing/billing-accounts/${account.id}/dunning`, { headers })).data.dunning
      expect((await dunning()).status).toBe("suspended")
      await api.post(`/admin/call-billing/billing-accounts/${account.id}/payments`, { amount: fin.total, method: "bank_transfer", reference: "BANK-X" }, { headers })
      const until = Date.now() + 15000
      while ((await dunning()).status !== "active" && Date.now() < until) await new Promise((r) => setTimeout(r, 100))
      expect((await dunning()).status).toBe("active")
      // each message was attempted once and failed: nothing claims to have been sent
      // (the reactivation's notice is sent by a subscriber after the status changes: wait until every attempt has ended)
      const notices = () => getContainer().resolve(Modules.NOTIFICATION).listNotifications({ to: `billing@${account.code}.test` })
      let sent = await notices()
      for (const end = Date.now() + 15000; (sent.length < 4 || sent.some((n: any) => n.status === "pending")) && Date.now() < end; ) {
        await new Promise((r) => setTimeout(r, 100))
        sent = await notices()
      }
      expect(sent.map((n: any) => n.status)).toEqual(sent.map(() => "failure"))
      expect(sent.map((n: any) => n.template).sort()).toEqual([
        "call-billing.invoice_issued",
        "call-billing.payment_received",
        "call-billing.reactivation",
        "call-billing.suspension",
      ])
    })
  },
})
