import Decimal from "decimal.js"
import fc from "fast-check"
import { divRound, formatScaled, isDecimalString, parseScaled, RATE_SCALE, rescale } from "../money"
import type { RoundingMode } from "../types"

describe("parseScaled", () => {
  it("parses decimal strings into BigInt at the scale", () => {
    expect(RATE_SCALE).toBe(6)
    expect(parseScaled("0.0125", 6)).toBe(12500n)
    expect(parseScaled("12", 6)).toBe(12000000n)
    expect(parseScaled("0", 6)).toBe(0n)
    expect(parseScaled(".5", 2)).toBe(50n)
    expect(parseScaled("3.", 2)).toBe(300n)
    expect(parseScaled("-1.5", 2)).toBe(-150n)
    expect(parseScaled(" 0.1 ", 3)).toBe(100n)
    expect(parseScaled("123456789012345678901234567890.123456", 6)).toBe(123456789012345678901234567890123456n)
  })

  it("rejects more decimals than the scale and anything that is not a plain decimal", () => {
    expect(() => parseScaled("0.1234567", 6)).toThrow(/more than 6 decimals/)
    for (const bad of ["", "abc", "1e-3", "1,5", "0x10", "--1", "1.2.3", ".", "+1", "NaN", "Infinity"]) {
      expect(() => parseScaled(bad, 6)).toThrow(Error)
    }
  })
})

describe("formatScaled", () => {
  it("keeps exactly `scale` decimals", () => {
    expect(formatScaled(12500n, 6)).toBe("0.012500")
    expect(formatScaled(400n, 4)).toBe("0.0400")
    expect(formatScaled(0n, 4)).toBe("0.0000")
    expect(formatScaled(123456n, 2)).toBe("1234.56")
    expect(formatScaled(42n, 0)).toBe("42")
    expect(formatScaled(-5n, 2)).toBe("-0.05")
    expect(formatScaled(-12345n, 2)).toBe("-123.45")
  })

  it("round-trips with parseScaled", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: 0, max: 10 }), (v, scale) => {
        expect(parseScaled(formatScaled(v, scale), scale)).toBe(v)
      })
    )
  })
})

describe("isDecimalString", () => {
  it("accepts plain decimals within the scale only", () => {
    expect(isDecimalString("0.0125", 6)).toBe(true)
    expect(isDecimalString("10", 0)).toBe(true)
    expect(isDecimalString("0.1234567", 6)).toBe(false)
    expect(isDecimalString("1e-3", 6)).toBe(false)
    expect(isDecimalString("", 6)).toBe(false)
    expect(isDecimalString("1.0", 0)).toBe(false)
  })
})

describe("divRound", () => {
  const table: Array<[bigint, bigint, RoundingMode, bigint]> = [
    // ties
    [5n, 2n, "half_up", 3n],
    [5n, 2n, "half_even", 2n],
    [7n, 2n, "half_even", 4n],
    [5n, 2n, "up", 3n],
    [5n, 2n, "down", 2n],
    // negative ties: half away from zero, even neighbour
    [-5n, 2n, "half_up", -3n],
    [-5n, 2n, "half_even", -2n],
    [-7n, 2n, "half_even", -4n],
    [-5n, 2n, "up", -3n],
    [-5n, 2n, "down", -2n],
    // below and above half
    [4n, 3n, "half_up", 1n],
    [5n, 3n, "half_up", 2n],
    [4n, 3n, "up", 2n],
    [5n, 3n, "down", 1n],
    [-4n, 3n, "half_up", -1n],
    [-5n, 3n, "half_up", -2n],
    [-4n, 3n, "up", -2n],
    [-5n, 3n, "down", -1n],
    [-5n, 3n, "half_even", -2n],
    // negative divisor
    [5n, -2n, "half_up", -3n],
    [-5n, -2n, "half_up", 3n],
    // exact
    [6n, 3n, "up", 2n],
    [-6n, 3n, "down", -2n],
    [0n, 7n, "up", 0n],
  ]
  it.each(table)("%p / %p with %s = %p", (n, d, mode, expected) => {
    expect(divRound(n, d, mode)).toBe(expected)
  })

  it("throws on a zero divisor and an unknown mode", () => {
    expect(() => divRound(1n, 0n, "half_up")).toThrow(/division by zero/)
    expect(() => divRound(1n, 3n, "nearest" as RoundingMode)).toThrow(/unknown rounding mode/)
  })

  it("matches decimal.js for every mode (property)", () => {
    const modes: Record<RoundingMode, Decimal.Rounding> = {
      half_up: Decimal.ROUND_HALF_UP,
      up: Decimal.ROUND_UP,
      down: Decimal.ROUND_DOWN,
      half_even: Decimal.ROUND_HALF_EVEN,
    }
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 24n), max: 10n ** 24n }),
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        fc.boolean(),
        fc.constantFrom<RoundingMode>("half_up", "up", "down", "half_even"),
        (n, dAbs, negD, mode) => {
          const d = negD ? -dAbs : dAbs
          const D = Decimal.clone({ precision: 100 })
          const ref = new D(n.toString()).div(d.toString()).toDecimalPlaces(0, modes[mode])
          expect(divRound(n, d, mode).toString()).toBe(ref.toFixed(0))
        }
      )
    )
  })
})

describe("rescale", () => {
  it("widens exactly and narrows with rounding", () => {
    expect(rescale(12345n, 4, 2, "half_up")).toBe(123n)
    expect(rescale(12355n, 4, 2, "half_even")).toBe(124n)
    expect(rescale(5n, 1, 3, "down")).toBe(500n)
  })
})
