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
  // Failed requests the scenario provokes on purpose; any other is a defect.
  const expectedHttp: RegExp[] = []

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

  it("shows each list's empty state before anything exists", async () => {
    await step("empty-states", async () => {
      await h.open("/call-billing/rate-cards")
      await h.page.getByTestId("rate-cards-empty").waitFor()
      await h.open("/call-billing/time-profiles")
      await h.page.getByTestId("time-profiles-empty").waitFor()
      await h.open("/call-billing/billing-accounts")
      await h.page.getByTestId("billing-accounts-empty").waitFor()
      await h.shot("billing-accounts-empty")
    })
  })

  it("creates a time profile in the UI, refuses a bad rule, and saves rules and a holiday", async () => {
    await step("time-profile-ui", async () => {
      await h.open("/call-billing/time-profiles")
      await h.page.getByTestId("time-profile-create").click()
      const form = h.page.getByTestId("time-profile-form")
      await form.locator('input[name="code"]').fill("night-desk")
      await form.locator('input[name="name"]').fill("Night desk")
      await h.page.getByTestId("time-profile-create-submit").click()
      await h.page.waitForURL(/\/time-profiles\/[^/]+$/)
      const id = new URL(h.page.url()).pathname.split("/").pop()!

      // A new rule defaults to Mon–Fri 08:00–18:00; the grid follows as it is typed.
      await h.page.getByTestId("profile-add-rule").click()
      const rule = h.page.getByTestId("rule-row-0")
      await rule.locator('input[name="rules.0.band"]').fill("day")
      expect(await h.page.getByTestId("week-grid-cell-mon-9").getAttribute("data-band")).toBe("day")
      expect(await h.page.getByTestId("week-grid-cell-sat-9").getAttribute("data-band")).not.toBe("day")

      // 25:00 is refused before anything is sent.
      await rule.locator('input[name="rules.0.to"]').fill("25:00")
      await h.page.getByTestId("profile-save").click()
      await expectText(h.page.getByTestId("profile-errors"), /Rule 1: to "25:00"/)
      expect((await h.api("GET", `/admin/call-billing/time-profiles/${id}`)).time_profile.rules).toEqual([])

      await rule.locator('input[name="rules.0.to"]').fill("18:00")
      await h.page.getByTestId("profile-add-holiday").click()
      await h.page.locator('input[name="holidays.0.date"]').fill("2026-12-25")
      await h.page.locator('input[name="holidays.0.band"]').fill("offpeak")
      await h.page.getByTestId("profile-save").click()
      await h.page.getByTestId("profile-errors").waitFor({ state: "detached" })
      await waitFor(async () => (await h.api("GET", `/admin/call-billing/time-profiles/${id}`)).time_profile, (p) => p.rules.length === 1, (p) => {
        expect(p.rules).toEqual([{ band: "day", days: ["mon", "tue", "wed", "thu", "fri"], from: "08:00", to: "18:00" }])
        expect(p.holidays).toEqual([{ date: "2026-12-25", band: "offpeak" }])
      })
      await h.shot("time-profile-edited")
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

  it("creates a rate card through the form, refusing a bad currency first", async () => {
    await step("create-card", async () => {
      await h.open("/call-billing/rate-cards")
      await h.page.getByTestId("rate-cards-create").click()
      const form = h.page.getByTestId("rate-card-form")
      await form.waitFor()
      await form.locator('input[name="code"]').fill(CARD)
      await form.locator('input[name="name"]').fill("Browser card")
      await form.locator('input[name="currency_code"]').fill("dollars")
      await h.page.getByTestId("rate-card-form-submit").click()
      await h.page.getByTestId("rate-card-form-error-currency_code").waitFor()
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
    })
  })

  it("renames the card from the list's edit drawer", async () => {
    await step("edit-card", async () => {
      await h.page.getByTestId(`rate-card-edit-${CARD}`).click()
      const form = h.page.getByTestId("rate-card-form")
      await form.waitFor()
      expect(await form.locator('input[name="code"]').inputValue()).toBe(CARD)
      await form.locator('input[name="name"]').fill("Browser sell card")
      await h.page.getByTestId("rate-card-form-submit").click()
      await form.waitFor({ state: "detached" })
      await expectText(h.page.getByTestId(`rate-card-row-${CARD}`), /Browser sell card/)
      await h.page.getByTestId(`rate-card-row-${CARD}`).click()
      await h.page.waitForURL(/\/app\/call-billing\/rate-cards\/[^/]+$/)
      ids.card = new URL(h.page.url()).pathname.split("/").pop()
      await h.page.getByTestId("versions-empty").waitFor()
      await expectText(h.page.getByTestId("rate-card-title"), /Browser sell card/)
      const { rate_card } = await h.api("GET", `/admin/call-billing/rate-cards/${ids.card}`)
      expect(rate_card).toMatchObject({ code: CARD, name: "Browser sell card", currency_code: expect.stringMatching(/^usd$/i), time_profile_id: ids.profile })
    })
  })

  it("uploads a good deck as draft v1 and finds rows by prefix, band and direction", async () => {
    await step("upload-good", async () => {
      await uploadDeck("rates.csv", 1)
      await expectText(h.page.getByTestId("version-row-1"), /draft/i)
      const table = h.page.getByTestId("rates-table")
      await table.waitFor()
      await h.page.getByTestId("rates-search").fill("4420")
      await expectText(table, /London/)
      await h.page.getByTestId("rates-search").fill("")
      await expectText(table, /Germany/)

      await h.page.getByTestId("rates-band-filter").selectOption("weekend")
      await waitFor(() => bodyRows(table), (rows) => rows.length > 0 && rows.every((r) => /weekend/.test(r)), (rows) => {
        expect(rows.join("\n")).toMatch(/United Kingdom - Fixed/)
      })
      await h.page.getByTestId("rates-band-filter").selectOption("")
      await h.page.getByTestId("rates-direction-filter").selectOption("inbound")
      await waitFor(() => bodyRows(table), (rows) => rows.length > 0 && rows.every((r) => /inbound/i.test(r)), (rows) => {
        expect(rows.join("\n")).toMatch(/Freephone \(inbound\)/)
        expect(rows.join("\n")).not.toMatch(/London/)
      })
      await h.shot("rates-filtered")
      await h.page.getByTestId("rates-direction-filter").selectOption("")
    })
  })

  it("rejects a bad deck and lists every bad line", async () => {
    await step("upload-bad", async () => {
      expectedHttp.push(new RegExp(`^http: 400 POST .*/rate-cards/${ids.card}/versions$`))
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

  it("creates a customer's billing account from the widget and assigns it the card", async () => {
    await step("widget-create", async () => {
      const { customer } = await h.api("POST", "/admin/customers", { email: "ops@acme.example", first_name: "Acme", last_name: "Ops", company_name: "Acme Contact Centre" })
      ids.customer = customer.id
      await h.open(`/customers/${ids.customer}`)
      const widget = h.page.getByTestId("billing-account-widget")
      await widget.waitFor()
      await h.page.getByTestId("billing-account-widget-create").scrollIntoViewIfNeeded()
      await h.shot("customer-without-account")
      await h.page.getByTestId("billing-account-widget-create").click()
      const form = h.page.getByTestId("billing-account-form")
      await form.waitFor()
      await form.locator('input[name="code"]').fill("acme")
      await form.locator('input[name="name"]').fill("Acme Contact Centre")
      await form.locator('input[name="currency_code"]').fill("USD")
      await form.locator('input[name="timezone"]').fill("Europe/London")
      await form.locator('input[name="country_code"]').fill("44")
      await h.page.getByTestId("billing-account-create-submit").click()
      await form.waitFor({ state: "detached" })
      await h.page.getByTestId("billing-account-widget-link").waitFor()
      await expectText(widget, /Acme Contact Centre/)

      // Follow the widget's link and assign the card on the account's page.
      await h.page.getByTestId("billing-account-widget-link").click()
      await h.page.waitForURL(/\/billing-accounts\/[^/]+$/)
      ids.account = new URL(h.page.url()).pathname.split("/").pop()
      const assign = h.page.getByTestId("assign-card-form")
      await assign.locator(`select[name="rate_card_id"] option[value="${ids.card}"]`).waitFor({ state: "attached" })
      await assign.locator('select[name="rate_card_id"]').selectOption(ids.card!)
      await assign.locator('select[name="direction"]').selectOption("outbound")
      await h.page.getByTestId("assign-card-submit").click()
      await expectText(h.page.getByTestId("account-assignments-outbound"), new RegExp(CARD))
      await h.shot("billing-account")
      const { billing_account } = await h.api("GET", `/admin/call-billing/billing-accounts/${ids.account}`)
      expect(billing_account).toMatchObject({ code: "acme", currency_code: expect.stringMatching(/^usd$/i), timezone: "Europe/London" })

      // Back on the customer's page the widget shows the card.
      await h.open(`/customers/${ids.customer}`)
      await expectText(h.page.getByTestId("billing-account-widget-outbound"), /Browser sell card/)
      await h.page.getByTestId("billing-account-widget").scrollIntoViewIfNeeded()
      await h.shot("customer-with-account")
    })
  })

  it("creates an account from the list, validating before it sends, and finds it by search", async () => {
    await step("billing-accounts", async () => {
      await h.open("/call-billing/billing-accounts")
      await h.page.getByTestId("billing-account-create").click()
      const form = h.page.getByTestId("billing-account-form")
      await form.locator('input[name="code"]').fill("globex")
      await form.locator('input[name="name"]').fill("Globex Support")
      await form.locator('input[name="currency_code"]').fill("GBP")
      await form.locator('input[name="timezone"]').fill("Mars/Olympus")
      await form.locator('input[name="country_code"]').fill("44")
      await h.page.getByTestId("billing-account-create-submit").click()
      await expectText(form, /time zone/i)
      await form.locator('input[name="timezone"]').fill("Europe/London")
      await h.page.getByTestId("billing-account-create-submit").click()
      await h.page.waitForURL(/\/billing-accounts\/[^/]+$/)
      await expectText(h.page.getByTestId("billing-account-status"), /active/i)

      await h.open("/call-billing/billing-accounts")
      await h.page.getByTestId("billing-accounts-table").waitFor()
      await h.page.getByTestId("billing-account-row-globex").waitFor()
      await h.page.getByTestId("billing-accounts-search").fill("acme")
      await h.page.getByTestId("billing-account-row-globex").waitFor({ state: "detached" })
      await h.page.getByTestId("billing-account-row-acme").waitFor()
      await h.shot("billing-accounts")
    })
  })

  it("refuses to delete a card an account uses, with the server's reason, and deletes an unused one", async () => {
    await step("delete-card", async () => {
      await h.api("POST", "/admin/call-billing/rate-cards", { code: "browser-unused", name: "Unused card", currency_code: "USD" })
      await h.open("/call-billing/rate-cards")
      expectedHttp.push(new RegExp(`^http: 4\\d\\d DELETE .*/rate-cards/${ids.card}$`))
      await h.page.getByTestId(`rate-card-delete-${CARD}`).click()
      await h.page.getByRole("alertdialog").getByRole("button", { name: /delete/i }).click()
      // the toast carries the server's message
      await h.page.getByText(/Rate card is in use and cannot be deleted: .*acme/).first().waitFor()
      await h.shot("delete-refused")
      await h.page.getByTestId(`rate-card-row-${CARD}`).waitFor()

      await h.page.getByTestId("rate-card-delete-browser-unused").click()
      await h.page.getByRole("alertdialog").getByRole("button", { name: /delete/i }).click()
      await h.page.getByTestId("rate-card-row-browser-unused").waitFor({ state: "detached" })
    })
  })

  it("rates a call, shows the trace in words and ranks two carriers by cost with the margin", async () => {
    await step("rate-a-call", async () => {
      const deck = fs.readFileSync(path.join(EXAMPLES, "carrier-a.csv"), "utf8")
      for (const [code, carrier, csv] of [
        ["carrier-a", "Carrier A", deck],
        ["carrier-b", "Carrier B", deck.replace("44,United Kingdom - Fixed,0.0060", "44,United Kingdom - Fixed,0.0090")],
      ]) {
        const { rate_card } = await h.api("POST", "/admin/call-billing/rate-cards", {
          code, name: `${carrier} buy`, kind: "buy", carrier, currency_code: "USD", time_profile_id: ids.profile,
        })
        const { version } = await h.api("POST", `/admin/call-billing/rate-cards/${rate_card.id}/versions`, { csv, filename: `${code}.csv` })
        await h.api("POST", `/admin/call-billing/rate-cards/${rate_card.id}/versions/${version.id}/publish`, { effective_from: "2026-01-01T00:00:00Z" })
      }

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

      // 61 s on 60/60 is 120 s: A costs 0.0120, B 0.0180; sold at 0.0200.
      await h.page.getByTestId("lcr-table").waitFor()
      await expectText(h.page.getByTestId("lcr-row-1"), /Carrier A[\s\S]*0\.0120 USD/)
      await expectText(h.page.getByTestId("lcr-row-2"), /Carrier B[\s\S]*0\.0180 USD/)
      await expectText(h.page.getByTestId("lcr-margin-1"), /^0\.0080 USD$/)
      await expectText(h.page.getByTestId("lcr-margin-2"), /^0\.0020 USD$/)
      await h.shot("rate-a-call")
    })
  })

  // Usage (issue 4): examples/cdrs.csv's calls are acme's, rated with the card above.
  const usage: { job?: string } = {}

  it("uploads a CDR file from the imports page and follows its job to a summary that reconciles", async () => {
    await step("import-upload", async () => {
      await h.open("/call-billing")
      for (const key of ["imports", "usage", "exceptions"]) await h.page.getByTestId(`nav-${key}`).waitFor()
      await h.page.getByTestId("nav-imports").click()
      await h.page.waitForURL(/\/call-billing\/imports$/)
      await h.page.getByTestId("imports-empty").waitFor()

      const form = h.page.getByTestId("usage-upload-form")
      await h.page.getByTestId("usage-upload-input").setInputFiles(path.join(EXAMPLES, "cdrs.csv"))
      // A source with a space is refused before anything is sent.
      await form.locator('input[name="source"]').fill("browser pbx")
      await h.page.getByTestId("usage-upload-submit").click()
      await h.page.getByTestId("usage-upload-error-source").waitFor()
      await form.locator('input[name="source"]').fill("browser-pbx")
      await form.locator('select[name="format"]').selectOption("asterisk")
      await form.locator('input[name="timezone"]').waitFor()
      await form.locator('select[name="format"]').selectOption("generic")
      expect(await form.locator('input[name="timezone"]').count()).toBe(0)
      await h.page.getByTestId("usage-upload-submit").click()

      const summary = h.page.getByTestId("usage-upload-job").getByTestId("import-job-summary")
      await summary.waitFor({ timeout: 60000 })
      await waitFor(async () => summary.getAttribute("data-status"), (s) => s === "completed" || s === "failed", (s) => expect(s).toBe("completed"), 120000)
      await h.shot("import-completed")

      const { import_jobs } = await h.api("GET", "/admin/call-billing/imports?source=browser-pbx")
      expect(import_jobs).toHaveLength(1)
      const job = import_jobs[0]
      usage.job = job.id
      expect(job).toMatchObject({ status: "completed", filename: "cdrs.csv", format: "generic", channel: "upload", received: 25 })
      expect(job.inserted + job.duplicates + job.exceptions).toBe(25)
      expect(job.exceptions).toBeGreaterThan(0)
      // The counters on the page are the job's.
      for (const key of ["received", "inserted", "duplicates", "exceptions"]) {
        expect(await summary.getByTestId(`import-counter-${key}`).locator("[data-value]").getAttribute("data-value")).toBe(String(job[key]))
      }
      await expectText(summary.getByTestId("import-job-reconcile"), new RegExp(`25 received = ${job.inserted} inserted \\+ ${job.duplicates} duplicates \\+ ${job.exceptions} exceptions`))
      for (const reason of Object.keys(job.exception_reasons ?? {})) await summary.getByTestId(`import-job-reason-${reason}`).waitFor()

      // The list shows it, completed, with its counters.
      const row = h.page.getByTestId(`import-row-${job.id}`)
      await expectText(row, new RegExp(`cdrs\\.csv[\\s\\S]*browser-pbx[\\s\\S]*Completed[\\s\\S]*25\\s+${job.inserted}\\s+${job.duplicates}\\s+${job.exceptions}`))
      await h.page.getByTestId("imports-table").scrollIntoViewIfNeeded()
      await h.shot("imports")

      // Its own page says the same.
      await row.click()
      await h.page.waitForURL(new RegExp(`/call-billing/imports/${job.id}$`))
      await expectText(h.page.getByTestId("import-job-title"), /cdrs\.csv/)
      expect(await h.page.getByTestId("import-job-summary").getAttribute("data-status")).toBe("completed")
      await h.shot("import-job")
    })
  })

  it("explores the account's usage: totals for the filter and a call's trace in words", async () => {
    await step("usage-explorer", async () => {
      await h.open("/call-billing/usage")
      const filters = h.page.getByTestId("usage-filters")
      await filters.locator(`select[name="account_id"] option[value="${ids.account}"]`).waitFor({ state: "attached" })
      await filters.locator('select[name="account_id"]').selectOption(ids.account!)
      await filters.locator('input[name="from"]').fill("2026-03-01")
      await filters.locator('input[name="to"]').fill("2026-03-31")
      const march = await h.api("GET", `/admin/call-billing/usage?account_id=${ids.account}&from=2026-03-01T00:00:00.000Z&to=2026-04-01T00:00:00.000Z&limit=1`)
      expect(march.totals.calls).toBeGreaterThan(0)
      await expectText(h.page.getByTestId("usage-total-calls"), new RegExp(`^Calls\\s+${march.totals.calls}$`))
      const charge = march.totals.charge.find((c: any) => c.currency.toUpperCase() === "USD")
      // Money exactly as the API sums it.
      await expectText(h.page.getByTestId("usage-total-charge-USD"), new RegExp(`^${charge.amount.replace(".", "\\.")} USD$`))
      await expectText(h.page.getByTestId("usage-total-minutes"), new RegExp(march.totals.minutes.replace(".", "\\.")))
      await waitFor(() => bodyRows(h.page.getByTestId("usage-table")), (rows) => rows.length === Math.min(50, march.totals.calls), (rows) => {
        expect(rows.join("\n")).toMatch(/c-0001/)
        expect(rows.join("\n")).not.toMatch(/c-0006/) // July
      })
      await h.shot("usage")

      // A filter on a call field narrows the totals too.
      await filters.locator('select[name="disposition"]').selectOption("NO ANSWER")
      const noAnswer = await h.api("GET", `/admin/call-billing/usage?account_id=${ids.account}&from=2026-03-01T00:00:00.000Z&to=2026-04-01T00:00:00.000Z&disposition=NO%20ANSWER&limit=1`)
      await expectText(h.page.getByTestId("usage-total-calls"), new RegExp(`^Calls\\s+${noAnswer.totals.calls}$`))
      await filters.locator('select[name="disposition"]').selectOption("")
      await expectText(h.page.getByTestId("usage-total-calls"), new RegExp(`^Calls\\s+${march.totals.calls}$`))

      // The same call as "rate a call" above, now stored: the same sentence.
      await h.page.getByTestId("usage-row-c-0001").click()
      const drawer = h.page.getByTestId("usage-call-drawer")
      await drawer.waitFor()
      const trace = (await h.page.getByTestId("usage-call-trace").innerText()).trim()
      process.stdout.write(`[browser] stored trace: ${trace}\n`)
      expect(trace).toMatch(/^\+44 20 7946 0018 matched 4420/)
      expect(trace).toMatch(/in card "Browser sell card" v1, band peak/)
      expect(trace).toMatch(/61 s billed as 120 s \(60\/60\)/)
      expect(trace).toMatch(/= 0\.0200 USD/)
      await expectText(h.page.getByTestId("usage-call-charge"), /0\.0200 USD/)
      await h.shot("usage-call-trace")
      await h.page.keyboard.press("Escape")
      await drawer.waitFor({ state: "detached" })
    })
  })

  it("opens the job's exceptions from its link, ignores one with a note and fixes and reprocesses another", async () => {
    await step("exceptions", async () => {
      const { import_job: job } = await h.api("GET", `/admin/call-billing/imports/${usage.job}`)
      await h.open(`/call-billing/imports/${usage.job}`)
      await h.page.getByTestId("import-job-exceptions-link").click()
      await h.page.waitForURL(new RegExp(`/call-billing/exceptions\\?import_job_id=${usage.job}`))
      const table = h.page.getByTestId("exceptions-table")
      await table.waitFor()
      await waitFor(() => table.locator('tbody tr[data-testid^="exception-row-"]').count(), (n) => n === job.exceptions, (n) => expect(n).toBe(job.exceptions))
      // Every row has a reason, and the counts by reason are the job's.
      for (const [reason, n] of Object.entries(job.exception_reasons ?? {})) {
        expect(await h.page.getByTestId(`exceptions-reason-count-${reason}`).getAttribute("data-count")).toBe(String(n))
      }
      // c-0016 dialled "12ab34".
      const bad = h.page.getByTestId("exception-row-c-0016")
      expect(await bad.getAttribute("data-reason")).toBe("invalid_number")
      await h.shot("exceptions")

      // Ignore one (not c-0016) with a note: the note is required.
      const keys = (await table.locator('tbody tr[data-testid^="exception-row-"]').evaluateAll((rows) => rows.map((r) => r.getAttribute("data-testid")!.slice("exception-row-".length))))
      const ignored = keys.find((key) => key !== "c-0016")!
      await h.page.getByTestId(`exception-select-${ignored}`).click()
      await expectText(h.page.getByTestId("exceptions-selection"), /^1 selected exception$/)
      await h.page.getByTestId("exceptions-ignore").click()
      const ignoreForm = h.page.getByTestId("exceptions-ignore-form")
      await ignoreForm.waitFor()
      await h.page.getByTestId("exceptions-ignore-submit").click()
      await h.page.getByTestId("exceptions-ignore-error").waitFor()
      await ignoreForm.locator('textarea[name="note"]').fill("Test call from the browser suite, not billed")
      await h.shot("exceptions-ignore")
      await h.page.getByTestId("exceptions-ignore-submit").click()
      await ignoreForm.waitFor({ state: "detached" })
      await h.page.getByTestId(`exception-row-${ignored}`).waitFor({ state: "detached" })
      const after = await h.api("GET", `/admin/call-billing/exceptions?import_job_id=${usage.job}&status=ignored`)
      expect(after.exceptions).toEqual([expect.objectContaining({ record_key: ignored, status: "ignored", note: "Test call from the browser suite, not billed" })])

      // Fix c-0016's number in its details and reprocess it: it becomes a call.
      await h.page.getByTestId("exception-expand-c-0016").click()
      const details = h.page.getByTestId("exception-details-c-0016")
      await details.waitFor()
      await expectText(h.page.getByTestId("exception-original-c-0016"), /12ab34/)
      await details.locator('input[name="fields.callee"]').fill("+44 20 7946 0018")
      await details.scrollIntoViewIfNeeded()
      await h.shot("exception-fix")
      await h.page.getByTestId("exception-fix-c-0016").click()
      await expectText(h.page.getByTestId("exceptions-result"), /Reprocessed 1: 1 resolved, 0 still failing/)
      await bad.waitFor({ state: "detached" })
      const resolved = await h.api("GET", `/admin/call-billing/exceptions?import_job_id=${usage.job}&status=resolved`)
      expect(resolved.exceptions).toEqual([expect.objectContaining({ record_key: "c-0016", status: "resolved" })])
      const { calls } = await h.api("GET", `/admin/call-billing/usage?q=c-0016`)
      expect(calls).toEqual([expect.objectContaining({ call_id: "c-0016", callee: "+44 20 7946 0018", currency: expect.stringMatching(/^usd$/i) })])
      await h.shot("exceptions-after")
    })
  })

  it("made no failed request and threw no error the scenario did not expect", () => {
    const unexpected = h.pageErrors.filter(
      (e) => (e.startsWith("http:") && !expectedHttp.some((re) => re.test(e))) || e.startsWith("pageerror:")
    )
    expect(unexpected).toEqual([])
  })
})

/** Texts of a table's body rows. */
async function bodyRows(table: import("playwright-core").Locator): Promise<string[]> {
  return table.locator("tbody tr").allInnerTexts()
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
