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
