import { XeroClient } from "xero-node"
import { startXeroStandIn, type XeroStandIn } from "../../../../../../integration-tests/stand-ins/xero"
import { XeroGateway } from "../client"
import { XeroDailyLimitError, XeroRateLimiter, retryAfterMs, xeroErrorInfo } from "../rate-limiter"
import { XeroTokenProvider } from "../token-provider"

const TENANT = "tenant-limits"
const DAY = 86_400_000

/**
 * Virtual time: `sleep` registers a timer and the clock jumps to the earliest
 * one on the next macrotask, so minutes pass in milliseconds.
 */
function fakeClock(start = Date.UTC(2026, 0, 15, 12, 0, 0)) {
  let t = start
  let seq = 0
  let scheduled = false
  const timers: Array<{ at: number; seq: number; resolve: () => void }> = []
  const tick = () => {
    scheduled = false
    if (!timers.length) return
    timers.sort((a, b) => a.at - b.at || a.seq - b.seq)
    const next = timers.shift()!
    t = Math.max(t, next.at)
    next.resolve()
    schedule()
  }
  const schedule = () => {
    if (!scheduled && timers.length) {
      scheduled = true
      setImmediate(tick)
    }
  }
  return {
    now: () => t,
    sleep: (ms: number) =>
      new Promise<void>((resolve) => {
        timers.push({ at: t + Math.max(0, ms), seq: seq++, resolve })
        schedule()
      }),
    set: (ms: number) => {
      t = ms
    },
  }
}

/** What xero-node rejects with (ApiError.generateError(), stringified). */
const sdkError = (statusCode: number, headers: Record<string, string> = {}) =>
  JSON.stringify({ response: { statusCode, body: { Title: "x" }, headers, request: {} }, body: { Title: "x" } })

const maxInWindow = (times: number[], w: number) => {
  const at = [...times].sort((a, b) => a - b)
  let best = 0
  for (let lo = 0, hi = 0; hi < at.length; hi++) {
    while (at[hi] - at[lo] >= w) lo++
    best = Math.max(best, hi - lo + 1)
  }
  return best
}

