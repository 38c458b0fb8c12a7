import Redis from "ioredis"
import { RedisXeroRateLimiter, XeroGateway, type RedisXeroRateLimiterOptions } from "../../../src/modules/billing/integrations/xero"
import { startXeroStandIn, type XeroStandIn } from "../../stand-ins/xero"

// Two processes of one deployment (say the server and a worker) talking to one
// Xero tenant: each has its own gateway, token and Redis connection, and they
// share the tenant's allowance through this machine's Redis. No Medusa app here:
// the gateways are what the plugin builds when the Xero options name a redis_url.
jest.setTimeout(60 * 1000)

const TENANT = "tenant-shared"
const REDIS_URL = process.env.REDIS_URL || "redis://127.0.0.1:6379"
let xero: XeroStandIn
const clients: Redis[] = []

beforeAll(async () => {
  xero = await startXeroStandIn({ clientId: "xero-client", clientSecret: "xero-secret", tenants: [TENANT] })
})
afterAll(async () => {
  for (const c of clients) {
    const keys = await c.keys("call-billing-test:*")
    if (keys.length) await c.del(...keys)
    c.disconnect()
  }
  await xero?.close()
})
beforeEach(() => xero.reset())

/** A process of the deployment: its own Redis connection, limiter and gateway. */
function processOf(prefix: string, limits: Omit<RedisXeroRateLimiterOptions, "tenant">) {
  const redis = new Redis(REDIS_URL)
  clients.push(redis)
  const limiter = new RedisXeroRateLimiter(redis, { tenant: TENANT, key_prefix: `call-billing-test:${prefix}`, ...limits })
  return new XeroGateway(
    { client_id: "xero-client", client_secret: "xero-secret", tenant_id: TENANT, token_url: xero.token_url, api_base: xero.api_base },
    { limiter }
  )
}

it("keeps two processes together within one tenant's limits (10 calls a window, 2 at once): Xero never answers 429", async () => {
  const prefix = `limits-${Date.now()}`
  const limits = { per_minute: 10, concurrent: 2, window_ms: 1500 }
  // the stand-in enforces the same limits, with 429s, over the same (scaled) window
  xero.enforceLimits(limits)
  xero.setLatency(30)
  const server = processOf(prefix, limits)
  const worker = processOf(prefix, limits)
  const calls = Array.from({ length: 12 }, (_, i) => [server.getInvoicesByNumbers([`S-${i}`]), worker.getInvoicesByNumbers([`W-${i}`])]).flat()
  await Promise.all(calls)
  expect(xero.apiRequests("/Invoices", "GET")).toHaveLength(24)
  expect(xero.requests.filter((r) => r.status === 429)).toEqual([])
  expect(xero.maxConcurrent(TENANT)).toBeLessThanOrEqual(2)
  expect(xero.maxPerMinute(TENANT, 1500)).toBeLessThanOrEqual(10)
})

it("pauses every process for the day when one of them meets Xero's daily limit", async () => {
  const prefix = `day-${Date.now()}`
  const server = processOf(prefix, {})
  const worker = processOf(prefix, {})
  xero.fail({ method: "GET", path: "/Invoices", status: 429, problem: "day", retry_after: 3600 })
  await expect(server.getInvoicesByNumbers(["S-1"])).rejects.toThrow(/daily API limit reached for tenant tenant-shared/)
  const seen = xero.apiRequests().length
  // the worker does not call Xero at all until the pause is over
  await expect(worker.getInvoicesByNumbers(["W-1"])).rejects.toThrow(/daily API limit reached/)
  expect(xero.apiRequests().length).toBe(seen)
})

it("does not lose a slot to a process that died mid-call: its lease runs out", async () => {
  const prefix = `lease-${Date.now()}`
  const redis = new Redis(REDIS_URL)
  clients.push(redis)
  const dying = new RedisXeroRateLimiter(redis, { tenant: TENANT, key_prefix: `call-billing-test:${prefix}`, concurrent: 1, lease_ms: 300 })
  // a call that never returns holds the only slot, as a killed process would
  void dying.run(() => new Promise(() => {}))
  await new Promise((r) => setTimeout(r, 50))
  const other = processOf(prefix, { concurrent: 1, lease_ms: 300 })
  const t0 = Date.now()
  await other.getInvoicesByNumbers(["X-1"])
  expect(Date.now() - t0).toBeGreaterThanOrEqual(200)
  expect(xero.apiRequests("/Invoices", "GET")).toHaveLength(1)
})
