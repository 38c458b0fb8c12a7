import fc from "fast-check"
import type { StagedCall, StagedEvent, StagedException } from "../../types"
import { EncodedBatchBuilder, encodeBatches, FIRST_FLUSH_ROWS, FLUSH_ROWS, fromWire, isEmptyBatch, toWire } from "../encoded-batch"

const call = (call_id: string, source = "pbx-1"): StagedCall => ({
  source,
  call_id,
  account_id: "bacc_1",
  account_code: "acme",
  direction: "outbound",
  caller: null,
  callee: "+442079460018",
  number: "442079460018",
  answer_time: new Date("2026-03-02T09:15:07Z"),
  start_time: null,
  end_time: null,
  duration: null,
  billsec: 61,
  disposition: "ANSWERED",
  campaign: null,
  agent: null,
  queue: null,
  trunk: null,
  carrier: null,
  rate_card_id: null,
  rate_card_version_id: null,
  version_number: null,
  rate_id: null,
  prefix: null,
  destination: null,
  destination_group: null,
  band: null,
  rated_seconds: 120,
  charge: "0.02",
  currency: "USD",
  cost: null,
  cost_currency: null,
  cost_rate_card_id: null,
  line: null,
  request_id: null,
  metadata: null,
})
const event = (event_id: string): StagedEvent => ({
  source: "api",
  event_id,
  account_id: "bacc_1",
  account_code: "acme",
  metric: "sms",
  quantity: "3",
  timestamp: new Date("2026-03-02T09:00:00Z"),
  properties: null,
  line: 1,
  request_id: null,
})
const exception = (record_key: string, source = "pbx-9"): StagedException => ({
  kind: "call",
  source,
  record_key,
  account_code: "acme",
  account_id: null,
  reason: "no_rate",
  details: null,
  record: { call_id: record_key },
  format: "generic",
  answer_time: null,
  line: 3,
  request_id: null,
})
const encoding = { jobId: "job_1", ratedAt: "2026-11-22 07:00:00+00" }
const callIdsOf = (chunks: Buffer[]) =>
  Buffer.concat(chunks)
    .toString("utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => l.split("\t")[2])

describe("EncodedBatchBuilder", () => {
  it("keeps the first copy of each (source, call id) and counts every record", async () => {
    const b = new EncodedBatchBuilder(encoding)
    await b.add({ calls: [call("a"), call("b"), call("a"), call("a", "pbx-2")] })
    await b.add({ calls: [call("b"), call("c")] })
    expect(b.seq).toBe(6)
    expect(b.rows).toBe(4)
    const out = b.take()
    expect(out.calls!.keys).toEqual(["a", "b", "a", "c"])
    expect(out.calls!.sources).toEqual(["pbx-1", "pbx-1", "pbx-2", "pbx-1"])
    expect(callIdsOf(out.calls!.rows.chunks())).toEqual(["a", "b", "a", "c"])
    expect([...out.lockSources].sort()).toEqual(["pbx-1", "pbx-2"])
  })

  it("compares keys as Postgres stores them: a NUL and U+FFFD are one key", async () => {
    const b = new EncodedBatchBuilder(encoding)
    await b.add({ calls: [call("x\u0000"), call("x\uFFFD")] })
    expect(b.take().calls!.keys).toEqual(["x\uFFFD"])
  })

  it("stages events and exceptions in input order and locks the sources of call exceptions", async () => {
    const b = new EncodedBatchBuilder(encoding)
    await b.add({ events: [event("e1")], exceptions: [exception("bad-1")] })
    const out = b.take()
    expect(out.calls).toBeNull()
    expect(out).toMatchObject({ hasEvents: true, hasExceptions: true })
    expect([...out.lockSources]).toEqual(["pbx-9"])
    const lines = Buffer.concat(out.staged!).toString("utf8").split("\n").filter(Boolean)
    expect(lines.map((l) => l.split("\t").slice(0, 2))).toEqual([
      ["e", "0"],
      ["x", "1"],
    ])
  })

  it("starts over empty after take(), numbering goes on, and a key may come again (the probe finds it stored)", async () => {
    const b = new EncodedBatchBuilder(encoding)
    await b.add({ calls: [call("a")] })
    b.take()
    await b.add({ calls: [call("a")] })
    expect(b.seq).toBe(2)
    expect(b.take().calls!.keys).toEqual(["a"])
    expect(b.rows).toBe(0)
  })

  it("property: over any run of batches, kept calls are the first copy of each key per taken batch, and seq counts them all", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.constantFrom("a", "b", "c", "d", "e"), { maxLength: 8 }), { maxLength: 6 }),
        fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
        async (batches, takeAfter) => {
          const b = new EncodedBatchBuilder(encoding)
          let pending: string[] = []
          let total = 0
          const check = () => {
            const out = b.take()
            expect(out.calls?.keys ?? []).toEqual([...new Set(pending)])
            pending = []
          }
          for (let i = 0; i < batches.length; i++) {
            await b.add({ calls: batches[i].map((id) => call(id)) })
            pending.push(...batches[i])
            total += batches[i].length
            if (takeAfter[i]) check()
          }
          check()
          expect(b.seq).toBe(total)
        }
      )
    )
  })
})

