import fc from "fast-check"
import { DateTime, IANAZone } from "luxon"
import { bandAt, compileProfile, localParts, validateProfile, zoneOffsets } from "../time-profile"
import type { TimeProfileInput } from "../types"

const ms = (iso: string) => Date.parse(iso)

// FORMATS.md example profile
const standard: TimeProfileInput = {
  rules: [
    { band: "peak", days: ["mon", "tue", "wed", "thu", "fri"], from: "08:00", to: "19:00" },
    { band: "offpeak", days: ["mon", "tue", "wed", "thu", "fri"], from: "00:00", to: "24:00" },
    { band: "weekend", days: ["sat", "sun"], from: "00:00", to: "24:00" },
  ],
  holidays: [{ date: "2026-12-25", band: "weekend" }],
}

describe("validateProfile", () => {
  it("accepts the FORMATS.md example", () => {
    expect(validateProfile(standard)).toEqual([])
    expect(validateProfile({ rules: [] })).toEqual([])
  })

  it("names every problem with where it is", () => {
    const errors = validateProfile({
      rules: [
        { band: "peak", days: ["mon"], from: "08:00", to: "19:00" },
        { band: "late", days: ["mon"], from: "20:00", to: "25:00" },
        { band: "", days: [], from: "8:00", to: "07:00" },
        { band: "x", days: ["monday", "tue", "tue"], from: "10:00", to: "09:00" },
        { band: "y", days: ["sun"], from: "24:00", to: "24:00" },
        { band: "z", days: ["sun"], from: "00:00", to: "24:01" },
      ],
      holidays: [
        { date: "2026-02-30", band: "weekend" },
        { date: "2026-12-25", band: "" },
        { date: "2026-12-25", band: "weekend" },
      ],
      hoildays: [],
    })
    expect(errors).toEqual([
      "hoildays: unknown field",
      'rules[1].to: "25:00" is not HH:MM (00:00–24:00)',
      "rules[2].band: must be a non-empty string",
      "rules[2].days: must be a non-empty array of mon, tue, wed, thu, fri, sat, sun",
      'rules[2].from: "8:00" is not HH:MM (00:00–24:00)',
      'rules[3].days[0]: "monday" is not one of mon, tue, wed, thu, fri, sat, sun',
      'rules[3].days[2]: "tue" is listed twice',
      'rules[3]: from "10:00" must be before to "09:00"',
      'rules[4]: from "24:00" must be before to "24:00"',
      'rules[5].to: "24:01" is not HH:MM (00:00–24:00)',
      'holidays[0].date: "2026-02-30" is not a valid date YYYY-MM-DD',
      "holidays[1].band: must be a non-empty string",
      'holidays[2].date: "2026-12-25" is already listed at holidays[1]',
    ])
  })

  it("rejects what is not a profile", () => {
    expect(validateProfile(null)).toEqual(["profile: must be an object with a rules array"])
    expect(validateProfile({})).toEqual(["rules: must be an array"])
    expect(validateProfile({ rules: [null], holidays: {} })).toEqual([
      "rules[0]: must be an object with band, days, from, to",
      "holidays: must be an array",
    ])
  })

  it("keeps x_ metadata", () => {
    expect(validateProfile({ rules: [], x_note: "imported" })).toEqual([])
  })
})

describe("compileProfile", () => {
  it("returns null without a profile and throws listing the errors of an invalid one", () => {
    expect(compileProfile(null)).toBeNull()
    expect(compileProfile(undefined)).toBeNull()
    expect(() =>
      compileProfile({ rules: [{ band: "peak", days: ["mon"], from: "08:00", to: "25:00" }] })
    ).toThrow('invalid time profile: rules[0].to: "25:00" is not HH:MM (00:00–24:00)')
  })
})

