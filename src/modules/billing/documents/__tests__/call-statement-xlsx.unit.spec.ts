import Decimal from "decimal.js"
import ExcelJS from "exceljs"
import { sheetName, writeCallStatementXlsx } from "../call-statement-xlsx"
import type { StatementCall } from "../types"
import { asAsync, calls, Sink } from "./fixtures"

async function xlsx(list: Iterable<StatementCall> | AsyncIterable<StatementCall>, name?: string) {
  const sink = new Sink()
  await writeCallStatementXlsx(list, sink, {
    timezone: "Europe/Berlin",
    currency: "EUR",
    sheetName: name,
    created: new Date("2026-02-01T00:00:00Z"),
  })
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(sink.buffer as unknown as ArrayBuffer)
  return { wb, ws: wb.worksheets[0], bytes: sink.bytes }
}

describe("writeCallStatementXlsx", () => {
  it("has the statement's header and one row per call with exact values", async () => {
    const list: StatementCall[] = [
      { answer_time: "2026-03-29T01:30:00Z", caller_id: "+4930123", destination: "4915112345678", destination_name: "Germany Mobile", duration: 61, rated_seconds: 120, rate: "0.0200", charge: "0.0400" },
      { answer_time: null, caller_id: null, destination: "4930999", destination_name: null, duration: 0, rated_seconds: 0, rate: null, charge: "0.0000" },
    ]
    const { ws } = await xlsx(asAsync(list))
    expect(ws.name).toBe("Calls")
    expect(ws.rowCount).toBe(3)
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([
      "Answer time (Europe/Berlin)",
      "Caller ID",
      "Destination",
      "Destination name",
      "Duration",
      "Rated s",
      "Rate/min (EUR)",
      "Charge (EUR)",
    ])
    expect(ws.getRow(1).font?.bold).toBe(true)
    const r = ws.getRow(2)
    // 01:30 UTC is 03:30 CEST: the cell holds the local wall time
    expect((r.getCell(1).value as Date).toISOString()).toBe("2026-03-29T03:30:00.000Z")
    expect(r.getCell(1).numFmt).toBe("yyyy-mm-dd hh:mm:ss")
    expect(r.getCell(2).value).toBe("+4930123")
    expect(r.getCell(3).value).toBe("4915112345678")
    expect(r.getCell(4).value).toBe("Germany Mobile")
    expect(r.getCell(5).value).toBe(61)
    expect(r.getCell(6).value).toBe(120)
    expect(new Decimal(r.getCell(7).value as number).equals("0.0200")).toBe(true)
    expect(r.getCell(7).numFmt).toBe("0.0000")
    expect(new Decimal(r.getCell(8).value as number).equals("0.0400")).toBe(true)
    expect(r.getCell(8).numFmt).toBe("0.0000")
    const u = ws.getRow(3)
    expect(u.getCell(1).value).toBeNull()
    expect(u.getCell(7).value).toBeNull()
    expect(u.getCell(8).value).toBe(0)
  })

  it("keeps amounts a double cannot hold exactly as text", async () => {
    const { ws } = await xlsx([
      { answer_time: null, destination: "1", duration: 1, rated_seconds: 1, rate: "0.123456", charge: "1234567890123.4567" },
      { answer_time: null, destination: "1", duration: 1, rated_seconds: 1, rate: "0.1", charge: "99999999999999.9" },
      // a double holds it, but Excel shows 15 digits: text
      { answer_time: null, destination: "1", duration: 1, rated_seconds: 1, rate: "0.1", charge: "1234567890123456" },
    ])
    expect(ws.getRow(2).getCell(8).value).toBe("1234567890123.4567")
    expect(ws.getRow(2).getCell(8).alignment?.horizontal).toBe("right")
    expect(typeof ws.getRow(2).getCell(7).value).toBe("number")
    // 15 significant digits: a number, exactly
    expect(ws.getRow(3).getCell(8).value).toBe(99999999999999.9)
    expect(new Decimal(ws.getRow(3).getCell(8).value as number).equals("99999999999999.9")).toBe(true)
    expect(ws.getRow(4).getCell(8).value).toBe("1234567890123456")
  })

  it("stores text that looks like a formula as text", async () => {
    const { ws } = await xlsx([{ answer_time: null, destination: "=1+1", destination_name: "@SUM(A1)", duration: 0, rated_seconds: 0, charge: "0" }])
    expect(ws.getRow(2).getCell(3).value).toBe("=1+1")
    expect(ws.getRow(2).getCell(4).value).toBe("@SUM(A1)")
    expect(ws.getRow(2).getCell(3).type).toBe(ExcelJS.ValueType.String)
  })

  it("streams 5,000 calls into rows, in order, and names the sheet safely", async () => {
    const { ws } = await xlsx(asAsync(calls(5_000)), "Calls: Jan/2026 [all]")
    expect(ws.name).toBe("Calls_ Jan_2026 _all_")
    expect(ws.rowCount).toBe(5_001)
    const last = ws.getRow(5_001)
    expect(last.getCell(3).value).toBe("4915112345999")
    expect(last.getCell(5).value).toBe(30 + (4_999 % 600))
    // call 4,999 answered 2026-01-01T00:00Z + 4,999 × 37 s = 2026-01-03T03:22:43Z, 04:22:43 in Berlin
    expect((last.getCell(1).value as Date).toISOString()).toBe("2026-01-03T04:22:43.000Z")
  })

  it("fails the output on a bad call and closes the cursor", async () => {
    let closed = false
    function* cursor(): Generator<StatementCall> {
      try {
        yield* calls(5)
        yield { answer_time: null, destination: "1", duration: 0, rated_seconds: 0, charge: "1,00" }
      } finally {
        closed = true
      }
    }
    const sink = new Sink()
    sink.on("error", () => undefined)
    await expect(
      writeCallStatementXlsx(cursor(), sink, { timezone: "UTC", currency: "EUR" })
    ).rejects.toThrow(/call 6: charge: "1,00" is not a decimal string/)
    expect(closed).toBe(true)
    expect(sink.destroyed).toBe(true)
    await expect(writeCallStatementXlsx(calls(1), new Sink(), { timezone: "UTC", currency: "euro" })).rejects.toThrow(/ISO 4217/)
  })
})

describe("sheetName", () => {
  it("makes a name Excel accepts", () => {
    expect(sheetName(undefined)).toBe("Calls")
    expect(sheetName("  ")).toBe("Calls")
    expect(sheetName("'quoted'")).toBe("quoted")
    expect(sheetName("a/b\\c?d*e:f[g]h")).toBe("a_b_c_d_e_f_g_h")
    expect(sheetName("x".repeat(40))).toHaveLength(31)
  })
})
