// The admin extension in a real browser: Debian's chromium (playwright-core)
// against a built Medusa app with the plugin's src/ (scripts/admin-host.js).
// One scenario, step by step, sharing one logged-in page; a screenshot of every
// page visited goes to artifacts/screenshots/ (git-ignored).
//
//   npm run test:browser          # or TEST_TYPE=integration:browser npm test
//
// Supporting data (a billing account, a customer) is made through the admin API
// with a bearer token; what the steps test goes through the UI.
import fs from "fs"
import path from "path"
import { Harness, ROOT, login, startHarness } from "./harness"

const EXAMPLES = path.join(ROOT, "examples")
const CARD = "browser-sell"

jest.setTimeout(300000)

let h: Harness

beforeAll(async () => {
  h = await startHarness()
}, 600000)

afterAll(async () => {
  if (h) await h.stop()
}, 60000)

/** Fails a step with the page's own errors appended, after a screenshot. */
async function step<T>(name: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (e: any) {
    await h.shot(`FAILED-${name}`).catch(() => {})
    const errors = h.pageErrors.slice(-10).join("\n")
    e.message = `${e.message}\n(url ${h.page.url()})${errors ? `\npage errors:\n${errors}` : ""}`
    throw e
  }
}

describe("the admin in chromium", () => {
  // Filled in as the scenario goes.
  const ids: { profile?: string; card?: string; account?: string; customer?: string } = {}

  it("logs in through the login form", async () => {
    await step("login", async () => {
      await login(h)
      expect(new URL(h.page.url()).pathname).not.toContain("/login")
      await h.shot("home")
    })
  })

  it("shows the Call billing section with a link to each page", async () => {
    await step("section", async () => {
      await h.open("/call-billing")
      for (const key of ["rateCards", "timeProfiles", "billingAccounts", "rateACall"]) {
        await h.page.getByTestId(`nav-${key}`).waitFor()
      }
      // The route config puts the section in the sidebar.
      await h.page.locator('a[href="/app/call-billing"]').first().waitFor()
      await h.shot("call-billing")
    })
  })

  it("shows a time profile (made through the API) on the week grid", async () => {
    await step("time-profiles", async () => {
      const profile = JSON.parse(fs.readFileSync(path.join(EXAMPLES, "profile.json"), "utf8"))
      const { time_profile } = await h.api("POST", "/admin/call-billing/time-profiles", { code: "uk-business", name: "UK business hours", ...profile })
      ids.profile = time_profile.id
      await h.open("/call-billing/time-profiles")
      await h.page.getByTestId("time-profiles-table").waitFor()
      await h.page.getByTestId("time-profile-row-uk-business").waitFor()
      await h.shot("time-profiles")
      await h.page.getByTestId("time-profile-row-uk-business").click()
      await h.page.getByTestId("week-grid").waitFor()
      // Monday 09:00 is peak, Monday 20:00 offpeak, Saturday weekend.
      expect(await h.page.getByTestId("week-grid-cell-mon-9").getAttribute("data-band")).toBe("peak")
      expect(await h.page.getByTestId("week-grid-cell-mon-20").getAttribute("data-band")).toBe("offpeak")
      expect(await h.page.getByTestId("week-grid-cell-sat-12").getAttribute("data-band")).toBe("weekend")
      await h.shot("time-profile")
    })
  })

  it("creates a rate card through the form", async () => {
    await step("create-card", async () => {
      await h.open("/call-billing/rate-cards")
      await h.page.getByTestId("rate-cards-create").click()
      const form = h.page.getByTestId("rate-card-form")
      await form.waitFor()
      await form.locator('input[name="code"]').fill(CARD)
      await form.locator('input[name="name"]').fill("Browser sell card")
      await form.locator('input[name="currency_code"]').fill("usd")
      // rates.csv has inbound freephone rows too.
      await form.locator('select[name="direction"]').selectOption("both")
      await form.locator('select[name="time_profile_id"]').selectOption(ids.profile!)
      await h.shot("rate-card-form")
      await h.page.getByTestId("rate-card-form-submit").click()
      await form.waitFor({ state: "detached" })
      const row = h.page.getByTestId(`rate-card-row-${CARD}`)
      await row.waitFor()
      await h.shot("rate-cards")
      await row.click()
      await h.page.waitForURL(/\/app\/call-billing\/rate-cards\/[^/]+$/)
      ids.card = new URL(h.page.url()).pathname.split("/").pop()
      await h.page.getByTestId("versions-empty").waitFor()
      const { rate_card } = await h.api("GET", `/admin/call-billing/rate-cards/${ids.card}`)
      expect(rate_card).toMatchObject({ code: CARD, currency_code: expect.stringMatching(/^usd$/i), time_profile_id: ids.profile })
    })
  })

  it("uploads a good deck as draft v1 and shows its rows", async () => {
    await step("upload-good", async () => {
      await uploadDeck("rates.csv", 1)
      await expectText(h.page.getByTestId("version-row-1"), /draft/i)
      await h.page.getByTestId("rates-table").waitFor()
      await h.page.getByTestId("rates-search").fill("4420")
      await expectText(h.page.getByTestId("rates-table"), /London/)
      await h.shot("deck-uploaded")
    })
  })

  it("rejects a bad deck and lists every bad line", async () => {
    await step("upload-bad", async () => {
      await h.page.getByTestId("deck-upload-input").setInputFiles(path.join(EXAMPLES, "bad-rates.csv"))
      await h.page.getByTestId("deck-upload-submit").click()
      const table = h.page.getByTestId("deck-errors-table")
      await table.waitFor()
      await expect(table.locator('[data-testid^="deck-error-"]').count()).resolves.toBe(9)
      await expectText(h.page.getByTestId("deck-error-1"), /conect_fee/)
      await expectText(h.page.getByTestId("deck-error-4"), /negative/)
      await expectText(h.page.getByTestId("deck-error-11"), /duplicate/)
      await h.page.getByTestId("deck-errors-table").scrollIntoViewIfNeeded()
      await h.shot("deck-rejected")
      // No version was made from it.
      expect(await h.page.getByTestId("version-row-2").count()).toBe(0)
    })
  })

  it("publishes v1 from a date", async () => {
    await step("publish", async () => {
      await h.page.getByTestId("version-publish-1").click()
      await h.page.getByTestId("publish-date-input").fill("2026-01-01T00:00")
      await h.shot("publish-dialog")
      await h.page.getByTestId("publish-submit").click()
      await h.page.getByTestId("publish-form").waitFor({ state: "detached" })
      await expectText(h.page.getByTestId("version-row-1"), /in force/i)
      expect(await h.page.getByTestId("version-publish-1").count()).toBe(0)
      await h.shot("published")
      // The published version downloads as a deck again.
      const [download] = await Promise.all([h.page.waitForEvent("download"), h.page.getByTestId("version-export-1").click()])
      const csv = fs.readFileSync(await download.path(), "utf8")
      expect(csv.split("\n")[0]).toMatch(/^prefix,destination/)
      expect(csv).toMatch(/^4420,United Kingdom - London/m)
    })
  })

  it("uploads the next deck as v2 and compares it with v1", async () => {
    await step("compare", async () => {
      await uploadDeck("rates-2026-04.csv", 2)
      await h.page.getByTestId("compare-from").selectOption("1")
      await h.page.getByTestId("compare-to").selectOption("2")
      await h.page.getByTestId("compare-submit").click()
      await h.page.getByTestId("diff-result").waitFor()
      // README: three rows changed, one removed, two added, one rewritten without a change.
      await expect(h.page.getByTestId("diff-added").locator('tbody tr[data-testid^="diff-added-"]').count()).resolves.toBe(2)
      await expect(h.page.getByTestId("diff-removed").locator('tbody tr[data-testid^="diff-removed-"]').count()).resolves.toBe(1)
      await expect(h.page.getByTestId("diff-changed").locator('tbody tr[data-testid^="diff-changed-"]').count()).resolves.toBe(3)
      await h.page.getByTestId("diff-result").scrollIntoViewIfNeeded()
      await h.shot("compare")
    })
  })

  it("lists a billing account (made through the API) with its outbound card", async () => {
    await step("billing-accounts", async () => {
      const { customer } = await h.api("POST", "/admin/customers", { email: "ops@acme.example", first_name: "Acme", last_name: "Ops" })
      ids.customer = customer.id
      const { billing_account } = await h.api("POST", "/admin/call-billing/billing-accounts", {
        code: "acme",
        name: "Acme Contact Centre",
        currency_code: "USD",
        timezone: "Europe/London",
        country_code: "44",
        customer_id: customer.id,
      })
      ids.account = billing_account.id
      await h.api("POST", `/admin/call-billing/billing-accounts/${ids.account}/card-assignments`, { direction: "outbound", rate_card_id: ids.card })

      await h.open("/call-billing/billing-accounts")
      await h.page.getByTestId("billing-accounts-table").waitFor()
      await h.page.getByTestId("billing-accounts-search").fill("acme")
      await h.page.getByTestId("billing-account-row-acme").waitFor()
      await h.shot("billing-accounts")
      await h.page.getByTestId("billing-account-row-acme").click()
      await h.page.waitForURL(/\/billing-accounts\/[^/]+$/)
      await expectText(h.page.getByTestId("account-assignments-outbound"), new RegExp(CARD))
      await h.shot("billing-account")
    })
  })

  it("rates a call and shows the trace", async () => {
    await step("rate-a-call", async () => {
      await h.open("/call-billing/rate-a-call")
      const form = h.page.getByTestId("rate-call-form")
      await form.waitFor()
      await form.locator(`select[name="account_id"] option[value="${ids.account}"]`).waitFor({ state: "attached" })
      await form.locator('select[name="account_id"]').selectOption(ids.account!)
      await form.locator('input[name="number"]').fill("+44 20 7946 0018")
      await form.locator('select[name="direction"]').selectOption("outbound")
      await form.locator('input[name="answer_time"]').fill("2026-03-02T09:15")
      await form.locator('input[name="billsec"]').fill("61")
      await h.page.getByTestId("rate-call-submit").click()
      const result = h.page.getByTestId("rate-call-result")
      await result.waitFor()
      const trace = (await h.page.getByTestId("rate-call-trace").innerText()).trim()
      process.stdout.write(`[browser] trace: ${trace}\n`)
      expect(trace).toMatch(/matched 4420/)
      expect(trace).toMatch(/in card "Browser sell card" v1/)
      expect(trace).toMatch(/band peak/)
      expect(trace).toMatch(/= 0\.0200 USD$/)
      await h.shot("rate-a-call")
    })
  })

  it("shows the billing account widget on a customer's page", async () => {
    await step("customer-widget", async () => {
      await h.open(`/customers/${ids.customer}`)
      const widget = h.page.getByTestId("billing-account-widget")
      await widget.waitFor()
      await widget.scrollIntoViewIfNeeded()
      await h.page.getByTestId("billing-account-widget-link").waitFor()
      await expectText(widget, /Acme Contact Centre/)
      await expectText(h.page.getByTestId("billing-account-widget-outbound"), /Browser sell card/)
      await h.shot("customer-with-account")

      const { customer } = await h.api("POST", "/admin/customers", { email: "new@example.com", first_name: "New" })
      await h.open(`/customers/${customer.id}`)
      await h.page.getByTestId("billing-account-widget").waitFor()
      await h.page.getByTestId("billing-account-widget-create").scrollIntoViewIfNeeded()
      await h.page.getByTestId("billing-account-widget-create").waitFor()
      await h.shot("customer-without-account")
    })
  })
})

/** Waits (auto-retrying) until the element's text matches. */
async function expectText(locator: import("playwright-core").Locator, re: RegExp, timeout = 15000) {
  const deadline = Date.now() + timeout
  let text = ""
  for (;;) {
    text = (await locator.innerText({ timeout }).catch(() => "")) ?? ""
    if (re.test(text)) return text
    if (Date.now() > deadline) throw new Error(`expected ${re} in ${JSON.stringify(text.slice(0, 500))}`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

/** Uploads a deck that must be accepted as version `number`; fails fast with the listed bad lines if not. */
async function uploadDeck(file: string, number: number) {
  await h.page.getByTestId("deck-upload-input").setInputFiles(path.join(EXAMPLES, file))
  await h.page.getByTestId("deck-upload-submit").click()
  const row = h.page.getByTestId(`version-row-${number}`)
  const errors = h.page.getByTestId("deck-errors-table")
  await row.or(errors).first().waitFor({ timeout: 60000 })
  if (await errors.isVisible()) throw new Error(`${file} was rejected:\n${await errors.innerText()}`)
}
