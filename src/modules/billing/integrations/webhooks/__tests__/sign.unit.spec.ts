import { createHmac } from "crypto"
import {
  canonicalJson,
  generateWebhookSecret,
  nextAttemptDelay,
  signWebhook,
  verifyWebhookSignature,
  WEBHOOK_RETRY_SCHEDULE_MS,
  webhookEventId,
  webhookEventKey,
} from "../sign"

const SECRET = "whsec_test_secret"
const BODY = JSON.stringify({ id: "evt_1", type: "invoice.paid", data: { id: "binv_1" } })
const T = 1767225600

describe("signWebhook", () => {
  it("is t=<ts>,v1=<hex HMAC-SHA256 of '<ts>.<body>'> keyed with the whole secret", () => {
    const expected = createHmac("sha256", SECRET).update(`${T}.${BODY}`).digest("hex")
    expect(signWebhook(BODY, SECRET, T)).toBe(`t=${T},v1=${expected}`)
  })

  it("defaults the timestamp to now, in seconds", () => {
    const before = Math.floor(Date.now() / 1000)
    const t = Number(/^t=(\d+),v1=[0-9a-f]{64}$/.exec(signWebhook(BODY, SECRET))![1])
    expect(t).toBeGreaterThanOrEqual(before)
    expect(t).toBeLessThanOrEqual(before + 1)
  })
})

describe("verifyWebhookSignature", () => {
  const header = signWebhook(BODY, SECRET, T)

  it("accepts its own signature within the tolerance, from a string or a Buffer body", () => {
    expect(verifyWebhookSignature(BODY, header, SECRET, 300, T + 299)).toBe(true)
    expect(verifyWebhookSignature(Buffer.from(BODY), header, SECRET, 300, T - 299)).toBe(true)
  })

  it("refuses a changed body, another secret, a tampered signature", () => {
    expect(verifyWebhookSignature(BODY + " ", header, SECRET, 300, T)).toBe(false)
    expect(verifyWebhookSignature(BODY, header, "whsec_other", 300, T)).toBe(false)
    const flipped = header.slice(0, -1) + (header.endsWith("0") ? "1" : "0")
    expect(verifyWebhookSignature(BODY, flipped, SECRET, 300, T)).toBe(false)
  })

  it("refuses a timestamp outside the tolerance (replays) and a timestamp changed after signing", () => {
    expect(verifyWebhookSignature(BODY, header, SECRET, 300, T + 301)).toBe(false)
    expect(verifyWebhookSignature(BODY, header, SECRET, 300, T - 301)).toBe(false)
    expect(verifyWebhookSignature(BODY, header.replace(`t=${T}`, `t=${T + 1}`), SECRET, 300, T)).toBe(false)
  })

  it("refuses malformed headers without throwing", () => {
    for (const bad of [undefined, null, "", "garbage", `t=${T}`, "v1=abc", `t=x,v1=${"a".repeat(64)}`, `t=${T},v1=${"z".repeat(64)}`, `t=${T},v1=abcd`]) {
      expect(verifyWebhookSignature(BODY, bad as any, SECRET, 300, T)).toBe(false)
    }
    expect(verifyWebhookSignature(BODY, header, "", 300, T)).toBe(false)
  })

  it("accepts any of several v1 signatures (a secret being rotated)", () => {
    const other = signWebhook(BODY, "whsec_old", T).split(",")[1]
    expect(verifyWebhookSignature(BODY, `${header},${other}`, SECRET, 300, T)).toBe(true)
    expect(verifyWebhookSignature(BODY, `t=${T},${other}`, SECRET, 300, T)).toBe(false)
  })
})

describe("nextAttemptDelay", () => {
  it("follows the schedule 30 s, 2 min, 10 min, 1 h, 6 h, 24 h, then gives up", () => {
    expect(WEBHOOK_RETRY_SCHEDULE_MS).toEqual([30_000, 120_000, 600_000, 3_600_000, 21_600_000, 86_400_000])
    expect([1, 2, 3, 4, 5, 6].map(nextAttemptDelay)).toEqual([...WEBHOOK_RETRY_SCHEDULE_MS])
    expect(nextAttemptDelay(7)).toBeNull()
    expect(nextAttemptDelay(100)).toBeNull()
  })

  it("treats a count below one as the first failure", () => {
    expect(nextAttemptDelay(0)).toBe(30_000)
  })
})

describe("generateWebhookSecret", () => {
  it("is whsec_ and 32 random bytes in base64url, different every time", () => {
    const a = generateWebhookSecret()
    const b = generateWebhookSecret()
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/)
    expect(Buffer.from(a.slice(6), "base64url")).toHaveLength(32)
    expect(a).not.toBe(b)
  })
})

describe("event identity", () => {
  it("canonical JSON sorts keys at every depth and drops undefined members", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 2 }], c: null, u: undefined } })).toBe('{"a":{"c":null,"d":[2,{"x":2,"y":1}]},"b":1}')
    expect(canonicalJson(new Date("2026-01-01T00:00:00Z"))).toBe('"2026-01-01T00:00:00.000Z"')
  })

  it("the same data in any key order gives the same key; other data or another type another key", () => {
    const k = webhookEventKey("invoice.paid", { id: "binv_1", account_id: "bacct_1" })
    expect(k).toMatch(/^invoice\.paid:[0-9a-f]{64}$/)
    expect(webhookEventKey("invoice.paid", { account_id: "bacct_1", id: "binv_1" })).toBe(k)
    expect(webhookEventKey("invoice.paid", { account_id: "bacct_1", id: "binv_2" })).not.toBe(k)
    expect(webhookEventKey("invoice.finalized", { account_id: "bacct_1", id: "binv_1" })).not.toBe(k)
  })

  it("the event id is evt_ and 24 hex, stable for a key", () => {
    const k = webhookEventKey("balance.low", { account_id: "bacct_1", balance: "8" })
    expect(webhookEventId(k)).toMatch(/^evt_[0-9a-f]{24}$/)
    expect(webhookEventId(k)).toBe(webhookEventId(k))
    expect(webhookEventId(k + "x")).not.toBe(webhookEventId(k))
  })
})