describe("XeroRateLimiter with a fake clock", () => {
  it("never starts more than 60 in any minute nor runs more than 5 at once", async () => {
    const clock = fakeClock()
    const limiter = new XeroRateLimiter({ per_minute: 60, concurrent: 5, per_day: 5000, now: clock.now, sleep: clock.sleep })
    const starts: number[] = []
    let running = 0
    let peak = 0
    const t0 = clock.now()
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        limiter.run(async () => {
          starts.push(clock.now())
          running++
          peak = Math.max(peak, running)
          await clock.sleep(200 + ((i * 37) % 900)) // 0.2–1.1 s "latency"
          running--
          return i
        })
      )
    )
    expect(results).toEqual(Array.from({ length: 200 }, (_, i) => i))
    expect(peak).toBe(5)
    expect(maxInWindow(starts, 60_000)).toBeLessThanOrEqual(60)
    expect(maxInWindow(starts, 60_000)).toBeGreaterThanOrEqual(55) // and it does use the allowance
    // 200 calls at 60 a minute need more than 3 minutes of (virtual) time
    expect(clock.now() - t0).toBeGreaterThan(3 * 60_000)
    expect(limiter.stats()).toMatchObject({ in_flight: 0, queued: 0, today: 200, paused_until: null })
  })

  it("stops at the daily allowance until the next UTC midnight", async () => {
    const clock = fakeClock(Date.UTC(2026, 0, 15, 22, 0, 0))
    const limiter = new XeroRateLimiter({ per_day: 10, now: clock.now, sleep: clock.sleep })
    let calls = 0
    const settled = await Promise.allSettled(Array.from({ length: 12 }, () => limiter.run(async () => ++calls)))
    expect(settled.filter((s) => s.status === "fulfilled")).toHaveLength(10)
    const rejected = settled.filter((s): s is PromiseRejectedResult => s.status === "rejected")
    expect(rejected).toHaveLength(2)
    expect(rejected[0].reason).toBeInstanceOf(XeroDailyLimitError)
    expect(rejected[0].reason.resume_at.toISOString()).toBe("2026-01-16T00:00:00.000Z")
    expect(limiter.stats().paused_until?.toISOString()).toBe("2026-01-16T00:00:00.000Z")
    expect(calls).toBe(10)
    clock.set(Date.UTC(2026, 0, 16, 0, 0, 1))
    await expect(limiter.run(async () => "next day")).resolves.toBe("next day")
    expect(limiter.stats().today).toBe(1)
  })

  it("waits out a 429's Retry-After, blocking every caller, and retries the same call", async () => {
    const clock = fakeClock()
    const limiter = new XeroRateLimiter({ now: clock.now, sleep: clock.sleep })
    let attempts = 0
    const t0 = clock.now()
    const starts: number[] = []
    const first = limiter.run(async () => {
      attempts++
      starts.push(clock.now())
      if (attempts === 1) throw sdkError(429, { "retry-after": "30", "x-rate-limit-problem": "minute" })
      return "done"
    })
    await expect(first).resolves.toBe("done")
    expect(attempts).toBe(2)
    expect(starts[1] - starts[0]).toBeGreaterThanOrEqual(30_000)
    expect(clock.now() - t0).toBeGreaterThanOrEqual(30_000)
    expect(limiter.stats().throttled).toBe(1)

    // bounded: a call that keeps getting 429 gives up after max_retries
    const stubborn = new XeroRateLimiter({ now: clock.now, sleep: clock.sleep, max_retries: 2 })
    let n = 0
    await expect(
      stubborn.run(async () => {
        n++
        throw sdkError(429, { "retry-after": "1" })
      })
    ).rejects.toBe(sdkError(429, { "retry-after": "1" }))
    expect(n).toBe(3)
  })

  it("pauses everything on a daily 429 and rejects with XeroDailyLimitError", async () => {
    const clock = fakeClock(Date.UTC(2026, 0, 15, 12, 0, 0))
    const limiter = new XeroRateLimiter({ concurrent: 1, now: clock.now, sleep: clock.sleep })
    let calls = 0
    const a = limiter.run(async () => {
      calls++
      throw sdkError(429, { "retry-after": "3600", "x-rate-limit-problem": "day" })
    })
    const b = limiter.run(async () => ++calls) // queued behind a
    await expect(a).rejects.toBeInstanceOf(XeroDailyLimitError)
    await expect(b).rejects.toBeInstanceOf(XeroDailyLimitError)
    const err = await a.catch((e) => e)
    expect(err.resume_at.getTime()).toBe(Date.UTC(2026, 0, 15, 13, 0, 0))
    await expect(limiter.run(async () => ++calls)).rejects.toBeInstanceOf(XeroDailyLimitError)
    expect(calls).toBe(1)
    clock.set(Date.UTC(2026, 0, 15, 13, 0, 0))
    await expect(limiter.run(async () => "resumed")).resolves.toBe("resumed")

    // without Retry-After: until the next UTC midnight
    const l2 = new XeroRateLimiter({ now: clock.now, sleep: clock.sleep })
    const e2 = await l2.run(async () => Promise.reject(sdkError(429, { "x-rate-limit-problem": "day" }))).catch((e) => e)
    expect(e2.resume_at.toISOString()).toBe("2026-01-16T00:00:00.000Z")
  })

  it("passes other errors through untouched and reads Retry-After dates", async () => {
    const limiter = new XeroRateLimiter()
    await expect(limiter.run(async () => Promise.reject(sdkError(503)))).rejects.toBe(sdkError(503))
    expect(limiter.stats()).toMatchObject({ in_flight: 0, throttled: 0 })
    const now = Date.UTC(2026, 0, 1)
    expect(retryAfterMs({ "retry-after": new Date(now + 5000).toUTCString() }, now)).toBe(5000)
    expect(retryAfterMs({}, now)).toBeNull()
    expect(xeroErrorInfo(new Error("boom"))).toMatchObject({ status: null, message: "boom" })
  })
})

