import fc from "fast-check"
import { BillingCalcError } from "../errors"
import {
  addDays,
  addMonths,
  closesAt,
  daysBetween,
  isLocalDate,
  localDateOf,
  nextPeriod,
  periodBoundsUtc,
  periodContaining,
} from "../periods"
import type { BillingCycle, BillingInterval } from "../types"

describe("local dates", () => {
  it("validates calendar dates", () => {
    expect(isLocalDate("2024-02-29")).toBe(true)
    expect(isLocalDate("2023-02-29")).toBe(false)
    expect(isLocalDate("2025-13-01")).toBe(false)
    expect(isLocalDate("2025-6-1")).toBe(false)
    expect(isLocalDate("2025-06-01T00:00")).toBe(false)
    expect(() => daysBetween("2025-02-30", "2025-03-01")).toThrow(BillingCalcError)
  })

  it("counts calendar days, whatever DST does in between", () => {
    expect(daysBetween("2025-06-11", "2025-07-01")).toBe(20)
    expect(daysBetween("2025-03-01", "2025-04-01")).toBe(31) // EU and US DST start inside
    expect(daysBetween("2025-10-01", "2025-11-01")).toBe(31) // DST end inside
    expect(daysBetween("2024-02-01", "2024-03-01")).toBe(29)
    expect(daysBetween("2025-07-01", "2025-06-11")).toBe(-20)
  })

  it("adds days and months (clamping the day)", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29")
    expect(addDays("2025-01-01", -1)).toBe("2024-12-31")
    expect(addMonths("2025-01-31", 1)).toBe("2025-02-28")
    expect(addMonths("2024-01-31", 1)).toBe("2024-02-29")
    expect(addMonths("2025-01-15", -1)).toBe("2024-12-15")
    expect(addMonths("2025-11-15", 14)).toBe("2027-01-15")
  })
})

describe("periodContaining: anchor to anchor, half-open", () => {
  it.each<[string, BillingCycle, string, string]>([
    ["2025-06-20", { interval: "month", anchor_day: 1 }, "2025-06-01", "2025-07-01"],
    ["2025-06-01", { interval: "month", anchor_day: 1 }, "2025-06-01", "2025-07-01"],
    ["2025-06-30", { interval: "month", anchor_day: 1 }, "2025-06-01", "2025-07-01"],
    ["2025-06-10", { interval: "month", anchor_day: 15 }, "2025-05-15", "2025-06-15"],
    ["2025-06-15", { interval: "month", anchor_day: 15 }, "2025-06-15", "2025-07-15"],
    ["2025-01-05", { interval: "month", anchor_day: 28 }, "2024-12-28", "2025-01-28"],
    ["2025-05-20", { interval: "quarter", anchor_day: 1 }, "2025-04-01", "2025-07-01"],
    ["2025-01-01", { interval: "quarter", anchor_day: 1 }, "2025-01-01", "2025-04-01"],
    ["2025-04-09", { interval: "quarter", anchor_day: 10 }, "2025-01-10", "2025-04-10"],
    ["2025-02-01", { interval: "quarter", anchor_day: 1, anchor_month: 2 }, "2025-02-01", "2025-05-01"],
    ["2025-01-31", { interval: "quarter", anchor_day: 1, anchor_month: 2 }, "2024-11-01", "2025-02-01"],
    ["2025-09-30", { interval: "half_year", anchor_day: 1 }, "2025-07-01", "2026-01-01"],
    ["2025-12-31", { interval: "year", anchor_day: 1 }, "2025-01-01", "2026-01-01"],
    ["2025-03-14", { interval: "year", anchor_day: 15, anchor_month: 3 }, "2024-03-15", "2025-03-15"],
  ])("%s in %j → [%s, %s)", (date, cycle, start, end) => {
    expect(periodContaining(date, cycle)).toEqual({ start, end })
  })

  it("rejects bad cycles", () => {
    expect(() => periodContaining("2025-01-01", { interval: "month", anchor_day: 29 })).toThrow(/anchor_day/)
    expect(() => periodContaining("2025-01-01", { interval: "month", anchor_day: 0 })).toThrow(/anchor_day/)
    expect(() => periodContaining("2025-01-01", { interval: "week" as BillingInterval, anchor_day: 1 })).toThrow(/interval/)
    expect(() => periodContaining("2025-01-01", { interval: "year", anchor_day: 1, anchor_month: 13 })).toThrow(/anchor_month/)
  })

  it("always contains the date, starts on the anchor and spans the interval; next periods tile", () => {
    const months: Record<BillingInterval, number> = { month: 1, quarter: 3, half_year: 6, year: 12 }
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2090-12-31T00:00:00Z"), noInvalidDate: true }),
        fc.constantFrom<BillingInterval>("month", "quarter", "half_year", "year"),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 1, max: 12 }),
        (d, interval, anchor_day, anchor_month) => {
          const date = d.toISOString().slice(0, 10)
          const cycle = { interval, anchor_day, anchor_month }
          const p = periodContaining(date, cycle)
          expect(p.start <= date && date < p.end).toBe(true)
          expect(Number(p.start.slice(8))).toBe(anchor_day)
          expect(addMonths(p.start, months[interval])).toBe(p.end)
          const n = nextPeriod(p, cycle)
          expect(n.start).toBe(p.end)
          expect(periodContaining(n.start, cycle)).toEqual(n)
        }
      )
    )
  })

  it("after a cycle change, the next period is the stub up to the new anchor", () => {
    expect(nextPeriod({ start: "2025-06-01", end: "2025-07-01" }, { interval: "month", anchor_day: 15 })).toEqual({
      start: "2025-07-01",
      end: "2025-07-15",
    })
  })
})

