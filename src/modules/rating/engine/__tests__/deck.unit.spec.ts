import fc from "fast-check"
import { readFileSync } from "fs"
import { join } from "path"
import { compileVersion } from "../compile"
import { DECK_COLUMNS, deckKey, diffDecks, parseDeck, serializeDeck, type DeckRow } from "../deck"
import type { RateRowInput } from "../types"

const HEADER = "prefix,destination,rate,connect_fee,initial_increment,subsequent_increment,grace,band,direction"
const examples = join(__dirname, "..", "..", "..", "..", "..", "examples")

describe("parseDeck: good decks", () => {
  it("reads rows with their line number as id and values exactly as written", () => {
    const { rows, errors, lines } = parseDeck(
      `${HEADER}\n44,United Kingdom - Fixed,0.0125,,60,60,0,peak,outbound\n447,UK Mobile,0.0200,0.01,30,6,3,,\n`
    )
    expect(errors).toEqual([])
    expect(lines).toBe(3)
    expect(rows).toEqual([
      {
        id: "2",
        prefix: "44",
        destination: "United Kingdom - Fixed",
        destination_group: null,
        rate: "0.0125",
        connect_fee: null,
        per_call: null,
        initial_increment: 60,
        subsequent_increment: 60,
        grace: 0,
        band: "peak",
        direction: "outbound",
      },
      {
        id: "3",
        prefix: "447",
        destination: "UK Mobile",
        destination_group: null,
        rate: "0.0200",
        connect_fee: "0.01",
        per_call: null,
        initial_increment: 30,
        subsequent_increment: 6,
        grace: 3,
        band: null,
        direction: "outbound",
      },
    ])
  })

  it("takes header names in any case, tolerates a BOM and CRLF line ends", () => {
    const { rows, errors } = parseDeck("\uFEFFPrefix,RATE,Band\r\n44,0.01,Peak\r\n")
    expect(errors).toEqual([])
    expect(rows[0]).toMatchObject({ prefix: "44", rate: "0.01", band: "Peak", id: "2" })
  })

  it("accepts a Buffer (as read from a file)", () => {
    const { rows } = parseDeck(Buffer.from("prefix,rate\n44,0.01\n", "utf8"))
    expect(rows).toHaveLength(1)
  })

  it("keeps x_* columns as metadata without the prefix", () => {
    const { rows, errors } = parseDeck("prefix,rate,X_Source,x_note\n44,0.01,carrier-a,\"a, b\"\n")
    expect(errors).toEqual([])
    expect(rows[0].x).toEqual({ source: "carrier-a", note: "a, b" })
  })

  it("skips blank lines (also spreadsheet rows of empty fields) but keeps counting lines", () => {
    const { rows, errors } = parseDeck("prefix,rate\n\n44,0.01\n,\n447,0.02\n")
    expect(errors).toEqual([])
    expect(rows.map((r) => r.id)).toEqual(["3", "5"])
  })

  it("trims values and an empty direction means outbound, an empty band any band", () => {
    const { rows } = parseDeck("prefix,rate,band,direction\n 44 , 0.01 ,  ,\n")
    expect(rows[0]).toMatchObject({ prefix: "44", rate: "0.01", band: null, direction: "outbound" })
  })

  it("accepts the same prefix for different bands and directions", () => {
    const { rows, errors } = parseDeck(
      "prefix,rate,band,direction\n44,0.01,peak,\n44,0.02,offpeak,\n44,0.03,,\n44,0.04,,inbound\n44,0.05,peak,inbound\n"
    )
    expect(errors).toEqual([])
    expect(rows).toHaveLength(5)
  })

  it("parses the example decks, and they compile", () => {
    for (const f of ["rates.csv", "carrier-a.csv", "rates-2026-04.csv"]) {
      const deck = parseDeck(readFileSync(join(examples, f)))
      expect(deck.errors).toEqual([])
      const v = compileVersion({ id: "v", number: 1, effective_from: new Date(0), effective_to: null }, deck.rows)
      expect(v.size).toBe(deck.rows.length)
    }
  })
})

