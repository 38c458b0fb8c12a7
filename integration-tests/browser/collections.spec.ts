// Collections in a real browser (same harness as billing.spec.ts), against the
// Stripe and Xero stand-ins the app is configured with: finalize an invoice
// in the admin, see it reach Stripe and Xero on its sync section, pay it on
// Stripe's hosted page, see it paid and reconciled; then an unpaid one runs
// through dunning to suspension from the dunning page, and paying it brings
// the account back.
//
//   TEST_TYPE=integration:browser node scripts/test.js integration-tests/browser/collections.spec.ts
import type { Locator } from "playwright-core"
import { startStripeStandIn, type StripeStandIn } from "../stand-ins/stripe"
import { startXeroStandIn, type XeroStandIn } from "../stand-ins/xero"
import { Harness, login, startHarness } from "./harness"

jest.setTimeout(300000)

let h: Harness
let stripe: StripeStandIn
let xero: XeroStandIn
const failedBodies: string[] = []

beforeAll(async () => {
  stripe = await startStripeStandIn({ webhookSecret: "whsec_browser" })
  xero = await startXeroStandIn({ clientId: "b-client", clientSecret: "b-secret", tenants: ["browser-tenant"] })
  // the app reads the plugin's options from these when it starts (medusa-config.ts)
  Object.assign(process.env, {
    CALL_BILLING_STRIPE_SECRET_KEY: "sk_test_browser",
    CALL_BILLING_STRIPE_WEBHOOK_SECRET: "whsec_browser",
    CALL_BILLING_STRIPE_API_URL: stripe.url,
    CALL_BILLING_XERO_CLIENT_ID: "b-client",
    CALL_BILLING_XERO_CLIENT_SECRET: "b-secret",
    CALL_BILLING_XERO_TENANT_ID: "browser-tenant",
    CALL_BILLING_XERO_TOKEN_URL: xero.token_url,
    CALL_BILLING_XERO_API_BASE: xero.api_base,
    CALL_BILLING_XERO_TAX_TYPES: JSON.stringify({ vat: "OUTPUT2" }),
  })
  h = await startHarness()
  stripe.setWebhookUrl(`${h.host.url}/call-billing/stripe/webhook`)
  h.page.on("response", async (r) => {
    if (r.status() >= 400) failedBodies.push(`${r.status()} ${r.request().method()} ${r.url()}: ${(await r.text().catch(() => "")).slice(0, 300)}`)
  })
}, 900000)

afterAll(async () => {
  for (const k of Object.keys(process.env).filter((k) => k.startsWith("CALL_BILLING_STRIPE_") || k.startsWith("CALL_BILLING_XERO_"))) delete process.env[k]
  if (h) await h.stop()
  await stripe?.close()
  await xero?.close()
}, 60000)

async function step<T>(name: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (e: any) {
    await h.shot(`FAILED-collections-${name}`).catch(() => {})
    const errors = [...h.pageErrors.slice(-10), ...failedBodies.slice(-5)].join("\n")
    e.message = `${e.message}\n(url ${h.page.url()})${errors ? `\npage errors:\n${errors}` : ""}`
    throw e
  }
}

/** Reloads until the locator's attribute satisfies `ok` (the sections read once; a push lands after). */
async function reloadUntil(locator: () => Locator, attr: string, ok: (v: string | null) => boolean, timeout = 30000) {
  const deadline = Date.now() + timeout
  for (;;) {
    const v = await locator().getAttribute(attr, { timeout: 5000 }).catch(() => null)
    if (ok(v)) return v
    if (Date.now() > deadline) throw new Error(`${attr} is ${v} after ${timeout} ms`)
    await h.page.reload({ waitUntil: "networkidle" })
  }
}

const day = (d: Date) => d.toISOString().slice(0, 10)
const now = new Date()
const lastMonthStart = day(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)))
const BASE = "/admin/call-billing"

