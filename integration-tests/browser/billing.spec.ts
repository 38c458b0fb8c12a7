// The billing pages in a real browser (same harness as admin.spec.ts): set up
// an issuing entity and a tax profile, build a plan, subscribe an account and
// change its seats, close its period, then finalize, pay, download and credit
// invoices, and top up a prepaid wallet — every step through the UI.
//
//   TEST_TYPE=integration:browser node scripts/test.js integration-tests/browser/billing.spec.ts
//
// Supporting data goes through the admin API with a bearer token: the
// accounts, a rate card with calls of last month (a period must have ended
// before "Close period now" has anything to close), and a second account's
// finalized invoice for the credit note.
import Decimal from "decimal.js"
import fs from "fs"
import type { Locator, Response } from "playwright-core"
import { Harness, login, startHarness } from "./harness"

jest.setTimeout(300000)

let h: Harness

// The server's answer to every failed request, for the report of a failed step.
const failedBodies: string[] = []

beforeAll(async () => {
  h = await startHarness()
  h.page.on("response", async (r) => {
    if (r.status() >= 400) failedBodies.push(`${r.status()} ${r.request().method()} ${r.url()}: ${(await r.text().catch(() => "")).slice(0, 300)}`)
  })
}, 900000)

afterAll(async () => {
  if (h) await h.stop()
}, 60000)

/** Fails a step with the page's own errors appended, after a screenshot. */
async function step<T>(name: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (e: any) {
    await h.shot(`FAILED-${name}`).catch(() => {})
    const errors = [...h.pageErrors.slice(-10), ...failedBodies.slice(-5)].join("\n")
    e.message = `${e.message}\n(url ${h.page.url()})${errors ? `\npage errors:\n${errors}` : ""}`
    throw e
  }
}

const day = (d: Date) => d.toISOString().slice(0, 10)
const now = new Date()
// last month, in UTC (the accounts' time zone): a whole period that has ended
const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1))
const lastMonthStart = day(lastMonth)
const lastMonthDay = (n: number) => day(new Date(Date.UTC(lastMonth.getUTCFullYear(), lastMonth.getUTCMonth(), n)))
const thisMonthStart = day(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)))
const nextMonthStart = day(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)))

const BASE = "/admin/call-billing"
const ACCOUNT = { code: "bill-acme", name: "Acme Billing", currency_code: "USD", timezone: "UTC", country_code: "44" }
const OTHER = { code: "bill-globex", name: "Globex Billing", currency_code: "USD", timezone: "UTC", country_code: "44" }
const PREPAID = { code: "bill-prepaid", name: "Initech Prepaid", currency_code: "USD", timezone: "UTC", country_code: "44" }

/** A CSV body (or any raw body) through the admin API. */
async function rawPost(route: string, body: string, type: string) {
  const r = await fetch(`${h.host.url}${route}`, { method: "POST", headers: { authorization: `Bearer ${h.token}`, "content-type": type }, body })
  const text = await r.text()
  if (r.status >= 400) throw new Error(`POST ${route} answered ${r.status}: ${text.slice(0, 500)}`)
  return JSON.parse(text)
}

