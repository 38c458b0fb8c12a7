import fc from "fast-check"
import { join } from "path"
import { Readable } from "stream"
import { csvRecord } from "../csv"
import { GENERIC_COLUMNS } from "../generic"
import { readCdrs, type CdrReadOptions } from "../reader"
import { FormatError, type CdrRecord } from "../types"

const HEADER = "call_id,account,direction,caller,callee,answer_time,start_time,end_time,duration,billsec,disposition"
const examples = join(__dirname, "..", "..", "..", "..", "..", "examples")

async function read(text: string, options: CdrReadOptions = {}): Promise<CdrRecord[]> {
  const out: CdrRecord[] = []
  for await (const batch of readCdrs(Readable.from([text]), options)) out.push(...batch)
  return out
}

async function one(line: string, header = HEADER, options: CdrReadOptions = {}): Promise<CdrRecord> {
  const [rec] = await read(`${header}\n${line}\n`, options)
  return rec
}

describe("generic CDR CSV: records", () => {
  it("normalises every column", async () => {
    const rec = await one(
      "c-1,acme,inbound,+442071230001, +44 20 7946 0018 ,2026-03-02T09:15:07Z,2026-03-02T09:15:01Z,2026-03-02T10:16:08+01:00,67,61,answered,spring,agent-7,sales,trunk-1,carrier-a",
      `${HEADER},campaign,agent,queue,trunk,carrier`
    )
    expect(rec).toEqual({
      line: 2,
      call_id: "c-1",
      account: "acme",
      direction: "inbound",
      caller: "+442071230001",
      callee: "+44 20 7946 0018",
      answer_time: new Date("2026-03-02T09:15:07Z"),
      start_time: new Date("2026-03-02T09:15:01Z"),
      end_time: new Date("2026-03-02T09:16:08Z"),
      duration: 67,
      billsec: 61,
      disposition: "ANSWERED",
      campaign: "spring",
      agent: "agent-7",
      queue: "sales",
      trunk: "trunk-1",
      carrier: "carrier-a",
      x: {},
      fields: expect.any(Array),
    })
    expect(rec.error).toBeUndefined()
    expect(rec.fields[4]).toBe(" +44 20 7946 0018 ")
  })

  it("applies the defaults: outbound, ANSWERED, empty optional text as null", async () => {
    const rec = await one("c-2,acme,,,447700900123,2026-03-02T09:15:07Z,,,,31,", HEADER)
    expect(rec).toMatchObject({ direction: "outbound", disposition: "ANSWERED", caller: null, start_time: null, duration: null, campaign: null })
    expect(rec.error).toBeUndefined()
  })

  it("needs only call_id, account, callee and billsec columns; an unanswered call needs no answer time", async () => {
    const [rec] = await read("callee,BILLSEC,Account,Call_ID\n447700900123,0,acme,c-3\n")
    expect(rec).toMatchObject({ call_id: "c-3", account: "acme", callee: "447700900123", billsec: 0, answer_time: null })
    expect(rec.error).toBeUndefined()
  })

  it("keeps x_* columns as metadata (name without x_, lower case)", async () => {
    const rec = await one('c-4,acme,447700900123,5,"TCK-1, urgent",EU', "call_id,account,callee,billsec,X_Ticket,x_region")
    expect(rec.x).toEqual({ ticket: "TCK-1, urgent", region: "EU" })
  })

  it("accepts dispositions in any case and with underscores", async () => {
    const recs = await read(
      "call_id,account,callee,billsec,disposition\n" +
        ["no answer", "NO_ANSWER", "busy", "Failed", "CONGESTION"].map((d, i) => `c${i},acme,44,0,${d}`).join("\n")
    )
    expect(recs.map((r) => r.disposition)).toEqual(["NO ANSWER", "NO ANSWER", "BUSY", "FAILED", "CONGESTION"])
  })

  it("takes the default account of the source for records without one", async () => {
    const rec = await one("c-5,,447700900123,0", "call_id,account,callee,billsec", { defaultAccount: "tenant-9" })
    expect(rec.account).toBe("tenant-9")
    expect(rec.error).toBeUndefined()
  })

  it("reads the example cdrs.csv with its physical line numbers", async () => {
    const out: CdrRecord[] = []
    for await (const b of readCdrs(join(examples, "cdrs.csv"))) out.push(...b)
    expect(out).toHaveLength(25)
    // c-0004 has a quoted line break, so the records after it start one line later.
    expect(out.map((r) => r.line).slice(2, 6)).toEqual([4, 5, 7, 8])
    expect(out.filter((r) => r.error).map((r) => [r.call_id, r.line, r.error!.column])).toEqual([["c-0018", 20, "answer_time"]])
  })
})

