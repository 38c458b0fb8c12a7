/**
 * Client-side throttle for one Xero tenant (organisation). Xero allows, per
 * tenant: 5 calls in progress, 60 calls a minute, 5,000 a day, and answers
 * 429 with `Retry-After` and `X-Rate-Limit-Problem` when one is exceeded.
 * Staying under the limits ourselves is cheaper than collecting 429s, and a
 * daily 429 must stop every caller of the tenant, not just one.
 */

export type XeroRateLimits = {
  /** calls a window (default 60) */
  per_minute?: number
  /** calls in progress at once (default 5) */
  concurrent?: number
  /** calls a UTC day (default 5000) */
  per_day?: number
}

/** What the gateway needs of a limiter: run a call when the tenant's limits allow it. */
export type XeroCallLimiter = { run<T>(fn: () => Promise<T>): Promise<T> }

export type XeroRateLimiterOptions = XeroRateLimits & {
  /** sliding-window length for `per_minute` (default 60 000 ms; tests scale it down) */
  window_ms?: number
  /** how many times one call is retried after 429 minute/concurrent answers (default 5) */
  max_retries?: number
  /** wait when a 429 carries no Retry-After (default 1 000 ms) */
  default_retry_after_ms?: number
  /** injectable clock, ms since epoch */
  now?: () => number
  /** injectable timer */
  sleep?: (ms: number) => Promise<void>
  /** label for messages (the tenant id) */
  name?: string
}

/** What `XeroRateLimiter.stats()` reports. */
export type XeroRateLimiterStats = {
  in_flight: number
  queued: number
  /** calls started within the last window */
  started_last_window: number
  /** calls counted against the window (in flight, or ended within the last window) */
  window_count: number
  /** calls started this UTC day */
  today: number
  /** set after a daily-limit 429 or when `per_day` is used up */
  paused_until: Date | null
  /** set after a minute/concurrent 429 (every call waits until then) */
  blocked_until: Date | null
  /** 429 answers seen */
  throttled: number
}

/**
 * The tenant's daily allowance is used up: nothing is sent until `resume_at`.
 * Not retried by the limiter; the caller reschedules.
 *
 * @example
 * try { await limiter.run(call) } catch (e) {
 *   if (e instanceof XeroDailyLimitError) retryAt(e.resume_at)
 * }
 */
export class XeroDailyLimitError extends Error {
  readonly resume_at: Date
  constructor(resume_at: Date, message?: string) {
    super(message ?? `Xero daily API limit reached; calls resume at ${resume_at.toISOString()}`)
    this.name = "XeroDailyLimitError"
    this.resume_at = resume_at
  }
}

/** The HTTP side of an error thrown by xero-node (or by our own code). */
export type XeroErrorInfo = {
  /** HTTP status; 0 when no answer came (network), null when not an HTTP error at all */
  status: number | null
  /** response headers, lower-case names */
  headers: Record<string, string>
  body: unknown
  message: string
}

/**
 * Reads what xero-node 20 rejects with: a JSON string of
 * `{ response: { statusCode, body, headers, request }, body }` (ApiError;
 * statusCode 0 when no answer came), or, for some helpers, the raw object.
 * Anything else is reported with `status: null`.
 *
 * @example
 * xeroErrorInfo('{"response":{"statusCode":429,"headers":{"retry-after":"3"}}}')
 * // { status: 429, headers: { "retry-after": "3" }, body: undefined, message: "Xero answered 429" }
 */
export function xeroErrorInfo(err: unknown): XeroErrorInfo {
  let e: any = err
  if (typeof e === "string") {
    try {
      e = JSON.parse(e)
    } catch {
      return { status: null, headers: {}, body: undefined, message: err as string }
    }
  }
  const response = e && typeof e === "object" ? e.response : undefined
  const rawStatus = response?.statusCode ?? response?.status
  if (response && typeof response === "object" && typeof rawStatus === "number") {
    const headers: Record<string, string> = {}
    for (const [k, v] of Object.entries(response.headers ?? {})) {
      if (v !== undefined && v !== null) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : String(v)
    }
    const body = response.body ?? response.data ?? e.body
    return { status: rawStatus, headers, body, message: describe(rawStatus, body) }
  }
  return { status: null, headers: {}, body: undefined, message: e instanceof Error ? e.message : String(e) }
}

function describe(status: number, body: unknown): string {
  if (status === 0) return `Xero could not be reached${typeof body === "string" && body ? `: ${body}` : ""}`
  const b: any = body
  const detail =
    typeof b === "string"
      ? b
      : b && typeof b === "object"
        ? b.Message ?? b.message ?? b.Detail ?? b.Title ?? b.error ?? undefined
        : undefined
  return `Xero answered ${status}${detail ? `: ${String(detail).slice(0, 300)}` : ""}`
}

