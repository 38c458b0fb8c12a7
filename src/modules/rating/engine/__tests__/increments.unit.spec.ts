import fc from "fast-check"
import { ratedSeconds } from "../increments"

describe("ratedSeconds (RATING.md §4)", () => {
  it.each([
    // billsec, initial, subsequent, grace, rated
    [61, 60, 60, 0, 120],
    [31, 30, 6, 0, 36],
    [31, 1, 1, 0, 31],
    [3, 60, 60, 5, 0],
    [5, 60, 60, 5, 0],
    [6, 60, 60, 5, 60],
    [60, 60, 60, 0, 60],
    [1, 60, 60, 0, 60],
    [0, 60, 60, 0, 0],
    [30, 30, 6, 0, 30],
    [37, 30, 6, 0, 42],
    [121, 60, 1, 0, 121],
  ])("%i s at %i/%i grace %i → %i s", (billsec, initial, subsequent, grace, rated) => {
    expect(ratedSeconds(billsec, initial, subsequent, grace)).toBe(rated)
  })

  const inc = fc.integer({ min: 1, max: 600 })
  it("rates at least billsec and less than one increment more (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), inc, inc, fc.integer({ min: 0, max: 30 }), (b, i, s, g) => {
        const r = ratedSeconds(b, i, s, g)
        if (b <= g) {
          expect(r).toBe(0)
        } else if (b <= i) {
          expect(r).toBe(i)
        } else {
          expect(r).toBeGreaterThanOrEqual(b)
          expect(r).toBeLessThan(b + s)
          expect((r - i) % s).toBe(0)
        }
      })
    )
  })

  it("never decreases as billsec grows (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 1000 }), inc, inc, (b, extra, i, s) => {
        expect(ratedSeconds(b + extra, i, s, 0)).toBeGreaterThanOrEqual(ratedSeconds(b, i, s, 0))
      })
    )
  })
})
