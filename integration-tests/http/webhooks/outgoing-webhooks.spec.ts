import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner, TestEventUtils } from "@medusajs/test-utils"
import http from "node:http"
import type { AddressInfo } from "node:net"
import deliverWebhooksJob from "../../../src/jobs/deliver-webhooks"
import { CallBillingEvents } from "../../../src/lib/constants"
import { BILLING_MODULE } from "../../../src/modules/billing"
import { verifyWebhookSignature, WEBHOOK_RETRY_SCHEDULE_MS } from "../../../src/modules/billing/integrations/webhooks/sign"
import { deliverWebhooksWorkflow } from "../../../src/workflows/collections/workflows/webhook-deliver"
import { enqueueWebhooksWorkflow } from "../../../src/workflows/collections/workflows/webhook-enqueue"
import { adminHeaders, failure } from "../helpers"

jest.setTimeout(120 * 1000)

const ENDPOINTS = "/admin/call-billing/webhook-endpoints"

type Received = { path: string; headers: http.IncomingHttpHeaders; body: string; json: any }

/** A webhook receiver on 127.0.0.1: records every request; answers 500 to the next `failNext` ones. */
async function startReceiver(opts: { delayMs?: number } = {}) {
  const requests: Received[] = []
  const state = { failNext: 0 }
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on("data", (c) => chunks.push(c))
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8")
      let json: any = null
      try {
        json = JSON.parse(body)
      } catch {
        // recorded as it came
      }
      requests.push({ path: req.url ?? "", headers: req.headers, body, json })
      const answer = () => {
        if (state.failNext > 0) {
          state.failNext--
          res.writeHead(500, { "content-type": "text/plain" })
          res.end("boom: receiver down " + "x".repeat(1000))
        } else {
          res.writeHead(200, { "content-type": "application/json" })
          res.end('{"ok":true}')
        }
      }
      opts.delayMs ? setTimeout(answer, opts.delayMs) : answer()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: (path = "/hooks") => `http://127.0.0.1:${port}${path}`,
    requests,
    to: (path: string) => requests.filter((r) => r.path === path),
    failNext(n: number) {
      state.failNext = n
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string, ms = 20_000): Promise<T> {
  const until = Date.now() + ms
  let last: T
  do {
    last = await read()
    if (ok(last)) return last
    await new Promise((r) => setTimeout(r, 100))
  } while (Date.now() < until)
  throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last!)}`)
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConnection }) => {
    let headers: Record<string, any>
    let receiver: Awaited<ReturnType<typeof startReceiver>>

    beforeEach(async () => {
      headers = (await adminHeaders(getContainer())).headers
      receiver = await startReceiver()
    })

    afterEach(async () => {
      await receiver?.close()
    })

    const billing = () => getContainer().resolve(BILLING_MODULE) as any
    const bus = () => getContainer().resolve(Modules.EVENT_BUS) as any

    const createEndpoint = async (body: Record<string, unknown>) => (await api.post(ENDPOINTS, body, { headers })).data.webhook_endpoint
    const deliveries = async (filters: Record<string, unknown> = {}) =>
      billing().listWebhookDeliveries(filters, { order: { created_at: "ASC" } }) as Promise<any[]>

    /** Emits internal events through the event bus and waits until every subscriber of the event has run. */
    async function emit(name: string, ...data: Array<Record<string, unknown>>) {
      const done = TestEventUtils.waitSubscribersExecution(name, bus(), { triggerCount: data.length, timeout: 30_000 })
      await bus().emit(data.map((d) => ({ name, data: d })))
      await done
    }

    async function account(code = "ACME") {
      const res = await api.post(
        "/admin/call-billing/billing-accounts",
        { code, name: `${code} Contact Centre`, currency_code: "GBP", timezone: "Europe/London", country_code: "44" },
        { headers }
      )
      return res.data.billing_account
    }

    async function invoice(accountId: string) {
      const [inv] = await billing().createInvoices([
        {
          account_id: accountId,
          entity_id: "bent_test",
          number: "ACME-2026-000007",
          status: "paid",
          currency_code: "GBP",
          period_start: "2026-11-01",
          period_end: "2026-12-01",
          subtotal: "100",
          tax_total: "20",
          total: "120",
          amount_paid: "120",
          due_date: "2026-12-31",
        },
      ])
      return inv
    }

    /** Makes deliveries due now, as if their backoff had passed. */
    const makeDue = (ids: string[]) =>
      dbConnection.raw(`UPDATE call_billing_webhook_delivery SET next_attempt_at = now() - interval '1 second' WHERE id = ANY(?)`, [ids])

    describe("webhook endpoints (admin)", () => {
      it("creates an endpoint and returns its secret once: GET, list and update never show it", async () => {
        const res = await api.post(
          ENDPOINTS,
          { url: receiver.url(), description: "ERP", events: ["invoice.paid", "invoice.finalized", "invoice.paid"] },
          { headers }
        )
        expect(res.status).toBe(201)
        const created = res.data.webhook_endpoint
        expect(created).toEqual(
          expect.objectContaining({
            id: expect.stringMatching(/^bwhe_/),
            url: receiver.url(),
            description: "ERP",
            events: ["invoice.paid", "invoice.finalized"],
            active: true,
            secret: expect.stringMatching(/^whsec_[A-Za-z0-9_-]{43}$/),
          })
        )

        const read = (await api.get(`${ENDPOINTS}/${created.id}`, { headers })).data.webhook_endpoint
        expect(read).not.toHaveProperty("secret")
        expect(read).toEqual(expect.objectContaining({ id: created.id, url: receiver.url(), active: true }))
        const asked = (await api.get(`${ENDPOINTS}/${created.id}?fields=id,secret`, { headers })).data.webhook_endpoint
        expect(asked).not.toHaveProperty("secret")

        const list = (await api.get(ENDPOINTS, { headers })).data
        expect(list.count).toBe(1)
        expect(list.webhook_endpoints[0]).not.toHaveProperty("secret")
        expect(JSON.stringify(list)).not.toContain(created.secret)

        const updated = (
          await api.post(`${ENDPOINTS}/${created.id}`, { events: ["balance.low"], active: false, description: null }, { headers })
        ).data.webhook_endpoint
        expect(updated).toEqual(expect.objectContaining({ events: ["balance.low"], active: false, description: null }))
        expect(updated).not.toHaveProperty("secret")
        expect((await api.get(`${ENDPOINTS}?active=false`, { headers })).data.count).toBe(1)
        expect((await api.get(`${ENDPOINTS}?active=true`, { headers })).data.count).toBe(0)

        const deleted = await api.delete(`${ENDPOINTS}/${created.id}`, { headers })
        expect(deleted.data).toEqual({ id: created.id, object: "webhook_endpoint", deleted: true })
        expect((await failure(api.get(`${ENDPOINTS}/${created.id}`, { headers }))).status).toBe(404)
      })

      it("refuses a bad url or an unknown event with 400 naming the field", async () => {
        const refused = (body: Record<string, unknown>) => failure(api.post(ENDPOINTS, body, { headers }))
        const ftp = await refused({ url: "ftp://files.example.com/in", events: ["invoice.paid"] })
        expect(ftp.status).toBe(400)
        expect(ftp.body.message).toMatch(/url: must be an absolute http or https URL/)
        const notUrl = await refused({ url: "erp.example.com", events: ["invoice.paid"] })
        expect(notUrl.status).toBe(400)
        expect(notUrl.body.message).toMatch(/url: /)
        const unknown = await refused({ url: receiver.url(), events: ["invoice.paid", "invoice.voided"] })
        expect(unknown.status).toBe(400)
        expect(unknown.body.message).toMatch(/events\[1\]: "invoice.voided" is not an event webhooks are sent for; use invoice.finalized, /)
        const none = await refused({ url: receiver.url(), events: [] })
        expect(none.status).toBe(400)
        expect(none.body.message).toMatch(/events: at least one event is required/)
        const secret = await refused({ url: receiver.url(), events: ["invoice.paid"], secret: "whsec_mine" })
        expect(secret.status).toBe(400)

        const ep = await createEndpoint({ url: receiver.url(), events: ["invoice.paid"] })
        const badUpdate = await failure(api.post(`${ENDPOINTS}/${ep.id}`, { url: "javascript:alert(1)" }, { headers }))
        expect(badUpdate.status).toBe(400)
        expect(badUpdate.body.message).toMatch(/url: /)
        const badEvent = await failure(api.post(`${ENDPOINTS}/${ep.id}`, { events: ["call.rated"] }, { headers }))
        expect(badEvent.status).toBe(400)
        expect(badEvent.body.message).toMatch(/events\[0\]: "call.rated" is not an event/)
        expect((await failure(api.post(`${ENDPOINTS}/bwhe_missing`, { active: false }, { headers }))).status).toBe(404)
        expect((await failure(api.get(`${ENDPOINTS}/bwhe_missing/deliveries`, { headers }))).status).toBe(404)
        expect((await failure(api.get(`${ENDPOINTS}/${ep.id}/deliveries?status=lost`, { headers }))).status).toBe(400)
      })

      it("needs an admin", async () => {
        expect((await failure(api.get(ENDPOINTS))).status).toBe(401)
        expect((await failure(api.post(ENDPOINTS, { url: receiver.url(), events: ["invoice.paid"] }))).status).toBe(401)
      })
    })

    describe("delivery", () => {
      it("an emitted event reaches its endpoint once, signed, with the invoice and account; emitted again it is not resent", async () => {
        const acc = await account()
        const inv = await invoice(acc.id)
        const ep = (await api.post(ENDPOINTS, { url: receiver.url("/erp"), events: ["invoice.paid"] }, { headers })).data.webhook_endpoint

        // twice at once: the second run of the subscriber races the first for the same delivery
        await emit(CallBillingEvents.INVOICE_PAID, { id: inv.id, account_id: acc.id }, { account_id: acc.id, id: inv.id })
        const [d] = await eventually(() => deliveries(), (ds) => ds.length === 1 && ds[0].status === "delivered", "the delivery")
        expect(receiver.requests).toHaveLength(1)

        const req = receiver.requests[0]
        expect(req.path).toBe("/erp")
        expect(req.headers["content-type"]).toBe("application/json")
        expect(req.headers["user-agent"]).toBe("call-billing-webhooks")
        expect(req.headers["x-call-billing-event"]).toBe("invoice.paid")
        expect(req.headers["x-call-billing-delivery"]).toBe(d.id)
        const signature = String(req.headers["x-call-billing-signature"])
        expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/)
        expect(verifyWebhookSignature(req.body, signature, ep.secret)).toBe(true)
        expect(verifyWebhookSignature(req.body, signature, "whsec_someone_else")).toBe(false)
        expect(verifyWebhookSignature(req.body.replace("120.00", "1.00"), signature, ep.secret)).toBe(false)

        expect(req.json).toEqual({
          id: expect.stringMatching(/^evt_[0-9a-f]{24}$/),
          type: "invoice.paid",
          created_at: expect.any(String),
          data: {
            id: inv.id,
            account_id: acc.id,
            invoice: {
              id: inv.id,
              number: "ACME-2026-000007",
              account_id: acc.id,
              status: "paid",
              currency_code: "GBP",
              total: "120.00",
              amount_paid: "120.00",
              due_date: "2026-12-31",
            },
            account: { id: acc.id, code: "ACME", name: "ACME Contact Centre", status: "active", suspension_reason: null },
          },
        })
        expect(d).toEqual(
          expect.objectContaining({
            endpoint_id: ep.id,
            event: "invoice.paid",
            status: "delivered",
            attempts: 1,
            response_status: 200,
            last_error: null,
            next_attempt_at: null,
            delivered_at: expect.any(Date),
          })
        )
        expect(d.event_key).toMatch(/^invoice\.paid:[0-9a-f]{64}$/)

        // the same event later: one delivery, one request
        await emit(CallBillingEvents.INVOICE_PAID, { id: inv.id, account_id: acc.id })
        const { result } = await deliverWebhooksWorkflow(getContainer()).run({ input: { limit: 500 } })
        expect(result.due).toBe(0)
        expect(await deliveries()).toHaveLength(1)
        expect(receiver.requests).toHaveLength(1)

        const listed = (await api.get(`${ENDPOINTS}/${ep.id}/deliveries`, { headers })).data
        expect(listed.count).toBe(1)
        expect(listed.webhook_deliveries[0]).toEqual(expect.objectContaining({ id: d.id, status: "delivered", attempts: 1, payload: req.json }))
      })

      it("a 500 leaves the delivery pending with a backoff; once due the job delivers it, the same event again", async () => {
        const acc = await account()
        const ep = await createEndpoint({ url: receiver.url(), events: ["balance.low"] })
        receiver.failNext(1)

        await emit(CallBillingEvents.WALLET_LOW_BALANCE, { account_id: acc.id, balance: "8", threshold: "10", currency_code: "GBP" })
        const [d] = await eventually(() => deliveries(), (ds) => ds[0]?.attempts === 1 && ds[0]?.response_status === 500, "the failed attempt")
        expect(d).toEqual(expect.objectContaining({ status: "pending", attempts: 1, response_status: 500, delivered_at: null }))
        expect(d.last_error).toMatch(/^HTTP 500: boom: receiver down x+$/)
        expect(d.last_error.length).toBeLessThanOrEqual("HTTP 500: ".length + 500)
        const wait = new Date(d.next_attempt_at).getTime() - new Date(d.last_attempt_at).getTime()
        expect(wait).toBeGreaterThanOrEqual(WEBHOOK_RETRY_SCHEDULE_MS[0] - 1000)
        expect(wait).toBeLessThan(WEBHOOK_RETRY_SCHEDULE_MS[0] + 10_000)

        // not due yet: nothing is sent
        const early = await deliverWebhooksWorkflow(getContainer()).run({ input: { limit: 500 } })
        expect(early.result.due).toBe(0)
        expect(receiver.requests).toHaveLength(1)

        await makeDue([d.id])
        await deliverWebhooksJob(getContainer())
        const [after] = await eventually(() => deliveries(), (ds) => ds[0]?.status === "delivered", "the retry")
        expect(after).toEqual(expect.objectContaining({ status: "delivered", attempts: 2, response_status: 200, last_error: null, next_attempt_at: null }))
        expect(receiver.requests).toHaveLength(2)
        const [first, second] = receiver.requests
        expect(second.headers["x-call-billing-delivery"]).toBe(d.id)
        expect(second.json.id).toBe(first.json.id)
        expect(second.body).toBe(first.body)
        expect(verifyWebhookSignature(second.body, String(second.headers["x-call-billing-signature"]), ep.secret)).toBe(true)
        expect(second.json.data).toEqual({
          account_id: acc.id,
          balance: "8",
          threshold: "10",
          currency_code: "GBP",
          account: { id: acc.id, code: "ACME", name: "ACME Contact Centre", status: "active", suspension_reason: null },
        })
      })

      it("after the schedule is exhausted the delivery is failed; the retry route sends it again", async () => {
        const acc = await account()
        const ep = await createEndpoint({ url: receiver.url(), events: ["account.suspended"] })
        receiver.failNext(1000)

        await emit(CallBillingEvents.ACCOUNT_SUSPENDED, { account_id: acc.id, reason: "dunning", dunning_event_id: "bdun_1" })
        const [d] = await eventually(() => deliveries(), (ds) => ds[0]?.attempts === 1, "the first attempt")
        expect(d.status).toBe("pending")

        // the attempts before the last are spent
        await dbConnection.raw(`UPDATE call_billing_webhook_delivery SET attempts = ? WHERE id = ?`, [WEBHOOK_RETRY_SCHEDULE_MS.length, d.id])
        await makeDue([d.id])
        await deliverWebhooksWorkflow(getContainer()).run({ input: { limit: 500 } })
        const [failed] = await eventually(() => deliveries(), (ds) => ds[0]?.status === "failed", "the last attempt")
        expect(failed).toEqual(
          expect.objectContaining({ status: "failed", attempts: WEBHOOK_RETRY_SCHEDULE_MS.length + 1, response_status: 500, next_attempt_at: null })
        )
        // a failed delivery is not picked up again
        expect((await deliverWebhooksWorkflow(getContainer()).run({ input: { limit: 500 } })).result.due).toBe(0)
        const sent = receiver.requests.length

        const failedList = (await api.get(`${ENDPOINTS}/${ep.id}/deliveries?status=failed`, { headers })).data
        expect(failedList.webhook_deliveries.map((x: any) => x.id)).toEqual([d.id])

        receiver.failNext(0)
        const retried = await api.post(`/admin/call-billing/webhook-deliveries/${d.id}/retry`, {}, { headers })
        expect(retried.status).toBe(200)
        expect(retried.data.webhook_delivery).toEqual(
          expect.objectContaining({ id: d.id, status: "delivered", attempts: WEBHOOK_RETRY_SCHEDULE_MS.length + 2, response_status: 200, last_error: null })
        )
        expect(receiver.requests).toHaveLength(sent + 1)
        const last = receiver.requests[sent]
        expect(last.json.type).toBe("account.suspended")
        expect(last.json.data).toEqual(expect.objectContaining({ account_id: acc.id, reason: "dunning", dunning_event_id: "bdun_1" }))
        expect(verifyWebhookSignature(last.body, String(last.headers["x-call-billing-signature"]), ep.secret)).toBe(true)

        const again = await failure(api.post(`/admin/call-billing/webhook-deliveries/${d.id}/retry`, {}, { headers }))
        expect(again.status).toBe(400)
        expect(again.body.message).toMatch(/was delivered already/)
        expect((await failure(api.post(`/admin/call-billing/webhook-deliveries/bwhd_missing/retry`, {}, { headers }))).status).toBe(404)
        expect((await api.get(`${ENDPOINTS}/${ep.id}/deliveries?status=delivered`, { headers })).data.count).toBe(1)
        expect((await api.get(`${ENDPOINTS}/${ep.id}/deliveries?status=failed`, { headers })).data.count).toBe(0)
      })

      it("an inactive endpoint, a deleted one or one not subscribed to the type gets nothing", async () => {
        const acc = await account()
        const subscribed = await createEndpoint({ url: receiver.url("/subscribed"), events: ["usage.threshold_reached", "invoice.paid"] })
        await createEndpoint({ url: receiver.url("/inactive"), events: ["usage.threshold_reached"], active: false })
        await createEndpoint({ url: receiver.url("/other"), events: ["invoice.paid", "balance.low"] })
        const gone = await createEndpoint({ url: receiver.url("/deleted"), events: ["usage.threshold_reached"] })
        await api.delete(`${ENDPOINTS}/${gone.id}`, { headers })

        await emit(CallBillingEvents.USAGE_THRESHOLD_REACHED, { account_id: acc.id, share: "0.8", amount: "800", limit: "1000", currency_code: "GBP" })
        await eventually(async () => receiver.to("/subscribed").length, (n) => n === 1, "the subscribed endpoint's request")
        await deliverWebhooksWorkflow(getContainer()).run({ input: { limit: 500 } })
        expect(receiver.requests.map((r) => r.path)).toEqual(["/subscribed"])
        const ds = await deliveries()
        expect(ds.map((x) => x.endpoint_id)).toEqual([subscribed.id])
        expect(receiver.requests[0].json).toEqual(
          expect.objectContaining({
            type: "usage.threshold_reached",
            data: expect.objectContaining({ share: "0.8", amount: "800", limit: "1000", account: expect.objectContaining({ code: "ACME" }) }),
          })
        )
      })

      it("a delivery queued for an endpoint made inactive waits, and is sent when it is active again", async () => {
        const acc = await account()
        const ep = await createEndpoint({ url: receiver.url(), events: ["account.reactivated"] })
        const { result } = await enqueueWebhooksWorkflow(getContainer()).run({
          input: { event: "account.reactivated", data: { account_id: acc.id, reason: "paid", dunning_event_id: null } },
        })
        expect(result.delivery_ids).toHaveLength(1)
        await api.post(`${ENDPOINTS}/${ep.id}`, { active: false }, { headers })
        expect((await deliverWebhooksWorkflow(getContainer()).run({ input: { limit: 500 } })).result.due).toBe(0)
        expect(receiver.requests).toHaveLength(0)
        await api.post(`${ENDPOINTS}/${ep.id}`, { active: true }, { headers })
        const sent = await deliverWebhooksWorkflow(getContainer()).run({ input: { ids: result.delivery_ids } })
        expect(sent.result.delivered).toEqual(result.delivery_ids)
        expect(receiver.requests).toHaveLength(1)
      })

      it("two deliverWebhooksWorkflow runs side by side send each delivery once", async () => {
        await receiver.close()
        receiver = await startReceiver({ delayMs: 150 })
        const acc = await account()
        await createEndpoint({ url: receiver.url("/a"), events: ["payment.failed"] })
        await createEndpoint({ url: receiver.url("/b"), events: ["payment.failed"] })
        const N = 12
        for (let i = 0; i < N; i++) {
          await enqueueWebhooksWorkflow(getContainer()).run({
            input: { event: "payment.failed", data: { invoice_id: null, account_id: acc.id, code: "card_declined", message: `try ${i}` } },
          })
        }
        const queued = await deliveries({ status: "pending" })
        expect(queued).toHaveLength(2 * N)

        const runs = await Promise.all([0, 1, 2].map(() => deliverWebhooksWorkflow(getContainer()).run({ input: { limit: 500 } })))
        const done = await eventually(() => deliveries({ status: "delivered" }), (ds) => ds.length === 2 * N, "every delivery")
        const sentIds = receiver.requests.map((r) => String(r.headers["x-call-billing-delivery"]))
        expect(sentIds).toHaveLength(2 * N)
        expect(new Set(sentIds).size).toBe(2 * N)
        expect(done.every((d) => d.attempts === 1)).toBe(true)
        const delivered = runs.flatMap((r) => r.result.delivered)
        expect(new Set(delivered).size).toBe(delivered.length)
        expect(runs.every((r) => r.result.failed.length === 0 && r.result.retrying.length === 0)).toBe(true)
        // the runs did overlap: each listed deliveries another one claimed first
        expect(runs.reduce((n, r) => n + r.result.skipped.length, 0)).toBeGreaterThan(0)

        // an endpoint's deliveries, paged, newest first
        const epA = (await api.get(ENDPOINTS, { headers })).data.webhook_endpoints.find((e: any) => e.url.endsWith("/a"))
        const page = (await api.get(`${ENDPOINTS}/${epA.id}/deliveries?limit=5&offset=0`, { headers })).data
        expect(page).toEqual(expect.objectContaining({ count: N, limit: 5, offset: 0 }))
        expect(page.webhook_deliveries).toHaveLength(5)
        const created = page.webhook_deliveries.map((d: any) => new Date(d.created_at).getTime())
        expect([...created].sort((a, b) => b - a)).toEqual(created)
        expect(page.webhook_deliveries[0].payload.data.message).toBe(`try ${N - 1}`)
      })

      it("a delivery being sent is not retried over it; an unknown event type is refused", async () => {
        const acc = await account()
        await createEndpoint({ url: receiver.url(), events: ["balance.low"] })
        const { result } = await enqueueWebhooksWorkflow(getContainer()).run({
          input: { event: "balance.low", data: { account_id: acc.id, balance: "2", threshold: "5", currency_code: "GBP" } },
        })
        const [id] = result.delivery_ids
        // what a worker's claim leaves on the row while its request is in flight
        await dbConnection.raw(
          `UPDATE call_billing_webhook_delivery SET attempts = 1, last_attempt_at = now(), next_attempt_at = now() + interval '1 minute' WHERE id = ?`,
          [id]
        )
        const busy = await failure(api.post(`/admin/call-billing/webhook-deliveries/${id}/retry`, {}, { headers }))
        // CONFLICT: Medusa answers 409 with its generic "conflicted with another request" text
        expect(busy.status).toBe(409)
        expect(receiver.requests).toHaveLength(0)

        const refused = await enqueueWebhooksWorkflow(getContainer()).run({
          input: { event: "invoice.voided" as any, data: { id: "binv_1" } },
          throwOnError: false,
        })
        expect(refused.errors[0].error.message).toMatch(/^event: invoice.voided is not an event webhooks are sent for/)
      })

      it("an endpoint that does not answer: the network error is recorded and the delivery retried later", async () => {
        const acc = await account()
        const dead = await startReceiver()
        const url = dead.url("/gone")
        await dead.close()
        await createEndpoint({ url, events: ["balance.low"] })
        const { result } = await enqueueWebhooksWorkflow(getContainer()).run({
          input: { event: "balance.low", data: { account_id: acc.id, balance: "1", threshold: "5", currency_code: "GBP" } },
        })
        const sent = await deliverWebhooksWorkflow(getContainer()).run({ input: { ids: result.delivery_ids } })
        expect(sent.result.retrying).toEqual(result.delivery_ids)
        const [d] = await deliveries()
        expect(d).toEqual(expect.objectContaining({ status: "pending", attempts: 1, response_status: null }))
        expect(d.last_error).toMatch(/ECONNREFUSED|fetch failed/)
        expect(d.next_attempt_at).not.toBeNull()
      })
    })
  },
})
