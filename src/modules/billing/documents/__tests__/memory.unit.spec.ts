/**
 * The call statement streams: memory stays flat while thousands of calls go
 * through, even to a slow consumer. Measured with a forced GC (exposed at run
 * time) so what is compared is live heap, not garbage waiting to be
 * collected. Rough by nature: the bounds are wide, the contrast (a few MB of
 * output vs. well under 1 MB of growth) is what the test is about.
 */
import { collectGarbage } from "../../../../lib/collect-garbage"
import { writeCallStatementXlsx } from "../call-statement-xlsx"
import { renderInvoicePdf } from "../invoice-pdf"
import type { StatementCall } from "../types"
import { calls, CountingSink, invoice } from "./fixtures"

const gc = () => {
  if (!collectGarbage()) throw new Error("V8 refused to expose gc")
}

const heap = () => {
  gc()
  gc()
  return process.memoryUsage().heapUsed
}

describe("call statement memory", () => {
  it("renders a 5,000-call statement to a slow consumer with flat heap use", async () => {
    const N = 5_000
    const samples: Array<{ at: number; heap: number; written: number }> = []
    const out = new CountingSink(true)
    async function* cursor(): AsyncGenerator<StatementCall> {
      let i = 0
      for (const c of calls(N)) {
        if (i % 1_000 === 0 && i > 0) samples.push({ at: i, heap: heap(), written: out.bytes })
        i++
        yield c
      }
    }
    // uncompressed: the output is big (several MB) next to what may stay in memory
    await renderInvoicePdf(invoice({ call_count: N }), out, { compress: false, calls: cursor() })

    expect(samples.map((s) => s.at)).toEqual([1_000, 2_000, 3_000, 4_000])
    const growth = samples[samples.length - 1].heap - samples[0].heap
    const writtenBetween = samples[samples.length - 1].written - samples[0].written
    // three thousand calls' worth of output left the process meanwhile…
    expect(writtenBetween).toBeGreaterThan(1_500_000)
    // …while live heap grew by less than a tenth of it (it would grow by all of it if pages were held)
    expect(growth).toBeLessThan(writtenBetween / 10)
    expect(out.bytes).toBeGreaterThan(2_500_000)
  })

  it("writes a 40,000-call XLSX to a slow consumer without piling up the sheet", async () => {
    const N = 40_000
    const samples: number[] = []
    const out = new CountingSink(true)
    async function* cursor(): AsyncGenerator<StatementCall> {
      let i = 0
      for (const c of calls(N)) {
        if (i % 5_000 === 0 && i > 0) {
          gc()
          gc()
          const m = process.memoryUsage()
          samples.push(m.heapUsed + m.arrayBuffers)
        }
        i++
        yield c
      }
    }
    await writeCallStatementXlsx(cursor(), out, { timezone: "Europe/Berlin", currency: "EUR" })
    expect(samples).toHaveLength(7)
    // 35,000 rows are about 5.5 MB of sheet XML; exceljs alone would hold most of it until the zip caught up
    expect(Math.max(...samples) - samples[0]).toBeLessThan(2_500_000)
    expect(out.bytes).toBeGreaterThan(1_000_000)
  })
})