describe("billing in the admin", () => {
  const ids: Record<string, string> = {}
  // Failed requests the scenario provokes on purpose; any other is a defect.
  const expectedHttp: RegExp[] = []

  it("logs in and seeds accounts, a rated card and last month's calls through the API", async () => {
    await step("seed", async () => {
      await login(h)
      for (const [key, body] of [["account", ACCOUNT], ["other", OTHER], ["prepaid", PREPAID]] as const) {
        ids[key] = (await h.api("POST", `${BASE}/billing-accounts`, body)).billing_account.id
      }
      // London at 0.0100/min on 60/60 increments, for every account
      const { rate_card } = await h.api("POST", `${BASE}/rate-cards`, { code: "bill-sell", name: "Billing sell card", kind: "sell", currency_code: "USD", direction: "outbound" })
      const csv = "prefix,destination,destination_group,rate,connect_fee,per_call,initial_increment,subsequent_increment,grace,band,direction\n4420,London,UK-FIXED,0.0100,,,60,60,0,,outbound\n"
      const { version } = await h.api("POST", `${BASE}/rate-cards/${rate_card.id}/versions`, { csv, filename: "bill.csv" })
      await h.api("POST", `${BASE}/rate-cards/${rate_card.id}/versions/${version.id}/publish`, { effective_from: "2026-01-01T00:00:00Z" })
      for (const key of ["account", "other"]) {
        await h.api("POST", `${BASE}/billing-accounts/${ids[key]}/card-assignments`, { scope: "account", direction: "outbound", rate_card_id: rate_card.id })
      }
      // three 2-minute calls last month: a 2-minute bundle covers the first
      const cdrs = [
        "call_id,account,direction,caller,callee,answer_time,start_time,end_time,duration,billsec,disposition",
        ...[5, 6, 7].map((n) => {
          const at = `${lastMonthDay(n)}T10:00:00Z`
          const end = `${lastMonthDay(n)}T10:02:00Z`
          return `bill-${n},${ACCOUNT.code},outbound,+442071230001,+44 20 7946 0018,${at},${at},${end},120,120,ANSWERED`
        }),
      ].join("\n")
      const { import_job } = await rawPost(`${BASE}/imports?format=generic&source=browser-billing&filename=billing.csv`, cdrs, "text/csv")
      await waitFor(
        async () => (await h.api("GET", `${BASE}/imports/${import_job.id}`)).import_job,
        (j) => j.status === "completed" || j.status === "failed",
        (j) => expect(j).toMatchObject({ status: "completed", received: 3, inserted: 3 }),
        120000
      )
    })
  })

  it("adds an issuing entity in its drawer, refusing one prefix for both documents first", async () => {
    await step("entity", async () => {
      await h.open("/call-billing/entities")
      await h.page.getByTestId("entities-empty").waitFor()
      await h.page.getByTestId("tax-profiles-empty").waitFor()
      await h.page.getByTestId("entities-create").click()
      const form = h.page.getByTestId("entity-form")
      await form.waitFor()
      await form.locator('input[name="code"]').fill("main")
      await form.locator('input[name="legal_name"]').fill("Call Centre Ltd")
      await form.locator('input[name="currency_code"]').fill("usd")
      await form.locator('input[name="invoice_prefix"]').fill("cc")
      await form.locator('input[name="credit_note_prefix"]').fill("CC")
      await form.locator('input[name="address.line1"]').fill("1 Main Street")
      await form.locator('input[name="address.city"]').fill("Leeds")
      await form.locator('input[name="address.country"]').fill("gb")
      await h.page.getByTestId("entity-form-submit").click()
      await expectText(h.page.getByTestId("problem-credit_note_prefix"), /must differ from the invoice prefix/)
      // nothing was sent
      expect((await h.api("GET", `${BASE}/entities`)).issuing_entities).toEqual([])
      await form.locator('input[name="credit_note_prefix"]').fill("CCN")
      await form.locator('input[name="primary_color"]').fill("#1F2937")
      await h.shot("entity-form")
      await h.page.getByTestId("entity-form-submit").click()
      await form.waitFor({ state: "detached" })
      await expectText(h.page.getByTestId("entity-row-main"), /Call Centre Ltd[\s\S]*USD[\s\S]*CC \/ CCN/)
      const [entity] = (await h.api("GET", `${BASE}/entities`)).issuing_entities
      ids.entity = entity.id
      expect(entity).toMatchObject({
        code: "main",
        currency_code: expect.stringMatching(/^usd$/i),
        invoice_prefix: "CC",
        credit_note_prefix: "CCN",
        primary_color: "#1f2937",
        address: { line1: "1 Main Street", line2: null, city: "Leeds", postal_code: null, region: null, country: "GB" },
      })
    })
  })

  it("adds a tax profile with its rate as a percentage, stored as a fraction", async () => {
    await step("tax-profile", async () => {
      await h.page.getByTestId("tax-profiles-create").click()
      const form = h.page.getByTestId("tax-profile-form")
      await form.waitFor()
      await form.locator('input[name="code"]').fill("vat20")
      await form.locator('input[name="name"]').fill("VAT 20 %")
      await form.locator('input[name="components.0.code"]').fill("vat")
      await form.locator('input[name="components.0.name"]').fill("VAT")
      await form.locator('input[name="components.0.percent"]').fill("120")
      await h.page.getByTestId("tax-profile-form-submit").click()
      await h.page.getByTestId("problem-components.0.percent").waitFor()
      await form.locator('input[name="components.0.percent"]').fill("20")
      await h.page.getByTestId("tax-profile-form-submit").click()
      await form.waitFor({ state: "detached" })
      await expectText(h.page.getByTestId("tax-profile-row-vat20"), /VAT 20 %[\s\S]*VAT 20 %[\s\S]*Tax added/)
      await h.shot("billing-setup")
      const [profile] = (await h.api("GET", `${BASE}/tax-profiles`)).tax_profiles
      ids.taxProfile = profile.id
      expect(profile).toMatchObject({ code: "vat20", inclusive: false, exempt: false, components: [{ code: "vat", name: "VAT", rate: "0.2" }] })
    })
  })

  it("builds a plan in the focus modal: a recurring fee, seats and a minute bundle", async () => {
    await step("plan", async () => {
      await h.open("/call-billing/plans")
      await h.page.getByTestId("plans-empty").waitFor()
      await h.page.getByTestId("plans-create").click()
      const form = h.page.getByTestId("plan-form")
      await form.waitFor()
      await form.locator('input[name="code"]').fill("cc-pro")
      await form.locator('input[name="name"]').fill("Contact centre pro")
      await form.locator('input[name="currency_code"]').fill("USD")
      await form.locator('select[name="interval"]').selectOption("month")

      const add = async (i: number, type: string, code: string, name: string) => {
        await h.page.getByTestId("plan-add-component").click()
        const row = h.page.getByTestId(`plan-component-${i}`)
        await row.locator(`select[name="components.${i}.type"]`).selectOption(type)
        await row.locator(`input[name="components.${i}.code"]`).fill(code)
        await row.locator(`input[name="components.${i}.name"]`).fill(name)
        return row
      }
      const base = await add(0, "recurring", "base", "Platform")
      await base.locator('input[name="components.0.price"]').fill("100")
      const seats = await add(1, "seat", "seats", "Agent seat")
      await seats.locator('input[name="components.1.price"]').fill("30")
      await seats.locator('input[name="components.1.default_quantity"]').fill("5")
      // each type shows its own fields: a volume discount has tiers, no price
      const extra = await add(2, "volume_discount", "vd", "Volume")
      await h.page.getByTestId("plan-tiers-2").waitFor()
      expect(await extra.locator('input[name="components.2.price"]').count()).toBe(0)
      await h.page.getByTestId("plan-component-remove-2").click()
      const bundle = await add(2, "bundle", "uk", "UK minutes")
      expect(await bundle.locator('input[name="components.2.included_quantity"]').count()).toBe(1)
      expect(await bundle.locator('input[name="components.2.metric"]').count()).toBe(0)
      // a bundle of 0.01 minutes is not whole seconds: refused before anything is sent
      await bundle.locator('input[name="components.2.included_quantity"]').fill("0.01")
      await h.page.getByTestId("plan-form-submit").click()
      await expectText(h.page.getByTestId("problem-components.2.included_quantity"), /whole seconds/)
      expect((await h.api("GET", `${BASE}/plans`)).plans).toEqual([])
      await bundle.locator('input[name="components.2.included_quantity"]').fill("2")
      await bundle.locator('input[name="components.2.destination_groups"]').fill("UK-FIXED")
      await h.shot("plan-form")
      await h.page.getByTestId("plan-form-submit").click()
      await form.waitFor({ state: "detached" })
      const row = h.page.getByTestId("plan-row-cc-pro")
      await expectText(row, /Contact centre pro[\s\S]*Monthly[\s\S]*USD[\s\S]*3[\s\S]*Active/)
      await h.shot("plans")
      const [plan] = (await h.api("GET", `${BASE}/plans?code=cc-pro`)).plans
      ids.plan = plan.id
      expect(plan.components.map((c: any) => [c.code, c.type, c.price, c.included_quantity, c.default_quantity])).toEqual([
        ["base", "recurring", "100", null, null],
        ["seats", "seat", "30", null, "5"],
        ["uk", "bundle", null, "2", null],
      ])
      expect(plan.components[2].destination_groups).toEqual(["UK-FIXED"])
    })
  })

  it("sets the account's billing: issuer, tax and terms in the settings drawer", async () => {
    await step("account-settings", async () => {
      await h.open(`/call-billing/billing-accounts/${ids.account}`)
      const section = h.page.getByTestId("account-billing")
      await section.waitFor()
      await h.page.getByTestId("account-billing-edit").click()
      const form = h.page.getByTestId("account-settings-form")
      await form.waitFor()
      await form.locator(`select[name="entity_id"] option[value="${ids.entity}"]`).waitFor({ state: "attached" })
      await form.locator('select[name="entity_id"]').selectOption(ids.entity)
      await form.locator(`select[name="tax_profile_id"] option[value="${ids.taxProfile}"]`).waitFor({ state: "attached" })
      await form.locator('select[name="tax_profile_id"]').selectOption(ids.taxProfile)
      await form.locator('input[name="anchor_day"]').fill("31")
      await h.page.getByTestId("account-settings-submit").click()
      await expectText(h.page.getByTestId("problem-anchor_day"), /from 1 to 28/)
      await form.locator('input[name="anchor_day"]').fill("1")
      await form.locator('input[name="net_days"]').fill("14")
      await h.page.getByTestId("account-settings-submit").click()
      await form.waitFor({ state: "detached" })
      await expectText(h.page.getByTestId("account-billing-entity"), /Call Centre Ltd \(main\)/)
      await expectText(h.page.getByTestId("account-billing-net-days"), /^14$/)
      const { billing_account } = await h.api("GET", `${BASE}/billing-accounts/${ids.account}`)
      expect(billing_account).toMatchObject({ entity_id: ids.entity, tax_profile_id: ids.taxProfile, anchor_day: 1, net_days: 14, payment_mode: "postpaid" })
    })
  })

  it("subscribes the account from the first of last month with 10 seats, then raises them to 15", async () => {
    await step("subscribe", async () => {
      await h.page.getByTestId("subscription-none").waitFor()
      await h.page.getByTestId("subscription-subscribe").click()
      const form = h.page.getByTestId("subscribe-form")
      await form.waitFor()
      await form.locator(`select[name="plan_id"] option[value="${ids.plan}"]`).waitFor({ state: "attached" })
      await form.locator('select[name="plan_id"]').selectOption(ids.plan)
      // the plan's default seats, changed to 10
      expect(await form.locator('input[name="quantities.seats"]').inputValue()).toBe("5")
      await form.locator('input[name="quantities.seats"]').fill("10")
      await form.locator('input[name="start_date"]').fill(lastMonthStart)
      await h.page.getByTestId("subscribe-submit").click()
      await form.waitFor({ state: "detached" })
      await expectText(h.page.getByTestId("subscription-plan"), /Contact centre pro/)
      expect(await h.page.getByTestId("subscription-quantity-seats").getAttribute("data-quantity")).toBe("10")
      expect(await h.page.getByTestId("subscription-status").getAttribute("data-status")).toBe("active")
      await expectText(h.page.getByTestId("subscription-start"), new RegExp(`^${lastMonthStart}$`))

      await h.page.getByTestId("subscription-change").click()
      const change = h.page.getByTestId("subscription-change-form")
      await change.waitFor()
      expect(await change.locator('input[name="quantities.seats"]').inputValue()).toBe("10")
      await change.locator('input[name="effective_date"]').fill(lastMonthDay(11))
      await change.locator('input[name="quantities.seats"]').fill("15")
      await h.page.getByTestId("subscription-change-submit").click()
      await change.waitFor({ state: "detached" })
      await waitFor(
        () => h.page.getByTestId("subscription-quantity-seats").getAttribute("data-quantity"),
        (q) => q === "15",
        (q) => expect(q).toBe("15")
      )
      await h.shot("subscription")
      const { subscription } = await h.api("GET", `${BASE}/billing-accounts/${ids.account}/subscription`)
      expect(subscription).toMatchObject({ status: "active", start_date: lastMonthStart, quantities: { seats: "15" } })
      expect(subscription.changes).toEqual(
        expect.arrayContaining([expect.objectContaining({ kind: "quantity", effective_date: lastMonthDay(11), component_code: "seats", quantity_after: "15" })])
      )
    })
  })

  it("closes last month now: a draft invoice appears on the account", async () => {
    await step("close", async () => {
      await h.page.getByTestId("account-close-period").click()
      await h.page.getByRole("alertdialog").getByRole("button", { name: /^Close now$/ }).click()
      const result = h.page.getByTestId("account-close-result")
      await expectText(result, /[1-9]\d* period\(s\) closed/, 60000)
      const { invoices } = await h.api("GET", `${BASE}/invoices?account_id=${ids.account}`)
      const invoice = invoices.find((i: any) => i.kind === "invoice" && i.period_start === lastMonthStart)
      expect(invoice).toMatchObject({ status: "draft", number: null, period_end: thisMonthStart })
      ids.invoice = invoice.id
      const row = h.page.getByTestId(`account-invoice-row-${invoice.id}`)
      await expectText(row, new RegExp(`Draft invoice[\\s\\S]*Draft[\\s\\S]*${invoice.total.replace(".", "\\.")} USD`))
      await h.shot("account-billing")
    })
  })

  it("opens the draft: lines with their details, taxes and totals that add up", async () => {
    await step("invoice-draft", async () => {
      await h.page.getByTestId(`account-invoice-row-${ids.invoice}`).click()
      await h.page.waitForURL(new RegExp(`/call-billing/invoices/${ids.invoice}$`))
      const { invoice } = await h.api("GET", `${BASE}/invoices/${ids.invoice}`)
      await h.page.getByTestId("invoice-lines").waitFor()
      expect(await h.page.getByTestId("invoice-status").getAttribute("data-status")).toBe("draft")
      expect(await h.page.locator('[data-testid^="invoice-line-"]').count()).toBe(invoice.lines.length)
      // the bundle covered one call; the other two bill as usage
      expect(invoice.lines.map((l: any) => l.kind)).toEqual(expect.arrayContaining(["recurring", "seat", "usage"]))
      const usage = invoice.lines.findIndex((l: any) => l.kind === "usage")
      await expectText(h.page.getByTestId(`invoice-line-${usage}`), new RegExp(`${invoice.lines[usage].amount.replace(".", "\\.")} USD`))
      // exact: Σ lines = subtotal, subtotal + tax = total, as the page shows them
      const sum = invoice.lines.reduce((s: Decimal, l: any) => s.plus(l.amount), new Decimal(0))
      expect(sum.eq(invoice.subtotal)).toBe(true)
      expect(new Decimal(invoice.subtotal).plus(invoice.tax_total).eq(invoice.total)).toBe(true)
      expect(new Decimal(invoice.tax_total).eq(new Decimal(invoice.subtotal).mul("0.2").toDecimalPlaces(2, Decimal.ROUND_HALF_UP))).toBe(true)
      for (const f of ["subtotal", "tax_total", "total", "amount_due"]) {
        await expectText(h.page.getByTestId(`invoice-${f}`), new RegExp(`^${invoice[f].replace(".", "\\.")} USD$`))
      }
      await expectText(h.page.getByTestId("invoice-tax-vat"), /VAT[\s\S]*20 %/)
      expect(await h.page.getByTestId("invoice-record-payment").count()).toBe(0)
      await h.shot("invoice-draft")
    })
  })

  it("finalizes the draft: it gets its number", async () => {
    await step("finalize", async () => {
      await h.page.getByTestId("invoice-finalize").click()
      await h.page.getByRole("alertdialog").getByRole("button", { name: /^Finalize$/ }).click()
      // numbered in the year it is finalized
      const number = await expectText(h.page.getByTestId("invoice-number"), /^CC-\d{4}-\d{6}$/)
      await waitFor(() => h.page.getByTestId("invoice-status").getAttribute("data-status"), (s) => s === "finalized", (s) => expect(s).toBe("finalized"))
      const { invoice } = await h.api("GET", `${BASE}/invoices/${ids.invoice}`)
      expect(invoice).toMatchObject({ status: "finalized", number: number.trim() })
      expect(await h.page.getByTestId("invoice-finalize").count()).toBe(0)
      await h.shot("invoice-finalized")
    })
  })

  it("records a payment of the amount due: the invoice is paid", async () => {
    await step("payment", async () => {
      const { invoice } = await h.api("GET", `${BASE}/invoices/${ids.invoice}`)
      await h.page.getByTestId("invoice-record-payment").click()
      const form = h.page.getByTestId("payment-form")
      await form.waitFor()
      expect(await form.locator('input[name="amount"]').inputValue()).toBe(invoice.amount_due)
      await form.locator('select[name="method"]').selectOption("bank_transfer")
      await form.locator('input[name="reference"]').fill("BANK-0001")
      await h.page.getByTestId("payment-submit").click()
      await form.waitFor({ state: "detached" })
      await waitFor(() => h.page.getByTestId("invoice-status").getAttribute("data-status"), (s) => s === "paid", (s) => expect(s).toBe("paid"))
      await expectText(h.page.getByTestId("invoice-amount_due"), /^0\.00 USD$/)
      await expectText(h.page.getByTestId("invoice-amount_paid"), new RegExp(`^${invoice.total.replace(".", "\\.")} USD$`))
      await expectText(h.page.getByTestId("invoice-payments"), /BANK-0001/)
      const after = (await h.api("GET", `${BASE}/invoices/${ids.invoice}`)).invoice
      expect(after).toMatchObject({ status: "paid", amount_paid: invoice.total, amount_due: "0.00" })
      await h.shot("invoice-paid")
    })
  })

  it("downloads the invoice PDF and its calls", async () => {
    await step("downloads", async () => {
      const pdf = await download(h.page.getByTestId("invoice-download-pdf"), new RegExp(`/invoices/${ids.invoice}/pdf$`))
      expect(pdf.response.status()).toBe(200)
      expect(pdf.response.headers()["content-type"]).toMatch(/^application\/pdf/)
      expect(pdf.body.subarray(0, 4).toString("latin1")).toBe("%PDF")
      expect(pdf.name).toMatch(/^CC-\d{4}-\d{6}\.pdf$/)

      const withCalls = await download(h.page.getByTestId("invoice-download-pdf-calls"), new RegExp(`/invoices/${ids.invoice}/pdf\\?calls=true$`))
      expect(withCalls.body.subarray(0, 4).toString("latin1")).toBe("%PDF")

      const csv = await download(h.page.getByTestId("invoice-download-csv"), new RegExp(`/invoices/${ids.invoice}/calls\\?format=csv$`))
      expect(csv.response.headers()["content-type"]).toMatch(/^text\/csv/)
      // the three calls of the period, one row each
      const rows = csv.body.toString("utf8").trim().split(/\r?\n/)
      expect(rows).toHaveLength(4)
      for (const n of [5, 6, 7]) expect(rows.some((r) => r.startsWith(`${lastMonthDay(n)}T10:00:00`))).toBe(true)

      const xlsx = await download(h.page.getByTestId("invoice-download-xlsx"), new RegExp(`/invoices/${ids.invoice}/calls\\?format=xlsx$`))
      // an XLSX is a zip
      expect(xlsx.body.subarray(0, 2).toString("latin1")).toBe("PK")
      expect(xlsx.name).toMatch(/\.xlsx$/)
    })
  })

  it("issues a partial credit note on another account's open invoice", async () => {
    await step("credit-note", async () => {
      // the second account: same issuer and tax, subscribed last month, closed and finalized through the API
      await h.api("POST", `${BASE}/billing-accounts/${ids.other}`, { entity_id: ids.entity, tax_profile_id: ids.taxProfile })
      await h.api("POST", `${BASE}/billing-accounts/${ids.other}/subscription`, { plan_id: ids.plan, start_date: lastMonthStart, quantities: { seats: "2" } })
      await h.api("POST", `${BASE}/billing-accounts/${ids.other}/close`, {})
      const { invoices } = await h.api("GET", `${BASE}/invoices?account_id=${ids.other}&kind=invoice`)
      const draft = invoices.find((i: any) => i.period_start === lastMonthStart)
      const { invoice } = await h.api("POST", `${BASE}/invoices/${draft.id}/finalize`)
      ids.other_invoice = invoice.id

      // found from the invoices list, filtered by account and status
      await h.open("/call-billing/invoices")
      await h.page.getByTestId("invoices-table").waitFor()
      await h.page.locator(`select[name="account_id"] option[value="${ids.other}"]`).waitFor({ state: "attached" })
      await h.page.getByTestId("invoices-account-filter").selectOption(ids.other)
      await h.page.getByTestId("invoices-status-filter").selectOption("finalized")
      const row = h.page.getByTestId(`invoice-row-${invoice.id}`)
      await expectText(row, new RegExp(`${invoice.number}[\\s\\S]*${OTHER.code}[\\s\\S]*Open`))
      await waitFor(() => h.page.locator('[data-testid^="invoice-row-"]').count(), (n) => n === 1, (n) => expect(n).toBe(1))
      await h.shot("invoices")
      await row.click()
      await h.page.waitForURL(new RegExp(`/call-billing/invoices/${invoice.id}$`))

      // nothing paid or credited yet: it could still be voided
      await h.page.getByTestId("invoice-credit-note").waitFor()
      expect(await h.page.getByTestId("invoice-void").count()).toBe(1)
      await h.page.getByTestId("invoice-credit-note").click()
      const form = h.page.getByTestId("credit-note-form")
      await form.waitFor()
      await h.page.getByTestId("credit-note-partial").check()
      const tooMuch = new Decimal(invoice.amount_due).plus("0.01").toFixed(2)
      await form.locator('input[name="amount"]').fill(tooMuch)
      await form.locator('textarea[name="reason"]').fill("Outage on the 3rd: 10 agents could not dial")
      await h.page.getByTestId("credit-note-submit").click()
      await expectText(h.page.getByTestId("problem-amount"), new RegExp(`cannot be more than ${invoice.amount_due.replace(".", "\\.")}`))
      await form.locator('input[name="amount"]').fill("10.00")
      await h.page.getByTestId("credit-note-submit").click()
      await form.waitFor({ state: "detached" })
      const year = String(new Date().getFullYear())
      await expectText(h.page.getByTestId("invoice-credit-notes"), new RegExp(`CCN-${year}-000001[\\s\\S]*Outage on the 3rd[\\s\\S]*10\\.00 USD`))
      await expectText(h.page.getByTestId("invoice-amount_credited"), /^10\.00 USD$/)
      // credited: no longer voidable (the API refuses it), still open for payment
      await waitFor(() => h.page.getByTestId("invoice-void").count(), (n) => n === 0, (n) => expect(n).toBe(0))
      await h.page.getByTestId("invoice-record-payment").waitFor()
      const after = (await h.api("GET", `${BASE}/invoices/${invoice.id}`)).invoice
      expect(after.credit_notes).toEqual([expect.objectContaining({ number: `CCN-${year}-000001`, total: "10.00" })])
      expect(new Decimal(after.amount_due).eq(new Decimal(invoice.amount_due).minus("10"))).toBe(true)
      await h.shot("credit-note")

      const pdf = await download(h.page.getByTestId("invoice-credit-notes").getByRole("button", { name: /PDF/ }), /\/credit-notes\/[^/]+\/pdf$/)
      expect(pdf.response.headers()["content-type"]).toMatch(/^application\/pdf/)
      expect(pdf.body.subarray(0, 4).toString("latin1")).toBe("%PDF")
      expect(pdf.name).toBe(`CCN-${year}-000001.pdf`)
    })
  })

  it("shows the first account's statement: nothing owed after the payment, with its PDF", async () => {
    await step("statement", async () => {
      await h.open(`/call-billing/billing-accounts/${ids.account}`)
      const card = h.page.getByTestId("statement-card")
      await card.waitFor()
      const statement = await h.api("GET", `${BASE}/billing-accounts/${ids.account}/statement`)
      await expectText(h.page.getByTestId("statement-closing"), new RegExp(`^${statement.closing_balance.replace(".", "\\.")} USD$`))
      expect(new Decimal(statement.closing_balance).isZero()).toBe(true)
      await expectText(h.page.getByTestId("statement-aging-current"), new RegExp(`${statement.aging.current.replace(".", "\\.")} USD`))
      const pdf = await download(h.page.getByTestId("statement-pdf"), /\/statement\?.*format=pdf/)
      expect(pdf.response.headers()["content-type"]).toMatch(/^application\/pdf/)
      expect(pdf.body.subarray(0, 4).toString("latin1")).toBe("%PDF")
      await expectText(h.page.getByTestId(`account-invoice-row-${ids.invoice}`), /CC-\d{4}-\d{6}[\s\S]*Paid/)
    })
  })

  it("cancels the first account's subscription at the end of the current period", async () => {
    await step("cancel", async () => {
      await h.page.getByTestId("subscription-cancel").click()
      const form = h.page.getByTestId("subscription-cancel-form")
      await form.waitFor()
      // "on a date" needs the date
      await form.locator('input[name="at"][value="date"]').check()
      await h.page.getByTestId("subscription-cancel-submit").click()
      await h.page.getByTestId("problem-date").waitFor()
      await form.locator('input[name="at"][value="period_end"]').check()
      await h.page.getByTestId("subscription-cancel-submit").click()
      await form.waitFor({ state: "detached" })
      const { subscription } = await h.api("GET", `${BASE}/billing-accounts/${ids.account}/subscription`)
      expect(subscription.cancel_at).toBe(nextMonthStart)
      await expectText(h.page.getByTestId("subscription-cancel-at"), new RegExp(`^${nextMonthStart}$`))
      expect(await h.page.getByTestId("subscription-cancel").count()).toBe(0)
      await h.shot("subscription-canceled")
    })
  })

  it("makes an account prepaid and tops up its wallet; the same reference is not added twice", async () => {
    await step("wallet", async () => {
      await h.open(`/call-billing/billing-accounts/${ids.prepaid}`)
      await h.page.getByTestId("account-billing").waitFor()
      expect(await h.page.getByTestId("wallet-card").count()).toBe(0)
      await h.page.getByTestId("account-billing-edit").click()
      const form = h.page.getByTestId("account-settings-form")
      await form.waitFor()
      await form.locator('select[name="payment_mode"]').selectOption("prepaid")
      await form.locator('input[name="low_balance_threshold"]').fill("5")
      await h.page.getByTestId("account-settings-submit").click()
      await form.waitFor({ state: "detached" })
      const wallet = h.page.getByTestId("wallet-card")
      await wallet.waitFor()
      await h.page.getByTestId("wallet-empty").waitFor()

      const topUp = async (amount: string, reference: string) => {
        await h.page.getByTestId("wallet-top-up").click()
        const f = h.page.getByTestId("wallet-form")
        await f.waitFor()
        await f.locator('select[name="type"]').selectOption("top_up")
        await f.locator('input[name="amount"]').fill(amount)
        await f.locator('input[name="reference"]').fill(reference)
        await h.page.getByTestId("wallet-submit").click()
        await f.waitFor({ state: "detached" })
      }
      // a negative top-up is refused in the form
      await h.page.getByTestId("wallet-top-up").click()
      await h.page.getByTestId("wallet-form").locator('input[name="amount"]').fill("-5")
      await h.page.getByTestId("wallet-submit").click()
      await h.page.getByTestId("problem-amount").waitFor()
      await h.page.keyboard.press("Escape")
      await h.page.getByTestId("wallet-form").waitFor({ state: "detached" })

      await topUp("50.00", "TOPUP-1")
      await waitFor(() => h.page.getByTestId("wallet-balance").locator("[data-value]").getAttribute("data-value"), (v) => v !== null && new Decimal(v).eq(50), (v) => expect(new Decimal(v!).eq(50)).toBe(true))
      await expectText(h.page.getByTestId("wallet-entries"), /Top-up[\s\S]*TOPUP-1[\s\S]*50/)
      await topUp("50.00", "TOPUP-1")
      await h.page.getByText(/TOPUP-1 is already on the ledger/).first().waitFor()
      const wallet2 = await h.api("GET", `${BASE}/billing-accounts/${ids.prepaid}/wallet`)
      expect(new Decimal(wallet2.balance).eq(50)).toBe(true)
      expect(wallet2.entries).toHaveLength(1)
      await expectText(h.page.getByTestId("wallet-balance"), new RegExp(`^${wallet2.balance.replace(".", "\\.")} USD$`))
      await h.shot("wallet")
    })
  })

  it("made no failed request and threw no error the scenario did not expect", () => {
    const unexpected = h.pageErrors.filter(
      (e) => (e.startsWith("http:") && !expectedHttp.some((re) => re.test(e))) || e.startsWith("pageerror:")
    )
    expect(unexpected).toEqual([])
  })
})