describe("bandAt", () => {
  const p = compileProfile(standard)

  it("is default with no profile, and with no matching rule", () => {
    expect(bandAt(null, ms("2026-05-04T10:00:00Z"), "Europe/London")).toBe("default")
    const weekdaysOnly = compileProfile({ rules: [{ band: "peak", days: ["mon"], from: "08:00", to: "19:00" }] })
    expect(bandAt(weekdaysOnly, ms("2026-05-05T10:00:00Z"), "UTC")).toBe("default") // Tuesday
    expect(bandAt(weekdaysOnly, ms("2026-05-04T19:00:00Z"), "UTC")).toBe("default") // to is exclusive
    expect(bandAt(weekdaysOnly, ms("2026-05-04T08:00:00Z"), "UTC")).toBe("peak") // from is inclusive
  })

  it("checks rules in order: the first match wins", () => {
    expect(bandAt(p, ms("2026-05-04T08:30:00Z"), "UTC")).toBe("peak") // also offpeak's 00:00–24:00
    expect(bandAt(p, ms("2026-05-04T07:59:59.999Z"), "UTC")).toBe("offpeak")
    expect(bandAt(p, ms("2026-05-09T12:00:00Z"), "UTC")).toBe("weekend")
  })

  it("lets 24:00 cover the last millisecond of the day", () => {
    const late = compileProfile({ rules: [{ band: "late", days: ["mon"], from: "23:00", to: "24:00" }] })
    expect(bandAt(late, ms("2026-05-04T23:59:59.999Z"), "UTC")).toBe("late")
    expect(bandAt(late, ms("2026-05-05T00:00:00Z"), "UTC")).toBe("default")
  })

  it("evaluates Europe/London local time across the spring-forward change", () => {
    // 2026-03-29 01:00 UTC: 01:00 GMT becomes 02:00 BST
    const night = compileProfile({ rules: [{ band: "night", days: ["sun"], from: "02:00", to: "03:00" }] })
    expect(bandAt(night, ms("2026-03-29T00:59:59.999Z"), "Europe/London")).toBe("default") // 00:59 GMT
    expect(bandAt(night, ms("2026-03-29T01:30:00Z"), "Europe/London")).toBe("night") // 02:30 BST
    expect(bandAt(night, ms("2026-03-29T02:00:00Z"), "Europe/London")).toBe("default") // 03:00 BST
    // rule 08:00–19:00 local on the days around it
    expect(bandAt(p, ms("2026-03-27T07:59:00Z"), "Europe/London")).toBe("offpeak") // Fri 07:59 GMT
    expect(bandAt(p, ms("2026-03-27T08:00:00Z"), "Europe/London")).toBe("peak") // Fri 08:00 GMT
    expect(bandAt(p, ms("2026-03-30T06:59:59.999Z"), "Europe/London")).toBe("offpeak") // Mon 07:59 BST
    expect(bandAt(p, ms("2026-03-30T07:00:00Z"), "Europe/London")).toBe("peak") // Mon 08:00 BST
    expect(bandAt(p, ms("2026-03-30T17:59:59.999Z"), "Europe/London")).toBe("peak") // Mon 18:59 BST
    expect(bandAt(p, ms("2026-03-30T18:00:00Z"), "Europe/London")).toBe("offpeak") // Mon 19:00 BST
  })

  it("evaluates Europe/London local time across the fall-back change", () => {
    // 2026-10-25 01:00 UTC: 02:00 BST becomes 01:00 GMT; 01:xx happens twice
    const one = compileProfile({ rules: [{ band: "one", days: ["sun"], from: "01:00", to: "02:00" }] })
    expect(bandAt(one, ms("2026-10-24T23:59:00Z"), "Europe/London")).toBe("default") // 00:59 BST
    expect(bandAt(one, ms("2026-10-25T00:30:00Z"), "Europe/London")).toBe("one") // 01:30 BST
    expect(bandAt(one, ms("2026-10-25T01:30:00Z"), "Europe/London")).toBe("one") // 01:30 GMT
    expect(bandAt(one, ms("2026-10-25T02:00:00Z"), "Europe/London")).toBe("default") // 02:00 GMT
    expect(bandAt(p, ms("2026-10-23T07:00:00Z"), "Europe/London")).toBe("peak") // Fri 08:00 BST
    expect(bandAt(p, ms("2026-10-26T07:30:00Z"), "Europe/London")).toBe("offpeak") // Mon 07:30 GMT
    expect(bandAt(p, ms("2026-10-26T08:00:00Z"), "Europe/London")).toBe("peak") // Mon 08:00 GMT
    expect(bandAt(p, ms("2026-10-26T19:00:00Z"), "Europe/London")).toBe("offpeak") // Mon 19:00 GMT
  })

  it("evaluates America/New_York local time across both changes", () => {
    const ny = "America/New_York"
    // spring forward 2026-03-08 07:00 UTC (02:00 EST → 03:00 EDT)
    expect(bandAt(p, ms("2026-03-06T12:59:00Z"), ny)).toBe("offpeak") // Fri 07:59 EST
    expect(bandAt(p, ms("2026-03-06T13:00:00Z"), ny)).toBe("peak") // Fri 08:00 EST
    expect(bandAt(p, ms("2026-03-09T11:59:00Z"), ny)).toBe("offpeak") // Mon 07:59 EDT
    expect(bandAt(p, ms("2026-03-09T12:00:00Z"), ny)).toBe("peak") // Mon 08:00 EDT
    expect(bandAt(p, ms("2026-03-09T22:59:00Z"), ny)).toBe("peak") // Mon 18:59 EDT
    expect(bandAt(p, ms("2026-03-09T23:00:00Z"), ny)).toBe("offpeak") // Mon 19:00 EDT
    // Sunday 2026-03-08 in UTC, still Saturday evening in New York
    expect(bandAt(p, ms("2026-03-07T04:00:00Z"), ny)).toBe("offpeak") // Fri 23:00 EST
    expect(bandAt(p, ms("2026-03-07T05:00:00Z"), ny)).toBe("weekend") // Sat 00:00 EST
    const two = compileProfile({ rules: [{ band: "two", days: ["sun"], from: "01:00", to: "03:00" }] })
    expect(bandAt(two, ms("2026-03-08T06:59:59.999Z"), ny)).toBe("two") // 01:59 EST
    expect(bandAt(two, ms("2026-03-08T07:00:00Z"), ny)).toBe("default") // 03:00 EDT
    // fall back 2026-11-01 06:00 UTC (02:00 EDT → 01:00 EST)
    expect(bandAt(p, ms("2026-10-30T12:00:00Z"), ny)).toBe("peak") // Fri 08:00 EDT
    expect(bandAt(p, ms("2026-11-02T12:59:00Z"), ny)).toBe("offpeak") // Mon 07:59 EST
    expect(bandAt(p, ms("2026-11-02T13:00:00Z"), ny)).toBe("peak") // Mon 08:00 EST
    expect(bandAt(two, ms("2026-11-01T05:30:00Z"), ny)).toBe("two") // 01:30 EDT
    expect(bandAt(two, ms("2026-11-01T06:30:00Z"), ny)).toBe("two") // 01:30 EST
    expect(bandAt(two, ms("2026-11-01T08:00:00Z"), ny)).toBe("default") // 03:00 EST
  })

  it("finds holidays by the local date of the account's zone", () => {
    const xmas = compileProfile({ rules: [], holidays: [{ date: "2026-12-25", band: "holiday" }] })
    // Tokyo (UTC+9) is already on the 25th
    expect(bandAt(xmas, ms("2026-12-24T14:59:59.999Z"), "Asia/Tokyo")).toBe("default")
    expect(bandAt(xmas, ms("2026-12-24T15:00:00Z"), "Asia/Tokyo")).toBe("holiday")
    expect(bandAt(xmas, ms("2026-12-25T14:59:59.999Z"), "Asia/Tokyo")).toBe("holiday")
    expect(bandAt(xmas, ms("2026-12-25T15:00:00Z"), "Asia/Tokyo")).toBe("default")
    // Los Angeles (UTC−8) is not on the 25th yet
    expect(bandAt(xmas, ms("2026-12-25T07:59:59.999Z"), "America/Los_Angeles")).toBe("default")
    expect(bandAt(xmas, ms("2026-12-25T08:00:00Z"), "America/Los_Angeles")).toBe("holiday")
    expect(bandAt(xmas, ms("2026-12-26T07:59:00Z"), "America/Los_Angeles")).toBe("holiday")
    // a holiday beats the rules
    expect(bandAt(compileProfile(standard), ms("2026-12-25T10:00:00Z"), "Europe/London")).toBe("weekend") // a Friday
    expect(bandAt(compileProfile(standard), ms("2026-12-24T10:00:00Z"), "Europe/London")).toBe("peak")
  })

  it("throws a clear error for an invalid zone", () => {
    expect(() => bandAt(p, ms("2026-05-04T10:00:00Z"), "Mars/Olympus")).toThrow(
      'invalid time zone "Mars/Olympus": expected an IANA zone such as "Europe/London"'
    )
    expect(() => bandAt(null, ms("2026-05-04T10:00:00Z"), "Europe/Lundon")).toThrow(/invalid time zone/)
  })
})

