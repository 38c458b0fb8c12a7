import Decimal from "decimal.js"
import fc from "fast-check"
import { DateTime } from "luxon"
import { callPageCount, callColumns, validateCall } from "../call-statement"
import {
  assertDecimal,
  exactNumber,
  formatDate,
  formatDuration,
  formatLocalDateTime,
  formatLocalIso,
  formatPercent,
  formatPeriod,
  groupThousands,
  instantMs,
  localWallDate,
  scaleOf,
  significantDigits,
} from "../format"
import { lineDetails } from "../invoice-pdf"
import { palette } from "../pdf"

const decimal = fc
  .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.integer({ min: 0, max: 8 }))
  .map(([neg, v, scale]) => {
    const s = v.toString().padStart(scale + 1, "0")
    const body = scale ? `${s.slice(0, -scale)}.${s.slice(-scale)}` : s
    return (neg && v !== 0n ? "-" : "") + body
  })

describe("money and numbers", () => {
  it("groups thousands without changing a digit", () => {
    expect(groupThousands("1234567.891")).toBe("1,234,567.891")
    expect(groupThousands("-1000")).toBe("-1,000")
    expect(groupThousands("999.00")).toBe("999.00")
    expect(groupThousands("0.0125")).toBe("0.0125")
    fc.assert(
      fc.property(decimal, (d) => {
        const g = groupThousands(d)
        expect(g.replace(/,/g, "")).toBe(d)
        expect(g).toMatch(/^-?\d{1,3}(,\d{3})*(\.\d+)?$/)
      })
    )
  })

  it("prints tax rates as percentages", () => {
    expect(formatPercent("0.2")).toBe("20%")
    expect(formatPercent("0.075")).toBe("7.5%")
    expect(formatPercent("0.09")).toBe("9%")
    expect(formatPercent("0")).toBe("0%")
    expect(formatPercent("0.0000001")).toBe("0.00001%")
  })

  it("checks decimal strings", () => {
    expect(() => assertDecimal("12.30", "x")).not.toThrow()
    for (const bad of [12.3, "1e3", "+1", "1,5", "", " 1", "1.", ".5", null]) {
      expect(() => assertDecimal(bad, "x")).toThrow(/^x: /)
    }
  })

  it("counts scale and significant digits", () => {
    expect(scaleOf("0.0400")).toBe(4)
    expect(scaleOf("-12")).toBe(0)
    expect(significantDigits("0.0400")).toBe(1)
    expect(significantDigits("1200")).toBe(4)
    expect(significantDigits("-12.3450")).toBe(5)
    expect(significantDigits("0")).toBe(0)
  })

  it("gives a number only when the double is exactly the decimal (property)", () => {
    expect(exactNumber("0.0400")).toBe(0.04)
    expect(exactNumber("-12.5")).toBe(-12.5)
    expect(exactNumber("123456789012.3456")).toBeNull()
    expect(exactNumber("9007199254740993")).toBeNull()
    fc.assert(
      fc.property(decimal, (d) => {
        const n = exactNumber(d)
        if (n === null) expect(significantDigits(d)).toBeGreaterThan(15)
        else {
          expect(new Decimal(n).equals(new Decimal(d))).toBe(true)
          expect(Number(String(n))).toBe(n)
        }
      })
    )
  })

  it("prints durations as m:ss or h:mm:ss", () => {
    expect(formatDuration(0)).toBe("0:00")
    expect(formatDuration(65)).toBe("1:05")
    expect(formatDuration(3600)).toBe("1:00:00")
    expect(formatDuration(3725)).toBe("1:02:05")
    expect(formatDuration(360_000)).toBe("100:00:00")
  })
})

describe("dates and time zones", () => {
  it("reads instants; an ISO string without an offset is UTC", () => {
    expect(instantMs("2026-01-31T23:00:00Z")).toBe(Date.UTC(2026, 0, 31, 23))
    expect(instantMs("2026-01-31T23:00:00")).toBe(Date.UTC(2026, 0, 31, 23))
    expect(instantMs("2026-01-31T23:00:00+01:00")).toBe(Date.UTC(2026, 0, 31, 22))
    expect(() => instantMs("yesterday")).toThrow(/ISO 8601/)
    expect(() => instantMs(new Date(NaN))).toThrow(/invalid Date/)
  })

  it("prints local wall time, with the offset in ISO, across DST changes", () => {
    expect(formatLocalDateTime("2026-07-01T12:00:00Z", "Europe/London")).toBe("2026-07-01 13:00:00")
    expect(formatLocalIso("2026-07-01T12:00:00Z", "Europe/London")).toBe("2026-07-01T13:00:00+01:00")
    expect(formatLocalIso("2026-01-01T12:00:00Z", "America/New_York")).toBe("2026-01-01T07:00:00-05:00")
    expect(formatLocalIso("2026-01-01T12:00:00Z", "Asia/Kolkata")).toBe("2026-01-01T17:30:00+05:30")
    // London springs forward at 01:00 UTC on 29 March 2026
    expect(formatLocalIso("2026-03-29T00:59:59Z", "Europe/London")).toBe("2026-03-29T00:59:59+00:00")
    expect(formatLocalIso("2026-03-29T01:00:00Z", "Europe/London")).toBe("2026-03-29T02:00:00+01:00")
    expect(localWallDate("2026-07-01T12:00:00.400Z", "Europe/London").toISOString()).toBe("2026-07-01T13:00:00.000Z")
    expect(() => formatLocalIso("2026-01-01T00:00:00Z", "Mars/Olympus")).toThrow(/IANA/)
  })

  it("agrees with luxon for any instant in zones with odd offsets and transitions (property)", () => {
    // Lord Howe moves by 30 minutes, Chatham sits at +12:45, Kathmandu at +05:45
    const zones = ["Europe/London", "America/Sao_Paulo", "Australia/Lord_Howe", "Pacific/Chatham", "Asia/Kathmandu", "America/St_Johns"]
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
        fc.constantFrom(...zones),
        (ms, zone) => {
          const want = DateTime.fromMillis(Math.floor(ms / 1000) * 1000, { zone }).toISO({ suppressMilliseconds: true, includeOffset: true })
          expect(formatLocalIso(new Date(ms), zone)).toBe(want)
        }
      ),
      { numRuns: 2000 }
    )
  })

  it("prints dates and half-open periods", () => {
    expect(formatDate("2026-01-31", "Asia/Tokyo")).toBe("31 Jan 2026")
    expect(formatDate("2026-01-31T20:00:00Z", "Asia/Tokyo")).toBe("1 Feb 2026")
    expect(formatDate(new Date("2026-12-31T23:30:00Z"), "America/New_York")).toBe("31 Dec 2026")
    expect(() => formatDate("2026-02-30", "UTC")).toThrow(/not a date/)
    expect(formatPeriod("2026-01-01", "2026-02-01", "Europe/Paris")).toBe("1 Jan 2026 – 31 Jan 2026")
    expect(formatPeriod("2026-03-01", "2026-03-01", "UTC")).toBe("1 Mar 2026 – 28 Feb 2026")
    // instants: an end at local midnight is exclusive, any other end is shown as its day
    expect(formatPeriod("2025-12-31T23:00:00Z", "2026-01-31T23:00:00Z", "Europe/Paris")).toBe("1 Jan 2026 – 31 Jan 2026")
    expect(formatPeriod("2026-01-01T00:00:00Z", "2026-01-15T12:00:00Z", "UTC")).toBe("1 Jan 2026 – 15 Jan 2026")
  })
})

