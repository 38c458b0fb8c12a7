import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { pushDueSyncRecordsWorkflow, syncRecordsWorkflow } from "../../../src/workflows/collections"
import { startStripeStandIn, type StripeStandIn } from "../../stand-ins/stripe"
import { adminHeaders, customerHeaders, eventually, failure } from "../helpers"
import { draftInvoiceWorld } from "./fixtures"

jest.setTimeout(240 * 1000)

const WEBHOOK_SECRET = "whsec_test_collections"
let stripe: StripeStandIn

// The app reads the plugin's Stripe options at boot: start the stand-in first.
beforeAll(async () => {
  stripe = await startStripeStandIn({ webhookSecret: WEBHOOK_SECRET })
  process.env.CALL_BILLING_STRIPE_SECRET_KEY = "sk_test_standin"
  process.env.CALL_BILLING_STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
  process.env.CALL_BILLING_STRIPE_API_URL = stripe.url
  // a stand-in on loopback answers in milliseconds; the timeout test waits past this
  process.env.CALL_BILLING_STRIPE_TIMEOUT_MS = "3000"
})
afterAll(async () => {
  delete process.env.CALL_BILLING_STRIPE_SECRET_KEY
  delete process.env.CALL_BILLING_STRIPE_WEBHOOK_SECRET
  delete process.env.CALL_BILLING_STRIPE_API_URL
  delete process.env.CALL_BILLING_STRIPE_TIMEOUT_MS
  await stripe?.close()
})

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConnection }) => {
    let headers: Record<string, string>
    beforeEach(async () => {
      stripe.reset()
      ;({ headers } = await adminHeaders(getContainer()))
    })

    const finalize = async (id: string) => (await api.post(`/admin/call-billing/invoices/${id}/finalize`, {}, { headers })).data.invoice
    const syncRows = async (recordId: string) =>
      (await api.get(`/admin/call-billing/collections/sync-records?record_id=${recordId}`, { headers })).data.sync_records
    const stripeInvoices = () => [...stripe.state.invoices.values()]
    const webhook = (body: string, signature?: string) =>
      api.post("/call-billing/stripe/webhook", body, {
        headers: { "content-type": "application/json", ...(signature ? { "stripe-signature": signature } : {}) },
        transformRequest: [(d: any) => d],
      })
    const payments = async (accountId: string) =>
      (await dbConnection.raw(`SELECT amount::text AS amount, method, reference FROM call_billing_payment WHERE account_id = ? AND deleted_at IS NULL`, [accountId])).rows

    it("pushes a finalized invoice to Stripe once, with our number and total, and emails it with its PDF", async () => {
      const { account, invoice } = await draftInvoiceWorld(api, getContainer(), headers)
      const fin = await finalize(invoice.id)
      const row = await eventually(async () => (await syncRows(invoice.id)).find((r: any) => r.provider === "stripe" && r.status === "synced"), "the Stripe sync")
      const [inStripe] = stripeInvoices()
      expect(stripeInvoices()).toHaveLength(1)
      expect(row.external_id).toBe(inStripe.id)
      // due on the invoice's own terms (the account's 14 net days), not Stripe's default
      expect(inStripe).toMatchObject({ number: fin.number, total: 12000, amount_due: 12000, status: "open", collection_method: "send_invoice", days_until_due: 14 })
      expect(inStripe.metadata).toMatchObject({ call_billing_invoice_id: invoice.id })
      expect([...stripe.state.customers.values()]).toEqual([expect.objectContaining({ metadata: expect.objectContaining({ call_billing_account_id: account.id }) })])

      // the subscriber's event delivered again, and the retry job: nothing is created twice
      await syncRecordsWorkflow(getContainer()).run({ input: { record_type: "invoice", records: [{ id: invoice.id, account_id: account.id }] } })
      await pushDueSyncRecordsWorkflow(getContainer()).run({ input: { limit: 100 } })
      expect(stripeInvoices()).toHaveLength(1)
      expect(stripe.state.customers.size).toBe(1)
      expect(stripe.state.invoiceitems.size).toBe(2) // the platform fee and the VAT

      const notifications = await eventually(async () => {
        const n = await getContainer().resolve(Modules.NOTIFICATION).listNotifications({ to: `billing@${account.code}.test` })
        return n.length ? n : null
      }, "the invoice email")
      expect(notifications).toHaveLength(1)
      expect(notifications[0]).toMatchObject({ channel: "email", template: "call-billing.invoice_issued" })
      expect((notifications[0].data as any).subject).toBe(`Invoice ${fin.number} from Call Centre Ltd`)
      expect((notifications[0].data as any).body).toContain(`Your invoice ${fin.number} for 120.00 USD is attached. It is due on ${fin.due_date}.`)
    })

    it("never creates a second Stripe invoice when Stripe fails after creating it, however often the job retries", async () => {
      const { account, invoice } = await draftInvoiceWorld(api, getContainer(), headers)
      // Stripe creates the invoice but the answers are lost, longer than the SDK's own retries last
      stripe.fail({ method: "POST", path: /^\/v1\/invoices$/, status: 500, times: 5, after_commit: true })
      await finalize(invoice.id)
      const failed = await eventually(async () => (await syncRows(invoice.id)).find((r: any) => r.provider === "stripe" && r.status === "failed"), "a failed sync")
      expect(failed.last_error).toBeTruthy()
      expect(failed.next_attempt_at).toBeTruthy()
      expect(stripeInvoices()).toHaveLength(1)
      // the backoff passes; the job and an admin retry run
      await dbConnection.raw(`UPDATE call_billing_sync_record SET next_attempt_at = now() - interval '1 second', last_attempt_at = now() - interval '1 hour' WHERE id = ?`, [failed.id])
      await pushDueSyncRecordsWorkflow(getContainer()).run({ input: { limit: 100 } })
      const retried = (await api.post(`/admin/call-billing/collections/sync-records/${failed.id}/retry`, {}, { headers }).catch((e: any) => e.response)).data
      expect(stripeInvoices()).toHaveLength(1)
      const [row] = (await syncRows(invoice.id)).filter((r: any) => r.provider === "stripe")
      expect(row).toMatchObject({ status: "synced", external_id: stripeInvoices()[0].id })
      expect(retried.sync_record?.status ?? retried.message).toMatch(/synced|already synced/)
      expect(stripeInvoices()[0]).toMatchObject({ status: "open", total: 12000 })
      expect(account.id).toBeTruthy()
    })

    it("gives up on a Stripe that does not answer in time and, on the retry, finds what it created: one invoice", async () => {
      const { invoice } = await draftInvoiceWorld(api, getContainer(), headers)
      // Stripe creates the invoice but answers long after the app's 3 s timeout, on each of the SDK's attempts
      stripe.fail({ method: "POST", path: /^\/v1\/invoices$/, status: 500, times: 3, after_commit: true, delay_ms: 10000 })
      await finalize(invoice.id)
      const stripeRow = async () => (await syncRows(invoice.id)).find((r: any) => r.provider === "stripe")
      const failed = await eventually(async () => ((await stripeRow())?.status === "failed" ? stripeRow() : null), "the timed-out sync", 30000)
      expect(failed.last_error).toMatch(/timeout/i)
      expect(stripeInvoices()).toHaveLength(1)

      await api.post("/admin/call-billing/collections/sync-records/retry", { provider: "stripe" }, { headers })
      expect(await stripeRow()).toMatchObject({ status: "synced", external_id: stripeInvoices()[0].id })
      expect(stripeInvoices()).toHaveLength(1)
      expect(stripeInvoices()[0].status).toBe("open")
    })

    it("records a payment once from invoice.paid, however many times and in whatever order Stripe sends it", async () => {
      const { account, invoice } = await draftInvoiceWorld(api, getContainer(), headers)
      await finalize(invoice.id)
      await eventually(async () => stripeInvoices()[0]?.status === "open", "the Stripe invoice")
      const si = stripeInvoices()[0]
      const paidObject = { ...si, status: "paid", amount_paid: 12000, amount_remaining: 0, status_transitions: { paid_at: 1764950400 } }

      // a failure reported after the payment (out of order) changes nothing
      const paid = stripe.signedEvent("invoice.paid", paidObject, { id: "evt_paid_1" })
      expect((await webhook(paid.body, paid.signature)).data).toMatchObject({ received: true, action: "payment" })
      const again = await webhook(paid.body, paid.signature)
      expect(again.data.action).toBe("duplicate")
      const sibling = stripe.signedEvent("invoice.payment_succeeded", paidObject, { id: "evt_paid_2" })
      expect((await webhook(sibling.body, sibling.signature)).data.action).toBe("ignore")
      const late = stripe.signedEvent("invoice.payment_failed", { ...si, status: "open" }, { id: "evt_failed_late" })
      expect((await webhook(late.body, late.signature)).data.action).toBe("ignore")

      expect(await payments(account.id)).toEqual([{ amount: "120", method: "stripe", reference: `stripe:${si.id}` }])
      const inv = (await api.get(`/admin/call-billing/invoices/${invoice.id}`, { headers })).data.invoice
      expect(inv).toMatchObject({ status: "paid", amount_paid: "120.00", amount_due: "0.00" })
      const timeline = (await api.get(`/admin/call-billing/billing-accounts/${account.id}/dunning`, { headers })).data.dunning.timeline
      expect(timeline.filter((e: any) => e.step === "payment_failed")).toHaveLength(0)
    })

    it("marks a Stripe invoice paid out of band when it is paid here by bank transfer, so Stripe never collects it again", async () => {
      const { account, invoice } = await draftInvoiceWorld(api, getContainer(), headers)
      await finalize(invoice.id)
      await eventually(async () => stripeInvoices()[0]?.status === "open", "the Stripe invoice")
      await api.post(`/admin/call-billing/billing-accounts/${account.id}/payments`, { amount: "120.00", method: "bank_transfer", reference: "BANK-7" }, { headers })
      await eventually(async () => stripeInvoices()[0]?.status === "paid", "the out-of-band mark")
      expect(stripeInvoices()[0]).toMatchObject({ paid_out_of_band: true })
      // Stripe then reports it paid: nothing is recorded twice
      const ev = stripe.signedEvent("invoice.paid", stripeInvoices()[0], { id: "evt_oob" })
      expect((await webhook(ev.body, ev.signature)).data.action).toBe("ignore")
      expect(await payments(account.id)).toEqual([{ amount: "120", method: "bank_transfer", reference: "BANK-7" }])
    })

    it("voids the Stripe invoice when the invoice is voided here", async () => {
      const { invoice } = await draftInvoiceWorld(api, getContainer(), headers)
      await finalize(invoice.id)
      await eventually(async () => stripeInvoices()[0]?.status === "open", "the Stripe invoice")
      await api.post(`/admin/call-billing/invoices/${invoice.id}/void`, {}, { headers })
      await eventually(async () => stripeInvoices()[0]?.status === "void", "the void in Stripe")
      await eventually(async () => (await syncRows(invoice.id)).find((r: any) => r.provider === "stripe")?.data?.status === "void", "the row to say so")
    })

    it("fails the row when Stripe cannot take the void, and the retry voids it", async () => {
      const { invoice } = await draftInvoiceWorld(api, getContainer(), headers)
      await finalize(invoice.id)
      await eventually(async () => stripeInvoices()[0]?.status === "open", "the Stripe invoice")
      // as many 500s as the SDK makes attempts (one and its two retries)
      stripe.fail({ method: "POST", path: /^\/v1\/invoices\/[^/]+\/void$/, status: 500, times: 3 })
      await api.post(`/admin/call-billing/invoices/${invoice.id}/void`, {}, { headers })
      const stripeRow = async () => (await syncRows(invoice.id)).find((r: any) => r.provider === "stripe")
      const failed = await eventually(async () => ((await stripeRow())?.status === "failed" ? stripeRow() : null), "the failed void")
      expect(failed.last_error).toMatch(/^void in Stripe failed/)
      expect(stripeInvoices()[0].status).toBe("open")

      await api.post("/admin/call-billing/collections/sync-records/retry", { provider: "stripe" }, { headers })
      expect(await stripeRow()).toMatchObject({ status: "synced", data: expect.objectContaining({ status: "void" }) })
      expect(stripeInvoices()).toHaveLength(1)
      expect(stripeInvoices()[0].status).toBe("void")
    })

    it("refuses a bad or stale signature with 400 and changes nothing", async () => {
      const { account, invoice } = await draftInvoiceWorld(api, getContainer(), headers)
      await finalize(invoice.id)
      await eventually(async () => stripeInvoices()[0]?.status === "open", "the Stripe invoice")
      const si = stripeInvoices()[0]
      const ev = stripe.signedEvent("invoice.paid", { ...si, status: "paid", amount_paid: 12000 }, { id: "evt_forged" })
      const tampered = ev.body.replace('"amount_paid":12000', '"amount_paid":99')
      for (const [body, sig] of [
        [tampered, ev.signature],
        [ev.body, undefined],
        [ev.body, stripe.signedEvent("invoice.paid", {}, { secret: "whsec_wrong" }).signature],
        [ev.body, stripe.signedEvent("invoice.paid", { ...si, status: "paid", amount_paid: 12000 }, { id: "evt_forged", timestamp: Math.floor(Date.now() / 1000) - 3600 }).signature],
      ] as Array<[string, string | undefined]>) {
        const { status, body: err } = await failure(webhook(body, sig))
        expect(status).toBe(400)
        expect(err.message).toMatch(/^stripe-signature: /)
      }
      expect(await payments(account.id)).toEqual([])
      expect((await dbConnection.raw(`SELECT count(*)::int AS n FROM call_billing_provider_event WHERE event_id = 'evt_forged'`)).rows[0].n).toBe(0)
    })

    it("enters a failed card payment into the dunning timeline and emits payment.failed", async () => {
      const { account, invoice } = await draftInvoiceWorld(api, getContainer(), headers)
      await finalize(invoice.id)
      await eventually(async () => stripeInvoices()[0]?.status === "open", "the Stripe invoice")
      const si = stripeInvoices()[0]
      const ev = stripe.signedEvent("invoice.payment_failed", { ...si, last_payment_error: { code: "card_declined", message: "Your card was declined." } }, { id: "evt_fail_1" })
      expect((await webhook(ev.body, ev.signature)).data.action).toBe("payment_failed")
      expect((await webhook(ev.body, ev.signature)).data.action).toBe("duplicate")
      const timeline = (await api.get(`/admin/call-billing/billing-accounts/${account.id}/dunning`, { headers })).data.dunning.timeline
      expect(timeline.filter((e: any) => e.step === "payment_failed")).toEqual([
        expect.objectContaining({ invoice_id: invoice.id, detail: expect.objectContaining({ code: "card_declined", event_id: "evt_fail_1" }) }),
      ])
      const mail = await eventually(async () => {
        const n = await getContainer().resolve(Modules.NOTIFICATION).listNotifications({ to: `billing@${account.code}.test`, template: "call-billing.payment_failed" })
        return n.length ? n : null
      }, "the payment-failed email")
      expect(mail).toHaveLength(1)
      expect((mail[0].data as any).subject).toBe("Your payment did not go through")
      expect((mail[0].data as any).body).toContain(`The card payment for ${(await api.get(`/admin/call-billing/invoices/${invoice.id}`, { headers })).data.invoice.number} failed (Your card was declined.)`)
    })

    it("lets a tenant top up its own wallet from the portal: one payment intent per idempotency key, credited once by the webhook", async () => {
      const email = `ops-${Math.random().toString(36).slice(2, 7)}@tenant.test`
      const { customer, headers: store } = await customerHeaders(getContainer(), email)
      const { billing_account: account } = (
        await api.post(
          "/admin/call-billing/billing-accounts",
          { code: "portal", name: "Portal tenant", email, currency_code: "USD", timezone: "UTC", country_code: "44", payment_mode: "prepaid", customer_id: customer.id },
          { headers }
        )
      ).data
      const ask = () => api.post("/store/call-billing/wallet/top-up", { amount: "25.00" }, { headers: { ...store, "idempotency-key": "portal-topup-1" } })
      const first = (await ask()).data.top_up
      const again = (await ask()).data.top_up
      expect(again.payment_intent_id).toBe(first.payment_intent_id)
      expect(first).toMatchObject({ status: "requires_payment_method", client_secret: expect.any(String), amount: "25.00", currency_code: "USD" })
      expect(stripe.state.payment_intents.size).toBe(1)
      const zero = await failure(api.post("/store/call-billing/wallet/top-up", { amount: "0.00" }, { headers: store }))
      expect(zero.status).toBe(400)
      expect(zero.body.message).toMatch(/amount: must be more than 0/)
      const pi = stripe.state.payment_intents.get(first.payment_intent_id)
      const ev = stripe.signedEvent("payment_intent.succeeded", { ...pi, status: "succeeded", amount_received: 2500 }, { id: "evt_portal" })
      expect((await webhook(ev.body, ev.signature)).data.action).toBe("top_up")
      expect((await api.get("/store/call-billing/account", { headers: store })).data.account.wallet_balance).toBe("25.00")
      expect(account.id).toBeTruthy()
    })

    it("tops a prepaid wallet up automatically from the saved card when it falls below the threshold, once per crossing", async () => {
      const { account } = await draftInvoiceWorld(api, getContainer(), headers, { payment_mode: "prepaid" })
      const post = (body: unknown) => api.post(`/admin/call-billing/billing-accounts/${account.id}/wallet`, body, { headers })
      await api.post(
        `/admin/call-billing/billing-accounts/${account.id}`,
        { low_balance_threshold: "10", auto_top_up: { threshold: "10", amount: "50.00", payment_method: "pm_card_visa" } },
        { headers }
      )
      await post({ type: "top_up", amount: "12.00", reference: "BANK-1" })
      const balance = async () => (await dbConnection.raw(`SELECT wallet_balance::text AS b FROM call_billing_billing_account WHERE id = ?`, [account.id])).rows[0].b
      await post({ type: "adjustment", amount: "-5.00", note: "calls" }) // 12 → 7: below 10
      await eventually(async () => (await balance()) === "57", "the automatic top-up")
      const intents = [...stripe.state.payment_intents.values()]
      expect(intents).toEqual([expect.objectContaining({ amount: 5000, payment_method: "pm_card_visa", status: "succeeded" })])
      await post({ type: "adjustment", amount: "-1.00", note: "calls" }) // 57 → 56: no crossing, no charge
      await new Promise((r) => setTimeout(r, 1000))
      expect(stripe.state.payment_intents.size).toBe(1)

      // the card starts declining: the next crossing charges nothing and the tenant is told
      await api.post(`/admin/call-billing/billing-accounts/${account.id}`, { auto_top_up: { threshold: "10", amount: "50.00", payment_method: "pm_card_chargeDeclined" } }, { headers })
      await post({ type: "adjustment", amount: "-50.00", note: "calls" }) // 56 → 6
      const mail = await eventually(async () => {
        const n = await getContainer().resolve(Modules.NOTIFICATION).listNotifications({ to: `billing@${account.code}.test`, template: "call-billing.payment_failed" })
        return n.length ? n : null
      }, "the declined top-up email")
      expect(mail).toHaveLength(1)
      expect(await balance()).toBe("6")
    })

    it("credits a prepaid wallet once from a Stripe top-up, and reports a declined saved card", async () => {
      const { account } = await draftInvoiceWorld(api, getContainer(), headers, { payment_mode: "prepaid" })
      const { top_up } = (await api.post(`/admin/call-billing/billing-accounts/${account.id}/wallet/stripe-top-up`, { amount: "50.00" }, { headers })).data
      expect(top_up).toMatchObject({ status: "requires_payment_method", client_secret: expect.any(String), amount: "50.00" })
      const pi = stripe.state.payment_intents.get(top_up.payment_intent_id)
      expect(pi).toMatchObject({ amount: 5000, currency: "usd" })
      const ok = stripe.signedEvent("payment_intent.succeeded", { ...pi, status: "succeeded", amount_received: 5000 }, { id: "evt_pi_1" })
      expect((await webhook(ok.body, ok.signature)).data.action).toBe("top_up")
      expect((await webhook(ok.body, ok.signature)).data.action).toBe("duplicate")
      const other = stripe.signedEvent("payment_intent.succeeded", { ...pi, status: "succeeded", amount_received: 5000 }, { id: "evt_pi_1b" })
      await webhook(other.body, other.signature) // a second event for the same payment: the ledger reference holds
      const wallet = (await dbConnection.raw(`SELECT wallet_balance::text AS b FROM call_billing_billing_account WHERE id = ?`, [account.id])).rows[0].b
      expect(wallet).toBe("50")

      const declined = (
        await api.post(`/admin/call-billing/billing-accounts/${account.id}/wallet/stripe-top-up`, { amount: "20.00", payment_method: "pm_card_chargeDeclined" }, { headers })
      ).data.top_up
      expect(declined).toMatchObject({ status: "declined", declined: expect.objectContaining({ code: "card_declined" }) })
      expect((await dbConnection.raw(`SELECT wallet_balance::text AS b FROM call_billing_billing_account WHERE id = ?`, [account.id])).rows[0].b).toBe("50")
    })
  },
})
