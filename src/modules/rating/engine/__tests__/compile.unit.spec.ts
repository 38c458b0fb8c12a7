import fc from "fast-check"
import { compileCard, compileVersion, type CompiledRow } from "../compile"
import type { CardInput, Direction, RateRowInput, VersionInput } from "../types"

const v1: VersionInput = { id: "rver_1", number: 1, effective_from: new Date("2026-01-01T00:00:00Z"), effective_to: null }
const sell: CardInput = {
  id: "rcard_1",
  name: "Retail",
  kind: "sell",
  currency: "GBP",
  decimals: 4,
  rounding: "half_up",
  direction: "outbound",
}

describe("compileVersion", () => {
  it("fills the FORMATS.md defaults", () => {
    const v = compileVersion(v1, [{ id: "7", prefix: "44", rate: "0.0200" }])
    expect(v.size).toBe(1)
    expect(v.rows[0]).toEqual({
      id: "7",
      prefix: "44",
      destination: null,
      destination_group: null,
      band: "",
      direction: "outbound",
      rate: 20000n,
      connect_fee: 0n,
      per_call: 0n,
      rate_str: "0.0200",
      connect_fee_str: "0",
      per_call_str: "0",
      initial_increment: 60,
      subsequent_increment: 60,
      grace: 0,
    } satisfies CompiledRow)
  })

  it("accepts zeros past the rate scale, as numeric::text gives them", () => {
    const v = compileVersion(v1, [{ id: "1", prefix: "44", rate: "0.02000000", connect_fee: "1.00000000" }])
    expect(v.rows[0].rate).toBe(20000n)
    expect(v.rows[0].connect_fee).toBe(1000000n)
    expect(() => compileVersion(v1, [{ id: "1", prefix: "44", rate: "0.02000001" }])).toThrow(/more than 6 decimals/)
  })

  it("numbers rows without an id by their position", () => {
    const v = compileVersion(v1, [{ prefix: "44", rate: "0.02" }, { prefix: "33", rate: "0.03" }])
    expect(v.rows.map((r) => r.id)).toEqual(["1", "2"])
  })

  it("throws on a duplicate (prefix, band, direction) but accepts other bands and directions", () => {
    expect(() =>
      compileVersion(v1, [
        { id: "2", prefix: "44", rate: "0.02" },
        { id: "3", prefix: "44", rate: "0.03", band: "" },
      ])
    ).toThrow("version rver_1, row 3: duplicate row for prefix 44, band (any), direction outbound")
    expect(() =>
      compileVersion(v1, [
        { id: "2", prefix: "44", rate: "0.02", band: "peak" },
        { id: "3", prefix: "44", rate: "0.03", band: "peak" },
      ])
    ).toThrow(/duplicate row for prefix 44, band peak/)
    const v = compileVersion(v1, [
      { id: "2", prefix: "44", rate: "0.02" },
      { id: "3", prefix: "44", rate: "0.03", band: "peak" },
      { id: "4", prefix: "44", rate: "0.04", direction: "inbound" },
    ])
    expect(v.size).toBe(3)
  })

  it("throws on rows the deck parser should have rejected", () => {
    expect(() => compileVersion(v1, [{ id: "2", prefix: "44a", rate: "0.02" }])).toThrow(/row 2: prefix "44a" must be 1–20 digits/)
    expect(() => compileVersion(v1, [{ id: "2", prefix: "", rate: "0.02" }])).toThrow(/prefix/)
    expect(() => compileVersion(v1, [{ id: "2", prefix: "44", rate: "0.1234567" }])).toThrow(/row 2, rate: .*more than 6 decimals/)
    expect(() => compileVersion(v1, [{ id: "2", prefix: "44", rate: "-0.01" }])).toThrow(/must be ≥ 0/)
    expect(() => compileVersion(v1, [{ id: "2", prefix: "44", rate: "" }])).toThrow(/rate is required/)
    expect(() => compileVersion(v1, [{ id: "2", prefix: "44", rate: "0.01", initial_increment: 0 }])).toThrow(
      /initial_increment: 0 must be a whole number ≥ 1/
    )
    expect(() => compileVersion(v1, [{ id: "2", prefix: "44", rate: "0.01", grace: 1.5 }])).toThrow(/grace/)
    expect(() => compileVersion(v1, [{ id: "2", prefix: "44", rate: "0.01", direction: "both" as Direction }])).toThrow(
      /direction "both" must be outbound or inbound/
    )
  })

  it("finds the longest prefix, per direction", () => {
    const v = compileVersion(v1, [
      { id: "a", prefix: "4", rate: "0.1" },
      { id: "b", prefix: "44", rate: "0.02" },
      { id: "c", prefix: "447", rate: "0.05" },
      { id: "d", prefix: "4477", rate: "0.06" },
      { id: "e", prefix: "44", rate: "0.01", direction: "inbound" },
    ])
    expect(v.lookup("447712345", "outbound", "default")?.id).toBe("d")
    expect(v.lookup("447812345", "outbound", "default")?.id).toBe("c")
    expect(v.lookup("442012345", "outbound", "default")?.id).toBe("b")
    expect(v.lookup("49", "outbound", "default")?.id).toBe("a")
    expect(v.lookup("4", "outbound", "default")?.id).toBe("a")
    expect(v.lookup("33", "outbound", "default")).toBeNull()
    expect(v.lookup("447712345", "inbound", "default")?.id).toBe("e")
    expect(v.lookup("4", "inbound", "default")).toBeNull()
    expect(v.lookup("", "outbound", "default")).toBeNull()
  })

  it("prefers the band's row at a prefix, falls back to the band-less row, and never uses another band's row", () => {
    const v = compileVersion(v1, [
      { id: "any44", prefix: "44", rate: "0.02" },
      { id: "peak44", prefix: "44", rate: "0.05", band: "peak" },
      { id: "off447", prefix: "447", rate: "0.03", band: "offpeak" },
      { id: "a", prefix: "4478", rate: "0.03", band: "a" },
      { id: "b", prefix: "4478", rate: "0.03", band: "b" },
      { id: "c", prefix: "4478", rate: "0.03", band: "c" },
      { id: "any4478", prefix: "4478", rate: "0.03" },
    ])
    expect(v.lookup("442012345", "outbound", "peak")?.id).toBe("peak44")
    expect(v.lookup("442012345", "outbound", "offpeak")?.id).toBe("any44")
    expect(v.lookup("447712345", "outbound", "offpeak")?.id).toBe("off447")
    // 447 has only an offpeak row: a peak call falls back to the shorter 44
    expect(v.lookup("447712345", "outbound", "peak")?.id).toBe("peak44")
    expect(v.lookup("447712345", "outbound", "default")?.id).toBe("any44")
    // more than two banded rows at one prefix
    expect(v.lookup("447812345", "outbound", "a")?.id).toBe("a")
    expect(v.lookup("447812345", "outbound", "c")?.id).toBe("c")
    expect(v.lookup("447812345", "outbound", "z")?.id).toBe("any4478")
    expect(v.lookup("447812345", "outbound", "")?.id).toBe("any4478")
  })

  it("matches a brute-force longest-prefix search on random decks (property)", () => {
    const bands = ["peak", "offpeak", "weekend", "x1", "x2", "x3", "x4", "x5", "x6", "x7"]
    const rowArb = fc.record({
      prefix: fc.stringMatching(/^[0-9]{1,6}$/),
      band: fc.constantFrom("", "", "", ...bands),
      direction: fc.constantFrom<Direction>("outbound", "outbound", "inbound"),
    })
    fc.assert(
      fc.property(
        fc.uniqueArray(rowArb, { minLength: 0, maxLength: 80, selector: (r) => `${r.prefix}|${r.band}|${r.direction}` }),
        fc.array(
          fc.record({
            number: fc.stringMatching(/^[0-9]{0,10}$/),
            band: fc.constantFrom("default", "", ...bands),
            direction: fc.constantFrom<Direction>("outbound", "inbound"),
          }),
          { minLength: 1, maxLength: 30 }
        ),
        (rows, queries) => {
          const input: RateRowInput[] = rows.map((r, i) => ({ ...r, id: `r${i}`, rate: "0.01" }))
          const v = compileVersion(v1, input)
          for (const q of queries) {
            let expected: string | null = null
            for (let len = q.number.length; len >= 1 && expected === null; len--) {
              const p = q.number.slice(0, len)
              const at = input.filter((r) => r.prefix === p && r.direction === q.direction)
              const own = at.find((r) => r.band === q.band && q.band !== "")
              const any = at.find((r) => r.band === "")
              expected = own?.id ?? any?.id ?? null
            }
            expect(v.lookup(q.number, q.direction, q.band)?.id ?? null).toBe(expected)
          }
        }
      ),
      { numRuns: 300 }
    )
  })
})