describe("zone offset cache", () => {
  it("computes an instant exactly when its 15-minute bucket holds a transition", () => {
    // Africa/Monrovia moved from −00:44:30 to UTC at 1972-01-07 00:44:30 UTC, inside the 00:30 bucket
    const z = zoneOffsets("Africa/Monrovia")
    expect(z.offsetMs(ms("1972-01-07T00:44:29Z"))).toBe(-(44 * 60 + 30) * 1000)
    expect(z.offsetMs(ms("1972-01-07T00:44:30Z"))).toBe(0)
    expect(z.offsetMs(ms("1972-01-07T00:44:29Z"))).toBe(-(44 * 60 + 30) * 1000)
    expect(z.offsetMs(ms("1972-01-07T00:29:59Z"))).toBe(-(44 * 60 + 30) * 1000)
    expect(z.offsetMs(ms("1972-01-07T00:45:00Z"))).toBe(0)
  })

  it("gives local parts of Europe/London across the spring change", () => {
    expect(localParts(ms("2026-03-29T01:30:00Z"), "Europe/London")).toEqual({ day: 20541, weekday: 6, minuteOfDay: 150 })
    expect(localParts(ms("2026-03-29T00:30:00Z"), "Europe/London")).toEqual({ day: 20541, weekday: 6, minuteOfDay: 30 })
    expect(localParts(ms("1969-12-31T23:00:00Z"), "UTC")).toEqual({ day: -1, weekday: 2, minuteOfDay: 1380 })
  })

  const zones = [
    "Europe/London",
    "America/New_York",
    "Australia/Lord_Howe",
    "Asia/Kathmandu",
    "America/St_Johns",
    "Asia/Tokyo",
    "America/Los_Angeles",
    "Pacific/Chatham",
    "Pacific/Kiritimati",
    "America/Sao_Paulo",
  ]
  const weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const
  // Rules with odd minutes so that off-by-an-offset errors show.
  const fine: TimeProfileInput = {
    rules: [
      { band: "a", days: ["mon", "wed", "fri"], from: "01:17", to: "09:45" },
      { band: "b", days: ["tue", "thu", "sat"], from: "02:30", to: "02:45" },
      { band: "c", days: ["sun"], from: "00:00", to: "01:59" },
      { band: "d", days: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], from: "12:00", to: "24:00" },
    ],
    holidays: [
      { date: "2026-03-08", band: "h1" },
      { date: "2026-04-05", band: "h2" },
      { date: "2026-10-04", band: "h3" },
      { date: "2026-11-01", band: "h4" },
    ],
  }
  const compiled = compileProfile(fine)
  function reference(atMs: number, zone: string): string {
    const dt = DateTime.fromMillis(atMs, { zone })
    const date = dt.toISODate()
    const h = fine.holidays!.find((x) => x.date === date)
    if (h) return h.band
    const day = weekdays[dt.weekday - 1]
    const minute = dt.hour * 60 + dt.minute
    for (const r of fine.rules) {
      const [fh, fm] = r.from.split(":").map(Number)
      const [th, tm] = r.to.split(":").map(Number)
      if (r.days.includes(day) && fh * 60 + fm <= minute && minute < th * 60 + tm) return r.band
    }
    return "default"
  }

  it("matches luxon's DateTime.setZone for random instants (property)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: ms("2025-06-01T00:00:00Z"), max: ms("2027-06-01T00:00:00Z") }),
        (zone, at) => {
          expect(bandAt(compiled, at, zone)).toBe(reference(at, zone))
          const dt = DateTime.fromMillis(at, { zone: "UTC" }).setZone(zone)
          const parts = localParts(at, zone)
          expect(parts.weekday).toBe(dt.weekday - 1)
          expect(parts.minuteOfDay).toBe(dt.hour * 60 + dt.minute)
          expect(parts.day).toBe(Math.round(Date.UTC(dt.year, dt.month - 1, dt.day) / 86_400_000))
        }
      ),
      { numRuns: 3000 }
    )
  })

  it("matches luxon around every transition of 2000–2035 (property)", () => {
    // the exact instants where each zone's offset changes, found by day steps and bisection
    const transitions: Array<[string, number]> = []
    for (const zone of zones) {
      const z = IANAZone.create(zone)
      const day = 86_400_000
      for (let t = ms("2000-01-01T00:00:00Z"); t < ms("2035-01-01T00:00:00Z"); t += day) {
        if (z.offset(t) === z.offset(t + day)) continue
        let lo = t
        let hi = t + day
        while (hi - lo > 1000) {
          const mid = lo + Math.floor((hi - lo) / 2000) * 1000
          if (z.offset(mid) === z.offset(lo)) lo = mid
          else hi = mid
        }
        transitions.push([zone, hi])
      }
    }
    expect(transitions.length).toBeGreaterThan(300)
    fc.assert(
      fc.property(
        fc.constantFrom(...transitions),
        fc.integer({ min: -2 * 3600_000, max: 2 * 3600_000 }),
        ([zone, t], delta) => {
          const at = t + delta
          expect(bandAt(compiled, at, zone)).toBe(reference(at, zone))
        }
      ),
      { numRuns: 3000 }
    )
  })
})
