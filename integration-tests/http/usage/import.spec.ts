import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import fs from "fs"
import os from "os"
import path from "path"
import { BILLING_MODULE } from "../../../src/modules/billing"
import { METERING_MODULE } from "../../../src/modules/metering"
import { importUsageWorkflow } from "../../../src/workflows/metering"
import { adminHeaders } from "../helpers"
import { example, seedRatingWorld } from "./fixtures"

jest.setTimeout(180 * 1000)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConnection }) => {
    let headers: Record<string, any>

    beforeEach(async () => {
      ;({ headers } = await adminHeaders(getContainer()))
      await seedRatingWorld(api, { ...headers })
    })

    type Format = "generic" | "asterisk" | "freeswitch" | "events"
    /** An upload of the file at `filePath`. */
    const importPath = (filePath: string, format: Format = "generic", source = "pbx-1") =>
      importUsageWorkflow(getContainer()).run({
        input: { source, channel: "upload", filename: path.basename(filePath), file: { path: filePath, format, timezone: "Europe/London" } },
      })
    const importFile = (file: string, format: Format = "generic", source = "pbx-1") => importPath(example(file), format, source)

    it("rates and stores every call of a file, sends the rest to the exception queue, and counts reconcile", async () => {
      const { result } = await importFile("cdrs.csv")
      // the command line's 3 exceptions, and c-0005: free within its grace but the carrier bills it (sold below cost)
      expect(result).toMatchObject({ received: 25, inserted: 21, duplicates: 0, exceptions: 4 })
      expect(result.exception_reasons).toEqual({ invalid_number: 1, invalid_record: 1, no_rate: 1, out_of_policy: 1 })

      const metering = getContainer().resolve(METERING_MODULE)
      const [job] = await metering.listImportJobs({ id: result.job_id })
      expect(job).toMatchObject({ status: "completed", received: 25, inserted: 21, duplicates: 0, exceptions: 4 })
      const policy = await metering.listUsageExceptions({ reason: "out_of_policy" })
      expect(policy).toHaveLength(1)
      expect(policy[0]).toMatchObject({ record_key: "c-0005", status: "open", line: 7 }) // c-0004 spans two lines
      expect(policy[0].details).toMatch(/below its cost 0\.0006/)

      const total = await dbConnection.raw(`SELECT count(*)::int AS n, sum(charge)::text AS charge FROM call_billing_call`)
      // the same total the command line prints for these files (examples/README.md; c-0005 was free)
      expect(total.rows[0]).toEqual({ n: 21, charge: "1.6408" })
      const c1 = (await metering.listCallRecords({ call_id: "c-0001" }))[0]
      expect(c1).toMatchObject({ source: "pbx-1", number: "442079460018", prefix: "4420", band: "peak", rated_seconds: 120, currency: "USD" })
      expect(String(c1.charge)).toBe("0.02")
    })

    it("rates a file the same on the worker thread as on the main thread, call for call", async () => {
      const { importWorkerAvailable } = await import("../../../src/workflows/metering/utils/import-thread")
      expect(importWorkerAvailable()).toBe(true) // the app runs from source: SWC compiles the worker's TypeScript
      // cdrs.csv 480 times under new call ids (12,000 records, bad lines included): several
      // batches, so the worker also reuses the buffers the main thread gives back
      const [header, ...body] = fs.readFileSync(example("cdrs.csv"), "utf8").trimEnd().split("\n")
      const copies = Array.from({ length: 480 }, (_, n) => body.join("\n").replace(/^c-(\d+)/gm, `c-$1-r${n}`))
      const file = path.join(os.tmpdir(), `cb-worker-${process.pid}.csv`)
      fs.writeFileSync(file, [header, ...copies].join("\n"))
      const run = (source: string) => importPath(file, "generic", source)
      let threaded: any
      let inline: any
      try {
        threaded = (await run("threaded")).result
        process.env.CALL_BILLING_IMPORT_WORKER = "0"
        expect(importWorkerAvailable()).toBe(false)
        inline = (await run("inline")).result
      } finally {
        delete process.env.CALL_BILLING_IMPORT_WORKER
        fs.rmSync(file, { force: true })
      }
      const counts = ({ received, inserted, duplicates, exceptions, exception_reasons }: any) => ({ received, inserted, duplicates, exceptions, exception_reasons })
      expect(counts(threaded)).toEqual(counts(inline))
      expect(threaded).toMatchObject({ received: 12000, inserted: 21 * 480 })
      const digest = async (source: string) =>
        (
          await dbConnection.raw(
            `SELECT count(*)::int AS n, md5(string_agg(concat_ws('|', call_id, account_id, direction, caller, callee, number, answer_time, start_time, end_time,
                    duration, billsec, disposition, campaign, agent, queue, trunk, carrier, rate_card_id, rate_card_version_id, version_number,
                    rate_id, prefix, destination, destination_group, band, rated_seconds, charge, currency, cost, cost_currency,
                    cost_rate_card_id, line, metadata, raw_charge, raw_cost), E'\n' ORDER BY call_id)) AS md5
               FROM call_billing_call WHERE source = ?`,
            [source]
          )
        ).rows[0]
      const threadedRows = await digest("threaded")
      expect(threadedRows.n).toBe(21 * 480)
      expect(threadedRows).toEqual(await digest("inline"))
      const exceptions = async (source: string) =>
        (await dbConnection.raw(`SELECT record_key, reason, details, line FROM call_billing_usage_exception WHERE source = ? ORDER BY record_key, line`, [source])).rows
      expect(await exceptions("threaded")).toEqual(await exceptions("inline"))
    })

    it("converts a card in another currency at the FX rate in force at each call, the same on the worker thread as on the main thread", async () => {
      // acme bills in GBP; its card charges USD. The worker builds its FX table from the rows the main thread sends.
      const post = (p: string, body: unknown) => api.post(p, body, { headers })
      const [account] = await getContainer().resolve(BILLING_MODULE).listBillingAccounts({ code: "acme" })
      await post(`/admin/call-billing/billing-accounts/${account.id}`, { currency_code: "GBP" })
      await post("/admin/call-billing/fx-rates", { base: "USD", quote: "GBP", rate: "0.78", effective_from: "2020-01-01T00:00:00Z" })
      await post("/admin/call-billing/fx-rates", { base: "USD", quote: "GBP", rate: "0.5", effective_from: "2026-03-02T10:00:00Z" })
      const rows = async (source: string) =>
        (
          await dbConnection.raw(
            `SELECT call_id, charge::text, currency, original_charge::text, original_currency, fx_rate::text
               FROM call_billing_call WHERE source = ? ORDER BY call_id`,
            [source]
          )
        ).rows
      try {
        for (const worker of ["1", "0"]) {
          process.env.CALL_BILLING_IMPORT_WORKER = worker
          await importFile("cdrs.csv", "generic", `fx-${worker}`)
        }
      } finally {
        delete process.env.CALL_BILLING_IMPORT_WORKER
      }
      const threaded = await rows("fx-1")
      expect(threaded).toEqual(await rows("fx-0"))
      expect(threaded).toHaveLength(21)
      // 09:15 at 0.78 (0.02 USD → 0.0156 GBP); 10:02, after the second rate took effect, at 0.5
      expect(threaded.find((r: any) => r.call_id === "c-0001")).toEqual({
        call_id: "c-0001", charge: "0.0156", currency: "GBP", original_charge: "0.0200", original_currency: "USD", fx_rate: "0.78",
      })
      expect(threaded.find((r: any) => r.call_id === "c-0002")).toMatchObject({ currency: "GBP", original_currency: "USD", fx_rate: "0.5" })
    })

    it("stores each call once when the same file is imported again, or twice at the same time", async () => {
      await importFile("cdrs.csv")
      const again = (await importFile("cdrs.csv")).result
      expect(again).toMatchObject({ received: 25, inserted: 0, duplicates: 25, exceptions: 0 })

      const [a, b] = await Promise.all([importFile("cdrs.csv", "generic", "pbx-2"), importFile("cdrs.csv", "generic", "pbx-2")])
      expect(a.result.inserted + b.result.inserted).toBe(21)
      expect(a.result.exceptions + b.result.exceptions).toBe(4)
      for (const r of [a.result, b.result]) expect(r.received).toBe(r.inserted + r.duplicates + r.exceptions)
      const n = await dbConnection.raw(`SELECT source, count(*)::int AS n FROM call_billing_call GROUP BY source ORDER BY source`)
      expect(n.rows).toEqual([{ source: "pbx-1", n: 21 }, { source: "pbx-2", n: 21 }])
      const x = await dbConnection.raw(`SELECT count(*)::int AS n FROM call_billing_usage_exception`)
      expect(x.rows[0].n).toBe(8)
    })

    it("finds a stored call again whatever its id holds (quotes, backslashes, commas, braces, spaces), on the worker and on the main thread", async () => {
      // the probe passes each source's ids to Postgres as one text[] literal built by the reader
      const ids = ['q"1', "b\\2", "c,3", "{4}", " s 5 ", 'm\\"{,} 6', "NULL", "é7", '""']
      const [header, first] = fs.readFileSync(example("cdrs.csv"), "utf8").split("\n")
      const csvField = (v: string) => '"' + v.replace(/"/g, '""') + '"'
      const file = path.join(os.tmpdir(), `cb-odd-ids-${process.pid}.csv`)
      fs.writeFileSync(file, [header, ...ids.map((id) => first.replace(/^c-0001/, csvField(id)))].join("\n") + "\n")
      const run = (source: string) => importPath(file, "generic", source)
      try {
        for (const worker of ["1", "0"]) {
          process.env.CALL_BILLING_IMPORT_WORKER = worker
          const source = `odd-${worker}`
          expect((await run(source)).result).toMatchObject({ received: ids.length, inserted: ids.length, duplicates: 0, exceptions: 0 })
          expect((await run(source)).result).toMatchObject({ received: ids.length, inserted: 0, duplicates: ids.length, exceptions: 0 })
          const stored = await dbConnection.raw(`SELECT call_id FROM call_billing_call WHERE source = ?`, [source])
          // fields are trimmed as they are read (FORMATS.md)
          expect(stored.rows.map((r: any) => r.call_id).sort()).toEqual(ids.map((id) => id.trim()).sort())
        }
      } finally {
        delete process.env.CALL_BILLING_IMPORT_WORKER
        fs.rmSync(file, { force: true })
      }
    })

    it("reads Asterisk and FreeSWITCH files and meter events", async () => {
      for (const [file, format] of [["Master.csv", "asterisk"], ["freeswitch.csv", "freeswitch"], ["events.csv", "events"]] as const) {
        const { result } = await importFile(file, format, `sw-${format}`)
        expect(result.received).toBeGreaterThan(0)
        expect(result.received).toBe(result.inserted + result.duplicates + result.exceptions)
      }
    })

    it("sends a call charged above its card's maximum per call to the queue as out_of_policy", async () => {
      const post = async (p: string, body: unknown) => (await api.post(p, body, { headers })).data
      const { rate_card } = await post("/admin/call-billing/rate-cards", { code: "capped", name: "Capped", currency_code: "USD", max_charge_per_call: "0.05" })
      const { version } = await post(`/admin/call-billing/rate-cards/${rate_card.id}/versions`, { csv: "prefix,rate\n44,0.0150\n" })
      await post(`/admin/call-billing/rate-cards/${rate_card.id}/versions/${version.id}/publish`, { effective_from: "2026-01-01T00:00:00Z" })
      const { billing_account } = await post("/admin/call-billing/billing-accounts", {
        code: "capped-co", name: "Capped Co", currency_code: "USD", timezone: "Europe/London", country_code: "44",
      })
      await post(`/admin/call-billing/billing-accounts/${billing_account.id}/card-assignments`, { direction: "outbound", rate_card_id: rate_card.id })
      const call = (id: string, billsec: number) => ({
        call_id: id, account: "capped-co", callee: "+44 20 7946 0000", answer_time: "2026-03-02T09:00:00Z", billsec,
      })
      // 3 min = 0.0450 (under the cap); 4 min = 0.0600 (over it)
      const { result } = await importUsageWorkflow(getContainer()).run({
        input: { source: "api", channel: "rest", calls: [call("cap-1", 180), call("cap-2", 240)] },
      })
      expect(result).toMatchObject({ received: 2, inserted: 1, exceptions: 1, exception_reasons: { out_of_policy: 1 } })
      const [x] = await getContainer().resolve(METERING_MODULE).listUsageExceptions({ record_key: "cap-2" })
      expect(x).toMatchObject({ reason: "out_of_policy", account_code: "capped-co", status: "open" })
      expect(x.details).toMatch(/charge 0\.0600 USD is above the card's maximum per call/)
    })

    it("fails cleanly on a file it cannot read and stores nothing", async () => {
      const metering = getContainer().resolve(METERING_MODULE)
      // a meter-events file read as generic CDRs: its header names unknown columns
      const run = importUsageWorkflow(getContainer()).run({
        input: { source: "pbx-9", channel: "upload", filename: "events.csv", file: { path: example("events.csv"), format: "generic" } },
        throwOnError: false,
      })
      const { errors } = await run
      expect(errors[0].error.message).toMatch(/unknown column/)
      const jobs = await metering.listImportJobs({ source: "pbx-9" })
      expect(jobs).toHaveLength(1)
      expect(jobs[0]).toMatchObject({ status: "failed", inserted: 0, duplicates: 0, exceptions: 0 })
      expect(jobs[0].error).toMatch(/unknown column/)
      const n = await dbConnection.raw(`SELECT count(*)::int AS n FROM call_billing_call WHERE source = 'pbx-9'`)
      expect(n.rows[0].n).toBe(0)
    })
  },
})