describe("parseDeck: bad decks list every bad line", () => {
  it("names each bad line, column and reason in line order", () => {
    const { errors } = parseDeck(
      [
        HEADER,
        "44,UK,0.01,,60,60,0,,",
        "4a4,Bad prefix,0.01,,60,60,0,,",
        "447,Negative,-0.02,,60,60,0,,",
        "448,Too precise,0.0000001,,60,60,0,,",
        "449,Not a number,abc,1e-3,0,60,-1,,sideways",
        "33,Fraction,0.01,,1.5,0,0,,",
        ",Empty prefix,0.01,,,,,,",
        "34,Empty rate,,,,,,,",
        "123456789012345678901,Too long,0.01,,,,,,",
      ].join("\n")
    )
    expect(errors).toEqual([
      { line: 3, column: "prefix", reason: '"4a4" is not 1–20 digits' },
      { line: 4, column: "rate", reason: '"-0.02" is negative; must be ≥ 0' },
      { line: 5, column: "rate", reason: '"0.0000001" has more than 6 decimals' },
      { line: 6, column: "rate", reason: '"abc" is not a decimal number' },
      { line: 6, column: "connect_fee", reason: '"1e-3" is not a decimal number' },
      { line: 6, column: "initial_increment", reason: '"0" must be at least 1' },
      { line: 6, column: "grace", reason: '"-1" is not a whole number of seconds' },
      { line: 6, column: "direction", reason: '"sideways" is not outbound or inbound' },
      { line: 7, column: "initial_increment", reason: '"1.5" is not a whole number of seconds' },
      { line: 7, column: "subsequent_increment", reason: '"0" must be at least 1' },
      { line: 8, column: "prefix", reason: "required value is empty" },
      { line: 9, column: "rate", reason: "required value is empty" },
      { line: 10, column: "prefix", reason: '"123456789012345678901" is not 1–20 digits' },
    ])
  })

  it("reports a duplicate (prefix, band, direction) on the later line, naming the earlier", () => {
    const { errors, rows } = parseDeck("prefix,rate,band\n44,0.01,peak\n447,0.02,\n44,0.03,peak\n44,0.04,peak\n")
    expect(errors).toEqual([
      { line: 4, column: "prefix", reason: "duplicate of line 2 (prefix 44, band peak, direction outbound)" },
      { line: 5, column: "prefix", reason: "duplicate of line 2 (prefix 44, band peak, direction outbound)" },
    ])
    expect(rows.map((r) => r.id)).toEqual(["2", "3"])
  })

  it("treats an empty direction and outbound as the same key", () => {
    const { errors } = parseDeck("prefix,rate,direction\n44,0.01,\n44,0.02,OUTBOUND\n")
    expect(errors).toEqual([{ line: 3, column: "prefix", reason: "duplicate of line 2 (prefix 44, band any, direction outbound)" }])
  })

  it("finds a duplicate even when the row has another bad column", () => {
    const { errors } = parseDeck("prefix,rate\n44,0.01\n44,-1\n")
    expect(errors.map((e) => e.column)).toEqual(["rate", "prefix"])
  })

  it("counts physical lines across quoted fields holding line breaks", () => {
    const { errors } = parseDeck('prefix,destination,rate\n44,"United\nKingdom",0.01\n"33","France\r\nwith\r\nbreaks",0.01\n34,Spain,x\n')
    expect(errors).toEqual([{ line: 7, column: "rate", reason: '"x" is not a decimal number' }])
  })

  it("names unknown, duplicate and missing header columns", () => {
    const { errors } = parseDeck("prefix,ratee,destination,Destination,x_ok\n44,0.01,a,b,c\n")
    expect(errors).toEqual([
      { line: 1, column: "ratee", reason: 'unknown column "ratee"' },
      { line: 1, column: "Destination", reason: "duplicate column (also column 3)" },
      { line: 1, column: "rate", reason: 'missing required column "rate"' },
    ])
  })

  it("checks the row direction against the card's direction unless both", () => {
    const text = "prefix,rate,direction\n44,0.01,outbound\n44,0.02,inbound\n"
    expect(parseDeck(text, { cardDirection: "outbound" }).errors).toEqual([
      { line: 3, column: "direction", reason: "inbound row on an outbound card" },
    ])
    expect(parseDeck(text, { cardDirection: "inbound" }).errors).toEqual([
      { line: 2, column: "direction", reason: "outbound row on an inbound card" },
    ])
    expect(parseDeck(text, { cardDirection: "both" }).errors).toEqual([])
  })

  it("rejects a line with the wrong number of fields", () => {
    expect(parseDeck("prefix,rate\n44,0.01,extra\n447\n").errors).toEqual([
      { line: 2, column: null, reason: "expected 2 fields, found 3" },
      { line: 3, column: null, reason: "expected 2 fields, found 1" },
    ])
  })

  it("rejects an unclosed quote", () => {
    const { errors } = parseDeck('prefix,destination,rate\n44,"United Kingdom,0.01\n')
    expect(errors).toEqual([
      {
        line: 2,
        column: null,
        reason: 'malformed CSV on line 2: the quote that opens field 2 is not closed ("United Kingdom,0.01); the record ends at the end of line 2',
      },
    ])
  })

  it("lists every bad line after a stray or unclosed quote: the quote costs its own line only", () => {
    const cases: Array<[string, string]> = [
      ['44,"UK"x,0.01', 'malformed CSV on line 2: stray quote in field 2 ("UK"x); the record ends at the end of line 2'],
      ['44,"UK,0.01', 'malformed CSV on line 2: the quote that opens field 2 is not closed ("UK,0.01); the record ends at the end of line 2'],
    ]
    for (const [bad, reason] of cases) {
      const { rows, errors } = parseDeck(`prefix,destination,rate\n${bad}\n447,UK Mobile,0.02\n33,France,-1\n49,"Germany\nFixed",0.01\n1,USA,abc\n`)
      expect(errors).toEqual([
        { line: 2, column: null, reason },
        { line: 4, column: "rate", reason: '"-1" is negative; must be ≥ 0' },
        { line: 7, column: "rate", reason: '"abc" is not a decimal number' },
      ])
      expect(rows.map((r) => [r.id, r.prefix, r.destination])).toEqual([
        ["3", "447", "UK Mobile"],
        ["5", "49", "Germany\nFixed"],
      ])
    }
  })

  it("rejects a line whose bytes are not UTF-8, naming it, and reads the others, whatever ends its lines", () => {
    for (const nl of ["\n", "\r\n", "\r"]) {
      const deck = Buffer.concat([Buffer.from(`prefix,destination,rate${nl}44,UK,0.01${nl}33,Fran`), Buffer.from([0xe7]), Buffer.from(`ais,0.02${nl}49,Deutschland,0.03${nl}`)])
      const { rows, errors } = parseDeck(deck)
      expect(errors).toEqual([{ line: 3, column: null, reason: "not valid UTF-8" }])
      expect(rows.map((r) => r.prefix)).toEqual(["44", "49"])
    }
  })

  it("rejects an empty file and a header without rows", () => {
    expect(parseDeck("").errors).toEqual([{ line: 1, column: null, reason: "empty file: expected a header with prefix and rate" }])
    expect(parseDeck("\n\n").errors).toEqual([{ line: 1, column: null, reason: "empty file: expected a header with prefix and rate" }])
    expect(parseDeck("prefix,rate\n").errors).toEqual([{ line: 1, column: null, reason: "the deck has no rate rows" }])
  })

  it("lists every problem of examples/bad-rates.csv", () => {
    const { errors } = parseDeck(readFileSync(join(examples, "bad-rates.csv")))
    expect(errors.map((e) => `${e.line}:${e.column}`)).toEqual([
      "1:conect_fee",
      "4:rate",
      "5:rate",
      "7:prefix",
      "8:initial_increment",
      "9:subsequent_increment",
      "10:direction",
      "11:prefix",
      "12:rate",
    ])
  })
})