/**
 * Milliseconds a `Retry-After` header asks for (delta-seconds or an HTTP
 * date), or null when absent or unreadable.
 *
 * @example
 * retryAfterMs({ "retry-after": "2" }, Date.now()) // 2000
 */
export function retryAfterMs(headers: Record<string, string>, now: number): number | null {
  const v = headers["retry-after"]
  if (v === undefined || v === "") return null
  if (/^\d+(\.\d+)?$/.test(v.trim())) return Math.ceil(Number(v) * 1000)
  const at = Date.parse(v)
  return Number.isNaN(at) ? null : Math.max(0, at - now)
}

/**
 * What a failed call says about the limits: null when it is not a 429;
 * else whether it is the daily limit, and how long Xero asks to wait
 * (`Retry-After`, null when it names none).
 *
 * @example
 * throttleOf({ response: { statusCode: 429, headers: { "retry-after": "2", "x-rate-limit-problem": "minute" } } }, Date.now())
 * // { daily: false, wait_ms: 2000 }
 */
export function throttleOf(err: unknown, now: number): { daily: boolean; wait_ms: number | null } | null {
  const info = xeroErrorInfo(err)
  if (info.status !== 429) return null
  const problem = (info.headers["x-rate-limit-problem"] ?? "").toLowerCase()
  return { daily: problem === "day" || problem === "daily", wait_ms: retryAfterMs(info.headers, now) }
}

const DAY_MS = 86_400_000
const nextUtcMidnight = (now: number) => (Math.floor(now / DAY_MS) + 1) * DAY_MS

type Waiter = { resolve: (slot: Slot) => void; reject: (e: unknown) => void }
type Slot = { start: number; end: number | null }

/**
 * Runs calls for one Xero tenant within its limits: at most `concurrent` in
 * flight, at most `per_minute` in any sliding window, at most `per_day` a UTC
 * day; FIFO. A 429 (minute or concurrent) blocks every caller for its
 * `Retry-After` and retries the same call (up to `max_retries`); a daily 429
 * pauses the limiter until `Retry-After` (or the next UTC midnight) and
 * rejects with `XeroDailyLimitError`, as does every call until then.
 *
 * @example
 * const limiter = new XeroRateLimiter({ per_minute: 60, concurrent: 5, per_day: 5000 })
 * const invoices = await limiter.run(() => xero.accountingApi.getInvoices(tenantId))
 * limiter.stats() // { in_flight: 0, queued: 0, started_last_window: 1, today: 1, … }
 */
export class XeroRateLimiter implements XeroCallLimiter {
  readonly perMinute: number
  readonly concurrent: number
  readonly perDay: number
  readonly windowMs: number
  private readonly maxRetries: number
  private readonly defaultRetryAfterMs: number
  private readonly now: () => number
  private readonly sleep: (ms: number) => Promise<void>
  /** the tenant id (or a label), for messages */
  readonly name: string

  private queue: Waiter[] = []
  private slots: Slot[] = []
  private inFlight = 0
  private day = -1
  private dayCount = 0
  private pausedUntil = 0
  private blockedUntil = 0
  private throttled = 0
  private pumping = false

