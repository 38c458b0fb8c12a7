import { createHash, createHmac, randomBytes, timingSafeEqual } from "crypto"

/**
 * Outgoing webhooks: how a request is signed (and how a receiver checks it),
 * how an event is identified, and when a failed delivery is tried again.
 * Pure functions; the workflows in `src/workflows/collections` use them.
 *
 * Signature header (`x-call-billing-signature`): `t=<unix seconds>,v1=<hex>`
 * where `<hex>` is HMAC-SHA256, keyed with the endpoint's secret (the whole
 * `whsec_…` string, as UTF-8), of `"<t>.<raw request body>"`.
 */

/**
 * Waits before the 2nd, 3rd, … 7th attempt of a delivery (ms): 30 s, 2 min,
 * 10 min, 1 h, 6 h, 24 h. The attempt after the last fails is not made: the
 * delivery becomes `failed` (an admin can still retry it).
 */
export const WEBHOOK_RETRY_SCHEDULE_MS: readonly number[] = Object.freeze([
  30_000,
  2 * 60_000,
  10 * 60_000,
  60 * 60_000,
  6 * 60 * 60_000,
  24 * 60 * 60_000,
])

/** How far a signature's timestamp may be from the receiver's clock, by default (s). */
export const WEBHOOK_SIGNATURE_TOLERANCE_SECONDS = 300

const nowSeconds = () => Math.floor(Date.now() / 1000)

const hmac = (secret: string, timestamp: number, body: string | Buffer) =>
  createHmac("sha256", secret).update(`${timestamp}.`).update(body).digest("hex")

/**
 * The `x-call-billing-signature` header value for a body: `t=<ts>,v1=<hex
 * HMAC-SHA256 of "<ts>.<body>">`. Sign the exact bytes that are sent.
 *
 * @example
 * signWebhook('{"id":"evt_1"}', "whsec_abc", 1767225600)
 * // "t=1767225600,v1=5f0c…"
 */
export function signWebhook(body: string, secret: string, timestamp: number = nowSeconds()): string {
  return `t=${timestamp},v1=${hmac(secret, timestamp, body)}`
}

/**
 * For receivers: whether a signature header is valid for the raw body and
 * secret, and recent (within `toleranceSeconds` of `now`, against replays).
 * Any of several `v1=` values may match (a secret being rotated); the
 * comparison is constant-time.
 *
 * @example
 * verifyWebhookSignature(rawBody, req.headers["x-call-billing-signature"], process.env.WEBHOOK_SECRET)
 * // true
 */
export function verifyWebhookSignature(
  body: string | Buffer,
  header: string | null | undefined,
  secret: string,
  toleranceSeconds: number = WEBHOOK_SIGNATURE_TOLERANCE_SECONDS,
  now: number = nowSeconds()
): boolean {
  if (!header || !secret) {
    return false
  }
  let timestamp: number | null = null
  const signatures: string[] = []
  for (const part of header.split(",")) {
    const eq = part.indexOf("=")
    if (eq < 0) continue
    const key = part.slice(0, eq).trim()
    const value = part.slice(eq + 1).trim()
    if (key === "t" && /^\d+$/.test(value)) timestamp = Number(value)
    if (key === "v1" && /^[0-9a-f]{64}$/i.test(value)) signatures.push(value.toLowerCase())
  }
  if (timestamp === null || !signatures.length || Math.abs(now - timestamp) > toleranceSeconds) {
    return false
  }
  const expected = Buffer.from(hmac(secret, timestamp, body), "hex")
  // every candidate compared, so the time taken says nothing about which matched
  return signatures.reduce((ok, s) => timingSafeEqual(expected, Buffer.from(s, "hex")) || ok, false)
}

/**
 * How long to wait before the next attempt after `attempts` failed ones (ms),
 * or null when the schedule is exhausted and the delivery is given up.
 *
 * @example
 * nextAttemptDelay(1) // 30000
 * nextAttemptDelay(6) // 86400000
 * nextAttemptDelay(7) // null
 */
export function nextAttemptDelay(attempts: number): number | null {
  const i = Math.max(1, Math.floor(attempts)) - 1
  return i < WEBHOOK_RETRY_SCHEDULE_MS.length ? WEBHOOK_RETRY_SCHEDULE_MS[i] : null
}

/**
 * A new endpoint secret: `whsec_` and 32 random bytes, base64url.
 *
 * @example
 * generateWebhookSecret() // "whsec_q3Z…" (49 characters)
 */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`
}

/**
 * JSON with object keys sorted at every depth (and `undefined` members
 * dropped), so equal data gives equal text whatever order it was built in.
 *
 * @example
 * canonicalJson({ b: 1, a: { d: [2, 1], c: null } }) // '{"a":{"c":null,"d":[2,1]},"b":1}'
 */
export function canonicalJson(value: unknown): string {
  const normalize = (v: any): any => {
    if (v === null || typeof v !== "object") return v
    if (typeof v.toJSON === "function") return normalize(v.toJSON())
    if (Array.isArray(v)) return v.map((x) => (x === undefined ? null : normalize(x)))
    return Object.fromEntries(
      Object.keys(v)
        .filter((k) => v[k] !== undefined)
        .sort()
        .map((k) => [k, normalize(v[k])])
    )
  }
  return JSON.stringify(normalize(value)) ?? "null"
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex")

/**
 * An event's identity: its public type and a hash of its data. The same event
 * emitted twice has the same key, and so one delivery per endpoint.
 *
 * @example
 * webhookEventKey("invoice.paid", { id: "binv_1", account_id: "bacct_1" })
 * // "invoice.paid:9c1e…" (64 hex)
 */
export function webhookEventKey(type: string, data: unknown): string {
  return `${type}:${sha256(canonicalJson(data ?? null))}`
}

/**
 * The event id receivers see (`payload.id`), the same in every delivery and
 * every retry of the event: `evt_` and the first 24 hex of sha256(event key).
 *
 * @example
 * webhookEventId("invoice.paid:9c1e…") // "evt_3b9f0c2d4e5a6b7c8d9e0f1a"
 */
export function webhookEventId(eventKey: string): string {
  return `evt_${sha256(eventKey).slice(0, 24)}`
}