describe("serializeDeck", () => {
  it("writes the FORMATS.md columns in order with values exactly as stored", () => {
    const text = serializeDeck([
      { prefix: "44", destination: "United Kingdom, Fixed", rate: "0.0125", initial_increment: 60, band: "peak", direction: "outbound" },
      { prefix: "447", destination: 'The "mobile" one', rate: "0.0200", connect_fee: "0.010", grace: 0 },
    ])
    expect(text).toBe(
      `${DECK_COLUMNS.join(",")}\n` +
        '44,"United Kingdom, Fixed",,0.0125,,,60,,,peak,outbound\n' +
        '447,"The ""mobile"" one",,0.0200,0.010,,,,0,,\n'
    )
  })

  it("appends x_* metadata columns", () => {
    const text = serializeDeck([{ prefix: "44", rate: "1", x: { source: "a" } }, { prefix: "45", rate: "2" }])
    expect(text.split("\n")[0]).toBe(`${DECK_COLUMNS.join(",")},x_source`)
    expect(text.split("\n")[2]).toBe("45,,,2,,,,,,,,")
  })

  it("round-trips: parse(serialize(rows)) gives the same rows", () => {
    const decimal = fc
      .tuple(fc.nat(999), fc.string({ unit: fc.constantFrom(..."0123456789".split("")), maxLength: 6 }))
      .map(([i, f]) => (f ? `${i}.${f}` : String(i)))
    const text = fc.string({ maxLength: 12 }).map((s) => s.trim())
    const row = fc.record({
      prefix: fc.string({ unit: fc.constantFrom(..."0123456789".split("")), minLength: 1, maxLength: 8 }),
      destination: fc.option(text.filter((s) => s !== ""), { nil: null }),
      rate: decimal,
      connect_fee: fc.option(decimal, { nil: null }),
      initial_increment: fc.option(fc.integer({ min: 1, max: 3600 }), { nil: null }),
      grace: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
      band: fc.option(fc.constantFrom("peak", "offpeak", "weekend, holidays"), { nil: null }),
      direction: fc.constantFrom("outbound" as const, "inbound" as const),
    })
    fc.assert(
      fc.property(fc.uniqueArray(row, { minLength: 1, maxLength: 20, selector: (r) => `${r.prefix}|${r.band}|${r.direction}` }), (rows) => {
        const back = parseDeck(serializeDeck(rows))
        expect(back.errors).toEqual([])
        expect(back.rows.map(({ id, destination_group, per_call, subsequent_increment, ...r }) => r)).toEqual(rows)
      })
    )
  })
})

