import fc from "fast-check"
import { DateTime } from "luxon"
import { formatInstant, isValidZone, parseInstant, parseLocal, stampText, ZoneClock } from "../time"

const iso = (ms: number) => new Date(ms).toISOString()

describe("parseInstant (generic CDRs: ISO 8601 with Z or an offset)", () => {
  it("reads Z and offsets in the three ISO spellings", () => {
    expect(iso(parseInstant("2026-03-02T09:15:04Z"))).toBe("2026-03-02T09:15:04.000Z")
    expect(iso(parseInstant("2026-03-02T10:15:04+01:00"))).toBe("2026-03-02T09:15:04.000Z")
    expect(iso(parseInstant("2026-03-02T04:15:04-0500"))).toBe("2026-03-02T09:15:04.000Z")
    expect(iso(parseInstant("2026-03-02T14:45:04+05:30"))).toBe("2026-03-02T09:15:04.000Z")
    expect(iso(parseInstant("2026-03-02T11:15:04+02"))).toBe("2026-03-02T09:15:04.000Z")
  })

  it("reads fractions of a second, a space separator and minutes-only times", () => {
    expect(iso(parseInstant("2026-03-02T09:15:04.123456Z"))).toBe("2026-03-02T09:15:04.123Z")
    expect(iso(parseInstant("2026-03-02 09:15:04Z"))).toBe("2026-03-02T09:15:04.000Z")
    expect(iso(parseInstant("2026-03-02T09:15Z"))).toBe("2026-03-02T09:15:00.000Z")
  })

  it("rejects what is not an instant: no offset, impossible dates, garbage", () => {
    for (const s of [
      "2026-03-02T09:15:04",
      "2026-02-30T10:00:00Z",
      "2025-02-29T10:00:00Z",
      "2026-13-01T10:00:00Z",
      "2026-03-02T24:00:00Z",
      "2026-03-02T09:60:00Z",
      "2026-03-02T09:15:04+25:00",
      "2026-03-02T09:15:04ZZ",
      "2026-03-02",
      "1772442904",
      "yesterday",
      "",
      "2026-03-02T09:15:0",
      "2026-03-02T09:15:04.Z",
    ]) {
      expect([s, parseInstant(s)]).toEqual([s, NaN])
    }
    expect(iso(parseInstant("2024-02-29T10:00:00Z"))).toBe("2024-02-29T10:00:00.000Z")
  })

  it("agrees with Date.parse on every valid ISO instant (property)", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2100-01-01T00:00:00Z"), noInvalidDate: true }),
        fc.integer({ min: -12 * 60, max: 14 * 60 }),
        (d, offsetMin) => {
          const local = DateTime.fromJSDate(d, { zone: "UTC" }).plus({ minutes: offsetMin })
          const sign = offsetMin < 0 ? "-" : "+"
          const abs = Math.abs(offsetMin)
          const text = `${local.toFormat("yyyy-MM-dd'T'HH:mm:ss.SSS")}${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`
          expect(parseInstant(text)).toBe(d.getTime())
        }
      )
    )
  })
})