describe("collections in the admin", () => {
  const ids: Record<string, string> = {}

  it("sets up a tenant with last month's invoice through the API", async () => {
    await step("seed", async () => {
      await login(h)
      const { issuing_entity } = await h.api("POST", `${BASE}/entities`, { code: "coll", legal_name: "Collections Ltd", currency_code: "USD", invoice_prefix: "CL", credit_note_prefix: "CLN" })
      const { tax_profile } = await h.api("POST", `${BASE}/tax-profiles`, { code: "coll-vat", name: "VAT 20 %", components: [{ code: "vat", name: "VAT", rate: "0.2" }] })
      const { billing_account } = await h.api("POST", `${BASE}/billing-accounts`, {
        code: "coll-acme",
        name: "Acme Collections",
        email: "ap@acme-collections.test",
        currency_code: "USD",
        timezone: "UTC",
        country_code: "44",
        entity_id: issuing_entity.id,
        tax_profile_id: tax_profile.id,
        anchor_day: 1,
        net_days: 14,
      })
      ids.account = billing_account.id
      // a card for the account, so authorization has something to rate
      const { rate_card } = await h.api("POST", `${BASE}/rate-cards`, { code: "coll-sell", name: "Sell", kind: "sell", currency_code: "USD", direction: "outbound" })
      const { version } = await h.api("POST", `${BASE}/rate-cards/${rate_card.id}/versions`, { csv: "prefix,rate\n4420,0.0100\n", filename: "c.csv" })
      await h.api("POST", `${BASE}/rate-cards/${rate_card.id}/versions/${version.id}/publish`, { effective_from: "2026-01-01T00:00:00Z" })
      await h.api("POST", `${BASE}/billing-accounts/${ids.account}/card-assignments`, { scope: "account", direction: "outbound", rate_card_id: rate_card.id })
      const { plan } = await h.api("POST", `${BASE}/plans`, {
        code: "coll-plan",
        name: "Platform",
        currency_code: "USD",
        interval: "month",
        components: [{ code: "base", name: "Platform", type: "recurring", price: "100", in_arrears: true }],
      })
      await h.api("POST", `${BASE}/billing-accounts/${ids.account}/subscription`, { plan_id: plan.id, start_date: lastMonthStart })
      await h.api("POST", `${BASE}/billing-accounts/${ids.account}/close`, {})
      const { invoices } = await h.api("GET", `${BASE}/invoices?account_id=${ids.account}`)
      ids.invoice = invoices.find((i: any) => i.status === "draft").id
    })
  })

  it("finalizes the invoice in the admin: its sync section shows it in Stripe and Xero", async () => {
    await step("finalize", async () => {
      await h.open(`/call-billing/invoices/${ids.invoice}`)
      await h.page.getByTestId("invoice-finalize").click()
      await h.page.getByRole("alertdialog").getByRole("button", { name: /^Finalize$/ }).click()
      await h.page.getByTestId("invoice-number").waitFor()
      for (const provider of ["stripe", "xero"]) {
        await reloadUntil(
          () => h.page.getByTestId("sync-status-section").locator(`[data-provider="${provider}"]`),
          "data-status",
          (s) => s === "synced"
        )
      }
      const { sync_records } = await h.api("GET", `${BASE}/collections/sync-records?record_id=${ids.invoice}`)
      expect(sync_records.map((r: any) => [r.provider, r.status]).sort()).toEqual([["stripe", "synced"], ["xero", "synced"]])
      expect([...stripe.state.invoices.values()]).toHaveLength(1)
      expect([...xero.state.invoices.values()]).toHaveLength(1)
      await h.shot("collections-invoice-synced")
    })
  })

  it("pays it on Stripe's hosted page: the invoice turns paid and the payment reaches Xero", async () => {
    await step("pay", async () => {
      const link = h.page.getByTestId("sync-status-section").locator('[data-testid^="sync-hosted-"]')
      const href = await link.getAttribute("href")
      expect(href).toMatch(/\/i\/in_/)
      const hosted = await h.context.newPage()
      await hosted.goto(href!)
      await hosted.locator("#pay").click()
      await hosted.locator("#status").waitFor()
      expect(await hosted.content()).toContain("Webhook: HTTP 200")
      await hosted.close()
      await reloadUntil(() => h.page.getByTestId("invoice-status"), "data-status", (s) => s === "paid")
      const deadline = Date.now() + 30000
      while (xero.state.payments.size < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200))
      expect(xero.state.payments.size).toBe(1)
      await h.shot("collections-invoice-paid")
    })
  })

  it("shows the integrations and a clean reconciliation", async () => {
    await step("reconcile", async () => {
      await h.open("/call-billing/collections")
      expect(await h.page.getByTestId("provider-stripe").innerText()).toMatch(/webhook/i)
      expect(Number(await h.page.getByTestId("stripe-count-synced").getAttribute("data-count"))).toBeGreaterThanOrEqual(1)
      expect(Number(await h.page.getByTestId("xero-count-failed").getAttribute("data-count"))).toBe(0)
      await h.page.getByTestId("collections-reconciliation-link").click()
      await h.page.locator("#reconciliation-from").fill("2026-01-01")
      await h.page.locator("#reconciliation-to").fill("2027-12-31")
      await h.page.getByTestId(`reconciliation-row-${ids.invoice}`).waitFor()
      expect(await h.page.getByTestId("reconciliation-mismatches").getAttribute("data-count")).toBe("0")
      await h.shot("collections-reconciliation")
    })
  })

  it("runs dunning from the dunning page until the unpaid account is suspended, and paying lifts it", async () => {
    await step("dunning", async () => {
      // this month closed and finalized through the API, unpaid; the policy suspends the day after the due date
      const next = day(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)))
      await h.api("POST", `${BASE}/collections/dunning-policies`, { name: "Fast", account_id: ids.account, steps: [{ code: "cut", action: "suspend", days: -30 }] })
      await h.api("POST", `${BASE}/billing-accounts/${ids.account}/close`, { as_of: `${next}T02:00:00Z` })
      const { invoices } = await h.api("GET", `${BASE}/invoices?account_id=${ids.account}`)
      const draft = invoices.find((i: any) => i.status === "draft")
      expect(draft).toBeTruthy()
      await h.api("POST", `${BASE}/invoices/${draft.id}/finalize`, {})
      await h.open("/call-billing/collections/dunning")
      h.page.once("dialog", (d) => d.accept())
      await h.page.getByTestId("dunning-run").click()
      const confirm = h.page.getByRole("alertdialog")
      if (await confirm.count()) await confirm.getByRole("button").last().click()
      await h.page.getByTestId("dunning-run-result").waitFor()
      await h.open(`/call-billing/billing-accounts/${ids.account}`)
      await reloadUntil(() => h.page.getByTestId("dunning-status").locator("[data-status]"), "data-status", (s) => s === "suspended")
      await h.shot("collections-suspended")
      const stripeRow = await h.api("GET", `${BASE}/collections/sync-records?provider=stripe&record_id=${draft.id}`)
      await fetch(`${stripeRow.sync_records[0].data.hosted_invoice_url}/pay`, { method: "POST" })
      await reloadUntil(() => h.page.getByTestId("dunning-status").locator("[data-status]"), "data-status", (s) => s === "active")
      await h.shot("collections-reactivated")
    })
  })
})
