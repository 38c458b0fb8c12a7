// Shared pieces of the browser tests: a built Medusa app (scripts/admin-host.js),
// Debian's chromium driven by playwright-core, a logged-in admin page, the admin
// API with a bearer token for supporting data, and numbered screenshots in
// artifacts/screenshots/ (git-ignored).
import fs from "fs"
import path from "path"
import type { Browser, BrowserContext, Page } from "playwright-core"

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { chromium } = require("playwright-core")
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { startAdminHost } = require("../../scripts/admin-host")

export const ROOT = path.resolve(__dirname, "..", "..")
export const SCREENSHOTS = path.join(ROOT, "artifacts", "screenshots")
export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium"

export const LAUNCH_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
]

type Host = { url: string; email: string; password: string; logs: string; timings: Record<string, number>; stop(): Promise<void> }

export type Harness = {
  host: Host
  browser: Browser
  context: BrowserContext
  page: Page
  token: string
  /** Calls the admin API with the admin's bearer token; throws on a status >= 400. */
  api<T = any>(method: string, route: string, body?: unknown): Promise<T>
  /** Saves a full-page screenshot as artifacts/screenshots/NN-name.png. */
  shot(name: string): Promise<string>
  /** Opens an admin page (path below /app) and waits for the network to settle. */
  open(route: string): Promise<void>
  /** Errors the page logged or threw, for the report of a failed step. */
  pageErrors: string[]
  stop(): Promise<void>
}

const log = (line: string) => process.stdout.write(`[browser] ${line}\n`)

export async function startHarness(): Promise<Harness> {
  const started = Date.now()
  const host: Host = await startAdminHost({ log })
  let browser: Browser | null = null
  try {
    fs.rmSync(SCREENSHOTS, { recursive: true, force: true })
    fs.mkdirSync(SCREENSHOTS, { recursive: true })

    const t = Date.now()
    browser = (await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS, timeout: 60000 })) as Browser
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, baseURL: host.url })
    context.setDefaultTimeout(30000)
    context.setDefaultNavigationTimeout(60000)
    const page = await context.newPage()
    const pageErrors: string[] = []
    page.on("pageerror", (e) => pageErrors.push(`pageerror: ${e.message}`))
    page.on("console", (m) => {
      if (m.type() === "error") pageErrors.push(`console: ${m.text()}`)
    })
    page.on("response", (r) => {
      if (r.status() >= 400) pageErrors.push(`http: ${r.status()} ${r.request().method()} ${r.url()}`)
    })
    log(`chromium ${browser.version()} (${((Date.now() - t) / 1000).toFixed(1)}s)`)

    const res = await fetch(`${host.url}/auth/user/emailpass`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: host.email, password: host.password }),
    })
    const { token } = (await res.json()) as { token?: string }
    if (!token) throw new Error(`POST /auth/user/emailpass answered ${res.status} without a token`)

    const api = async (method: string, route: string, body?: unknown) => {
      const r = await fetch(`${host.url}${route}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      const text = await r.text()
      if (r.status >= 400) throw new Error(`${method} ${route} answered ${r.status}: ${text.slice(0, 500)}`)
      return text ? JSON.parse(text) : null
    }

    let n = 0
    const shot = async (name: string) => {
      const file = path.join(SCREENSHOTS, `${String(++n).padStart(2, "0")}-${name}.png`)
      await page.screenshot({ path: file, fullPage: true })
      return file
    }

    const open = async (route: string) => {
      await page.goto(`/app${route}`, { waitUntil: "domcontentloaded" })
      await page.waitForLoadState("networkidle", { timeout: 15000 }).catch(() => {})
    }

    log(`ready in ${((Date.now() - started) / 1000).toFixed(1)}s (${JSON.stringify(host.timings)})`)
    const b = browser
    return {
      host,
      browser: b,
      context,
      page,
      token,
      api,
      shot,
      open,
      pageErrors,
      stop: async () => {
        await b.close().catch(() => {})
        await host.stop()
      },
    }
  } catch (e) {
    if (browser) await browser.close().catch(() => {})
    await host.stop()
    throw e
  }
}

/** Logs in through the login form and waits until the admin leaves /login. */
export async function login(h: Harness) {
  const { page, host } = h
  await page.goto("/app/login", { waitUntil: "domcontentloaded" })
  await page.locator('input[name="email"]').fill(host.email)
  await page.locator('input[name="password"]').fill(host.password)
  await page.locator('button[type="submit"]').click()
  await page.waitForURL((u) => !u.pathname.includes("/login"), { timeout: 60000 })
  await page.waitForLoadState("networkidle", { timeout: 15000 }).catch(() => {})
}
