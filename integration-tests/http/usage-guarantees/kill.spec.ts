// Issue 4 §5: a server killed (`kill -9`) in the middle of an import loses
// nothing and duplicates nothing when the import is run again.
//
// A second Medusa process (`medusa exec scripts/usage-import-run.js`, the
// plugin's real import path) imports a 300,000-call file into this test's own
// database; once the job's `received` counter moves it gets SIGKILL. Its
// transaction dies with it: nothing from the file is stored, the job is left
// `running` until failStaleJobs marks it failed, and the same file run again
// stores every call exactly once.
import { spawn, type ChildProcess } from "child_process"
import fs from "fs"
import os from "os"
import path from "path"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { METERING_MODULE } from "../../../src/modules/metering"
import { importUsageWorkflow } from "../../../src/workflows/metering/workflows/import-usage"
import { adminHeaders } from "../helpers"
import { example, seedRatingWorld } from "../usage/fixtures"
// plain JS shared with the benchmark
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { writeCdrFile } = require("../../../bench/lib/usage-data")

jest.setTimeout(600 * 1000)

const ROOT = path.resolve(__dirname, "..", "..", "..")
const LINES = 300_000
const SOURCE = "pbx-kill"
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** The sell card's prefixes (examples/rates.csv), so the generated calls rate. */
function examplePrefixes(): string[] {
  const rows = fs.readFileSync(example("rates.csv"), "utf8").trim().split("\n").slice(1)
  return [...new Set(rows.map((l) => l.split(",")[0]))]
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConnection, dbConfig }) => {
    let dir: string
    let child: ChildProcess | null = null

    beforeEach(async () => {
      const { headers } = await adminHeaders(getContainer())
      await seedRatingWorld(api, { ...headers })
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "cb-kill-"))
    })

    afterEach(async () => {
      if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL")
      child = null
      fs.rmSync(dir, { recursive: true, force: true })
    })

    const job = async () =>
      (await dbConnection.raw(`SELECT id, status, received, inserted, error FROM call_billing_import_job WHERE source = ?`, [SOURCE])).rows as any[]
    const stored = async () => {
      const { rows } = await dbConnection.raw(
        `SELECT (SELECT count(*)::int FROM call_billing_call WHERE source = ?) AS calls,
                (SELECT count(DISTINCT call_id)::int FROM call_billing_call WHERE source = ?) AS distinct_calls,
                (SELECT count(*)::int FROM call_billing_usage_exception WHERE source = ?) AS exceptions`,
        [SOURCE, SOURCE, SOURCE]
      )
      return rows[0] as { calls: number; distinct_calls: number; exceptions: number }
    }

    it("kill -9 in the middle of an import stores nothing; run again, every call is stored exactly once", async () => {
      const file = path.join(dir, "big.csv")
      await writeCdrFile(file, { lines: LINES, tenants: [{ code: "acme", outbound: examplePrefixes(), inbound: [] }], idPrefix: "k-" })

      // another Medusa process on this test's database, importing the file
      const out = path.join(dir, "run.json")
      let stderr = ""
      child = spawn(process.execPath, [path.join(ROOT, "node_modules", "@medusajs", "cli", "cli.js"), "exec", "./scripts/usage-import-run.js", file, out, SOURCE], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: dbConfig.clientUrl, NODE_ENV: "development", LOG_LEVEL: "error", MEDUSA_DISABLE_TELEMETRY: "true" },
        stdio: ["ignore", "ignore", "pipe"],
      })
      child.stderr!.on("data", (d) => (stderr = (stderr + d).slice(-4000)))
      const pid = child.pid!
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child!.on("exit", (code, signal) => resolve({ code, signal }))
      )

      // wait until the job is running and has taken records, then kill -9
      let seen: any = null
      const deadline = Date.now() + 300_000
      while (Date.now() < deadline) {
        if (child.exitCode !== null) throw new Error(`the import process ended before it could be killed (exit ${child.exitCode}): ${stderr}`)
        const [j] = await job()
        if (j && j.status === "running" && j.received > 0) {
          seen = j
          break
        }
        if (j && j.status !== "running") throw new Error(`the import finished before it could be killed: ${JSON.stringify(j)}`)
        await sleep(100)
      }
      expect(seen).not.toBeNull()
      process.kill(pid, "SIGKILL")
      expect(await exited).toEqual({ code: null, signal: "SIGKILL" })
      expect(seen.received).toBeLessThan(LINES)

      // Postgres rolls the dead client's transaction back when it sees the socket close
      for (let i = 0; i < 300; i++) {
        const { rows } = await dbConnection.raw(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL`
        )
        if (rows[0].n === 0) break
        await sleep(100)
      }

      // nothing from the file is stored; the job still says running, with its last progress
      expect(await stored()).toEqual({ calls: 0, distinct_calls: 0, exceptions: 0 })
      const [killed] = await job()
      expect(killed).toMatchObject({ id: seen.id, status: "running", inserted: 0 })
      expect(killed.received).toBeGreaterThan(0)

      // the stale-job sweep marks it failed
      const metering = getContainer().resolve(METERING_MODULE)
      expect(await metering.failStaleJobs(0)).toEqual([seen.id])
      const [failed] = await metering.listImportJobs({ id: seen.id })
      expect(failed).toMatchObject({ status: "failed", inserted: 0, duplicates: 0, exceptions: 0 })
      expect(failed.error).toMatch(/interrupted/)

      // run it again (in this process): every call once, counters reconcile
      const { result } = await importUsageWorkflow(getContainer()).run({
        input: { source: SOURCE, channel: "upload", filename: "big.csv", file: { path: file, format: "generic" } },
      })
      expect(result.received).toBe(LINES)
      expect(result.duplicates).toBe(0)
      expect(result.received).toBe(result.inserted + result.duplicates + result.exceptions)
      expect(result.inserted).toBeGreaterThan(LINES * 0.9)
      const after = await stored()
      expect(after).toEqual({ calls: result.inserted, distinct_calls: result.inserted, exceptions: result.exceptions })
      expect(after.calls + after.exceptions).toBe(LINES)
      const [done] = await metering.listImportJobs({ id: result.job_id })
      expect(done).toMatchObject({ status: "completed", received: LINES, inserted: result.inserted, exceptions: result.exceptions, duplicates: 0 })
      // every call of the file, by id: the lowest and highest line are there, nothing twice
      const ids = await dbConnection.raw(
        `SELECT count(*)::int AS n FROM (SELECT call_id FROM call_billing_call WHERE source = ? UNION ALL SELECT record_key FROM call_billing_usage_exception WHERE source = ?) k WHERE call_id IN ('k-1', 'k-${LINES}')`,
        [SOURCE, SOURCE]
      )
      expect(ids.rows[0].n).toBe(2)
    })
  },
})