describe("generic CDR CSV: start_time and end_time without a zone", () => {
  it("reads them at the UTC offset of the record's answer_time, and keeps the call rateable", async () => {
    const rec = await one("c,acme,,,44,2026-03-02T10:00:05+01:00,2026-03-02T10:00:00,2026-03-02T10:01:05,65,60,")
    expect(rec.error).toBeUndefined()
    expect(rec.answer_time).toEqual(new Date("2026-03-02T09:00:05Z"))
    expect(rec.start_time).toEqual(new Date("2026-03-02T09:00:00Z"))
    expect(rec.end_time).toEqual(new Date("2026-03-02T09:01:05Z"))
  })

  it.each([
    ["2026-03-02T04:00:05-0500", "2026-03-02T04:00:00"],
    ["2026-03-02T14:30:05+05:30", "2026-03-02T14:30:00"],
    ["2026-03-02T11:00:05+02", "2026-03-02 11:00"],
    ["2026-03-02T09:00:05.250Z", "2026-03-02T09:00:00"],
    ["2026-03-02T09:00:05z", "2026-03-02T09:00:00.000"],
  ])("answer_time %s puts its offset on start_time %s", async (answer, start) => {
    const rec = await one(`c,acme,,,44,${answer},${start},,,5,`)
    expect(rec.error).toBeUndefined()
    expect(rec.start_time).toEqual(new Date("2026-03-02T09:00:00Z"))
  })

  it("reads them as UTC when the record has no answer_time (an unanswered call)", async () => {
    const rec = await one("c,acme,,,44,,2026-03-02T10:00:00,2026-03-02 10:00:30.5,30,0,NO ANSWER")
    expect(rec.error).toBeUndefined()
    expect(rec.start_time).toEqual(new Date("2026-03-02T10:00:00Z"))
    expect(rec.end_time).toEqual(new Date("2026-03-02T10:00:30.500Z"))
  })

  it("keeps a start_time that has its own zone as written", async () => {
    const rec = await one("c,acme,,,44,2026-03-02T10:00:05+01:00,2026-03-02T09:00:00Z,,,5,")
    expect(rec.start_time).toEqual(new Date("2026-03-02T09:00:00Z"))
  })

  it("reads a pushed JSON call the same way as the CSV line", async () => {
    const { jsonCallRecord } = await import("../../../../workflows/metering/utils/json-records")
    const rec = jsonCallRecord(
      { call_id: "c", account: "acme", callee: "44", answer_time: "2026-03-02T10:00:05+01:00", start_time: "2026-03-02T10:00:00", billsec: 5 },
      0
    )
    expect(rec.error).toBeUndefined()
    expect(rec.start_time).toEqual(new Date("2026-03-02T09:00:00Z"))
  })
})

