import { join } from "path"
import { Readable } from "stream"
import { eventInstant, quantityProblem } from "../events"
import { readMeterEvents } from "../reader"
import { FormatError, type MeterEventRecord } from "../types"

async function read(text: string): Promise<MeterEventRecord[]> {
  const out: MeterEventRecord[] = []
  for await (const batch of readMeterEvents(Readable.from([text]))) out.push(...batch)
  return out
}

describe("meter events CSV", () => {
  it("reads the example events.csv", async () => {
    const out: MeterEventRecord[] = []
    for await (const b of readMeterEvents(join(__dirname, "..", "..", "..", "..", "..", "examples", "events.csv"))) out.push(...b)
    expect(out).toHaveLength(6)
    expect(out[2]).toMatchObject({
      line: 4,
      event_id: "ev-0003",
      account: "acme",
      metric: "whatsapp_message",
      quantity: "1",
      timestamp: new Date("2026-03-02T09:00:00Z"),
      x: { channel: "whatsapp", country: "FR" },
    })
    expect(out[3].quantity).toBe("0.125")
    expect(out.filter((e) => e.error)).toEqual([])
  })

  it("keeps bad events with the column and reason", async () => {
    const recs = await read(
      [
        "event_id,account,metric,quantity,timestamp",
        "e1,acme,sms,-1,2026-03-02T09:00:00Z",
        "e2,acme,sms,1e3,2026-03-02T09:00:00Z",
        "e3,acme,sms,2,2026-03-02",
        ",acme,sms,2,2026-03-02T09:00:00Z",
        "e5,acme,,2,2026-03-02T09:00:00Z",
        "e6,acme,sms,,2026-03-02T09:00:00Z",
        "e7,acme,sms,1",
      ].join("\n")
    )
    expect(recs.map((r) => [r.line, r.error])).toEqual([
      [2, { column: "quantity", reason: "must not be negative" }],
      [3, { column: "quantity", reason: '"1e3" is not a decimal number' }],
      [4, { column: "timestamp", reason: '"2026-03-02" is not an ISO 8601 timestamp (YYYY-MM-DDTHH:MM[:SS], with Z, an offset or no zone for UTC)' }],
      [5, { column: "event_id", reason: "required value is empty" }],
      [6, { column: "metric", reason: "required value is empty" }],
      [7, { column: "quantity", reason: "required value is empty" }],
      [8, { column: null, reason: "expected 5 fields, found 4" }],
    ])
  })

  it("reads a timestamp without a zone as UTC, one with Z or an offset as written", async () => {
    const recs = await read(
      [
        "event_id,account,metric,quantity,timestamp",
        "e1,acme,sms,1,2026-03-02T09:00:00",
        "e2,acme,sms,1,2026-03-02 09:00",
        "e3,acme,sms,1,2026-03-02T09:00:00.250",
        "e4,acme,sms,1,2026-03-02T10:00:00+01:00",
        "e5,acme,sms,1,2026-03-02T09:00:00Z",
        "e6,acme,sms,1,2026-02-30T09:00:00",
        "e7,acme,sms,1,yesterday",
      ].join("\n")
    )
    expect(recs.map((r) => r.timestamp?.toISOString() ?? r.error?.reason)).toEqual([
      "2026-03-02T09:00:00.000Z",
      "2026-03-02T09:00:00.000Z",
      "2026-03-02T09:00:00.250Z",
      "2026-03-02T09:00:00.000Z",
      "2026-03-02T09:00:00.000Z",
      '"2026-02-30T09:00:00" is not an ISO 8601 timestamp (YYYY-MM-DDTHH:MM[:SS], with Z, an offset or no zone for UTC)',
      '"yesterday" is not an ISO 8601 timestamp (YYYY-MM-DDTHH:MM[:SS], with Z, an offset or no zone for UTC)',
    ])
    expect(eventInstant("2026-03-02T09:00:00")).toBe(Date.UTC(2026, 2, 2, 9))
  })

  it("rejects a negative quantity (a correction is a credit note or a re-import)", () => {
    expect(quantityProblem("-1")).toBe("must not be negative")
    expect(quantityProblem("-0.5")).toBe("must not be negative")
  })

  it("checks quantities: plain decimals ≥ 0 with at most 12 decimals", () => {
    expect(quantityProblem("0")).toBeNull()
    expect(quantityProblem("12.500")).toBeNull()
    expect(quantityProblem(".5")).toBeNull()
    expect(quantityProblem("0.1234567890123")).toBe("more than 12 decimals")
    expect(quantityProblem("5.")).toBe('"5." is not a decimal number')
    expect(quantityProblem("1,5")).toBe('"1,5" is not a decimal number')
  })

  it("a bad header is fatal and names the column", async () => {
    const err = await read("event_id,account,metric,qty,timestamp\n").catch((e) => e)
    expect(err).toBeInstanceOf(FormatError)
    expect(err.problems).toEqual([
      { line: 1, column: "qty", reason: 'unknown column "qty"' },
      { line: 1, column: "quantity", reason: 'missing required column "quantity"' },
    ])
    await expect(read("")).rejects.toThrow("empty file")
  })
})
