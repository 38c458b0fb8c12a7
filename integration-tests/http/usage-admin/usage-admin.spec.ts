import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createHash } from "crypto"
import fs from "fs"
import http from "http"
import os from "os"
import path from "path"
import { adminHeaders, eventually, failure } from "../helpers"
import { example, seedRatingWorld, type RatingWorld } from "../usage/fixtures"

jest.setTimeout(300 * 1000)

const IMPORTS = "/admin/call-billing/imports"
const USAGE = "/admin/call-billing/usage"

/** Decimal strings summed exactly (scaled BigInt), normalised without trailing zeros. */
function sumDecimals(values: string[]): string {
  const SCALE = 12
  let total = 0n
  for (const v of values) {
    const [i, f = ""] = v.split(".")
    total += BigInt(i + f.padEnd(SCALE, "0"))
  }
  return normalise(`${total / 10n ** BigInt(SCALE)}.${String(total % 10n ** BigInt(SCALE)).padStart(SCALE, "0")}`)
}
const normalise = (v: string) => (v.includes(".") ? v.replace(/0+$/, "").replace(/\.$/, "") : v)

const sha256 = (file: string) => createHash("sha256").update(fs.readFileSync(file)).digest("hex")

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConnection }) => {
    let headers: Record<string, any>
    let user: any
    let world: RatingWorld

    beforeEach(async () => {
      ;({ headers, user } = await adminHeaders(getContainer()))
      world = await seedRatingWorld(api, { ...headers })
    })

    const upload = (query: Record<string, string>, body: Buffer | fs.ReadStream | string, contentType = "text/csv") =>
      api.post(`${IMPORTS}?${new URLSearchParams(query)}`, body, {
        headers: { ...headers, "content-type": contentType },
        maxBodyLength: Infinity,
        maxContentLength: Infinity,
      })

    /** Polls the job until it has finished; returns it and every distinct state seen on the way. */
    async function waitForJob(id: string, timeoutMs = 240_000) {
      const seen: any[] = []
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const { data } = await api.get(`${IMPORTS}/${id}`, { headers })
        seen.push(data.import_job)
        if (["completed", "failed"].includes(data.import_job.status)) return { job: data.import_job, seen }
        if (Date.now() > deadline) throw new Error(`job ${id} still ${data.import_job.status}`)
        await new Promise((r) => setTimeout(r, 200))
      }
    }

    async function importCdrs(source = "pbx-1") {
      const res = await upload({ format: "generic", source, filename: "cdrs.csv" }, fs.readFileSync(example("cdrs.csv")))
      return (await waitForJob(res.data.import_job.id)).job
    }

    describe("POST /admin/call-billing/imports", () => {
      it("queues an uploaded file with 202, then rates it in the background to 25 received / 21 inserted / 0 duplicates / 4 exceptions", async () => {
        const file = example("cdrs.csv")
        const res = await upload({ format: "generic", source: "pbx-1", filename: "cdrs.csv" }, fs.readFileSync(file))
        expect(res.status).toBe(202)
        expect(res.data.import_job).toMatchObject({
          status: "queued",
          source: "pbx-1",
          channel: "upload",
          format: "generic",
          kind: "calls",
          filename: "cdrs.csv",
          sha256: sha256(file),
          created_by: user.id,
          received: 0,
        })
        expect(Number(res.data.import_job.size_bytes)).toBe(fs.statSync(file).size)

        const { job } = await waitForJob(res.data.import_job.id)
        expect(job).toMatchObject({ status: "completed", received: 25, inserted: 21, duplicates: 0, exceptions: 4, error: null })
        expect(job.exception_reasons).toEqual({ invalid_number: 1, invalid_record: 1, no_rate: 1, out_of_policy: 1 })
        expect(job.started_at).toBeTruthy()
        expect(job.finished_at).toBeTruthy()
        const n = await dbConnection.raw(`SELECT count(*)::int AS n FROM call_billing_call WHERE import_job_id = ?`, [job.id])
        expect(n.rows[0].n).toBe(21)

        // the same file again: every call is a duplicate, the exceptions are not queued twice
        const again = await importCdrs("pbx-1")
        expect(again).toMatchObject({ status: "completed", received: 25, inserted: 0 })
        expect(again.received).toBe(again.inserted + again.duplicates + again.exceptions)
        // no temp file of ours is left behind: the route removes it once the
        // workflow has returned, which can be just after the job reads completed
        const ours = () =>
          fs
            .readdirSync(os.tmpdir())
            .filter((f) => f.startsWith("call-billing-upload-"))
            .filter((f) => {
              try {
                return sha256(path.join(os.tmpdir(), f)) === sha256(file)
              } catch {
                return false
              }
            })
        await eventually(async () => ours().length === 0, "the uploads' temp files to be removed", 10_000)
        expect(ours()).toEqual([])
      })

      it("reads an Asterisk Master.csv in the given time zone (canonicalised)", async () => {
        const res = await upload({ format: "asterisk", source: "pbx-ast", timezone: "europe/london" }, fs.readFileSync(example("Master.csv")))
        expect(res.status).toBe(202)
        expect(res.data.import_job).toMatchObject({ format: "asterisk", timezone: "Europe/London", filename: null })
        const { job } = await waitForJob(res.data.import_job.id)
        expect(job.status).toBe("completed")
        expect(job.received).toBeGreaterThan(0)
        expect(job.inserted).toBeGreaterThan(0)
        expect(job.received).toBe(job.inserted + job.duplicates + job.exceptions)

        // 09:15:07 London in March is GMT; 08:30:00 in July is BST (UTC+1)
        const winter = (await api.get(`${USAGE}?q=1772442901.1`, { headers })).data.calls
        expect(winter).toHaveLength(1)
        expect(winter[0]).toMatchObject({ source: "pbx-ast", answer_time: "2026-03-02T09:15:07.000Z", import_job_id: job.id })
        const summer = (await api.get(`${USAGE}?q=1783326594.5`, { headers })).data.calls
        expect(summer[0].answer_time).toBe("2026-07-06T07:30:00.000Z")
      })

      it("sends lines of unknown account codes to the exception queue, and fills a missing account from default_account", async () => {
        const csv = [
          "call_id,account,callee,answer_time,billsec",
          "u-1,nobody,+44 20 7946 0018,2026-03-02T09:15:07Z,61",
          "u-2,acme,+44 20 7946 0018,2026-03-02T09:16:07Z,61",
          "u-3,,+44 20 7946 0018,2026-03-02T09:17:07Z,30",
          "u-4,ghost,+44 20 7946 0019,2026-03-02T09:18:07Z,61",
        ].join("\n")
        const res = await upload({ format: "generic", source: "crm", default_account: "acme", filename: "mixed.csv" }, csv)
        const { job } = await waitForJob(res.data.import_job.id)
        expect(job).toMatchObject({ status: "completed", received: 4, inserted: 2, exceptions: 2 })
        expect(job.exception_reasons).toEqual({ unknown_account: 2 })
        const x = await dbConnection.raw(
          `SELECT record_key, reason, account_code, import_job_id FROM call_billing_usage_exception WHERE source = 'crm' ORDER BY record_key`
        )
        expect(x.rows).toEqual([
          { record_key: "u-1", reason: "unknown_account", account_code: "nobody", import_job_id: job.id },
          { record_key: "u-4", reason: "unknown_account", account_code: "ghost", import_job_id: job.id },
        ])
        const calls = (await api.get(`${USAGE}?source=crm`, { headers })).data.calls
        expect(calls.map((c: any) => [c.call_id, c.account_code]).sort()).toEqual([
          ["u-2", "acme"],
          ["u-3", "acme"],
        ])
      })

      it("refuses bad options with 400 naming the field, and bodies that are not a file", async () => {
        const body = fs.readFileSync(example("cdrs.csv"))
        const bad = async (query: Record<string, string>, field: RegExp) => {
          const { status, body: err } = await failure(upload(query, body))
          expect(status).toBe(400)
          expect(err.message).toMatch(field)
        }
        await bad({ format: "csv" }, /format: must be one of generic, asterisk, freeswitch, events/)
        await bad({}, /format/)
        await bad({ format: "asterisk", timezone: "Mars/Olympus" }, /timezone: must be an IANA time zone/)
        await bad({ format: "generic", source: "two words" }, /source:/)
        await bad({ format: "generic", tz: "UTC" }, /tz/)

        const multipart = await failure(upload({ format: "generic" }, "--x\r\n", "multipart/form-data; boundary=x"))
        expect(multipart.status).toBe(400)
        expect(multipart.body.message).toMatch(/multipart\/form-data is not accepted/)
        const empty = await failure(upload({ format: "generic" }, Buffer.alloc(0)))
        expect(empty.status).toBe(400)
        expect(empty.body.message).toMatch(/body: the file is empty/)

        const jobs = (await api.get(IMPORTS, { headers })).data
        expect(jobs.count).toBe(0)
      })

      it("refuses a body announced larger than 2 GiB with 413 before reading it", async () => {
        const url = new URL(`${IMPORTS}?format=generic`, api.defaults.baseURL)
        const status = await new Promise<number>((resolve, reject) => {
          const req = http.request(
            url,
            { method: "POST", headers: { ...headers, "content-type": "text/csv", "content-length": String(3 * 1024 ** 3) } },
            (res) => {
              res.resume()
              resolve(res.statusCode!)
            }
          )
          req.on("error", reject)
          req.write("call_id,account,callee,answer_time,billsec\n")
        })
        expect(status).toBe(413)
        expect((await api.get(IMPORTS, { headers })).data.count).toBe(0)
      })

      it("streams a 200,000-line file to disk and imports it completely", async () => {
        const file = path.join(os.tmpdir(), `usage-admin-${process.pid}-200k.csv`)
        const out = fs.createWriteStream(file)
        out.write("call_id,account,direction,caller,callee,answer_time,billsec,campaign,agent\n")
        const base = Date.parse("2026-03-02T00:00:00Z")
        for (let i = 0; i < 200_000; i++) {
          const account = i % 1000 === 999 ? "ghost" : "acme"
          const t = new Date(base + i * 7_000).toISOString()
          const line = `big-${i},${account},outbound,+442071230001,+44 20 7946 ${String(i % 10000).padStart(4, "0")},${t},${(i % 300) + 1},bulk,agent-${i % 7}\n`
          if (!out.write(line)) await new Promise((r) => out.once("drain", r))
        }
        await new Promise((r) => out.end(r))
        try {
          const res = await upload({ format: "generic", source: "bulk", filename: "big.csv" }, fs.createReadStream(file))
          expect(res.status).toBe(202)
          expect(res.data.import_job.sha256).toBe(sha256(file))
          expect(Number(res.data.import_job.size_bytes)).toBe(fs.statSync(file).size)
          const { job, seen } = await waitForJob(res.data.import_job.id, 280_000)
          expect(job).toMatchObject({ status: "completed", received: 200_000, inserted: 199_800, duplicates: 0, exceptions: 200 })
          expect(job.exception_reasons).toEqual({ unknown_account: 200 })
          // counters only grow while it runs
          const received = seen.map((j) => j.received)
          expect([...received].sort((a, b) => a - b)).toEqual(received)

          const { data } = await api.get(`${USAGE}?source=bulk&limit=1`, { headers })
          expect(data.count).toBe(199_800)
          const sql = await dbConnection.raw(
            `SELECT count(*)::int AS n, sum(billsec)::bigint::text AS billsec, sum(charge)::text AS charge FROM call_billing_call WHERE source = 'bulk'`
          )
          expect(data.totals).toMatchObject({ calls: sql.rows[0].n, billsec: Number(sql.rows[0].billsec) })
          expect(data.totals.charge).toEqual([{ currency: "USD", amount: sql.rows[0].charge, calls: 199_800 }])
        } finally {
          fs.rmSync(file, { force: true })
        }
      })
    })

    describe("GET /admin/call-billing/imports", () => {
      it("lists jobs newest first with filters, and retrieves one or 404", async () => {
        const first = await importCdrs("pbx-1")
        const second = await importCdrs("pbx-2")
        const { data } = await api.get(IMPORTS, { headers })
        expect(data).toMatchObject({ count: 2, offset: 0, limit: 20 })
        expect(data.import_jobs.map((j: any) => j.id)).toEqual([second.id, first.id])

        const bySource = (await api.get(`${IMPORTS}?source=pbx-1`, { headers })).data
        expect(bySource.import_jobs.map((j: any) => j.id)).toEqual([first.id])
        expect((await api.get(`${IMPORTS}?status=completed&channel=upload`, { headers })).data.count).toBe(2)
        expect((await api.get(`${IMPORTS}?status=failed`, { headers })).data.count).toBe(0)
        expect((await api.get(`${IMPORTS}?status=queued,running`, { headers })).data.count).toBe(0)
        const paged = (await api.get(`${IMPORTS}?limit=1&offset=1`, { headers })).data
        expect(paged).toMatchObject({ count: 2, offset: 1, limit: 1 })
        expect(paged.import_jobs.map((j: any) => j.id)).toEqual([first.id])

        const bad = await failure(api.get(`${IMPORTS}?status=done`, { headers }))
        expect(bad.status).toBe(400)
        expect(bad.body.message).toMatch(/status/)
        const missing = await failure(api.get(`${IMPORTS}/ijob_nope`, { headers }))
        expect(missing.status).toBe(404)
        expect(missing.body.message).toMatch(/Import job with id: ijob_nope was not found/)
      })

      it("marks a file it cannot read as failed with the reason", async () => {
        const res = await upload({ format: "generic", source: "pbx-9", filename: "events.csv" }, fs.readFileSync(example("events.csv")))
        const { job } = await waitForJob(res.data.import_job.id)
        expect(job).toMatchObject({ status: "failed", inserted: 0, duplicates: 0, exceptions: 0 })
        expect(job.error).toMatch(/unknown column/)
      })
    })

    describe("GET /admin/call-billing/usage", () => {
      beforeEach(async () => {
        await importCdrs("pbx-1")
      })

      const explore = async (query: string) => (await api.get(`${USAGE}?${query}`, { headers })).data

      it("totals the whole filter exactly, equal to the rows and to SQL", async () => {
        const all = await explore("limit=200")
        expect(all).toMatchObject({ count: 21, offset: 0, limit: 200 })
        expect(all.calls).toHaveLength(21)
        expect(all.totals.charge).toEqual([{ currency: "USD", amount: "1.6408", calls: 21 }])

        const campaign = await explore("campaign=spring-offer&limit=200")
        const rows = campaign.calls
        expect(rows.length).toBe(campaign.count)
        expect(rows.every((c: any) => c.campaign === "spring-offer")).toBe(true)
        expect(campaign.totals.calls).toBe(rows.length)
        expect(campaign.totals.billsec).toBe(rows.reduce((s: number, c: any) => s + c.billsec, 0))
        expect(campaign.totals.rated_seconds).toBe(rows.reduce((s: number, c: any) => s + c.rated_seconds, 0))
        expect(normalise(campaign.totals.charge[0].amount)).toBe(sumDecimals(rows.map((c: any) => c.charge)))
        const costs = rows.filter((c: any) => c.cost != null)
        expect(normalise(campaign.totals.cost[0].amount)).toBe(sumDecimals(costs.map((c: any) => c.cost)))

        const sql = await dbConnection.raw(
          `SELECT count(*)::int AS n, sum(billsec)::int AS billsec, sum(charge)::text AS charge, sum(cost)::text AS cost
             FROM call_billing_call WHERE campaign = 'spring-offer'`
        )
        expect(campaign.totals).toMatchObject({ calls: sql.rows[0].n, billsec: sql.rows[0].billsec })
        expect(campaign.totals.charge[0].amount).toBe(sql.rows[0].charge)
        expect(campaign.totals.cost[0].amount).toBe(sql.rows[0].cost)
        const b = BigInt(sql.rows[0].billsec)
        const hundredths = (b * 200n + 60n) / 120n
        expect(campaign.totals.minutes).toBe(`${hundredths / 100n}.${String(hundredths % 100n).padStart(2, "0")}`)

        // a page: rows of the page, totals of the filter
        const page = await explore("campaign=spring-offer&limit=5&offset=5")
        expect(page).toMatchObject({ count: campaign.count, offset: 5, limit: 5 })
        expect(page.calls.map((c: any) => c.id)).toEqual(rows.slice(5, 10).map((c: any) => c.id))
        expect(page.totals).toEqual(campaign.totals)
      })

      it("orders by answer time, newest first, unanswered last", async () => {
        const { calls } = await explore("limit=200")
        const answered = calls.filter((c: any) => c.answer_time)
        expect(answered.map((c: any) => c.answer_time)).toEqual(answered.map((c: any) => c.answer_time).sort().reverse())
        expect(calls.slice(answered.length).every((c: any) => c.answer_time === null)).toBe(true)
        expect(calls.length - answered.length).toBe(3)
      })

      it("filters by account, period, agent, disposition, source, status and q", async () => {
        const ids = async (query: string) => (await explore(`${query}&limit=200`)).calls.map((c: any) => c.call_id).sort()

        expect(await ids(`account_id=${world.account.id}`)).toHaveLength(21)
        expect(await ids(`account_id=bacc_other`)).toEqual([])
        const day = await ids("from=2026-03-03&to=2026-03-04")
        const sqlDay = await dbConnection.raw(
          `SELECT call_id FROM call_billing_call WHERE coalesce(answer_time, start_time) >= '2026-03-03' AND coalesce(answer_time, start_time) < '2026-03-04' ORDER BY call_id`
        )
        expect(day).toEqual(sqlDay.rows.map((r: any) => r.call_id))
        expect(day.length).toBeGreaterThan(0)
        expect(await ids("agent=agent-02")).toEqual(
          (await dbConnection.raw(`SELECT call_id FROM call_billing_call WHERE agent = 'agent-02' ORDER BY call_id`)).rows.map(
            (r: any) => r.call_id
          )
        )
        expect(await ids("disposition=BUSY")).toEqual(["c-0014"])
        expect(await ids("disposition=BUSY&disposition=FAILED")).toEqual(["c-0014", "c-0015"])
        expect(await ids("source=pbx-2")).toEqual([])
        expect(await ids("direction=inbound")).toEqual(["c-0019"])

        await dbConnection.raw(`INSERT INTO call_billing_billed_call (call_id, billed_by, t) SELECT id, 'inv_1', answer_time FROM call_billing_call WHERE call_id = 'c-0001'`)
        const invoiced = await explore("status=invoiced")
        expect(invoiced.calls.map((c: any) => [c.call_id, c.status, c.invoice_id])).toEqual([["c-0001", "invoiced", "inv_1"]])
        const rated = await explore("status=rated&limit=200")
        expect(rated.count).toBe(20)
        expect(rated.calls.every((c: any) => c.status === "rated" && c.invoice_id === null)).toBe(true)

        expect(await ids("q=c-0001")).toEqual(["c-0001"])
        expect(await ids("q=c-000")).toEqual(["c-0001", "c-0002", "c-0003", "c-0004", "c-0006", "c-0007", "c-0008", "c-0009"])
        expect(await ids(`q=${encodeURIComponent("+44 20 7946")}`)).toEqual(["c-0001"])
        expect(await ids("q=c-%")).toEqual([])

        for (const [query, field] of [
          ["limit=201", /limit/],
          ["status=billed", /status/],
          ["from=yesterday", /from: must be an ISO 8601 date/],
          ["from=2026-03-04&to=2026-03-03", /to: must be after from/],
        ] as const) {
          const { status, body } = await failure(api.get(`${USAGE}?${query}`, { headers }))
          expect(status).toBe(400)
          expect(body.message).toMatch(field)
        }
      })

      it("gives each call its trace: card, version, matched row, increments, charge and cost", async () => {
        const { calls } = await explore("q=c-0001")
        const c1 = calls[0]
        expect(c1).toMatchObject({ call_id: "c-0001", account_code: "acme", account_name: "acme contact centre", number: "442079460018", status: "rated" })
        expect(c1.trace).toMatchObject({
          card_id: world.card.id,
          card: "Retail",
          card_name: "Retail",
          card_code: "retail-acme",
          version: 1,
          version_number: 1,
          prefix: "4420",
          destination: "United Kingdom - London",
          destination_group: "UK-FIXED",
          band: "peak",
          initial_increment: 60,
          subsequent_increment: 60,
          grace: 0,
          billsec: 61,
          rated_seconds: 120,
          charge: c1.charge,
          currency: "USD",
          cost_card_id: world.buyCard.id,
          cost_card_code: "carrier-a-acme",
          cost_currency: "USD",
        })
        expect(normalise(c1.trace.rate)).toBe("0.01")
        expect(normalise(c1.charge)).toBe("0.02")
        expect(normalise(c1.trace.connect_fee)).toBe("0")
        expect(normalise(c1.trace.per_call)).toBe("0")
        expect(c1.trace.cost).toBe(c1.cost)
        expect(c1.cost).toMatch(/^\d+\.\d+$/)
        expect(c1.trace.summary).toMatch(/442079460018 matched 4420 "United Kingdom - London" in card "Retail" \(retail-acme\) v1, band peak/)
        expect(c1.trace.summary).toMatch(/61 s billed as 120 s \(60\/60\)/)

        const { data } = await api.get(`${USAGE}/${c1.id}`, { headers })
        expect(data.call).toEqual(c1)
        const missing = await failure(api.get(`${USAGE}/call_nope`, { headers }))
        expect(missing.status).toBe(404)
        expect(missing.body.message).toMatch(/Call with id: call_nope was not found/)
      })
    })
  },
})