describe("generic CDR CSV: bad records are kept with an error", () => {
  const cases: Array<[string, string, { column: string | null; reason: string }]> = [
    ["bad timestamp", "c,acme,,,44,2026-02-30T10:00:00Z,,,,60,", { column: "answer_time", reason: '"2026-02-30T10:00:00Z" is not an ISO 8601 timestamp with Z or an offset' }],
    ["answer_time without offset", "c,acme,,,44,2026-03-02T10:00:00,,,,60,", { column: "answer_time", reason: '"2026-03-02T10:00:00" is not an ISO 8601 timestamp with Z or an offset' }],
    ["start_time that is not a timestamp", "c,acme,,,44,2026-03-02T10:00:05Z,yesterday,,,60,", { column: "start_time", reason: '"yesterday" is not an ISO 8601 timestamp (YYYY-MM-DDTHH:MM[:SS], with Z, an offset or no zone)' }],
    ["end_time out of range", "c,acme,,,44,2026-03-02T10:00:05Z,,2026-03-02T25:00:00,,60,", { column: "end_time", reason: '"2026-03-02T25:00:00" is not an ISO 8601 timestamp (YYYY-MM-DDTHH:MM[:SS], with Z, an offset or no zone)' }],
    ["end_time with a bad offset", "c,acme,,,44,2026-03-02T10:00:05Z,,2026-03-02T10:01:00+25:00,,60,", { column: "end_time", reason: '"2026-03-02T10:01:00+25:00" is not an ISO 8601 timestamp (YYYY-MM-DDTHH:MM[:SS], with Z, an offset or no zone)' }],
    ["negative billsec", "c,acme,,,44,2026-03-02T10:00:00Z,,,,-5,", { column: "billsec", reason: "must not be negative" }],
    ["non-numeric duration", "c,acme,,,44,2026-03-02T10:00:00Z,,,ten,5,", { column: "duration", reason: "not a whole number of seconds" }],
    ["fractional billsec", "c,acme,,,44,2026-03-02T10:00:00Z,,,,5.5,", { column: "billsec", reason: "not a whole number of seconds" }],
    ["billsec above duration", "c,acme,,,44,2026-03-02T10:00:00Z,,,30,31,", { column: "billsec", reason: "billsec 31 is greater than duration 30" }],
    ["empty billsec", "c,acme,,,44,2026-03-02T10:00:00Z,,,,,", { column: "billsec", reason: "required value is empty" }],
    ["empty call_id", ",acme,,,44,,,,,0,", { column: "call_id", reason: "required value is empty" }],
    ["empty account", "c,,,,44,,,,,0,", { column: "account", reason: "required value is empty" }],
    ["empty callee", "c,acme,,,,,,,,0,", { column: "callee", reason: "required value is empty" }],
    ["answered without answer time", "c,acme,,,44,,,,,61,ANSWERED", { column: "answer_time", reason: "required for an answered call" }],
    ["unknown disposition", "c,acme,,,44,,,,,0,HUNG UP", { column: "disposition", reason: '"HUNG UP" is not one of ANSWERED, NO ANSWER, BUSY, FAILED, CONGESTION' }],
    ["unknown direction", "c,acme,sideways,,44,,,,,0,", { column: "direction", reason: '"sideways" is not outbound or inbound' }],
    ["too few fields", "c,acme,,,44", { column: null, reason: "expected 11 fields, found 5" }],
    ["too many fields", "c,acme,,,44,,,,,0,,extra", { column: null, reason: "expected 11 fields, found 12" }],
  ]
  it.each(cases)("%s", async (_name, line, error) => {
    const rec = await one(line)
    expect(rec.error).toEqual(error)
    expect(rec.line).toBe(2)
  })

  it("reports the first problem of a record with several", async () => {
    const rec = await one(",,,,,bad,,,,-1,")
    expect(rec.error).toEqual({ column: "call_id", reason: "required value is empty" })
  })

  it("flags an unclosed quote as malformed CSV, naming the line, and reads the next line on its own", async () => {
    const recs = await read(`${HEADER}\nc1,acme,,,44,,,,,0,\nc2,acme,,,"44,,,,,0,\nc3,acme,,,44,,,,,0,\n`)
    expect(recs[1].error).toEqual({
      column: null,
      reason: 'malformed CSV on line 3: the quote that opens field 5 is not closed ("44,,,,,0,); the record ends at the end of line 3',
    })
    expect(recs[2]).toMatchObject({ line: 4, call_id: "c3", error: undefined })
  })
})

describe("generic CDR CSV: a bad header is fatal and names the column", () => {
  it("names an unknown column", async () => {
    await expect(read("call_id,account,callee,billsec,biilsec\n")).rejects.toThrow(
      new FormatError([{ line: 1, column: "biilsec", reason: 'unknown column "biilsec"' }])
    )
  })

  it("names every missing required column", async () => {
    const err = await read("call_id,caller\nc,1\n").catch((e) => e)
    expect(err).toBeInstanceOf(FormatError)
    expect(err.problems).toEqual([
      { line: 1, column: "account", reason: 'missing required column "account"' },
      { line: 1, column: "callee", reason: 'missing required column "callee"' },
      { line: 1, column: "billsec", reason: 'missing required column "billsec"' },
    ])
    expect(err.message).toBe(
      'line 1, column account: missing required column "account"\nline 1, column callee: missing required column "callee"\nline 1, column billsec: missing required column "billsec"'
    )
  })

  it("names a duplicate column and finds the header after blank lines", async () => {
    const err = await read("\n\ncall_id,account,callee,billsec,Callee\n").catch((e) => e)
    expect(err.problems).toEqual([{ line: 3, column: "Callee", reason: "duplicate column (also column 3)" }])
  })

  it("rejects an empty file", async () => {
    await expect(read("")).rejects.toThrow("line 1: empty file: expected a header line")
  })
})

