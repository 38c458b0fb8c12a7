import fc from "fast-check"
import { CopyRows, storedText } from "../copy-rows"

const text = (chunks: Buffer[]) => Buffer.concat(chunks).toString("utf8")

describe("CopyRows", () => {
  it("gives back every row in order, across buffer boundaries", () => {
    // 16-byte buffers: most rows straddle a boundary, so each starts a new buffer
    const rows = new CopyRows(16)
    const lines = ["a\t1\n", "bbbbbbbbbb\t2\n", "c\t3\n", "ü€😀\t4\n", "x".repeat(40) + "\n"]
    for (const l of lines) rows.add(l)
    expect(rows.length).toBe(5)
    expect(text(rows.chunks())).toBe(lines.join(""))
  })

  it("leaves out exactly the skipped rows, as UTF-8", () => {
    const rows = new CopyRows(32)
    const lines = ["a\n", "ü\n", "c\n", "😀\n", "e\n"]
    for (const l of lines) rows.add(l)
    expect(text(rows.chunks(new Set([1, 3])))).toBe("a\nc\ne\n")
  })

  it("is empty when every row is skipped, or none was added", () => {
    const rows = new CopyRows()
    rows.add("a\n")
    rows.add("b\n")
    expect(text(rows.chunks(new Set([0, 1])))).toBe("")
    expect(new CopyRows().chunks()).toEqual([])
  })

  it("property: chunks(skip) is the kept rows joined, whatever the rows, the buffer size and the skip set", () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: "grapheme", maxLength: 30 }), { maxLength: 60 }),
        fc.integer({ min: 4, max: 64 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        (values, size, skipList) => {
          const lines = values.map((v) => v + "\n")
          const rows = new CopyRows(size)
          for (const l of lines) rows.add(l)
          const skip = new Set(skipList.map((i) => (lines.length ? i % lines.length : 0)))
          const expected = lines.filter((_, i) => !skip.has(i)).join("")
          expect(text(rows.chunks(skip))).toBe(expected)
        }
      )
    )
  })
})

describe("storedText", () => {
  it("keeps ordinary text as is (the same string)", () => {
    const s = "c-0001"
    expect(storedText(s)).toBe(s)
    expect(storedText("ünïcødé 😀")).toBe("ünïcødé 😀")
  })

  it("turns NUL and unpaired surrogates into U+FFFD, as Postgres stores them", () => {
    expect(storedText("a\u0000b")).toBe("a\uFFFDb")
    expect(storedText("a\uD800b")).toBe("a\uFFFDb")
    expect(storedText("a\uDC00")).toBe("a\uFFFD")
    expect(storedText("\uD83D\uDE00\uD800")).toBe("\uD83D\uDE00\uFFFD")
  })

  it("property: two strings stored alike (UTF-8 with NUL replaced) get the same key", () => {
    const postgres = (s: string) => Buffer.from(s, "utf8").toString("utf8").replace(/\u0000/g, "\uFFFD")
    // UTF-16 code units, any of them: lone surrogates and NUL included
    const unit = fc.oneof(fc.nat(0xffff), fc.constantFrom(0, 0xd800, 0xdbff, 0xdc00, 0xdfff)).map((c) => String.fromCharCode(c))
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 20 }), (s) => {
        expect(storedText(s)).toBe(postgres(s))
      })
    )
  })
})
