import fs from "fs"
import Redis from "ioredis"
import Papa from "papaparse"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import consumeUsageStream from "../../../src/jobs/consume-usage-stream"
import { RedisUsageStreamConsumer } from "../../../src/lib/usage-stream/redis-consumer"
import {
  importStreamMessages,
  runningUsageStreamConsumer,
  stopUsageStreamConsumer,
  usageStreamHandler,
} from "../../../src/lib/usage-stream/runner"
import type { UsageStreamHandler } from "../../../src/lib/usage-stream/types"
import { METERING_MODULE } from "../../../src/modules/metering"
import { adminHeaders } from "../helpers"
import { example, seedRatingWorld } from "../usage/fixtures"

jest.setTimeout(180 * 1000)

const REDIS_URL = "redis://127.0.0.1:6379"
const GROUP = "call-billing"
const SOURCE = "stream-pbx"

/** examples/cdrs.csv as JSON calls, one object a row (c-0004 spans two lines of the file). */
const exampleCalls = (): Record<string, string>[] =>
  Papa.parse<Record<string, string>>(fs.readFileSync(example("cdrs.csv"), "utf8"), { header: true, skipEmptyLines: true }).data

const waitFor = async (what: string, check: () => Promise<boolean>) => {
  for (let i = 0; i < 600; i++) {
    if (await check()) return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`gave up waiting for ${what}`)
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConnection }) => {
    let redis: Redis
    let stream: string
    const consumers: RedisUsageStreamConsumer[] = []

    beforeAll(() => {
      redis = new Redis(REDIS_URL)
    })
    afterAll(async () => {
      await redis.quit()
    })

    beforeEach(async () => {
      const { headers } = await adminHeaders(getContainer())
      await seedRatingWorld(api, { ...headers })
      // a key of its own for every test, so runs and parallel suites never share a stream
      stream = `call-billing-test:usage:${process.pid}:${Date.now()}:${Math.random().toString(36).slice(2)}`
    })
    afterEach(async () => {
      await stopUsageStreamConsumer()
      for (const c of consumers.splice(0)) await c.stop()
      delete process.env.CALL_BILLING_USAGE_STREAM
      delete process.env.CALL_BILLING_USAGE_STREAM_SOURCE
      await redis.del(stream)
    })

    const consumer = (name: string, extra: Partial<ConstructorParameters<typeof RedisUsageStreamConsumer>[0]> = {}) => {
      const c = new RedisUsageStreamConsumer({ stream, group: GROUP, consumer: name, redis_url: REDIS_URL, batch_size: 1000, block_ms: 200, ...extra })
      consumers.push(c)
      return c
    }
    const importer = (): UsageStreamHandler => usageStreamHandler(getContainer(), { stream, source: SOURCE })
    const addCalls = async () => {
      const ids: string[] = []
      for (const call of exampleCalls()) ids.push((await redis.xadd(stream, "*", "call", JSON.stringify(call)))!)
      return ids
    }
    const pending = async () => Number(((await redis.xpending(stream, GROUP)) as any[])[0])
    const counts = async () => {
      const calls = await dbConnection.raw(`SELECT count(*)::int AS n, sum(charge)::text AS charge FROM call_billing_call WHERE source = ?`, [SOURCE])
      const x = await dbConnection.raw(`SELECT reason, count(*)::int AS n FROM call_billing_usage_exception WHERE source = ? GROUP BY reason ORDER BY reason`, [SOURCE])
      return { calls: calls.rows[0].n, charge: calls.rows[0].charge, exceptions: Object.fromEntries(x.rows.map((r: any) => [r.reason, r.n])) }
    }
    const EXPECTED = {
      calls: 21,
      // the same total as the file import of examples/cdrs.csv
      charge: "1.6408",
      exceptions: { invalid_number: 1, invalid_record: 1, no_rate: 1, out_of_policy: 1 },
    }

    it("imports a batch of stream messages: calls rated and stored, bad ones queued as exceptions, every message acknowledged", async () => {
      const ids = await addCalls()
      expect(ids).toHaveLength(25)
      const c = consumer("worker-1")
      await c.connect()
      expect(await c.poll(importer())).toBe(25)

      expect(await counts()).toEqual(EXPECTED)
      expect(await pending()).toBe(0)
      const metering = getContainer().resolve(METERING_MODULE)
      const jobs = await metering.listImportJobs({ source: SOURCE })
      expect(jobs).toHaveLength(1)
      expect(jobs[0]).toMatchObject({ channel: "stream", status: "completed", received: 25, inserted: 21, duplicates: 0, exceptions: 4, filename: stream })
      const [c1] = await metering.listCallRecords({ source: SOURCE, call_id: "c-0001" })
      expect(c1).toMatchObject({ number: "442079460018", prefix: "4420", band: "peak", rated_seconds: 120, currency: "USD", import_job_id: jobs[0].id })
      expect(String(c1.charge)).toBe("0.02")
      expect(c1.request_id).toBe(`${stream}:${ids[0]}..${ids[24]}`)
    })

    it("a consumer that dies before acknowledging: a new consumer takes its messages over, and a re-delivery stores nothing twice", async () => {
      await addCalls()
      // the dead consumer read the batch and never acknowledged it
      await redis.xgroup("CREATE", stream, GROUP, "0", "MKSTREAM")
      const read = (await redis.xreadgroup("GROUP", GROUP, "dead-before-commit", "COUNT", 1000, "STREAMS", stream, ">")) as any[]
      expect(read[0][1]).toHaveLength(25)
      expect(await pending()).toBe(25)
      expect(await counts()).toEqual({ calls: 0, charge: null, exceptions: {} })

      // a second consumer died after its import committed, before XACK
      await redis.xadd(stream, "*", "calls", JSON.stringify(exampleCalls().slice(0, 5)), "source", SOURCE)
      const dying = consumer("dead-after-commit")
      await dying.connect()
      const killed = new Error("killed before XACK")
      await expect(
        dying.poll(async (messages) => {
          await importStreamMessages(getContainer(), messages, { stream, source: SOURCE })
          throw killed
        })
      ).rejects.toBe(killed)
      expect(await pending()).toBe(26)
      // c-0001…c-0004 stored; c-0005 is out of policy
      expect((await counts()).calls).toBe(4)

      // a new process starts: it claims what the dead consumers left idle and imports it
      await new Promise((r) => setTimeout(r, 100))
      const next = consumer("restarted", { min_idle_ms: 50 })
      await next.start(importer())
      await waitFor("the pending messages to be acknowledged", async () => (await pending()) === 0)
      await next.stop()
      expect(await counts()).toEqual(EXPECTED)
      const claimed = ((await redis.xinfo("CONSUMERS", stream, GROUP)) as any[]).map((c) => c[1])
      expect(claimed).toEqual(expect.arrayContaining(["dead-before-commit", "dead-after-commit", "restarted"]))

      // the same messages delivered once more (the group rewound): every record a duplicate
      await redis.xgroup("SETID", stream, GROUP, "0")
      const again = consumer("replay")
      await again.connect()
      const results: any[] = []
      expect(await again.poll(usageStreamHandler(getContainer(), { stream, source: SOURCE }, (r) => results.push(...r)))).toBe(26)
      expect(results).toEqual([expect.objectContaining({ source: SOURCE, received: 30, inserted: 0, duplicates: 30, exceptions: 0, messages: 26 })])
      expect(await counts()).toEqual(EXPECTED)
      expect(await pending()).toBe(0)
      const jobs = await getContainer().resolve(METERING_MODULE).listImportJobs({ source: SOURCE, channel: "stream" })
      for (const j of jobs) expect(j.received).toBe(j.inserted + j.duplicates + j.exceptions)
    })

    it("a malformed message becomes an invalid_record exception with its raw text, is acknowledged and does not block the stream", async () => {
      const [good] = exampleCalls()
      const badId = (await redis.xadd(stream, "*", "call", '{"call_id": "c-0001", oops', "source", SOURCE))!
      await redis.xadd(stream, "*", "call", JSON.stringify(good), "source", SOURCE)
      const c = consumer("worker-1")
      await c.connect()
      expect(await c.poll(importer())).toBe(2)
      expect(await pending()).toBe(0)

      const metering = getContainer().resolve(METERING_MODULE)
      const stored = await metering.listCallRecords({ source: SOURCE })
      expect(stored.map((r: any) => r.call_id)).toEqual(["c-0001"])
      const x = await metering.listUsageExceptions({ source: SOURCE })
      expect(x).toHaveLength(1)
      expect(x[0]).toMatchObject({ kind: "call", reason: "invalid_record", status: "open", record_key: `${stream}/${badId}/call` })
      expect(x[0].record.x).toMatchObject({ stream_message: '{"call_id": "c-0001", oops', stream_error: expect.stringMatching(/call is not valid JSON/) })

      // delivered again: still one exception
      await redis.xgroup("SETID", stream, GROUP, "0")
      expect(await c.poll(importer())).toBe(2)
      expect(await metering.listUsageExceptions({ source: SOURCE })).toHaveLength(1)
      expect(await metering.listCallRecords({ source: SOURCE })).toHaveLength(1)
      expect(await pending()).toBe(0)
    })

    it("the scheduled job starts one long-lived consumer per process from the environment, which imports as messages arrive", async () => {
      // not configured: nothing starts
      await consumeUsageStream(getContainer())
      expect(runningUsageStreamConsumer()).toBeNull()

      process.env.CALL_BILLING_USAGE_STREAM = stream
      process.env.CALL_BILLING_USAGE_STREAM_SOURCE = SOURCE
      await consumeUsageStream(getContainer())
      const running = runningUsageStreamConsumer()
      expect(running).not.toBeNull()
      expect(running!.stream).toBe(stream)
      // the next minute's run finds it running and starts no second one
      await consumeUsageStream(getContainer())
      expect(runningUsageStreamConsumer()).toBe(running)

      await addCalls()
      await waitFor("the calls to be imported", async () => (await counts()).calls === 21 && (await pending()) === 0)
      expect(await counts()).toEqual(EXPECTED)

      await stopUsageStreamConsumer()
      expect(runningUsageStreamConsumer()).toBeNull()
    })
  },
})
