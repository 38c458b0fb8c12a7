import { randomUUID } from "crypto"
import Redis from "ioredis"
import { XeroDailyLimitError, throttleOf, type XeroCallLimiter, type XeroRateLimits } from "./rate-limiter"

export type RedisXeroRateLimiterOptions = XeroRateLimits & {
  /** the tenant id: the keys are per tenant */
  tenant: string
  /** sliding-window length for `per_minute` (default 60 000 ms; tests scale it down) */
  window_ms?: number
  /** a call still in flight after this long (its process died) stops holding a slot (default 120 000 ms) */
  lease_ms?: number
  /** how many times one call is retried after 429 minute/concurrent answers (default 5) */
  max_retries?: number
  /** wait when a 429 carries no Retry-After (default 1 000 ms) */
  default_retry_after_ms?: number
  /** how often a waiting call asks again when it waits for a slot to be released (default 25 ms) */
  poll_ms?: number
  /** key prefix (default `call-billing:xero-limits`) */
  key_prefix?: string
}

const DAY_MS = 86_400_000

// Every decision is one script, so two processes can never both take the last slot.
// Time is Redis's (TIME), so the processes' clocks do not have to agree.
// A slot is in two sorted sets: `inflight` (score: its lease's end) and `window`
// (score: its lease's end while it runs, its actual end once released). A call
// counts against the minute until a window after it ended, like the in-process limiter.
// Answers { 1, 0 } taken; { 0, ms } wait ms (-1: until a release); { -1, ms } paused for ms.
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local windowMs, perMinute, concurrent, perDay, leaseMs = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local paused = redis.call('PTTL', KEYS[5])
if paused > 0 then return {-1, paused} end
local blocked = redis.call('PTTL', KEYS[4])
if blocked > 0 then return {0, blocked} end
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
if redis.call('ZCARD', KEYS[2]) >= concurrent then return {0, -1} end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - windowMs)
if redis.call('ZCARD', KEYS[1]) >= perMinute then
  local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return {0, math.max(1, tonumber(first[2]) + windowMs - now + 1)}
end
local dayKey = KEYS[3] .. ':' .. math.floor(now / ${DAY_MS})
local used = tonumber(redis.call('GET', dayKey) or '0')
if used >= perDay then
  local rest = ${DAY_MS} - (now % ${DAY_MS})
  redis.call('SET', KEYS[5], '1', 'PX', rest)
  return {-1, rest}
end
redis.call('INCR', dayKey)
redis.call('PEXPIRE', dayKey, ${2 * DAY_MS})
redis.call('ZADD', KEYS[2], now + leaseMs, ARGV[6])
redis.call('ZADD', KEYS[1], now + leaseMs, ARGV[6])
redis.call('PEXPIRE', KEYS[1], windowMs + leaseMs)
redis.call('PEXPIRE', KEYS[2], leaseMs)
return {1, 0}
`

const RELEASE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZADD', KEYS[1], 'XX', now, ARGV[1])
return 1
`

/** Sets a key that expires in `ms`, unless it already lives longer. */
const HOLD = `
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], '1', 'PX', ARGV[1]) end
return 1
`

type LimiterRedis = Redis & {
  xeroLimitAcquire(...args: Array<string | number>): Promise<[number, number]>
  xeroLimitRelease(...args: Array<string | number>): Promise<number>
  xeroLimitHold(...args: Array<string | number>): Promise<number>
}

/**
 * Xero's limits for one tenant counted in Redis, so every process of a
 * deployment (the server answering the admin, each worker running jobs and
 * subscribers) shares one allowance: at most `concurrent` calls in flight, at
 * most `per_minute` in any sliding window, `per_day` a UTC day. A 429 blocks
 * (minute, concurrent) or pauses (day) every process for its `Retry-After`.
 * Waiting callers poll; there is no FIFO across processes.
 *
 * @example
 * const limiter = new RedisXeroRateLimiter(new Redis(url), { tenant: options.tenant_id })
 * await limiter.run(() => xero.accountingApi.getInvoices(tenantId))
 */
export class RedisXeroRateLimiter implements XeroCallLimiter {
  private readonly redis: LimiterRedis
  private readonly keys: { window: string; inflight: string; day: string; block: string; pause: string }
  private readonly perMinute: number
  private readonly concurrent: number
  private readonly perDay: number
  private readonly windowMs: number
  private readonly leaseMs: number
  private readonly maxRetries: number
  private readonly defaultRetryAfterMs: number
  private readonly pollMs: number
  readonly name: string