describe("zone math", () => {
  it("gives the UTC instants of the local midnights", () => {
    const p = { start: "2025-06-01", end: "2025-07-01" }
    expect(periodBoundsUtc(p, "Europe/London")).toEqual({
      start: new Date("2025-05-31T23:00:00.000Z"),
      end: new Date("2025-06-30T23:00:00.000Z"),
    })
    expect(periodBoundsUtc(p, "Asia/Kolkata").start).toEqual(new Date("2025-05-31T18:30:00.000Z"))
    expect(periodBoundsUtc(p, "UTC").end).toEqual(new Date("2025-07-01T00:00:00.000Z"))
    // across the DST change the period is 30 days minus an hour of real time
    const march = periodBoundsUtc({ start: "2025-03-01", end: "2025-04-01" }, "Europe/London")
    expect(march.end.getTime() - march.start.getTime()).toBe(31 * 86_400_000 - 3_600_000)
  })

  it("starts a day whose midnight DST skipped at its first instant", () => {
    // Chile springs forward at 00:00 on 2024-09-08: the day begins at 01:00 -03
    const b = periodBoundsUtc({ start: "2024-09-08", end: "2024-09-09" }, "America/Santiago")
    expect(b.start).toEqual(new Date("2024-09-08T04:00:00.000Z"))
    expect(b.end).toEqual(new Date("2024-09-09T03:00:00.000Z"))
  })

  it("closes after the grace (default 60 minutes)", () => {
    const p = { start: "2025-06-01", end: "2025-07-01" }
    expect(closesAt(p, "UTC")).toEqual(new Date("2025-07-01T01:00:00.000Z"))
    expect(closesAt(p, "America/New_York", 0)).toEqual(new Date("2025-07-01T04:00:00.000Z"))
    expect(closesAt(p, "America/New_York", 90)).toEqual(new Date("2025-07-01T05:30:00.000Z"))
    expect(() => closesAt(p, "UTC", -1)).toThrow(/grace_minutes/)
  })

  it("rejects unknown zones", () => {
    expect(() => periodBoundsUtc({ start: "2025-06-01", end: "2025-07-01" }, "Mars/Olympus")).toThrow(/time zone/)
  })

  it("gives an instant's local date", () => {
    expect(localDateOf(new Date("2025-06-30T23:30:00Z"), "Europe/London")).toBe("2025-07-01")
    expect(localDateOf(new Date("2025-07-01T03:59:59Z"), "America/New_York")).toBe("2025-06-30")
  })
})
