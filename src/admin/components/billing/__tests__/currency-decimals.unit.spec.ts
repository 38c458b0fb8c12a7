import { currencyDecimals as serverDecimals } from "../../../../modules/billing/calc/money"
import { currencyDecimals } from "../format"

describe("admin currencyDecimals: ISO 4217, the server's table", () => {
  it("gives ISO's minor unit where ICU differs (HUF 2, IQD 3)", () => {
    expect(["HUF", "IDR", "COP", "IQD", "ISK", "JPY", "BHD", "usd"].map(currencyDecimals)).toEqual([2, 2, 2, 3, 0, 0, 3, 2])
  })

  it("agrees with the calculator on every currency the API accepts", () => {
    for (const code of (Intl as any).supportedValuesOf("currency") as string[]) {
      let server: number | null
      try {
        server = serverDecimals(code)
      } catch {
        server = null // no ISO minor unit (XDR, XSU): the server refuses it
      }
      if (server !== null) expect([code, currencyDecimals(code)]).toEqual([code, server])
    }
  })
})