  constructor(redis: Redis, options: RedisXeroRateLimiterOptions) {
    if (!options?.tenant) throw new Error("RedisXeroRateLimiter: tenant is needed")
    this.redis = redis as LimiterRedis
    if (!(redis as any).xeroLimitAcquire) {
      redis.defineCommand("xeroLimitAcquire", { numberOfKeys: 5, lua: ACQUIRE })
      redis.defineCommand("xeroLimitRelease", { numberOfKeys: 2, lua: RELEASE })
      redis.defineCommand("xeroLimitHold", { numberOfKeys: 1, lua: HOLD })
    }
    const base = `${options.key_prefix ?? "call-billing:xero-limits"}:{${options.tenant}}`
    this.keys = { window: `${base}:window`, inflight: `${base}:inflight`, day: `${base}:day`, block: `${base}:block`, pause: `${base}:pause` }
    this.perMinute = options.per_minute ?? 60
    this.concurrent = options.concurrent ?? 5
    this.perDay = options.per_day ?? 5000
    this.windowMs = options.window_ms ?? 60_000
    this.leaseMs = options.lease_ms ?? 120_000
    this.maxRetries = options.max_retries ?? 5
    this.defaultRetryAfterMs = options.default_retry_after_ms ?? 1000
    this.pollMs = options.poll_ms ?? 25
    this.name = options.tenant
  }

  /**
   * Runs `fn` when the shared limits allow; retries it after 429
   * minute/concurrent answers; rejects with `XeroDailyLimitError` while the
   * day is used up (in any process).
   *
   * @example
   * await limiter.run(() => xero.accountingApi.createInvoices(tenantId, { invoices }))
   */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const slot = await this.acquire()
      let result: T
      try {
        result = await fn()
      } catch (err) {
        const throttle = throttleOf(err, Date.now())
        if (!throttle) {
          await this.release(slot)
          throw err
        }
        const wait = throttle.wait_ms
        if (throttle.daily) {
          const ms = wait !== null && wait > 0 ? wait : DAY_MS - (Date.now() % DAY_MS)
          await this.redis.xeroLimitHold(this.keys.pause, ms)
          await this.release(slot)
          throw this.dailyError(ms)
        }
        if (attempt < this.maxRetries) await this.redis.xeroLimitHold(this.keys.block, wait ?? this.defaultRetryAfterMs)
        await this.release(slot)
        if (attempt >= this.maxRetries) throw err
        continue
      }
      await this.release(slot)
      return result
    }
  }

  private async acquire(): Promise<string> {
    const slot = randomUUID()
    const { window, inflight, day, block, pause } = this.keys
    for (;;) {
      const [taken, ms] = await this.redis.xeroLimitAcquire(window, inflight, day, block, pause, this.windowMs, this.perMinute, this.concurrent, this.perDay, this.leaseMs, slot)
      if (taken === 1) return slot
      if (taken === -1) throw this.dailyError(ms)
      await new Promise((r) => setTimeout(r, ms > 0 ? Math.min(ms, 1000) : this.pollMs))
    }
  }

  private async release(slot: string): Promise<void> {
    await this.redis.xeroLimitRelease(this.keys.window, this.keys.inflight, slot)
  }

  private dailyError(ms: number): XeroDailyLimitError {
    const at = new Date(Date.now() + ms)
    return new XeroDailyLimitError(at, `Xero daily API limit reached for tenant ${this.name}; calls resume at ${at.toISOString()}`)
  }
}

const CLIENTS = new Map<string, Redis>()
const LIMITERS = new Map<string, RedisXeroRateLimiter>()

/**
 * The Redis-backed limiter of a tenant, one per Redis URL and tenant in the
 * process (one connection per URL). What `XeroGateway` uses when the Xero
 * options name a `redis_url`.
 *
 * @example
 * const limiter = sharedRedisXeroRateLimiter("redis://127.0.0.1:6379", options.tenant_id, options.limits)
 */
export function sharedRedisXeroRateLimiter(url: string, tenant: string, limits: Omit<RedisXeroRateLimiterOptions, "tenant"> = {}): RedisXeroRateLimiter {
  const key = `${url}|${tenant}`
  let limiter = LIMITERS.get(key)
  if (!limiter) {
    let client = CLIENTS.get(url)
    if (!client) {
      client = new Redis(url, { maxRetriesPerRequest: 3 })
      // errors surface through the commands; without a listener ioredis prints each reconnect attempt
      client.on("error", () => {})
      CLIENTS.set(url, client)
    }
    limiter = new RedisXeroRateLimiter(client, { ...limits, tenant })
    LIMITERS.set(key, limiter)
  }
  return limiter
}
