import fc from "fast-check"
import { internationalPrefixOf, normalizeNumber, trunkPrefixOf } from "../numbers"
import type { AccountSettings } from "../types"

const uk: AccountSettings = { timezone: "Europe/London", country_code: "44" }
const us: AccountSettings = { timezone: "America/New_York", country_code: "1", international_prefix: "011" }

describe("normalizeNumber (RATING.md §2)", () => {
  it("drops a leading + and keeps the international digits", () => {
    expect(normalizeNumber("+442079460000", uk)).toBe("442079460000")
    expect(normalizeNumber("+1 212 555 0100", uk)).toBe("12125550100")
  })

  it("drops the international access code 00", () => {
    expect(normalizeNumber("00442079460000", uk)).toBe("442079460000")
    expect(normalizeNumber("0033 1 23 45 67 89", uk)).toBe("33123456789")
  })

  it("drops 011 for a NANP account", () => {
    expect(normalizeNumber("011442079460000", us)).toBe("442079460000")
    expect(normalizeNumber("011 33 1 23 45 67 89", us)).toBe("33123456789")
    // 00 is not the access code there, nor is 0 the trunk prefix (1 is)
    expect(normalizeNumber("00442079460000", us)).toBe("00442079460000")
  })

  it("reads NANP national numbers with the trunk 1 or as ten digits", () => {
    expect(trunkPrefixOf({ timezone: "UTC", country_code: "1" })).toBe("1")
    expect(normalizeNumber("1 (212) 555-0100", us)).toBe("12125550100")
    expect(normalizeNumber("(212) 555-0100", us)).toBe("12125550100")
    // not ten digits, or an area code starting 0/1: left alone
    expect(normalizeNumber("911", us)).toBe("911")
    expect(normalizeNumber("0123456789", us)).toBe("0123456789")
    // the rule is NANP's only: a ten-digit UK string is not touched
    expect(normalizeNumber("2079460000", uk)).toBe("2079460000")
  })

  it("defaults the access code to 011 for country code 1 and 00 elsewhere", () => {
    expect(internationalPrefixOf({ timezone: "UTC", country_code: "1" })).toBe("011")
    expect(internationalPrefixOf(uk)).toBe("00")
    expect(internationalPrefixOf({ ...uk, international_prefix: "" })).toBe("")
    expect(trunkPrefixOf(uk)).toBe("0")
    expect(normalizeNumber("011442079460000", { timezone: "UTC", country_code: "1" })).toBe("442079460000")
  })

  it("replaces the trunk prefix 0 with the country code", () => {
    expect(normalizeNumber("02079460000", uk)).toBe("442079460000")
    expect(normalizeNumber("07700 900123", uk)).toBe("447700900123")
    expect(normalizeNumber("0", uk)).toBe("44")
  })

  it("uses the account's own trunk prefix, and none when it is empty", () => {
    expect(normalizeNumber("82079460000", { ...uk, trunk_prefix: "8" })).toBe("442079460000")
    expect(normalizeNumber("02079460000", { ...uk, trunk_prefix: "" })).toBe("02079460000")
  })

  it("checks + before the access code, and the access code before the trunk prefix", () => {
    // after "+" nothing else is dropped
    expect(normalizeNumber("+0044123", uk)).toBe("0044123")
    // "00…" is the access code, not trunk 0 + "0…"
    expect(normalizeNumber("0044123", uk)).toBe("44123")
  })

  it("removes spaces, dashes, dots and parentheses", () => {
    expect(normalizeNumber("+44 (20) 7946-0000", uk)).toBe("442079460000")
    expect(normalizeNumber("(020) 7946.0000", uk)).toBe("442079460000")
    expect(normalizeNumber(" 0044-20-7946-0000 ", uk)).toBe("442079460000")
    expect(normalizeNumber("1-800-555.0100", us)).toBe("18005550100")
  })

  it("treats every Unicode whitespace character as a space", () => {
    expect(normalizeNumber("44\u200920", uk)).toBe("4420") // thin space
    expect(normalizeNumber("44\u300020", uk)).toBe("4420") // ideographic space
    expect(normalizeNumber("44\n20", uk)).toBe("4420")
    expect(normalizeNumber("+44\r\n20\u00857946\u20280000", uk)).toBe("442079460000")
    expect(normalizeNumber("\ufeff020 7946 0000", uk)).toBe("442079460000") // stray byte-order mark
  })

  it("keeps zero-width format characters invalid: they are not whitespace", () => {
    for (const c of ["\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\u200e"]) {
      expect(normalizeNumber(`44${c}20`, uk)).toBeNull()
    }
  })

  it("removes exactly the characters Unicode or JS \\s call whitespace, plus - . ( ) (every BMP code point)", () => {
    const ws = /^[\s\p{White_Space}]$/u
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c)
      if (c >= 48 && c <= 57) continue
      const separator = ws.test(ch) || "-.()".includes(ch)
      const got = normalizeNumber(`44${ch}20`, uk)
      if (got !== (separator ? "4420" : null)) throw new Error(`U+${c.toString(16).padStart(4, "0")}: got ${got}`)
    }
  })

  it("keeps short numbers and extensions as they are", () => {
    expect(normalizeNumber("112", uk)).toBe("112")
    expect(normalizeNumber("7", uk)).toBe("7")
  })

  it("accepts 20 digits and rejects 21", () => {
    expect(normalizeNumber("1".repeat(20), uk)).toBe("1".repeat(20))
    expect(normalizeNumber("1".repeat(21), uk)).toBeNull()
    expect(normalizeNumber("+" + "1".repeat(21), uk)).toBeNull()
    // the country code can push a national number past 20 digits
    expect(normalizeNumber("0" + "1".repeat(19), uk)).toBeNull()
  })

  it("rejects letters, other symbols, a + that is not leading, and empty numbers", () => {
    for (const bad of ["", " ", "+", "00", "-", "12ab34", "0800-FLOWERS", "44#123", "44*1", "44+123", "++44", "4 4/1", "anonymous"]) {
      expect(normalizeNumber(bad, uk)).toBeNull()
    }
    expect(normalizeNumber(undefined as unknown as string, uk)).toBeNull()
  })

  it("is idempotent on international digits that start with neither 0 nor + (property)", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9][0-9]{0,19}$/), (n) => {
        expect(normalizeNumber(n, uk)).toBe(n)
        expect(normalizeNumber("+" + n, uk)).toBe(n)
        expect(normalizeNumber(n.split("").join(" "), uk)).toBe(n)
      })
    )
  })
})