describe("parseLocal (switch time stamps in the switch's zone)", () => {
  const london = new ZoneClock("Europe/London")

  it("reads GMT in winter and BST in summer", () => {
    expect(iso(parseLocal("2026-01-15 10:00:00", london))).toBe("2026-01-15T10:00:00.000Z")
    expect(iso(parseLocal("2026-07-06 08:30:00", london))).toBe("2026-07-06T07:30:00.000Z")
  })

  it("takes an explicit offset over the zone", () => {
    expect(iso(parseLocal("2026-07-06 08:30:00+00:00", london))).toBe("2026-07-06T08:30:00.000Z")
  })

  it("reads the skipped hour (clocks forward) with the offset before the change", () => {
    // 2026-03-29 01:30 does not exist in London (01:00 GMT → 02:00 BST): read as GMT, i.e. 02:30 BST.
    expect(iso(parseLocal("2026-03-29 01:30:00", london))).toBe("2026-03-29T01:30:00.000Z")
    // 2026-03-08 02:30 does not exist in New York: read as EST, i.e. 03:30 EDT.
    expect(iso(parseLocal("2026-03-08 02:30:00", new ZoneClock("America/New_York")))).toBe("2026-03-08T07:30:00.000Z")
  })

  it("reads the repeated hour (clocks back) as its first occurrence, on both sides of UTC", () => {
    // 2026-10-25 01:30 happens twice in London: 00:30Z (BST) then 01:30Z (GMT).
    expect(iso(parseLocal("2026-10-25 01:30:00", london))).toBe("2026-10-25T00:30:00.000Z")
    expect(iso(parseLocal("2026-10-25 00:59:59", london))).toBe("2026-10-24T23:59:59.000Z")
    expect(iso(parseLocal("2026-10-25 02:00:00", london))).toBe("2026-10-25T02:00:00.000Z")
    // 2026-11-01 01:30 happens twice in New York: 05:30Z (EDT) then 06:30Z (EST).
    expect(iso(parseLocal("2026-11-01 01:30:00", new ZoneClock("America/New_York")))).toBe("2026-11-01T05:30:00.000Z")
    // Lord Howe moves by 30 minutes.
    expect(iso(parseLocal("2026-04-05 01:45:00", new ZoneClock("Australia/Lord_Howe")))).toBe("2026-04-04T14:45:00.000Z")
  })

  it("maps every wall-clock time back to itself, the first occurrence when repeated (property)", () => {
    const zones = ["Europe/London", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "Asia/Kathmandu", "America/Santiago", "UTC"]
    const clocks = new Map(zones.map((z) => [z, new ZoneClock(z)]))
    const FORMAT = "yyyy-MM-dd HH:mm:ss"
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2040-01-01T00:00:00Z"), noInvalidDate: true }),
        (zone, d) => {
          const text = DateTime.fromJSDate(d, { zone: "UTC" }).toFormat(FORMAT)
          const r = parseLocal(text, clocks.get(zone)!)
          const back = DateTime.fromMillis(r, { zone }).toFormat(FORMAT)
          if (back === text) {
            // It exists; no earlier instant shows the same wall clock.
            for (const minutes of [30, 60, 120]) {
              expect(DateTime.fromMillis(r - minutes * 60_000, { zone }).toFormat(FORMAT)).not.toBe(text)
            }
          } else {
            // Skipped: read with the offset of the day before.
            const before = DateTime.fromMillis(r - 86_400_000, { zone }).offset
            expect(r).toBe(Date.parse(text.replace(" ", "T") + "Z") - before * 60_000)
          }
        }
      ),
      { numRuns: 3000 }
    )
  })

  it("agrees with luxon wherever the wall-clock time is unambiguous (property)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("Europe/London", "America/New_York", "Asia/Kolkata", "Australia/Sydney"),
        fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2040-01-01T00:00:00Z"), noInvalidDate: true }),
        (zone, d) => {
          const wall = DateTime.fromJSDate(d, { zone: "UTC" })
          const lux = DateTime.fromObject(
            { year: wall.year, month: wall.month, day: wall.day, hour: wall.hour, minute: wall.minute, second: wall.second },
            { zone }
          )
          // Unambiguous: the same offset an hour either side.
          fc.pre(DateTime.fromMillis(lux.toMillis() - 3_600_000, { zone }).offset === DateTime.fromMillis(lux.toMillis() + 3_600_000, { zone }).offset)
          expect(parseLocal(wall.toFormat("yyyy-MM-dd HH:mm:ss"), new ZoneClock(zone))).toBe(lux.toMillis())
        }
      ),
      { numRuns: 1000 }
    )
  })

  it("refuses an unknown zone", () => {
    expect(() => new ZoneClock("Mars/Olympus_Mons")).toThrow('unknown time zone "Mars/Olympus_Mons"')
    expect(isValidZone("Europe/London")).toBe(true)
    expect(isValidZone("Mars/Olympus_Mons")).toBe(false)
  })
})

describe("formatInstant / stampText", () => {
  it("writes UTC without zero milliseconds, keeps the original text when there is no date", () => {
    expect(formatInstant(new Date("2026-03-02T09:15:04Z"))).toBe("2026-03-02T09:15:04Z")
    expect(formatInstant(new Date("2026-03-02T09:15:04.250Z"))).toBe("2026-03-02T09:15:04.250Z")
    expect(stampText(null, "2026-02-30 10:00:00")).toBe("2026-02-30 10:00:00")
  })
})