describe("call statement rules", () => {
  it("counts the call pages exactly, the totals row included", () => {
    expect(callPageCount(0, 60, 64)).toBe(1)
    expect(callPageCount(59, 60, 64)).toBe(1)
    expect(callPageCount(60, 60, 64)).toBe(2)
    expect(callPageCount(100_000, 60, 64)).toBe(1563)
    expect(() => callPageCount(-1, 60, 64)).toThrow()
    expect(() => callPageCount(1.5, 60, 64)).toThrow()
    fc.assert(
      fc.property(fc.nat(1_000_000), fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 100 }), (n, first, other) => {
        const pages = callPageCount(n, first, other)
        const capacity = (p: number) => first + (p - 1) * other
        expect(capacity(pages)).toBeGreaterThanOrEqual(n + 1)
        if (pages > 1) expect(capacity(pages - 1)).toBeLessThan(n + 1)
      })
    )
  })

  it("names the zone and the currency in the column labels", () => {
    const cols = callColumns("Europe/London", "GBP")
    expect(cols.map((c) => c.label)).toEqual([
      "Answer time (Europe/London)",
      "Caller ID",
      "Destination",
      "Destination name",
      "Duration",
      "Rated s",
      "Rate/min (GBP)",
      "Charge (GBP)",
    ])
  })

  it("refuses calls with fractional seconds or non-decimal money", () => {
    const ok = { answer_time: null, destination: "1", duration: 1, rated_seconds: 60, charge: "0.0100" }
    expect(() => validateCall(ok, 0)).not.toThrow()
    expect(() => validateCall({ ...ok, duration: 1.5 }, 7)).toThrow(/call 8: duration 1.5/)
    expect(() => validateCall({ ...ok, rated_seconds: -60 }, 0)).toThrow(/rated_seconds/)
    expect(() => validateCall({ ...ok, charge: 0.01 as unknown as string }, 0)).toThrow(/charge/)
    expect(() => validateCall({ ...ok, rate: "2e-2" }, 0)).toThrow(/rate/)
    expect(() => validateCall({ ...ok, destination: 44 as unknown as string }, 0)).toThrow(/destination/)
  })
})

describe("line details", () => {
  it("prints bundles, tiers, proration and notes", () => {
    expect(lineDetails({ included_minutes: "1000", billable_minutes: "250.5" }, "UTC")).toEqual([
      "Included 1,000 min · billable 250.5 min",
    ])
    expect(
      lineDetails(
        {
          tiers: [
            { up_to: "100", quantity: "100", unit_price: "1.00", amount: "100.00" },
            { from: "100", up_to: null, quantity: "5", unit_price: "0.50", amount: "2.50" },
          ],
          proration: { days: 12, of_days: 31 },
          notes: ["Seat added on 20 Jan"],
        },
        "UTC"
      )
    ).toEqual([
      "Tier 1 (up to 100): 100 × 1.00 = 100.00",
      "Tier 2 (over 100): 5 × 0.50 = 2.50",
      "Prorated 12/31 days",
      "Seat added on 20 Jan",
    ])
    const many = lineDetails({ notes: Array.from({ length: 100 }, (_, i) => `n${i}`) }, "UTC")
    expect(many).toHaveLength(40)
    expect(many[39]).toBe("… 61 more")
  })
})

describe("palette", () => {
  it("keeps text readable whatever the brand colours", () => {
    expect(palette({ legal_name: "A" })).toEqual({
      primary: "#1f2937",
      onPrimary: "#ffffff",
      primaryText: "#1f2937",
      accentText: "#2563eb",
    })
    const light = palette({ legal_name: "A", primary_color: "#fde68a", accent_color: "#fff" })
    expect(light.onPrimary).toBe("#111827")
    expect(light.primaryText).toBe("#111827")
    expect(light.accentText).toBe("#111827")
    expect(() => palette({ legal_name: "A", accent_color: "#12345" })).toThrow(/accent_color/)
  })
})
