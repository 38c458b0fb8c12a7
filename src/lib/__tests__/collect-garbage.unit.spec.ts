import fs from "fs"
import os from "os"
import path from "path"
import { getHeapStatistics } from "v8"
import { runInNewContext } from "vm"
import { collectGarbage, COMPACT_BEFORE_BYTES, compactBeforeImport } from "../collect-garbage"

describe("compactBeforeImport", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cb-gc-"))
  const small = path.join(dir, "small.csv")
  const large = path.join(dir, "large.csv")
  beforeAll(() => {
    fs.writeFileSync(small, "call_id,account\n")
    // sparse: the size counts, not the bytes on disk
    fs.closeSync(fs.openSync(large, "w"))
    fs.truncateSync(large, COMPACT_BEFORE_BYTES)
  })
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  it("collects the heap's garbage before a large file, not before a small or missing one", () => {
    const t = 10_000_000
    expect(compactBeforeImport(small, t)).toBe(false)
    expect(compactBeforeImport(path.join(dir, "missing.csv"), t)).toBe(false)

    // ~40 MB of objects that outlive young-generation collections, then unreachable
    let garbage: Array<{ n: number; s: string }> | null = Array.from({ length: 400_000 }, (_, n) => ({ n, s: `row ${n} `.repeat(8) }))
    const held = getHeapStatistics().used_heap_size
    expect(garbage.length).toBe(400_000)
    garbage = null
    expect(compactBeforeImport(large, t)).toBe(true)
    const after = getHeapStatistics().used_heap_size
    expect(held - after).toBeGreaterThan(20 << 20)
  })

  it("runs at most once a minute, however many large imports start", () => {
    const t = 20_000_000
    expect(compactBeforeImport(large, t)).toBe(true)
    expect(compactBeforeImport(large, t + 30_000)).toBe(false)
    expect(compactBeforeImport(large, t + 61_000)).toBe(true)
  })

  it("leaves the flag unset: contexts made after a collection (a test runner's next file, say) get no gc", () => {
    expect(collectGarbage()).toBe(true)
    expect(runInNewContext("typeof gc")).toBe("undefined")
  })
})