  constructor(options: XeroRateLimiterOptions = {}) {
    this.perMinute = positive(options.per_minute, 60, "per_minute")
    this.concurrent = positive(options.concurrent, 5, "concurrent")
    this.perDay = positive(options.per_day, 5000, "per_day")
    this.windowMs = positive(options.window_ms, 60_000, "window_ms")
    this.maxRetries = options.max_retries ?? 5
    this.defaultRetryAfterMs = options.default_retry_after_ms ?? 1000
    this.now = options.now ?? Date.now
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)))
    this.name = options.name ?? "xero"
  }

  /**
   * Runs `fn` when the limits allow; retries it after 429 minute/concurrent
   * answers; rejects with `XeroDailyLimitError` while the day is used up.
   *
   * @example
   * await limiter.run(() => xero.accountingApi.createInvoices(tenantId, { invoices }))
   */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      // a retry goes to the front: it was first in line already
      const slot = await this.acquire(attempt > 0)
      let result: T
      try {
        result = await fn()
      } catch (err) {
        const now = this.now()
        const throttle = throttleOf(err, now)
        if (!throttle) {
          this.release(slot)
          throw err
        }
        this.throttled++
        const wait = throttle.wait_ms
        // block or pause before releasing the slot, so no queued call slips out in between
        if (throttle.daily) {
          this.pause(wait !== null && wait > 0 ? now + wait : nextUtcMidnight(now))
          this.release(slot)
          throw this.dailyError()
        }
        if (attempt < this.maxRetries) this.blockedUntil = Math.max(this.blockedUntil, now + (wait ?? this.defaultRetryAfterMs))
        this.release(slot)
        if (attempt >= this.maxRetries) throw err
        continue
      }
      this.release(slot)
      return result
    }
  }

  /**
   * Current counts.
   *
   * @example
   * limiter.stats().paused_until // Date after a daily 429, else null
   */
  stats(): XeroRateLimiterStats {
    const now = this.now()
    this.rollDay(now)
    this.prune(now)
    return {
      in_flight: this.inFlight,
      queued: this.queue.length,
      started_last_window: this.slots.filter((s) => s.start > now - this.windowMs).length,
      window_count: this.slots.length,
      today: this.dayCount,
      paused_until: this.pausedUntil > now ? new Date(this.pausedUntil) : null,
      blocked_until: this.blockedUntil > now ? new Date(this.blockedUntil) : null,
      throttled: this.throttled,
    }
  }

  /**
   * Stops all calls until `until` (used on a daily 429; also handy for an
   * operator who knows the allowance is gone). Queued calls are rejected.
   *
   * @example
   * limiter.pause(new Date(Date.UTC(2026, 0, 2)).getTime())
   */
  pause(until: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until)
    const err = this.dailyError()
    for (const w of this.queue.splice(0)) w.reject(err)
  }

  private dailyError(): XeroDailyLimitError {
    const at = new Date(this.pausedUntil)
    return new XeroDailyLimitError(at, `Xero daily API limit reached for tenant ${this.name}; calls resume at ${at.toISOString()}`)
  }

  private acquire(front: boolean): Promise<Slot> {
    return new Promise<Slot>((resolve, reject) => {
      const w = { resolve, reject }
      if (front) this.queue.unshift(w)
      else this.queue.push(w)
      void this.pump()
    })
  }

  private release(slot: Slot): void {
    slot.end = this.now()
    this.inFlight--
    void this.pump()
  }

  private rollDay(now: number): void {
    const day = Math.floor(now / DAY_MS)
    if (day !== this.day) {
      this.day = day
      this.dayCount = 0
    }
  }

  // A finished call stays in the window until `window` after it *ended*: the
  // server counts a call when it arrives, which is somewhere between our start
  // and end, so counting from the end keeps every server-side window under the
  // limit whatever the latency.
  private prune(now: number): void {
    const edge = now - this.windowMs
    if (this.slots.some((s) => s.end !== null && s.end <= edge)) {
      this.slots = this.slots.filter((s) => s.end === null || s.end > edge)
    }
  }

  private async pump(): Promise<void> {
    if (this.pumping) return
    this.pumping = true
    try {
      while (this.queue.length > 0) {
        const now = this.now()
        this.rollDay(now)
        if (this.pausedUntil > now) {
          this.pause(this.pausedUntil)
          break
        }
        if (this.dayCount >= this.perDay) {
          this.pause(nextUtcMidnight(now))
          break
        }
        if (this.blockedUntil > now) {
          await this.sleep(this.blockedUntil - now)
          continue
        }
        if (this.inFlight >= this.concurrent) break // release() pumps again
        this.prune(now)
        if (this.slots.length >= this.perMinute) {
          const ended = this.slots.filter((s) => s.end !== null).map((s) => s.end as number)
          if (ended.length === 0) break // all in flight; release() pumps again
          await this.sleep(Math.max(1, Math.min(...ended) + this.windowMs - now + 1))
          continue
        }
        // the slot is taken here, not by the caller, so the next turn of this loop sees it
        const slot: Slot = { start: now, end: null }
        this.slots.push(slot)
        this.inFlight++
        this.dayCount++
        this.queue.shift()!.resolve(slot)
      }
    } finally {
      this.pumping = false
    }
  }
}

function positive(v: number | undefined, fallback: number, what: string): number {
  if (v === undefined || v === null) return fallback
  if (!Number.isFinite(v) || v <= 0) throw new Error(`XeroRateLimiter: ${what} must be a positive number`)
  return v
}

const SHARED = new Map<string, XeroRateLimiter>()

/**
 * The process-wide limiter of a tenant, so every gateway (and job) talking to
 * that organisation shares one budget. Options only apply when it is created.
 *
 * @example
 * const limiter = sharedXeroRateLimiter(options.tenant_id, options.limits)
 */
export function sharedXeroRateLimiter(tenantId: string, options: XeroRateLimiterOptions = {}): XeroRateLimiter {
  let limiter = SHARED.get(tenantId)
  if (!limiter) {
    limiter = new XeroRateLimiter({ name: tenantId, ...options })
    SHARED.set(tenantId, limiter)
  }
  return limiter
}
