import { join } from "path"
import { Readable } from "stream"
import { ASTERISK_METADATA, lineHash } from "../asterisk"
import { dispositionOf } from "../freeswitch"
import { GENERIC_COLUMNS } from "../generic"
import { readCdrs, type CdrReadOptions } from "../reader"
import type { CdrRecord } from "../types"

const examples = join(__dirname, "..", "..", "..", "..", "..", "examples")

async function read(text: string, options: CdrReadOptions): Promise<CdrRecord[]> {
  const out: CdrRecord[] = []
  for await (const batch of readCdrs(Readable.from([text]), options)) out.push(...batch)
  return out
}

const ANSWERED =
  '"acme","2001","00447700900123","from-internal","""Alice"" <2001>","PJSIP/2001-01","PJSIP/carrier-02","Dial","PJSIP/00447700900123@carrier,60","2026-07-06 08:29:54","2026-07-06 08:30:00","2026-07-06 08:31:01",67,61,"ANSWERED","DOCUMENTATION","1783326594.5","vip"'

describe("Asterisk Master.csv", () => {
  const opts: CdrReadOptions = { format: "asterisk", timezone: "Europe/London" }

  it("maps cdr_csv columns; local times in the switch's zone become instants", async () => {
    const [rec] = await read(ANSWERED + "\n", opts)
    expect(rec).toMatchObject({
      line: 1,
      call_id: "1783326594.5",
      account: "acme",
      direction: "outbound",
      caller: "2001",
      callee: "00447700900123",
      start_time: new Date("2026-07-06T07:29:54Z"),
      answer_time: new Date("2026-07-06T07:30:00Z"),
      end_time: new Date("2026-07-06T07:31:01Z"),
      duration: 67,
      billsec: 61,
      disposition: "ANSWERED",
      x: {
        dcontext: "from-internal",
        clid: '"Alice" <2001>',
        channel: "PJSIP/2001-01",
        dstchannel: "PJSIP/carrier-02",
        lastapp: "Dial",
        lastdata: "PJSIP/00447700900123@carrier,60",
        amaflags: "DOCUMENTATION",
        userfield: "vip",
      },
    })
    expect(rec.error).toBeUndefined()
  })

  it("reads an unanswered call (empty answer) and UTC by default", async () => {
    const line = '"acme","2001","07700900789","ctx","","SIP/1","","Dial","","2026-03-03 11:13:00","","2026-03-03 11:13:25",25,0,"NO ANSWER","DOCUMENTATION","17.9"'
    const [rec] = await read(line, { format: "asterisk" })
    expect(rec).toMatchObject({ answer_time: null, start_time: new Date("2026-03-03T11:13:00Z"), billsec: 0, disposition: "NO ANSWER" })
    expect(rec.error).toBeUndefined()
  })

  it("hashes the whole line into the call id when uniqueid is not logged", async () => {
    const fields16 = ANSWERED.split(',"1783326594.5"')[0]
    const recs = await read(`${fields16}\n${fields16.replace("00447700900123", "00447700900124")}\n${fields16}\n`, opts)
    expect(recs[0].call_id).toMatch(/^[0-9a-f]{64}$/)
    expect(recs[0].call_id).toBe(lineHash(recs[0].fields))
    expect(recs[1].call_id).not.toBe(recs[0].call_id)
    // Same line, same id: a re-import deduplicates.
    expect(recs[2].call_id).toBe(recs[0].call_id)
  })

  it("keeps a record with a bad field, naming the Asterisk column", async () => {
    const bad = ANSWERED.replace('"2026-07-06 08:30:00"', '"2026-07-06 25:30:00"')
    const negative = ANSWERED.replace(",67,61,", ",67,-61,")
    const short = '"acme","2001","447700900123"'
    const recs = await read([bad, negative, short].join("\n"), opts)
    expect(recs.map((r) => r.error)).toEqual([
      { column: "answer", reason: '"2026-07-06 25:30:00" is not a YYYY-MM-DD HH:MM:SS timestamp' },
      { column: "billsec", reason: "must not be negative" },
      { column: null, reason: "expected 16 to 21 fields (Asterisk cdr_csv), found 3" },
    ])
    expect(recs.map((r) => r.line)).toEqual([1, 2, 3])
  })

  it("writes records under the generic names plus x_ metadata, bad stamps kept as written", async () => {
    const reader = readCdrs(Readable.from([ANSWERED + "\n" + ANSWERED.replace('"2026-07-06 08:30:00"', '"soon"')]), opts)
    const recs: CdrRecord[] = []
    for await (const b of reader) recs.push(...b)
    expect(reader.columns).toEqual([...GENERIC_COLUMNS, ...ASTERISK_METADATA.map((k) => "x_" + k)])
    const v = reader.values(recs[0])
    expect(v.slice(0, 11)).toEqual([
      "1783326594.5",
      "acme",
      "outbound",
      "2001",
      "00447700900123",
      "2026-07-06T07:30:00Z",
      "2026-07-06T07:29:54Z",
      "2026-07-06T07:31:01Z",
      "67",
      "61",
      "ANSWERED",
    ])
    expect(reader.text(recs[0])).toContain(',"""Alice"" <2001>",')
    expect(reader.values(recs[1])[5]).toBe("soon")
  })

  it("reads the example Master.csv", async () => {
    const out: CdrRecord[] = []
    for await (const b of readCdrs(join(examples, "Master.csv"), opts)) out.push(...b)
    expect(out).toHaveLength(8)
    expect(out.filter((r) => r.error)).toEqual([])
    expect(out.filter((r) => /^[0-9a-f]{64}$/.test(r.call_id))).toHaveLength(2)
  })
})

