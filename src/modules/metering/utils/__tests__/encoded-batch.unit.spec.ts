import fc from "fast-check"
import type { StagedCall, StagedEvent, StagedException } from "../../types"
import { EncodedBatchBuilder } from "../encoded-batch"

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
