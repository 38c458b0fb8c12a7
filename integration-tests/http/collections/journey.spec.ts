import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { startStripeStandIn, type StripeStandIn } from "../../stand-ins/stripe"
import { startXeroStandIn, type XeroStandIn } from "../../stand-ins/xero"
import { adminHeaders, eventually } from "../helpers"
import { seedRatingWorld } from "../usage/fixtures"
import { draftInvoiceWorld } from "./fixtures"

jest.setTimeout(300 * 1000)

const TENANT = "tenant-journey"
let stripe: StripeStandIn
let xero: XeroStandIn

beforeAll(async () => {
  stripe = await startStripeStandIn({ webhookSecret: "whsec_journey" })
  xero = await startXeroStandIn({ clientId: "j-client", clientSecret: "j-secret", tenants: [TENANT] })
  Object.assign(process.env, {
    CALL_BILLING_STRIPE_SECRET_KEY: "sk_test_journey",
    CALL_BILLING_STRIPE_WEBHOOK_SECRET: "whsec_journey",
    CALL_BILLING_STRIPE_API_URL: stripe.url,
    CALL_BILLING_XERO_CLIENT_ID: "j-client",
    CALL_BILLING_XERO_CLIENT_SECRET: "j-secret",
    CALL_BILLING_XERO_TENANT_ID: TENANT,
    CALL_BILLING_XERO_TOKEN_URL: xero.token_url,
    CALL_BILLING_XERO_API_BASE: xero.api_base,
    CALL_BILLING_XERO_TAX_TYPES: JSON.stringify({ vat: "OUTPUT2" }),
  })
})
afterAll(async () => {
  for (const k of Object.keys(process.env).filter((k) => k.startsWith("CALL_BILLING_STRIPE_") || k.startsWith("CALL_BILLING_XERO_"))) delete process.env[k]
  await stripe?.close()
  await xero?.close()
})

/**
 * Issue 6's "done": an invoice finalized in the admin appears in Stripe and
 * Xero, the customer pays it on Stripe's hosted page, the webhook marks it
 * paid here and the payment reaches Xero; an unpaid one walks through
 * dunning to suspension, and paying it brings the account back.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    it("finalize → Stripe and Xero → paid on Stripe's page → paid here and in Xero; unpaid → dunning → suspended → paid → active", async () => {
      const { headers } = await adminHeaders(getContainer())
      stripe.setWebhookUrl(`${api.defaults.baseURL}/call-billing/stripe/webhook`)
      const key = await getContainer().resolve(Modules.API_KEY).createApiKeys({ title: "switch", type: "secret", created_by: "test" })
      const auth = { authorization: `Basic ${Buffer.from(`${key.token}:`).toString("base64")}` }
      const { account } = await seedRatingWorld(api, headers, "journey")
      const { invoice } = await draftInvoiceWorld(api, getContainer(), headers, { account })

      // 1. finalized in the admin: it reaches both
      const fin = (await api.post(`/admin/call-billing/invoices/${invoice.id}/finalize`, {}, { headers })).data.invoice
      const rows = await eventually(async () => {
        const r = (await api.get(`/admin/call-billing/collections/sync-records?record_id=${invoice.id}`, { headers })).data.sync_records
        return r.length === 2 && r.every((x: any) => x.status === "synced") ? r : null
      }, "Stripe and Xero")
      const stripeRow = rows.find((r: any) => r.provider === "stripe")
      expect(stripeRow.data.hosted_invoice_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/i\/in_/)
      expect([...xero.state.invoices.values()].map((i: any) => i.InvoiceNumber)).toEqual([fin.number])

      // 2. the customer pays on the hosted page; Stripe's webhook marks it paid here; the payment follows to Xero
      const page = await fetch(stripeRow.data.hosted_invoice_url).then((r) => r.text())
      expect(page).toContain(fin.number)
      const paid = await fetch(`${stripeRow.data.hosted_invoice_url}/pay`, { method: "POST" }).then((r) => r.text())
      expect(paid).toContain("Webhook: HTTP 200")
      const after = (await api.get(`/admin/call-billing/invoices/${invoice.id}`, { headers })).data.invoice
      expect(after).toMatchObject({ status: "paid", amount_due: "0.00" })
      await eventually(async () => xero.state.payments.size === 1, "the payment in Xero")
      const report = (await api.get(`/admin/call-billing/collections/reconciliation?from=2026-01-01&to=2027-12-31`, { headers })).data
      expect(report.summary).toEqual({ invoices: 1, mismatches: 0 })

      // 3. next month unpaid: dunning walks it to suspension; calls are refused; paying it on Stripe brings the account back
      const { closePeriodsWorkflow } = await import("../../../src/workflows/billing")
      await closePeriodsWorkflow(getContainer()).run({ input: { account_ids: [account.id], as_of: "2027-01-01T02:00:00Z" } })
      const billing: any = getContainer().resolve("callBillingBilling")
      const [dec] = await billing.listInvoices({ account_id: account.id, status: "draft" })
      const decFin = (await api.post(`/admin/call-billing/invoices/${dec.id}/finalize`, {}, { headers })).data.invoice
      const decRow = await eventually(async () => {
        const r = (await api.get(`/admin/call-billing/collections/sync-records?provider=stripe&record_id=${dec.id}`, { headers })).data.sync_records[0]
        return r?.status === "synced" ? r : null
      }, "the second invoice in Stripe")
      const due = new Date(`${decFin.due_date}T09:00:00Z`).getTime()
      for (const days of [-3, 1, 7, 14]) {
        await api.post("/admin/call-billing/collections/dunning/run", { as_of: new Date(due + days * 86400000).toISOString() }, { headers })
      }
      const suspended = (await api.get(`/admin/call-billing/billing-accounts/${account.id}/dunning`, { headers })).data.dunning
      expect(suspended.status).toBe("suspended")
      expect(suspended.timeline.map((e: any) => e.step)).toEqual(["suspend", "warning", "overdue", "reminder"])
      const refused = (await api.post("/call-billing/authorize", { account_code: "journey", number: "+44 20 7946 0018" }, { headers: auth })).data
      expect(refused).toMatchObject({ granted: false, reason: "account_suspended" })

      await fetch(`${decRow.data.hosted_invoice_url}/pay`, { method: "POST" })
      await eventually(async () => (await api.get(`/admin/call-billing/billing-accounts/${account.id}/dunning`, { headers })).data.dunning.status === "active", "the reactivation")
      const granted = (await api.post("/call-billing/authorize", { account_code: "journey", number: "+44 20 7946 0018" }, { headers: auth })).data
      expect(granted.granted).toBe(true)
      await eventually(async () => xero.state.payments.size === 2, "the second payment in Xero")
    })
  },
})
