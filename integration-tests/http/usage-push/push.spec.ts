import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { createHash } from "crypto"
import { METERING_MODULE } from "../../../src/modules/metering"
import { adminHeaders, failure } from "../helpers"
import { seedRatingWorld } from "../usage/fixtures"

jest.setTimeout(240 * 1000)

/** A call that rates on the examples' USD card (c-0001 of examples/cdrs.csv). */
const call = (call_id: string, over: Record<string, unknown> = {}) => ({
  call_id,
  account: "acme",
  direction: "outbound",
  caller: "+442071230001",
  callee: "+44 20 7946 0018",
  answer_time: "2026-03-02T09:15:07Z",
  start_time: "2026-03-02T09:15:01Z",
  end_time: "2026-03-02T09:16:08Z",
  duration: 67,
  billsec: 61,
  disposition: "ANSWERED",
  ...over,
})
const event = (event_id: string, over: Record<string, unknown> = {}) => ({
  event_id,
  account: "acme",
  metric: "sms",
  quantity: "3",
  timestamp: "2026-03-02T09:00:00Z",
  ...over,
})
const calls = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => call(`${prefix}-${i + 1}`))

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConnection }) => {
    let key: Record<string, string>
    let apiKeyId: string

    beforeEach(async () => {
      const { headers } = await adminHeaders(getContainer())
      await seedRatingWorld(api, { ...headers })
      const apiKeys = getContainer().resolve(Modules.API_KEY)
      const created = await apiKeys.createApiKeys({ title: "pbx-1 pusher", type: "secret", created_by: "test" })
      apiKeyId = created.id
      key = { authorization: `Basic ${Buffer.from(`${created.token}:`).toString("base64")}` }
    })

    const push = (body: unknown, headers: Record<string, string> = {}) =>
      api.post("/call-billing/usage", body, { headers: { ...key, ...headers } })
    const count = async (table: string, where = "true") =>
      (await dbConnection.raw(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`)).rows[0].n as number

    it("rates and stores good calls and events, and rejects each bad record with its index, id and reason; counters reconcile", async () => {
      const res = await push({
        source: "pbx-1",
        calls: [
          call("c-1", { x_crm_ticket: "TCK-1" }),
          call("c-2", { callee: "12ab34" }),
          call("c-3", { callee: "+20 2 2345 6789" }),
          call("c-4", { answer_time: "2026-02-30T10:00:00Z" }),
          call("c-5", { account: "nobody" }),
          "not a call",
          call("c-1"), // the same call twice in one request: stored once
        ],
        events: [
          event("ev-1", { properties: { channel: "sms", country: "GB" } }),
          event("ev-2", { quantity: 2 }),
          event("ev-3", { quantity: 0.5 }),
          event("ev-4", { quantity: "abc" }),
          event("ev-5", { quantity: 2 ** 60 }),
          event("ev-6", { account: "nobody" }),
          event("ev-7", { quantity: "-1" }),
        ],
      })
      expect(res.status).toBe(200)
      const body = res.data
      expect(body).toMatchObject({ received: 14, inserted: 3, duplicates: 1, exceptions: 10 })
      expect(body.received).toBe(body.inserted + body.duplicates + body.exceptions)
      expect(body.exception_reasons).toEqual({ invalid_number: 1, invalid_record: 6, no_rate: 1, unknown_account: 2 })
      expect(body.rejected.map((r: any) => [r.kind, r.index, r.id, r.reason])).toEqual([
        ["call", 1, "c-2", "invalid_number"],
        ["call", 2, "c-3", "no_rate"],
        ["call", 3, "c-4", "invalid_record"],
        ["call", 4, "c-5", "unknown_account"],
        ["call", 5, null, "invalid_record"],
        ["event", 2, "ev-3", "invalid_record"],
        ["event", 3, "ev-4", "invalid_record"],
        ["event", 4, "ev-5", "invalid_record"],
        ["event", 5, "ev-6", "unknown_account"],
        ["event", 6, "ev-7", "invalid_record"],
      ])
      const details = (kind: string, index: number) => body.rejected.find((r: any) => r.kind === kind && r.index === index).details
      expect(details("call", 1)).toMatch(/12ab34/)
      expect(details("call", 3)).toMatch(/^answer_time: /)
      expect(details("call", 5)).toMatch(/must be a JSON object/)
      expect(details("event", 2)).toMatch(/^quantity: .*not an integer: send the quantity as a decimal string/)
      expect(details("event", 3)).toMatch(/^quantity: "abc" is not a decimal number/)
      expect(details("event", 4)).toMatch(/^quantity: .*not a safe integer/)
      expect(details("event", 6)).toMatch(/must not be negative/)

      // what is stored agrees with the answer
      const job = (await dbConnection.raw(`SELECT * FROM call_billing_import_job WHERE id = ?`, [body.job_id])).rows[0]
      expect(job).toMatchObject({ channel: "rest", status: "completed", source: "pbx-1", received: 14, inserted: 3, duplicates: 1, exceptions: 10, created_by: apiKeyId })
      const c1 = (await dbConnection.raw(`SELECT charge::text, (charge = 0.02) AS two_cents, metadata, line, request_id, import_job_id FROM call_billing_call WHERE call_id = 'c-1'`)).rows
      expect(c1).toHaveLength(1)
      expect(c1[0]).toMatchObject({ line: 1, import_job_id: body.job_id, metadata: { crm_ticket: "TCK-1" } })
      expect(c1[0].request_id).toMatch(/^[0-9a-f]{64}$/)
      expect(c1[0].two_cents).toBe(true) // as import.spec.ts: 0.02 for c-0001
      const events = (await dbConnection.raw(`SELECT event_id, quantity::text, properties FROM call_billing_meter_event ORDER BY event_id`)).rows
      expect(events).toEqual([
        { event_id: "ev-1", quantity: "3", properties: { channel: "sms", country: "GB" } },
        { event_id: "ev-2", quantity: "2", properties: null },
      ])
      expect(await count("call_billing_usage_exception", `import_job_id = '${body.job_id}' AND status = 'open'`)).toBe(10)
    })

    it("answers a retried request the same and stores nothing twice, with or without an Idempotency-Key", async () => {
      const body = { source: "pbx-1", calls: [...calls("r", 50), call("r-bad", { callee: "12ab34" })], events: [event("ev-r")] }
      const first = await push(body)
      expect(first.data).toMatchObject({ received: 52, inserted: 51, duplicates: 0, exceptions: 1 })
      expect(first.headers["idempotent-replayed"]).toBeUndefined()
      const again = await push(body)
      expect(again.status).toBe(200)
      expect(again.headers["idempotent-replayed"]).toBe("true")
      expect(again.data).toEqual(first.data)
      expect(await count("call_billing_import_job")).toBe(1)
      expect(await count("call_billing_call")).toBe(50)
      expect(await count("call_billing_meter_event")).toBe(1)
      expect(await count("call_billing_usage_exception")).toBe(1)

      // the stored rejections answer the replay even after the exception was worked on
      await dbConnection.raw(`UPDATE call_billing_usage_exception SET status = 'ignored', reason = 'no_rate'`)
      expect((await push(body)).data).toEqual(first.data)

      // a client key: its retry is a replay whatever the body's bytes look like
      const keyed = { "Idempotency-Key": "batch-0001" }
      const k1 = await push({ calls: calls("k", 5) }, keyed)
      const k2 = await push({ calls: calls("k", 5) }, keyed)
      expect(k2.data).toEqual(k1.data)
      expect(k2.headers["idempotent-replayed"]).toBe("true")
      expect(await count("call_billing_call", "call_id LIKE 'k-%'")).toBe(5)

      // the same records under a new request are duplicates, not rejections
      const fresh = await push({ source: "pbx-1", calls: calls("r", 50) }, { "Idempotency-Key": "batch-0002" })
      expect(fresh.data).toMatchObject({ received: 50, inserted: 0, duplicates: 50, exceptions: 0, rejected: [] })
      expect(fresh.data.job_id).not.toBe(first.data.job_id)
    })

    it("refuses the same Idempotency-Key with a different body (422)", async () => {
      const keyed = { "Idempotency-Key": "batch-x" }
      await push({ calls: calls("x", 3) }, keyed)
      const res = await failure(push({ calls: calls("y", 3) }, keyed))
      expect(res.status).toBe(422)
      expect(res.body.message).toMatch(/Idempotency-Key "batch-x" was already used for a request with a different body/)
      expect(await count("call_billing_call", "call_id LIKE 'y-%'")).toBe(0)
      const bad = await failure(push({ calls: calls("z", 1) }, { "Idempotency-Key": "has spaces" }))
      expect(bad.status).toBe(400)
      expect(bad.body.message).toMatch(/^Idempotency-Key header: /)
    })

    it("runs a request again when its earlier attempt failed (a failed job stored nothing)", async () => {
      const body = { calls: calls("f", 3) }
      const metering = getContainer().resolve(METERING_MODULE)
      const failed = await metering.createImportJobs({
        source: "rest",
        channel: "rest",
        format: "json",
        request_key: `rest:${apiKeyId}:key:retry-1`,
        sha256: createHash("sha256").update(JSON.stringify(body)).digest("hex"),
        status: "failed",
        error: "connection lost",
      })
      const res = await push(body, { "Idempotency-Key": "retry-1" })
      expect(res.data).toMatchObject({ received: 3, inserted: 3 })
      expect(res.data.job_id).not.toBe(failed.id)
      expect(res.headers["idempotent-replayed"]).toBeUndefined()
      const [old] = await metering.listImportJobs({ id: failed.id })
      expect(old).toMatchObject({ status: "failed", request_key: null, metadata: { released_request_key: `rest:${apiKeyId}:key:retry-1` } })
      expect((await push(body, { "Idempotency-Key": "retry-1" })).data).toEqual(res.data)
      expect(await count("call_billing_call")).toBe(3)
    })

    it("imports two identical requests that arrive at the same time once, and answers both the same", async () => {
      const body = { source: "pbx-2", calls: [...calls("p", 2000), call("p-bad", { account: "nobody" })] }
      const [a, b] = await Promise.all([push(body), push(body)])
      expect(a.status).toBe(200)
      expect(b.status).toBe(200)
      expect(a.data).toEqual(b.data)
      expect(a.data).toMatchObject({ received: 2001, inserted: 2000, duplicates: 0, exceptions: 1 })
      expect([a.headers["idempotent-replayed"], b.headers["idempotent-replayed"]].filter(Boolean)).toEqual(["true"])
      expect(await count("call_billing_import_job")).toBe(1)
      expect(await count("call_billing_call")).toBe(2000)
      expect(await count("call_billing_usage_exception")).toBe(1)

      // the same with a client key, three at once
      const keyed = { "Idempotency-Key": "same-time" }
      const body2 = { source: "pbx-2", events: Array.from({ length: 500 }, (_, i) => event(`ev-${i}`, { quantity: i })) }
      const answers = await Promise.all([push(body2, keyed), push(body2, keyed), push(body2, keyed)])
      for (const r of answers) expect(r.data).toEqual(answers[0].data)
      expect(answers[0].data).toMatchObject({ received: 500, inserted: 500, exceptions: 0 })
      expect(await count("call_billing_import_job")).toBe(2)
      expect(await count("call_billing_meter_event")).toBe(500)
    })

    it("takes up to 10,000 records a request and refuses 10,001 with 400 naming the field", async () => {
      const tooMany = await failure(push({ calls: calls("t", 9_001), events: Array.from({ length: 1_000 }, (_, i) => event(`t-${i}`)) }))
      expect(tooMany.status).toBe(400)
      expect(tooMany.body.message).toMatch(/calls: at most 10000 records per request \(calls and events together\), got 10001/)
      const empty = await failure(push({ source: "pbx-1" }))
      expect(empty.status).toBe(400)
      expect(empty.body.message).toMatch(/calls: send at least one record/)
      const unknown = await failure(push({ calls: calls("u", 1), cdrs: [] }))
      expect(unknown.status).toBe(400)
      expect(unknown.body.message).toMatch(/cdrs/)
      const notList = await failure(push({ events: { event_id: "e" } }))
      expect(notList.status).toBe(400)
      expect(notList.body.message).toMatch(/events: /)
      expect(await count("call_billing_import_job")).toBe(0)

      const full = await push({ source: "pbx-3", calls: calls("f", 10_000) })
      expect(full.data).toMatchObject({ received: 10_000, inserted: 10_000, duplicates: 0, exceptions: 0, rejected: [] })
      expect(await count("call_billing_call", "source = 'pbx-3'")).toBe(10_000)
    })

    it("refuses a request without a secret API key (401): none, a publishable key, an admin's token", async () => {
      const body = { calls: calls("a", 1) }
      const none = await failure(api.post("/call-billing/usage", body))
      expect(none.status).toBe(401)
      const apiKeys = getContainer().resolve(Modules.API_KEY)
      const pk = await apiKeys.createApiKeys({ title: "storefront", type: "publishable", created_by: "test" })
      const basic = await failure(api.post("/call-billing/usage", body, { headers: { authorization: `Basic ${Buffer.from(`${pk.token}:`).toString("base64")}` } }))
      expect(basic.status).toBe(401)
      const header = await failure(api.post("/call-billing/usage", body, { headers: { "x-publishable-api-key": pk.token } }))
      expect(header.status).toBe(401)
      const { headers } = await adminHeaders(getContainer())
      const admin = await failure(api.post("/call-billing/usage", body, { headers }))
      expect(admin.status).toBe(401)
      const revoked = await apiKeys.createApiKeys({ title: "old", type: "secret", created_by: "test" })
      await apiKeys.revoke({ id: revoked.id }, { revoked_by: "test" })
      const old = await failure(api.post("/call-billing/usage", body, { headers: { authorization: `Basic ${Buffer.from(`${revoked.token}:`).toString("base64")}` } }))
      expect(old.status).toBe(401)
      expect(await count("call_billing_import_job")).toBe(0)
    })
  },
})