describe("XeroRateLimiter against the stand-in enforcing Xero's limits", () => {
  let xero: XeroStandIn
  beforeAll(async () => {
    xero = await startXeroStandIn()
  })
  afterAll(async () => {
    await xero.close()
  })
  beforeEach(() => xero.reset())

  const tokens = () => new XeroTokenProvider({ client_id: "test-client", client_secret: "test-secret", token_url: xero.token_url })
  const sdk = async (t: XeroTokenProvider) => {
    const client = new XeroClient()
    client.accountingApi.basePath = xero.api_base
    const tok = await t.getToken()
    client.setTokenSet({ access_token: tok.access_token, token_type: "Bearer", expires_at: tok.expires_at })
    return client
  }

  it("the stand-in's enforcement is real: unthrottled bursts get 429s", async () => {
    xero.enforceLimits({ per_minute: 60, concurrent: 5, window_ms: 600 })
    // each answer is held long enough that all 20 requests are in flight together even on a loaded
    // CI machine (at 20 ms the first answers could go out before the sixth request was dispatched)
    xero.setLatency(400)
    const client = await sdk(tokens())
    const settled = await Promise.allSettled(Array.from({ length: 20 }, () => client.accountingApi.getInvoices(TENANT)))
    const refused = settled.filter((s): s is PromiseRejectedResult => s.status === "rejected").map((s) => xeroErrorInfo(s.reason))
    expect(refused.length).toBeGreaterThan(0)
    expect(refused[0]).toMatchObject({ status: 429, headers: { "x-rate-limit-problem": "concurrent", "retry-after": "1" } })
  })

  it("80 calls through the limiter (scaled 600 ms window) never exceed 60 a window nor 5 at once", async () => {
    xero.enforceLimits({ per_minute: 60, concurrent: 5, window_ms: 600 })
    xero.setLatency(15)
    const limiter = new XeroRateLimiter({ per_minute: 60, concurrent: 5, window_ms: 600, name: TENANT })
    const client = await sdk(tokens())
    const t0 = Date.now()
    const out = await Promise.all(
      Array.from({ length: 80 }, () => limiter.run(() => client.accountingApi.getInvoices(TENANT)))
    )
    const elapsed = Date.now() - t0
    expect(out).toHaveLength(80)
    expect(out.every((r) => r.response.status === 200)).toBe(true)
    const api = xero.apiRequests()
    expect(api).toHaveLength(80)
    expect(api.filter((r) => r.status === 429)).toHaveLength(0)
    expect(xero.maxPerMinute(TENANT, 600)).toBeLessThanOrEqual(60)
    expect(xero.maxConcurrent(TENANT)).toBeLessThanOrEqual(5)
    expect(xero.maxConcurrent(TENANT)).toBe(5) // it did run 5 at once
    expect(elapsed).toBeGreaterThanOrEqual(600) // the 61st call had to wait for the window
  })

  it("a gateway waits out a 429 (Retry-After 30 s on a fake clock) and the call goes through", async () => {
    const clock = fakeClock()
    const limiter = new XeroRateLimiter({ now: clock.now, sleep: clock.sleep })
    const gw = new XeroGateway(
      { client_id: "test-client", client_secret: "test-secret", tenant_id: TENANT, token_url: xero.token_url, api_base: xero.api_base },
      { limiter }
    )
    const t0 = clock.now()
    xero.fail({ method: "GET", path: "/Invoices", status: 429, retry_after: 30, problem: "minute" })
    const found = await gw.getInvoicesByNumbers(["INV-1"])
    expect(found).toEqual([])
    expect(xero.apiRequests("/Invoices").map((r) => r.status)).toEqual([429, 200])
    expect(clock.now() - t0).toBeGreaterThanOrEqual(30_000)
  })

  it("a daily-limit 429 pauses the tenant: per-record daily_limit errors, then no calls at all", async () => {
    const clock = fakeClock(Date.UTC(2026, 0, 15, 12, 0, 0))
    const limiter = new XeroRateLimiter({ now: clock.now, sleep: clock.sleep })
    const gw = new XeroGateway(
      { client_id: "test-client", client_secret: "test-secret", tenant_id: TENANT, token_url: xero.token_url, api_base: xero.api_base },
      { limiter }
    )
    xero.fail({ path: /Invoices/, status: 429, retry_after: 7200, problem: "day" })
    const results = await gw.createInvoices([
      { Type: "ACCREC", Contact: { ContactID: "x" }, InvoiceNumber: "INV-1", Reference: "i1", Date: "2026-01-15", DueDate: "2026-01-15", CurrencyCode: "GBP", Status: "AUTHORISED", LineAmountTypes: "Exclusive", LineItems: [] },
      { Type: "ACCREC", Contact: { ContactID: "x" }, InvoiceNumber: "INV-2", Reference: "i2", Date: "2026-01-15", DueDate: "2026-01-15", CurrencyCode: "GBP", Status: "AUTHORISED", LineAmountTypes: "Exclusive", LineItems: [] },
    ])
    for (const r of results) {
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.error).toMatchObject({ code: "daily_limit", retryable: true, resume_at: "2026-01-15T14:00:00.000Z" })
    }
    expect(limiter.stats().paused_until?.toISOString()).toBe("2026-01-15T14:00:00.000Z")
    const before = xero.apiRequests().length
    await expect(limiter.run(async () => "x")).rejects.toBeInstanceOf(XeroDailyLimitError)
    const again = await gw.getInvoicesByNumbers(["INV-1"]).catch((e) => e)
    expect(again).toBeInstanceOf(XeroDailyLimitError)
    expect(xero.apiRequests().length).toBe(before) // nothing was sent while paused
  })

  it("the stand-in answers a used-up day with 429 day, and the limiter turns it into XeroDailyLimitError", async () => {
    xero.enforceLimits({ per_day: 3 })
    const limiter = new XeroRateLimiter({ per_day: 5000 }) // our own count does not know the tenant used its day elsewhere
    const client = await sdk(tokens())
    for (let i = 0; i < 3; i++) await limiter.run(() => client.accountingApi.getInvoices(TENANT))
    const err = await limiter.run(() => client.accountingApi.getInvoices(TENANT)).catch((e) => e)
    expect(err).toBeInstanceOf(XeroDailyLimitError)
    const midnight = (Math.floor(Date.now() / DAY) + 1) * DAY
    expect(Math.abs(err.resume_at.getTime() - midnight)).toBeLessThan(2000)
  })
})
