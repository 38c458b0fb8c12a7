import fc from "fast-check"
import type { StagedCall } from "../../types"
import { CALL_COLUMNS, copyInstant, encodeCallRow } from "../stage"

const call = (over: Partial<StagedCall> = {}): StagedCall => ({
  source: "pbx-1",
  call_id: "c-0001",
  account_id: "bacc_1",
  account_code: "acme",
  direction: "outbound",
  caller: "+442071230001",
  callee: "+44 20 7946 0018",
  number: "442079460018",
  answer_time: new Date("2026-03-02T09:15:07Z"),
  start_time: new Date("2026-03-02T09:15:01Z"),
  end_time: null,
  duration: 67,
  billsec: 61,
  disposition: "ANSWERED",
  campaign: null,
  agent: "agent\t7",
  queue: null,
  trunk: null,
  carrier: null,
  rate_card_id: "rcard_1",
  rate_card_version_id: "rcver_1",
  version_number: 2,
  rate_id: "rate_1",
  prefix: "4420",
  destination: "UK London",
  destination_group: null,
  band: "peak",
  rated_seconds: 120,
  charge: "0.0200",
  currency: "USD",
  cost: null,
  cost_currency: null,
  cost_rate_card_id: null,
  line: 2,
  request_id: null,
  metadata: { crm: "TCK-1" },
  ...over,
})

describe("copyInstant", () => {
  it("writes the instant toISOString writes, without zero milliseconds", () => {
    expect(copyInstant(new Date("2026-03-02T09:15:07Z"))).toBe("2026-03-02T09:15:07Z")
    expect(copyInstant(new Date("2026-03-02T09:15:07.250Z"))).toBe("2026-03-02T09:15:07.250Z")
    expect(copyInstant(new Date("2026-03-02T09:15:07.005Z"))).toBe("2026-03-02T09:15:07.005Z")
    expect(copyInstant(new Date("1970-01-01T00:00:00Z"))).toBe("1970-01-01T00:00:00Z")
    // outside 1970–9999: the general way
    expect(copyInstant(new Date("1969-12-31T23:59:59.999Z"))).toBe("1969-12-31T23:59:59.999Z")
    expect(copyInstant(new Date(Date.UTC(10000, 0, 1)))).toBe("+010000-01-01T00:00:00.000Z")
  })

  it("throws on an invalid date, as toISOString does", () => {
    expect(() => copyInstant(new Date(NaN))).toThrow(RangeError)
  })

  it("property: names the same instant as toISOString, for any time", () => {
    fc.assert(
      fc.property(fc.integer({ min: -8.64e15, max: 8.64e15 }), (ms) => {
        const d = new Date(ms)
        expect(Date.parse(copyInstant(d))).toBe(ms)
        const norm = (s: string) => s.replace(/\.000Z$/, "Z")
        expect(norm(copyInstant(d))).toBe(norm(d.toISOString()))
      })
    )
  })
})

describe("encodeCallRow", () => {
  it("writes one field per CALL_COLUMNS column: escaped text, \\N for null, the job and rated_at last", () => {
    const row = encodeCallRow(call(), "job_1", "2026-11-22 07:00:00.123456+00")
    expect(row.endsWith("\n")).toBe(true)
    const fields = row.slice(0, -1).split("\t")
    expect(fields).toHaveLength(CALL_COLUMNS.length)
    const at = (c: (typeof CALL_COLUMNS)[number]) => fields[CALL_COLUMNS.indexOf(c)]
    expect(at("id")).toMatch(/^call_[0-9A-Z]{26}$/)
    expect(at("source")).toBe("pbx-1")
    expect(at("answer_time")).toBe("2026-03-02T09:15:07Z")
    expect(at("end_time")).toBe("\\N")
    expect(at("agent")).toBe("agent\\t7") // the tab escaped, so the row keeps its width
    expect(at("charge")).toBe("0.0200")
    expect(at("raw_charge")).toBe('{"value":"0.0200","precision":20}')
    expect(at("cost")).toBe("\\N")
    expect(at("raw_cost")).toBe("\\N")
    expect(at("metadata")).toBe('{"crm":"TCK-1"}')
    expect(at("import_job_id")).toBe("job_1")
    expect(at("rated_at")).toBe("2026-11-22 07:00:00.123456+00")
  })

  it("property: any text in any field keeps the row one line of exactly as many fields", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (callId, caller, queue) => {
        const row = encodeCallRow(call({ call_id: callId, caller, queue }), "job_1", "now")
        expect(row.indexOf("\n")).toBe(row.length - 1)
        expect(row.slice(0, -1).split("\t")).toHaveLength(CALL_COLUMNS.length)
      })
    )
  })
})
