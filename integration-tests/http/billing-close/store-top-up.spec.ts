import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { startStripeStandIn, type StripeStandIn } from "../../stand-ins/stripe"
import { adminHeaders, customerHeaders, failure } from "../helpers"

jest.setTimeout(240 * 1000)

let stripe: StripeStandIn

// The app reads the plugin's Stripe options at boot: start the stand-in first.
beforeAll(async () => {
  stripe = await startStripeStandIn({ webhookSecret: "whsec_test_top_up" })
  process.env.CALL_BILLING_STRIPE_SECRET_KEY = "sk_test_standin"
  process.env.CALL_BILLING_STRIPE_WEBHOOK_SECRET = "whsec_test_top_up"
  process.env.CALL_BILLING_STRIPE_API_URL = stripe.url
})
afterAll(async () => {
  delete process.env.CALL_BILLING_STRIPE_SECRET_KEY
  delete process.env.CALL_BILLING_STRIPE_WEBHOOK_SECRET
  delete process.env.CALL_BILLING_STRIPE_API_URL
  await stripe?.close()
})

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: Record<string, string>
    beforeEach(async () => {
      stripe.reset()
      ;({ headers } = await adminHeaders(getContainer()))
    })

    /** A prepaid tenant billed in `currency`, signed in to the portal. */
    const tenant = async (code: string, currency_code: string) => {
      const email = `${code}@tenant.test`
      const { customer, headers: store } = await customerHeaders(getContainer(), email)
      await api.post(
        "/admin/call-billing/billing-accounts",
        { code, name: code, email, currency_code, timezone: "UTC", country_code: "44", payment_mode: "prepaid", customer_id: customer.id },
        { headers }
      )
      return store
    }

    it("a portal top-up may carry the account currency's decimals and no more: JPY 100.50 is refused, BHD 1.005 goes to Stripe", async () => {
      const yen = await tenant("yen", "JPY")
      const dinar = await tenant("dinar", "BHD")
      const topUp = (amount: string, store: Record<string, string>) => api.post("/store/call-billing/wallet/top-up", { amount }, { headers: store })

      const refused = await failure(topUp("100.50", yen))
      expect([refused.status, refused.body.message]).toEqual([400, "amount: JPY has 0 decimals"])
      const tooFine = await failure(topUp("1.0055", dinar))
      expect([tooFine.status, tooFine.body.message]).toEqual([400, "amount: BHD has 3 decimals"])
      expect(stripe.state.payment_intents.size).toBe(0)

      expect((await topUp("100", yen)).data.top_up).toMatchObject({ amount: "100", currency_code: "JPY" })
      expect((await topUp("1.005", dinar)).data.top_up).toMatchObject({ amount: "1.005", currency_code: "BHD" })
      const intents = [...stripe.state.payment_intents.values()].map((pi: any) => [pi.currency, pi.amount]).sort()
      expect(intents).toEqual([["bhd", 1005], ["jpy", 100]])
    })
  },
})