/**
 * Clicks a download button and returns the file the browser saved (its bytes
 * and name) with the server's response. The bytes come from the saved file:
 * the devtools protocol does not keep the body of a response read as a blob.
 */
async function download(button: Locator, url: RegExp) {
  const [response, file] = await Promise.all([
    h.page.waitForResponse((r: Response) => url.test(r.url()) && r.request().method() === "GET", { timeout: 60000 }),
    h.page.waitForEvent("download", { timeout: 60000 }),
    button.click(),
  ])
  const saved = await file.path()
  return { response, name: file.suggestedFilename(), body: fs.readFileSync(saved) }
}

/** Polls `get` until `ready` holds (or time runs out), then runs the assertions on the last value. */
async function waitFor<T>(get: () => Promise<T>, ready: (v: T) => boolean, check: (v: T) => void, timeout = 15000) {
  const deadline = Date.now() + timeout
  let v = await get()
  while (!ready(v) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200))
    v = await get()
  }
  check(v)
}

/** Waits (auto-retrying) until the element's text matches; returns the text. */
async function expectText(locator: Locator, re: RegExp, timeout = 15000) {
  const deadline = Date.now() + timeout
  let text = ""
  for (;;) {
    text = (await locator.innerText({ timeout }).catch(() => "")) ?? ""
    if (re.test(text.trim())) return text.trim()
    if (Date.now() > deadline) throw new Error(`expected ${re} in ${JSON.stringify(text.slice(0, 500))}`)
    await new Promise((r) => setTimeout(r, 200))
  }
}