describe("generic CDR CSV: writing records back", () => {
  it("gives the original values under the file's own header", async () => {
    const reader = readCdrs(Readable.from([`Call_ID,account,callee,billsec,x_note\nc1,acme,44,5,"a, b"\nc2,acme,44\n`]))
    const recs: CdrRecord[] = []
    for await (const b of reader) recs.push(...b)
    expect(reader.columns).toEqual(["Call_ID", "account", "callee", "billsec", "x_note"])
    expect(reader.text(recs[0])).toBe('c1,acme,44,5,"a, b"')
    // A short record is padded so the output stays rectangular.
    expect(reader.values(recs[1])).toEqual(["c2", "acme", "44", "", ""])
  })

  it("keeps the extra values of a long record in its last column, so none is lost", async () => {
    const reader = readCdrs(Readable.from(["call_id,account,callee,answer_time,billsec\nc1,acme,44,2026-03-02T09:00:00Z,61,x,\"y, z\"\nc2,acme,44,2026-03-02T09:00:00Z,61\n"]))
    const recs: CdrRecord[] = []
    for await (const b of reader) recs.push(...b)
    expect(recs[0].error).toEqual({ column: null, reason: "expected 5 fields, found 7" })
    expect(reader.values(recs[0])).toEqual(["c1", "acme", "44", "2026-03-02T09:00:00Z", '61,x,"y, z"'])
    // Rectangular, and the last column read as CSV gives back the record's values from there on.
    expect(reader.text(recs[0])).toBe('c1,acme,44,2026-03-02T09:00:00Z,"61,x,""y, z"""')
    expect(reader.text(recs[1])).toBe("c2,acme,44,2026-03-02T09:00:00Z,61")
  })

  it("quotes what needs quoting when writing back, lone carriage returns included", async () => {
    const reader = readCdrs(Readable.from(["call_id,account,callee,billsec,x_note\nc1,acme,44,5,plain\nc2,acme,44,5,a\rb\n"]))
    const recs: CdrRecord[] = []
    for await (const b of reader) recs.push(...b)
    expect(reader.text(recs[0])).toBe("c1,acme,44,5,plain")
    expect(reader.text(recs[1])).toBe('c2,acme,44,5,"a\rb"')
  })

  it("reads back what it writes (property)", async () => {
    const text = fc.string({ maxLength: 8 }).map((s) => s.trim())
    const record = fc.record({
      call_id: fc.stringMatching(/^[a-z0-9-]{1,10}$/),
      account: fc.constantFrom("acme", "globex, inc", 'say "hi"'),
      caller: text,
      callee: fc.stringMatching(/^\+?[0-9]{1,15}$/),
      answer_ms: fc.integer({ min: Date.parse("2020-01-01T00:00:00Z"), max: Date.parse("2030-01-01T00:00:00Z") }),
      billsec: fc.nat(7200),
      extra: fc.nat(60),
      disposition: fc.constantFrom("ANSWERED", "NO ANSWER", "BUSY"),
      campaign: text,
    })
    await fc.assert(
      fc.asyncProperty(fc.array(record, { minLength: 1, maxLength: 30 }), async (rs) => {
        const lines = rs.map((r) => {
          const answered = r.disposition === "ANSWERED"
          return csvRecord([
            r.call_id,
            r.account,
            r.caller,
            r.callee,
            answered ? new Date(Math.floor(r.answer_ms / 1000) * 1000).toISOString() : "",
            String(r.billsec + r.extra),
            answered ? String(r.billsec) : "0",
            r.disposition,
            r.campaign,
          ])
        })
        const got = await read(["call_id,account,caller,callee,answer_time,duration,billsec,disposition,campaign", ...lines].join("\r\n"))
        expect(got.map((g) => g.error)).toEqual(rs.map(() => undefined))
        expect(got.map((g) => [g.call_id, g.account, g.caller ?? "", g.callee, g.campaign ?? "", g.disposition])).toEqual(
          rs.map((r) => [r.call_id, r.account, r.caller, r.callee, r.campaign, r.disposition])
        )
        expect(got.map((g) => g.line)).toEqual(rs.map((_, i) => i + 2))
      }),
      { numRuns: 60 }
    )
  })

  it("lists the generic columns in FORMATS.md order", () => {
    expect(GENERIC_COLUMNS.join(",")).toBe(
      "call_id,account,direction,caller,callee,answer_time,start_time,end_time,duration,billsec,disposition,campaign,agent,queue,trunk,carrier"
    )
  })
})