describe("diffDecks", () => {
  const row = (prefix: string, rate: string, extra: Partial<RateRowInput> = {}): RateRowInput => ({ prefix, rate, ...extra })

  it("finds added, removed and changed rows keyed by (prefix, band, direction)", () => {
    const before = [row("44", "0.01", { band: "peak" }), row("447", "0.02"), row("49", "0.03"), row("33", "0.04")]
    const after = [row("44", "0.015", { band: "peak" }), row("447", "0.02"), row("49", "0.03", { direction: "inbound" }), row("34", "0.05")]
    const d = diffDecks(before, after)
    expect(d.added.map(deckKey)).toEqual([
      { prefix: "34", band: "", direction: "outbound" },
      { prefix: "49", band: "", direction: "inbound" },
    ])
    expect(d.removed.map((r) => r.prefix)).toEqual(["33", "49"])
    expect(d.changed).toEqual([
      { key: { prefix: "44", band: "peak", direction: "outbound" }, old: before[0], new: after[0], fields: ["rate"] },
    ])
    expect(d.unchanged).toBe(1)
  })

  it("compares decimals by value and defaults by their effect", () => {
    const d = diffDecks(
      [row("44", "0.02", { connect_fee: null, initial_increment: null, grace: null, destination: null })],
      [row("44", "0.0200", { connect_fee: "0.000", initial_increment: 60, grace: 0, destination: "" })]
    )
    expect(d.changed).toEqual([])
    expect(d.unchanged).toBe(1)
  })

  it("compares text exactly and lists every changed field", () => {
    const d = diffDecks(
      [row("44", "0.02", { destination: "UK", initial_increment: 60, per_call: "0" })],
      [row("44", "0.021", { destination: "uk", initial_increment: 1, per_call: "0.01" })]
    )
    expect(d.changed[0].fields).toEqual(["destination", "rate", "per_call", "initial_increment"])
  })

  it("a deck compared with itself has no differences (property)", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 99999 }), { minLength: 1, maxLength: 50 }), (prefixes) => {
        const rows: DeckRow[] = prefixes.map((p, i) => ({ id: String(i + 2), prefix: String(p), rate: `0.${p}`, direction: "outbound" }))
        const d = diffDecks(rows, [...rows].reverse())
        expect(d).toEqual({ added: [], removed: [], changed: [], unchanged: rows.length })
      })
    )
  })
})