describe("FreeSWITCH mod_cdr_csv (default template)", () => {
  const opts: CdrReadOptions = { format: "freeswitch", timezone: "Europe/London" }
  const line = (cause: string, billsec: string, answer = "2026-03-02 09:15:07") =>
    `"Alice","2001","00442079460018","default","2026-03-02 09:15:01","${answer}","2026-03-02 09:16:08","67","${billsec}","${cause}","uuid-1","uuid-b","acme","PCMA","PCMA"`

  it("maps the template's columns", async () => {
    const [rec] = await read(line("NORMAL_CLEARING", "61"), opts)
    expect(rec).toMatchObject({
      call_id: "uuid-1",
      account: "acme",
      caller: "2001",
      callee: "00442079460018",
      start_time: new Date("2026-03-02T09:15:01Z"),
      answer_time: new Date("2026-03-02T09:15:07Z"),
      end_time: new Date("2026-03-02T09:16:08Z"),
      duration: 67,
      billsec: 61,
      disposition: "ANSWERED",
      x: { caller_id_name: "Alice", context: "default", hangup_cause: "NORMAL_CLEARING", bleg_uuid: "uuid-b", read_codec: "PCMA", write_codec: "PCMA" },
    })
    expect(rec.error).toBeUndefined()
  })

  it("maps hangup causes to dispositions", () => {
    expect(dispositionOf("NORMAL_CLEARING", 61)).toBe("ANSWERED")
    // Billable seconds mean the call was answered, whatever ended it.
    expect(dispositionOf("MEDIA_TIMEOUT", 300)).toBe("ANSWERED")
    expect(dispositionOf("NORMAL_CLEARING", 0)).toBe("NO ANSWER")
    expect(dispositionOf("NO_ANSWER", 0)).toBe("NO ANSWER")
    expect(dispositionOf("ORIGINATOR_CANCEL", 0)).toBe("NO ANSWER")
    expect(dispositionOf("NO_USER_RESPONSE", 0)).toBe("NO ANSWER")
    expect(dispositionOf("USER_BUSY", 0)).toBe("BUSY")
    expect(dispositionOf("CALL_REJECTED", 0)).toBe("BUSY")
    expect(dispositionOf("NORMAL_CIRCUIT_CONGESTION", 0)).toBe("CONGESTION")
    expect(dispositionOf("SWITCH_CONGESTION", 0)).toBe("CONGESTION")
    expect(dispositionOf("UNALLOCATED_NUMBER", 0)).toBe("FAILED")
    expect(dispositionOf("NO_ROUTE_DESTINATION", 0)).toBe("FAILED")
    expect(dispositionOf("", 0)).toBe("FAILED")
    expect(dispositionOf("user_busy", 0)).toBe("BUSY")
  })

  it("reads stamps with an offset as they are", async () => {
    const [rec] = await read(line("NORMAL_CLEARING", "61", "2026-03-02T09:15:07-05:00"), opts)
    expect(rec.answer_time).toEqual(new Date("2026-03-02T14:15:07Z"))
  })

  it("keeps bad records with the FreeSWITCH column named", async () => {
    const recs = await read(
      [line("NORMAL_CLEARING", "61", ""), line("NORMAL_CLEARING", "abc"), line("NORMAL_CLEARING", "68"), '"a","b"'].join("\n"),
      opts
    )
    expect(recs.map((r) => r.error)).toEqual([
      { column: "answer_stamp", reason: "required for an answered call" },
      { column: "billsec", reason: "not a whole number of seconds" },
      { column: "billsec", reason: "billsec 68 is greater than duration 67" },
      { column: null, reason: "expected 15 fields (mod_cdr_csv default template), found 2" },
    ])
  })

  it("reads the example freeswitch.csv", async () => {
    const out: CdrRecord[] = []
    for await (const b of readCdrs(join(examples, "freeswitch.csv"), opts)) out.push(...b)
    expect(out.map((r) => r.disposition)).toEqual([
      "ANSWERED",
      "ANSWERED",
      "ANSWERED",
      "ANSWERED",
      "NO ANSWER",
      "BUSY",
      "BUSY",
      "FAILED",
      "ANSWERED",
    ])
    expect(out.filter((r) => r.error)).toEqual([])
  })
})
