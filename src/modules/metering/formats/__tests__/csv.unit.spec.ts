import fc from "fast-check"
import { Readable } from "stream"
import { csvField, csvRecord, readCsvBatches, type CsvBatch } from "../csv"
import { physicalLines } from "../lines"
import { MAX_RECORD_LINES } from "../split"

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
    expect(got).toEqual([
      { line: 1, row: ["a", "b"] },
      { line: 2, row: ["1", "2"] },
      {
        line: 3,
        row: ["3", "never closed"],
        problem: 'malformed CSV on line 3: the quote that opens field 2 is not closed ("never closed); the record ends at the end of line 3',
      },
      { line: 4, row: ["4", "5"] },
    ])
  })

  describe("one malformed quote costs its own line, never the records after it", () => {
    // 4,000 calls under a header; line 2,500 is broken.
    const file = (bad: string) => {
      const lines = ["call_id,account,callee,answer_time,billsec"]
      for (let i = 2; i <= 4001; i++) lines.push(i === 2500 ? bad : `c${i},ACME,4420${i},2026-03-02T09:00:00Z,61`)
      return lines.join("\n") + "\n"
    }
    it.each([
      ["a stray quote after a quoted value", 'c2500,ACME,"4420"x,2026-03-02T09:00:00Z,61', /^malformed CSV on line 2500: stray quote in field 3 \("4420"x\); the record ends at the end of line 2500$/],
      ["a quote that never closes", 'c2500,ACME,"4420,2026-03-02T09:00:00Z,61', /^malformed CSV on line 2500: the quote that opens field 3 is not closed/],
    ])("%s", async (_name, bad, reason) => {
      for (const size of [65_536, 1000, 7]) {
        const got = await records(file(bad), size)
        // Every record is there, each on its own line, only line 2500 is malformed.
        expect(got).toHaveLength(4001)
        expect(got.map((g) => g.line)).toEqual(Array.from({ length: 4001 }, (_, i) => i + 1))
        expect(got.filter((g) => g.problem).map((g) => g.line)).toEqual([2500])
        expect(got[2499].problem).toMatch(reason)
        expect(got[2499].row[0]).toBe("c2500")
        expect(got[2500].row).toEqual(["c2501", "ACME", "44202501", "2026-03-02T09:00:00Z", "61"])
        expect(got[4000].row[0]).toBe("c4001")
      }
    })

    it("cuts a quote still open on the last line at that line", async () => {
      const got = await records('a,b\n1,2\n3,"open\n4,5\n6,"open again', 5)
      expect(got.map((g) => [g.line, g.row[0], g.problem?.slice(0, 25)])).toEqual([
        [1, "a", undefined],
        [2, "1", undefined],
        [3, "3", "malformed CSV on line 3: "],
        [4, "4", undefined],
        [5, "6", "malformed CSV on line 5: "],
      ])
    })

    it("keeps quoted fields that span lines when their quote closes, also right after a malformed line", async () => {
      const text = 'a,b\n1,"x"y\n2,"two\nlines"\n3,"three\nmore\nlines"\n4,z\n'
      for (const size of [1, 3, 64]) {
        const got = await records(text, size)
        expect(got.map(({ line, row }) => ({ line, row }))).toEqual([
          { line: 1, row: ["a", "b"] },
          { line: 2, row: ["1", 'x"y'] },
          { line: 3, row: ["2", "two\nlines"] },
          { line: 5, row: ["3", "three\nmore\nlines"] },
          { line: 8, row: ["4", "z"] },
        ])
        expect(got[1].problem).toBe('malformed CSV on line 2: stray quote in field 2 ("x"y); the record ends at the end of line 2')
        expect(got.filter((g) => g.problem)).toHaveLength(1)
      }
    })

    it("takes a quote that closes lines later in a record of the wrong width for one left open", async () => {
      // Line 2's quote pairs with line 4's opening quote (which is followed by a comma): 3 fields, not 2.
      const got = await records('a,b\n1,"open\n2,z\n3,",y"\n4,w\n')
      expect(got.map(({ line, row }) => [line, row])).toEqual([
        [1, ["a", "b"]],
        [2, ["1", "open"]],
        [3, ["2", "z"]],
        [4, ["3", ",y"]],
        [5, ["4", "w"]],
      ])
      expect(got.filter((g) => g.problem).map((g) => g.line)).toEqual([2])
    })

    it("takes a quote still open after MAX_RECORD_LINES lines for one left open", async () => {
      const lines = ["a,b", '1,"open']
      for (let i = 0; i < MAX_RECORD_LINES + 10; i++) lines.push(`r${i},x`)
      const got = await records(lines.join("\n") + '\nlast,"closes"\n', 4096)
      expect(got).toHaveLength(lines.length + 1)
      expect(got.filter((g) => g.problem).map((g) => g.line)).toEqual([2])
      expect(got[got.length - 1]).toEqual({ line: lines.length + 1, row: ["last", "closes"] })
    })

    it("recovers every good record around one bad line, whatever the chunk size (property)", async () => {
      // Fields whose quoting cannot pair with a stray quote silently (no quoted value starts with a comma, quote or break).
      const field = fc.oneof(fc.string({ maxLength: 5 }).filter((s) => !/^[,"\r\n]/.test(s)), fc.constantFrom("x\ny", "a,b", 'say "hi"', "é€😀"))
      const bad = fc.constantFrom('b1,"4420"x', 'b2,"never closed', 'b3,"a""b"c', '"b4"z,y')
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.array(field, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 12 }),
          fc.nat(),
          bad,
          fc.integer({ min: 1, max: 40 }),
          async (rows, at, badLine, size) => {
            const kept = rows.filter((r) => !(r.length === 1 && r[0] === ""))
            const i = at % (kept.length + 1)
            const before = kept.slice(0, i).map(csvRecord)
            const after = kept.slice(i).map(csvRecord)
            const text = ["h1,h2", ...before, badLine, ...after].join("\n") + "\n"
            const got = await records(text, size)
            expect(got.map((g) => g.row).filter((_, k) => k !== i + 1)).toEqual([["h1", "h2"], ...kept])
            expect(got[i + 1].problem).toMatch(/^malformed CSV on line \d+: /)
            expect(got.filter((g) => g.problem)).toHaveLength(1)
            expect(got.map((g) => g.line)).toEqual(physicalLines([["h1", "h2"], ...kept.slice(0, i), ["bad"], ...kept.slice(i)], "\n"))
          }
        ),
        { numRuns: 200 }
      )
    })
  })

  describe("bytes that are not UTF-8 make their record malformed, not silently replaced", () => {
    const text = (bad: Buffer, nl: string) => Buffer.concat([Buffer.from(`a,b${nl}1,Zoë${nl}2,`), bad, Buffer.from(`${nl}3,東京${nl}`)])
    it.each([
      ["a Latin-1 byte", Buffer.from([0xe9])],
      ["a truncated sequence", Buffer.from([0xe6, 0x9d])],
      ["a lone continuation byte", Buffer.from([0x80])],
      ["an overlong encoding", Buffer.from([0xc0, 0xaf])],
    ])("%s", async (_name, bad) => {
      for (const [nl, size] of ["\n", "\r\n", "\r"].flatMap((nl) => [1, 2, 3, 5, 64].map((size) => [nl, size] as const))) {
        const chunks: Buffer[] = []
        const buf = text(bad, nl)
        for (let i = 0; i < buf.length; i += size) chunks.push(buf.subarray(i, i + size))
        const got: Array<{ line: number; row: string[]; problem?: string }> = []
        for await (const b of readCsvBatches(Readable.from(chunks, { objectMode: false }))) {
          b.rows.forEach((row, i) => got.push(b.problems?.get(i) ? { line: b.lines[i], row, problem: b.problems.get(i) } : { line: b.lines[i], row }))
        }
        expect(got.map((g) => [g.line, g.row[0], g.problem])).toEqual([
          [1, "a", undefined],
          [2, "1", undefined],
          [3, "2", "not valid UTF-8"],
          [4, "3", undefined],
        ])
        expect(got[1].row[1]).toBe("Zoë")
        expect(got[3].row[1]).toBe("東京")
      }
    })

    it("at the very end of the file", async () => {
      const got: string[][] = []
      let problems: Array<string | undefined> = []
      for await (const b of readCsvBatches(Readable.from([Buffer.from("a,b\n1,"), Buffer.from([0xe6, 0x9d])], { objectMode: false }))) {
        got.push(...b.rows)
        problems = b.rows.map((_, i) => b.problems?.get(i))
      }
      expect(got).toEqual([["a", "b"], ["1", "\uFFFD"]])
      expect(problems).toEqual([undefined, "not valid UTF-8"])
    })
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

  it("names the file when reading it fails after it opened", async () => {
    // A directory opens for reading on Linux; the read fails (EISDIR), and Node's message has no path.
    await expect(all(__dirname)).rejects.toThrow(`EISDIR: illegal operation on a directory, read '${__dirname}'`)
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
