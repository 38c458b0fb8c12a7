import fc from "fast-check"
import Papa from "papaparse"
import { Writable } from "stream"
import { csvFields, FORMULA_RE, writeCallStatementCsv } from "../call-statement-csv"
import type { StatementCall } from "../types"
import { asAsync, calls, Sink } from "./fixtures"

const HEADER = ["answer_time", "caller_id", "destination", "destination_name", "duration_s", "rated_s", "rate_per_min", "charge"]

async function csv(list: Iterable<StatementCall> | AsyncIterable<StatementCall>, timezone = "Europe/London", bom = false) {
  const sink = new Sink()
  await writeCallStatementCsv(list, sink, { timezone, bom })
  return sink.buffer.toString("utf8")
}

const parse = (text: string) => Papa.parse<string[]>(text, { skipEmptyLines: true }).data

describe("writeCallStatementCsv", () => {
  it("writes a header row and one CRLF record per call, with local ISO times and exact amounts", async () => {
    const list: StatementCall[] = [
      { answer_time: "2026-07-01T12:00:00Z", caller_id: "+441234", destination: "33612345678", destination_name: "France Mobile", duration: 61, rated_seconds: 120, rate: "0.0200", charge: "0.0400" },
      { answer_time: new Date("2026-01-01T12:00:00Z"), caller_id: null, destination: "4420", destination_name: null, duration: 0, rated_seconds: 0, rate: null, charge: "0.0000" },
      { answer_time: null, destination: "4420", duration: 5, rated_seconds: 0, charge: "-0.0100" },
    ]
    const text = await csv(asAsync(list))
    expect(text.split("\r\n")).toEqual([
      HEADER.join(","),
      "2026-07-01T13:00:00+01:00,+441234,33612345678,France Mobile,61,120,0.0200,0.0400",
      "2026-01-01T12:00:00+00:00,,4420,,0,0,,0.0000",
      ",,4420,,5,0,,-0.0100",
      "",
    ])
  })

  it("quotes by RFC 4180 and round-trips through papaparse with the exact strings", async () => {
    const name = 'Line 1, "quoted"\nline 2'
    const text = await csv([
      { answer_time: "2026-01-05T08:00:00Z", destination: "4420", destination_name: name, caller_id: " padded ", duration: 1, rated_seconds: 60, rate: "0.123456", charge: "0.1235" },
    ])
    expect(text).toContain('"Line 1, ""quoted""\nline 2"')
    expect(parse(text)).toEqual([
      HEADER,
      ["2026-01-05T08:00:00+00:00", " padded ", "4420", name, "1", "60", "0.123456", "0.1235"],
    ])
  })

  it("escapes cells a spreadsheet would run as formulas, but not plain numbers", async () => {
    const evil = ["=HYPERLINK(\"http://x\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1", "=1+2\n=3"]
    const text = await csv(
      evil.map((e, i) => ({ answer_time: null, destination: `44${i}`, destination_name: e, caller_id: "+441234567", duration: 0, rated_seconds: 0, charge: "-0.5000" }))
    )
    const rows = parse(text).slice(1)
    expect(rows.map((r) => r[3])).toEqual(evil.map((e) => `'${e}`))
    // a phone number with "+" and a negative amount stay as they are
    expect(rows.map((r) => r[1])).toEqual(evil.map(() => "+441234567"))
    expect(rows.map((r) => r[7])).toEqual(evil.map(() => "-0.5000"))
  })

  it("FORMULA_RE matches exactly the dangerous first characters (property)", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const numeric = /^[+-]?\d+(?:\.\d+)?$/.test(s)
        const dangerous = /^[=+\-@\t\r]/.test(s)
        expect(FORMULA_RE.test(s)).toBe(dangerous && !numeric)
      })
    )
  })

  it("round-trips any text through papaparse: what is not a formula comes back unchanged (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.string({ unit: "grapheme" }), fc.constantFrom("", "+441234", "=1+1", '"', ",", "\r\n", " x ")), {
          minLength: 1,
          maxLength: 20,
        }),
        async (pairs) => {
        const list = pairs.map(([name, caller]) => ({ answer_time: null, destination: "1", destination_name: name, caller_id: caller, duration: 0, rated_seconds: 0, charge: "0" }))
        const rows = Papa.parse<string[]>(await csv(list), { newline: "\r\n" }).data
        // the file ends with CRLF, so papaparse reports one empty trailing row
        expect(rows.pop()).toEqual([""])
        expect(rows).toHaveLength(list.length + 1)
        rows.slice(1).forEach((r, i) => {
          const unescape = (v: string, orig: string) => (FORMULA_RE.test(orig) ? v.slice(1) : v)
          expect(unescape(r[3], pairs[i][0])).toBe(pairs[i][0])
          expect(unescape(r[1], pairs[i][1])).toBe(pairs[i][1])
        })
        }
      ),
      { numRuns: 60 }
    )
  })

  it("writes the offset each call had, across a DST change", async () => {
    const text = await csv(
      [
        { answer_time: "2026-10-25T00:30:00Z", destination: "1", duration: 0, rated_seconds: 0, charge: "0" },
        { answer_time: "2026-10-25T01:30:00Z", destination: "1", duration: 0, rated_seconds: 0, charge: "0" },
      ],
      "Europe/London"
    )
    // both are 01:30 on the wall clock; the offset tells them apart
    expect(parse(text).slice(1).map((r) => r[0])).toEqual(["2026-10-25T01:30:00+01:00", "2026-10-25T01:30:00+00:00"])
  })

  it("starts with a BOM only when asked", async () => {
    expect((await csv([], "UTC", true)).startsWith("\ufeffanswer_time,")).toBe(true)
    expect((await csv([], "UTC")).startsWith("answer_time,")).toBe(true)
  })

  it("streams 20,000 calls, one record each, in order", async () => {
    const rows = parse(await csv(asAsync(calls(20_000)), "Europe/Berlin")).slice(1)
    expect(rows).toHaveLength(20_000)
    expect(rows[0]).toEqual(csvFields([...calls(1)][0], "Europe/Berlin"))
    expect(rows[19_999][2]).toBe("4915112345999")
  })

  it("fails the output and closes the cursor on a bad call; refuses an unknown zone before writing", async () => {
    let closed = false
    function* cursor(): Generator<StatementCall> {
      try {
        yield* calls(10)
        yield { answer_time: null, destination: "1", duration: -1, rated_seconds: 0, charge: "0" }
        yield* calls(10)
      } finally {
        closed = true
      }
    }
    const sink = new Sink()
    sink.on("error", () => undefined)
    await expect(writeCallStatementCsv(cursor(), sink, { timezone: "UTC" })).rejects.toThrow(/call 11: duration -1/)
    expect(closed).toBe(true)
    expect(sink.destroyed).toBe(true)

    const untouched = new Sink()
    await expect(writeCallStatementCsv(calls(1), untouched, { timezone: "Nowhere/City" })).rejects.toThrow(/IANA/)
    expect(untouched.bytes).toBe(0)
  })

  it("waits for a slow consumer instead of buffering everything", async () => {
    let maxQueued = 0
    const slow = new Writable({
      highWaterMark: 16 * 1024,
      write(_c, _e, cb) {
        maxQueued = Math.max(maxQueued, slow.writableLength)
        setImmediate(cb)
      },
    })
    await writeCallStatementCsv(asAsync(calls(20_000)), slow, { timezone: "UTC" })
    // ~1.7 MB written; never more than a chunk or two queued at once
    expect(maxQueued).toBeLessThan(200_000)
  })
})
