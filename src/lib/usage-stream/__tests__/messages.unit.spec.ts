import { jsonCallRecord, jsonEventRecord } from "../../../workflows/metering/utils/json-records"
import { malformedRecord, RAW_TEXT_MAX, streamImports } from "../messages"
import { usageStreamConfig } from "../config"

const call = { call_id: "c1", account: "acme", callee: "+442079460000", billsec: "61" }
const event = { event_id: "e1", account: "acme", metric: "sms", quantity: "3", timestamp: "2026-03-02T09:00:00Z" }
const opts = { stream: "cdrs", source: "pbx-1" }

describe("stream messages to import records", () => {
  it("reads single records and batches, grouped by source in stream order", () => {
    const imports = streamImports(
      [
        { id: "1-0", body: { call: JSON.stringify(call) } },
        { id: "2-0", body: { calls: JSON.stringify([{ ...call, call_id: "c2" }, { ...call, call_id: "c3" }]), source: "pbx-2" } },
        { id: "3-0", body: { event: JSON.stringify(event), x_trace: "t-1" } },
        { id: "4-0", body: { events: JSON.stringify([{ ...event, event_id: "e2" }]), source: " " } },
      ],
      opts
    )
    expect(imports).toEqual([
      { source: "pbx-1", calls: [call], events: [event, { ...event, event_id: "e2" }], message_ids: ["1-0", "3-0", "4-0"], malformed: 0 },
      { source: "pbx-2", calls: [{ ...call, call_id: "c2" }, { ...call, call_id: "c3" }], events: [], message_ids: ["2-0"], malformed: 0 },
    ])
  })

  it("turns every unreadable message into a record that fails validation, keyed by the message id", () => {
    const [imp] = streamImports(
      [
        { id: "1-0", body: { call: "{not json" } },
        { id: "2-0", body: { call: "42" } },
        { id: "3-0", body: { calls: JSON.stringify([call, "oops"]) } },
        { id: "4-0", body: { event: "[]" } },
        { id: "5-0", body: { cal: JSON.stringify(call) } },
        { id: "6-0", body: { source: "pbx-1" } },
      ],
      opts
    )
    expect(imp.malformed).toBe(6)
    expect(imp.calls.map((c) => c.call_id)).toEqual(["cdrs/1-0/call", "cdrs/2-0/call", "c1", "cdrs/3-0/calls/1", "cdrs/5-0/cal", "cdrs/6-0"])
    expect(imp.events.map((e) => e.event_id)).toEqual(["cdrs/4-0/event"])
    expect(imp.calls[0]).toMatchObject({ x_stream_message: "{not json", x_stream_error: expect.stringMatching(/^message 1-0: call is not valid JSON/) })
    expect(imp.calls[4].x_stream_error).toMatch(/unknown field "cal"/)
    expect(imp.calls[5].x_stream_error).toMatch(/no record/)

    // the workflow's JSON checks refuse them as invalid records, the raw text kept with the record
    const rec = jsonCallRecord(imp.calls[0], 0)
    expect(rec.error).toBeTruthy()
    expect(rec.call_id).toBe("cdrs/1-0/call")
    expect(rec.x).toMatchObject({ stream_message: "{not json" })
    expect(rec.fields).toContain("{not json")
    const ev = jsonEventRecord(imp.events[0], 0)
    expect(ev.error).toBeTruthy()
    expect(ev.x).toMatchObject({ stream_message: "[]" })
  })

  it("truncates huge raw text", () => {
    const r = malformedRecord("call", "k", "why", "x".repeat(RAW_TEXT_MAX + 10))
    expect(String(r.x_stream_message)).toMatch(/truncated\)$/)
    expect(String(r.x_stream_message).length).toBeLessThan(RAW_TEXT_MAX + 100)
  })
})

describe("usage stream configuration", () => {
  it("is off without a stream key, and takes options before the environment", () => {
    expect(usageStreamConfig({}, {})).toBeNull()
    const c = usageStreamConfig({ group: "g1" }, { CALL_BILLING_USAGE_STREAM: "cdrs", CALL_BILLING_USAGE_STREAM_GROUP: "g2", CALL_BILLING_USAGE_STREAM_BATCH_SIZE: "2000" })
    expect(c).toMatchObject({ stream: "cdrs", group: "g1", source: "cdrs", batch_size: 2000, redis_url: "redis://127.0.0.1:6379" })
    expect(c!.consumer).toMatch(/-\d+$/)
    expect(() => usageStreamConfig({ stream: "s", batch_size: "0" }, {})).toThrow(/batch_size must be a whole number/)
  })
})