describe("compileCard", () => {
  const jan = compileVersion({ id: "jan", number: 1, effective_from: new Date("2026-01-01T00:00:00Z"), effective_to: new Date("2026-06-01T00:00:00Z") }, [{ prefix: "44", rate: "0.02" }])
  const jun = compileVersion({ id: "jun", number: 2, effective_from: new Date("2026-06-01T00:00:00Z"), effective_to: null }, [{ prefix: "44", rate: "0.03" }])

  it("picks the version whose [effective_from, effective_to) contains the instant", () => {
    const card = compileCard(sell, [jan, jun])
    expect(card.versionAt(Date.parse("2025-12-31T23:59:59.999Z"))).toBeNull()
    expect(card.versionAt(Date.parse("2026-01-01T00:00:00Z"))?.id).toBe("jan")
    expect(card.versionAt(Date.parse("2026-05-31T23:59:59.999Z"))?.id).toBe("jan")
    expect(card.versionAt(Date.parse("2026-06-01T00:00:00Z"))?.id).toBe("jun")
    expect(card.versionAt(Date.parse("2030-01-01T00:00:00Z"))?.id).toBe("jun")
    expect(card.versionAt(Date.parse("2026-02-01T00:00:00Z"))?.id).toBe("jan")
  })

  it("lets the latest effective_from win where versions overlap", () => {
    const open = compileVersion({ id: "open", number: 1, effective_from: new Date("2026-01-01T00:00:00Z"), effective_to: null }, [])
    const later = compileVersion({ id: "later", number: 2, effective_from: new Date("2026-03-01T00:00:00Z"), effective_to: null }, [])
    const card = compileCard(sell, [open, later])
    expect(card.versionAt(Date.parse("2026-02-01T00:00:00Z"))?.id).toBe("open")
    expect(card.versionAt(Date.parse("2026-04-01T00:00:00Z"))?.id).toBe("later")
    expect(card.versionAt(Date.parse("2026-02-01T00:00:00Z"))?.id).toBe("open")
  })

  it("accepts ISO strings and epoch ms as version dates", () => {
    const v = compileVersion({ id: "s", number: 1, effective_from: "2026-01-01T00:00:00Z" as unknown as Date, effective_to: Date.parse("2026-02-01T00:00:00Z") as unknown as Date }, [])
    expect(v.effective_from_ms).toBe(Date.parse("2026-01-01T00:00:00Z"))
    expect(v.effective_to_ms).toBe(Date.parse("2026-02-01T00:00:00Z"))
    expect(() => compileVersion({ id: "bad", number: 1, effective_from: new Date("nope"), effective_to: null }, [])).toThrow(
      /version bad effective_from: .* is not a valid date/
    )
  })

  it("rejects invalid card settings and profiles", () => {
    expect(() => compileCard({ ...sell, decimals: 9 }, [])).toThrow("card Retail: decimals 9 must be a whole number 0–8")
    expect(() => compileCard({ ...sell, rounding: "bankers" as never }, [])).toThrow(/rounding "bankers"/)
    expect(() => compileCard({ ...sell, direction: "sideways" as never }, [])).toThrow(/direction "sideways"/)
    expect(() =>
      compileCard({ ...sell, time_profile: { rules: [{ band: "p", days: ["mon"], from: "09:00", to: "08:00" }] } }, [])
    ).toThrow('card Retail: invalid time profile: rules[0]: from "09:00" must be before to "08:00"')
    expect(compileCard({ ...sell, decimals: 0 }, []).profile).toBeNull()
  })
})
