import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import http from "node:http"
import type { AddressInfo } from "node:net"
import { adminHeaders, eventually } from "../helpers"
import { seedRatingWorld } from "../usage/fixtures"

jest.setTimeout(240 * 1000)

// examples/rates.csv: 4420 London 0.0100/min, 60/60
const call = (call_id: string, minutes: number) => ({
  call_id,
  account: "thr",
  direction: "outbound",
  callee: "+44 20 7946 0018",
  answer_time: "2026-11-03T10:00:00Z",
  start_time: "2026-11-03T10:00:00Z",
  end_time: new Date(Date.parse("2026-11-03T10:00:00Z") + minutes * 60000).toISOString(),
  billsec: minutes * 60,
  disposition: "ANSWERED",
})

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    it("announces usage.threshold_reached once when an account's usage crosses 80 % and once at 100 % of its credit limit", async () => {
      const received: any[] = []
      const server = http.createServer((req, res) => {
        let body = ""
        req.on("data", (c) => (body += c))
        req.on("end", () => {
          received.push(JSON.parse(body))
          res.end("ok")
        })
      })
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()))
      try {
        const { headers } = await adminHeaders(getContainer())
        const { account } = await seedRatingWorld(api, headers, "thr")
        await api.post(`/admin/call-billing/billing-accounts/${account.id}`, { credit_limit: "1.00" }, { headers })
        await api.post(
          "/admin/call-billing/webhook-endpoints",
          { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, events: ["usage.threshold_reached"] },
          { headers }
        )
        const key = await getContainer().resolve(Modules.API_KEY).createApiKeys({ title: "sw", type: "secret", created_by: "test" })
        const auth = { authorization: `Basic ${Buffer.from(`${key.token}:`).toString("base64")}` }
        const push = (calls: unknown[]) => api.post("/call-billing/usage", { source: "sw", calls }, { headers: auth })

        await push([call("a", 50)]) // 0.50: below both
        await push([call("b", 40)]) // 0.90: crosses 80 %
        await eventually(async () => received.length === 1, "the 80 % webhook")
        await push([call("c", 5)]) // 0.95: nothing new
        await push([call("d", 10), call("e", 10)]) // 1.15: crosses 100 %
        await eventually(async () => received.length === 2, "the 100 % webhook")
        await push([call("f", 10)]) // 1.25: nothing new
        await new Promise((r) => setTimeout(r, 1000))
        expect(received.map((r) => [r.type, r.data.share, r.data.amount, r.data.limit])).toEqual([
          ["usage.threshold_reached", "0.8", "0.9", "1"],
          ["usage.threshold_reached", "1", "1.15", "1"],
        ])
        expect(received[0].data.account).toMatchObject({ code: "thr" })
      } finally {
        await new Promise((r) => server.close(r))
      }
    })
  },
})
