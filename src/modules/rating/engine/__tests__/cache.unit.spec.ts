import { CompiledVersionCache } from "../cache"
import { compileVersion, type CompiledVersion } from "../compile"

const make = (id: string): CompiledVersion =>
  compileVersion({ id, number: 1, effective_from: new Date("2026-01-01T00:00:00Z"), effective_to: null }, [{ prefix: "44", rate: "0.01" }])

describe("CompiledVersionCache", () => {
  it("evicts the least recently used version beyond its size", () => {
    const cache = new CompiledVersionCache(2)
    const a = make("a")
    cache.set("a", a)
    cache.set("b", make("b"))
    expect(cache.get("a")).toBe(a) // a is now the most recent
    cache.set("c", make("c"))
    expect(cache.size).toBe(2)
    expect(cache.get("b")).toBeUndefined()
    expect(cache.get("a")).toBe(a)
    expect(cache.get("c")?.id).toBe("c")
  })

  it("compiles once per id with getOrCompile, and not at all when the build throws", () => {
    const cache = new CompiledVersionCache()
    const build = jest.fn(() => make("v"))
    const first = cache.getOrCompile("v", build)
    expect(cache.getOrCompile("v", build)).toBe(first)
    expect(build).toHaveBeenCalledTimes(1)
    expect(() =>
      cache.getOrCompile("bad", () => {
        throw new Error("duplicate row")
      })
    ).toThrow("duplicate row")
    expect(cache.get("bad")).toBeUndefined()
    expect(cache.size).toBe(1)
  })

  it("forgets one version on invalidate and everything on clear", () => {
    const cache = new CompiledVersionCache(8)
    cache.set("a", make("a"))
    cache.set("b", make("b"))
    cache.invalidate("a")
    expect(cache.get("a")).toBeUndefined()
    expect(cache.size).toBe(1)
    const rebuilt = cache.getOrCompile("a", () => make("a"))
    expect(cache.get("a")).toBe(rebuilt)
    cache.clear()
    expect(cache.size).toBe(0)
  })

  it("refuses a size below 1", () => {
    expect(() => new CompiledVersionCache(0)).toThrow(/maxEntries 0/)
  })
})
