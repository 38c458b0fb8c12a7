import Decimal from "decimal.js"
import fc from "fast-check"
import { BillingCalcError } from "../errors"
import { compareDecimals, currencyDecimals, hasMoneyScale, roundMoney, subtractDecimals, sumDecimals, sumMoney } from "../money"

describe("currencyDecimals (ISO 4217 minor unit)", () => {
  it("knows USD 2, JPY 0, BHD 3, in any case", () => {
    expect(currencyDecimals("USD")).toBe(2)
    expect(currencyDecimals("usd")).toBe(2)
    expect(currencyDecimals("JPY")).toBe(0)
    expect(currencyDecimals("BHD")).toBe(3)
    expect(currencyDecimals("EUR")).toBe(2)
    expect(currencyDecimals("KWD")).toBe(3)
  })

  it("takes the minor unit from ISO 4217, not from ICU (HUF 2, IQD 3, ISK 0…)", () => {
    // ICU (Node 20) answers 0 for all of these; ISO 4217 says 2
    for (const code of ["HUF", "IDR", "PKR", "COP", "AFN", "ALL", "IRR", "KPW", "LAK", "LBP", "MGA", "MMK", "SOS", "SYP", "YER", "TWD"]) {
      expect([code, currencyDecimals(code)]).toEqual([code, 2])
    }
    expect(currencyDecimals("IQD")).toBe(3) // ICU: 0
    for (const code of ["BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF"]) {
      expect([code, currencyDecimals(code)]).toEqual([code, 0])
    }
    for (const code of ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"]) expect([code, currencyDecimals(code)]).toEqual([code, 3])
    expect([currencyDecimals("CLF"), currencyDecimals("UYW")]).toEqual([4, 4])
  })

  it("refuses codes ISO 4217 gives no minor unit (metals, SDR, test codes)", () => {
    for (const code of ["XAU", "XAG", "XPT", "XPD", "XDR", "XTS", "XXX"]) {
      expect(() => currencyDecimals(code)).toThrow(/no ISO 4217 minor unit/)
    }
  })

  it("throws on codes ICU does not know instead of guessing 2", () => {
    for (const bad of ["ZZZ", "QQQ", "US", "USDD", "", "12A"]) {
      expect(() => currencyDecimals(bad)).toThrow(BillingCalcError)
    }
    expect(() => currencyDecimals(undefined as unknown as string)).toThrow(/unknown currency/)
  })
})

describe("roundMoney: half-up to the minor unit, ties away from zero", () => {
  it.each([
    ["10.125", "USD", "10.13"],
    ["10.124999", "USD", "10.12"],
    ["-10.125", "USD", "-10.13"],
    ["-0.004", "USD", "0.00"],
    ["7", "USD", "7.00"],
    ["1234.5", "JPY", "1235"],
    ["1234.4999", "JPY", "1234"],
    ["-1234.5", "JPY", "-1235"],
    ["1.2345", "BHD", "1.235"],
    ["1.2344", "BHD", "1.234"],
    ["-0.0005", "BHD", "-0.001"],
    ["0.0004", "BHD", "0.000"],
    ["1234.565", "HUF", "1234.57"],
    ["1234.564", "HUF", "1234.56"],
    ["1.2345", "IQD", "1.235"],
    ["1234.5", "ISK", "1235"],
    ["0.00005", "CLF", "0.0001"],
  ])("%s %s → %s", (value, currency, expected) => {
    expect(roundMoney(value, currency)).toBe(expected)
  })

  it("rejects what is not a plain decimal", () => {
    expect(() => roundMoney("1e3", "USD")).toThrow(/not a decimal/)
    expect(() => roundMoney("abc", "USD")).toThrow(BillingCalcError)
  })

  it("is within half a minor unit and has exactly the currency's decimals", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
        fc.integer({ min: 0, max: 8 }),
        fc.constantFrom("USD", "JPY", "BHD"),
        (units, scale, currency) => {
          const v = new Decimal(units.toString()).div(new Decimal(10).pow(scale))
          const r = roundMoney(v.toFixed(), currency)
          const dp = currencyDecimals(currency)
          expect(r.includes(".") ? r.split(".")[1].length : 0).toBe(dp)
          expect(new Decimal(r).minus(v).abs().lte(new Decimal(10).pow(-dp).div(2))).toBe(true)
        }
      )
    )
  })
})

describe("sums", () => {
  it("adds decimal strings exactly", () => {
    expect(sumDecimals(["0.10", "0.20", "-0.05"])).toBe("0.25")
    expect(sumDecimals([])).toBe("0")
    expect(sumDecimals(["0.1", "0.2"])).toBe("0.3")
    expect(sumDecimals(["123456789012345678901234.000001", "0.000001"])).toBe("123456789012345678901234.000002")
    expect(subtractDecimals("10", "0.01")).toBe("9.99")
  })

  it("sums money at the currency's scale and refuses unrounded amounts", () => {
    expect(sumMoney(["10.00", "2.5", "-0.25"], "USD")).toBe("12.25")
    expect(sumMoney([], "BHD")).toBe("0.000")
    expect(() => sumMoney(["1.005"], "USD")).toThrow(/more than 2 decimals/)
    expect(hasMoneyScale("1.50", "USD")).toBe(true)
    expect(hasMoneyScale("1.5", "JPY")).toBe(false)
  })

  it("compares by value", () => {
    expect(compareDecimals("1.50", "1.5")).toBe(0)
    expect(compareDecimals("-1", "0")).toBe(-1)
    expect(compareDecimals("2", "1.999")).toBe(1)
  })
})
