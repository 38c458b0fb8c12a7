import fc from "fast-check"
import { Readable } from "stream"
import { csvField, csvRecord, readCsvBatches, type CsvBatch } from "../csv"
import { physicalLines } from "../lines"

/** A byte stream that delivers `text` in chunks of `size` bytes (splitting characters and quoted fields). */
function bytes(text: string, size = 7): Readable {
  const buf = Buffer.from(text, "utf8")
  const chunks: Buffer[] = []
  for (let i = 0; i < buf.length; i += size) chunks.push(buf.subarray(i, i + size))
  return Readable.from(chunks, { objectMode: false })
}

async function all(input: Readable | string, batchSize?: number): Promise<CsvBatch[]> {
  const out: CsvBatch[] = []
  for await (const b of readCsvBatches(input, { batchSize })) out.push(b)
  return out
}

async function records(text: string, size = 7): Promise<Array<{ line: number; row: string[]; problem?: string }>> {
  const out: Array<{ line: number; row: string[]; problem?: string }> = []
  for (const b of await all(bytes(text, size))) {
    b.rows.forEach((row, i) => {
      const problem = b.problems?.get(i)
      out.push(problem ? { line: b.lines[i], row, problem } : { line: b.lines[i], row })
    })
  }
  return out
}

describe("readCsvBatches", () => {
  it("gives each record the physical line it starts on, across quoted line breaks and chunk boundaries", async () => {
    const text = 'a,b\n1,"two\nlines"\n\n3,"x ""quoted"", y"\r\n4,"five\r\nsix\r\nseven"\n5,end'
    expect(await records(text, 3)).toEqual([
      { line: 1, row: ["a", "b"] },
      { line: 2, row: ["1", "two\nlines"] },
      { line: 5, row: ["3", 'x "quoted", y'] },
      { line: 6, row: ["4", "five\r\nsix\r\nseven"] },
      { line: 9, row: ["5", "end"] },
    ])
  })

  it("numbers lines the same whatever the chunk size (property)", async () => {
    const field = fc.oneof(
      fc.string({ maxLength: 5 }),
      fc.constantFrom("x\ny", "a,b", 'say "hi"', "é€😀", "\n\n")
    )
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(field, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 40 }), async (rows, size) => {
        const kept = rows.filter((r) => !(r.length === 1 && r[0] === ""))
        const text = kept.map(csvRecord).join("\n") + "\n"
        const got = await records(text, size)
        expect(got.map((g) => g.row)).toEqual(kept)
        expect(got.map((g) => g.line)).toEqual(physicalLines(kept, "\n"))
      }),
      { numRuns: 150 }
    )
  })

  it("keeps multi-byte characters whole when a chunk splits them", async () => {
    const got = await records("name,city\nZoë,Kraków\n😀,東京\n", 1)
    expect(got.map((g) => g.row)).toEqual([["name", "city"], ["Zoë", "Kraków"], ["😀", "東京"]])
  })

  it("drops a UTF-8 byte order mark", async () => {
    const got = await records("\uFEFFcall_id,billsec\nc1,5\n")
    expect(got[0].row).toEqual(["call_id", "billsec"])
  })

  it("reads CRLF files without stray carriage returns", async () => {
    const got = await records("a,b\r\n1,2\r\n3,4\r\n", 4)
    expect(got).toEqual([
      { line: 1, row: ["a", "b"] },
      { line: 2, row: ["1", "2"] },
      { line: 3, row: ["3", "4"] },
    ])
  })

  it("marks batches plain until something needing quotes appears", async () => {
    const plain = Array.from({ length: 30 }, (_, i) => `r${i},${i}`).join("\n")
    const batches = await all(bytes(`${plain}\nq,"a,b"\n${plain}`, 64), 10)
    expect(batches[0].plain).toBe(true)
    expect(batches[batches.length - 1].plain).toBe(false)
    expect((await all(bytes(plain, 64), 10)).every((b) => b.plain)).toBe(true)
  })

  it("cuts batches at the batch size", async () => {
    const text = Array.from({ length: 25 }, (_, i) => `r${i},${i}`).join("\n")
    const batches = await all(bytes(text, 16), 10)
    expect(batches.map((b) => b.rows.length)).toEqual([10, 10, 5])
    expect(batches[2].lines).toEqual([21, 22, 23, 24, 25])
  })

  it("reads a file path", async () => {
    const batches = await all(require("path").join(__dirname, "..", "..", "..", "..", "..", "examples", "events.csv"))
    expect(batches[0].rows[0][0]).toBe("event_id")
    expect(batches[0].rows).toHaveLength(7)
  })

  it("marks a record with an unclosed quote as malformed instead of failing", async () => {
    const got = await records('a,b\n1,2\n3,"never closed\n4,5\n')
    expect(got[2]).toMatchObject({ line: 3, problem: "malformed CSV: a quoted field is not closed" })
  })

  it("stops reading the source while the consumer holds batches (backpressure)", async () => {
    let produced = 0
    const total = 200_000
    const source = new Readable({
      read() {
        if (produced >= total) return this.push(null)
        let s = ""
        for (let i = 0; i < 500; i++) s += `call-${produced++},acme,${produced % 90}\n`
        this.push(s)
      },
    })
    const it = readCsvBatches(source, { batchSize: 1000 })[Symbol.asyncIterator]()
    const first = await it.next()
    expect(first.value.rows).toHaveLength(1000)
    await new Promise((r) => setTimeout(r, 50))
    // Paused after a couple of batches plus what the stream buffers: far from the whole file.
    expect(produced).toBeLessThan(20_000)
    let rows = first.value.rows.length
    for (let r = await it.next(); !r.done; r = await it.next()) rows += r.value.rows.length
    expect(rows).toBe(total)
    expect(produced).toBe(total)
  })

  it("releases the source when the consumer stops early", async () => {
    const source = bytes(Array.from({ length: 5000 }, (_, i) => `${i},x`).join("\n"), 64)
    for await (const batch of readCsvBatches(source, { batchSize: 100 })) {
      expect(batch.rows).toHaveLength(100)
      break
    }
    expect(source.destroyed).toBe(true)
  })

  it("fails the iteration when the file cannot be read", async () => {
    await expect(all("/nonexistent/cdrs.csv")).rejects.toThrow(/ENOENT/)
  })
})

describe("csvField / csvRecord (RFC 4180)", () => {
  it("quotes only what needs quoting", () => {
    expect(csvField("plain")).toBe("plain")
    expect(csvField("0.0125")).toBe("0.0125")
    expect(csvField("a,b")).toBe('"a,b"')
    expect(csvField('say "hi"')).toBe('"say ""hi"""')
    expect(csvField("two\nlines")).toBe('"two\nlines"')
    expect(csvField("")).toBe("")
    expect(csvRecord(["a", "b,c", ""])).toBe('a,"b,c",')
  })
})