describe("encodeBatches (the flush policy, shared by the in-process and the worker import)", () => {
  const enc = { jobId: "ijob_1", ratedAt: "2026-03-02 09:00:00+00" }
  async function* reads(n: number, size: number) {
    for (let i = 0; i < n; i += size) yield { calls: Array.from({ length: Math.min(size, n - i) }, (_, k) => call(`c${i + k}`)) }
  }
  const collect = async (n: number, size: number) => {
    const out: Array<{ rows: number; received: number; empty: boolean }> = []
    for await (const b of encodeBatches(reads(n, size), new EncodedBatchBuilder(enc))) {
      out.push({ rows: b.calls?.rows.length ?? 0, received: b.received, empty: isEmptyBatch(b) })
    }
    return out
  }

  it("flushes at FIRST_FLUSH_ROWS, doubles up to FLUSH_ROWS, and the last batch counts every record", async () => {
    const out = await collect(60_000, 1000)
    expect(out.map((b) => b.rows)).toEqual([2000, 4000, 8000, 10_000, 10_000, 10_000, 10_000, 6000])
    expect(FIRST_FLUSH_ROWS).toBe(2000)
    expect(FLUSH_ROWS).toBe(10_000)
    expect(out.at(-1)!.received).toBe(60_000)
    expect(out.reduce((a, b) => a + b.rows, 0)).toBe(60_000)
    // received grows with every batch: the progress bar never goes back
    expect(out.map((b) => b.received)).toEqual([2000, 6000, 14_000, 24_000, 34_000, 44_000, 54_000, 60_000])
  })

  it("always yields a last batch, empty when the records ended on a flush or there were none", async () => {
    expect(await collect(0, 1000)).toEqual([{ rows: 0, received: 0, empty: true }])
    expect(await collect(2000, 1000)).toEqual([
      { rows: 2000, received: 2000, empty: false },
      { rows: 0, received: 2000, empty: true },
    ])
  })
})

describe("toWire / fromWire (the import worker's batches between threads)", () => {
  const { MessageChannel } = require("worker_threads") as typeof import("worker_threads")
  const text = (bufs: Buffer[]) => Buffer.concat(bufs).toString()

  /** A batch through a real MessagePort, its buffers transferred. */
  async function overPort(batch: ReturnType<EncodedBatchBuilder["take"]>) {
    const { wire, transfer } = toWire(batch)
    const { port1, port2 } = new MessageChannel()
    const received = new Promise<any>((resolve) => port2.once("message", resolve))
    port1.postMessage(wire, transfer)
    const out = fromWire(await received)
    port1.close()
    port2.close()
    return { out, transfer }
  }

  it("arrives with the same rows, keys and flags, and leaves out the same skipped rows", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 40 }), fc.array(fc.nat(39)), async (ids, skips) => {
        const builder = new EncodedBatchBuilder({ jobId: "job_1", ratedAt: "2026-03-02 09:00:00+00" })
        await builder.add({ calls: ids.map((id) => call(id)), exceptions: [exception("x-1")] })
        const batch = builder.take()
        const keys = [...batch.calls!.keys]
        const sources = [...batch.calls!.sources]
        const skip = new Set(skips.filter((i) => i < keys.length))
        // what this thread would have sent to Postgres (copied before the buffers move)
        const before = { kept: text(batch.calls!.rows.chunks(skip)), all: text(batch.calls!.rows.chunks()), staged: text(batch.staged!) }
        const { out, transfer } = await overPort(batch)
        expect(transfer.length).toBeGreaterThan(0) // moved, not copied
        expect(batch.calls!.rows.chunks()[0].byteLength).toBe(0) // detached here
        expect(out.calls!.keys).toEqual(keys)
        expect(out.calls!.sources).toEqual(sources)
        expect([...out.lockSources].sort()).toEqual(["pbx-1", "pbx-9"])
        expect([out.hasEvents, out.hasExceptions]).toEqual([false, true])
        expect(text(out.calls!.rows.chunks(skip))).toBe(before.kept)
        expect(text(out.calls!.rows.chunks())).toBe(before.all)
        expect(text(out.staged!)).toBe(before.staged)
      }),
      { numRuns: 50 }
    )
  })
})
