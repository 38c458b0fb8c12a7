/**
 * LRU cache of compiled versions, keyed by version id. Published versions
 * never change (DESIGN.md, immutable history), so an id always compiles to
 * the same thing; invalidate only when a draft is edited or deleted.
 */
import type { CompiledVersion } from "./compile"

export class CompiledVersionCache {
  private readonly maxEntries: number
  // A Map iterates in insertion order: the first key is the least recently used.
  private readonly entries = new Map<string, CompiledVersion>()

  /**
   * @example
   * const cache = new CompiledVersionCache(64)
   */
  constructor(maxEntries = 64) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) {
      throw new Error(`CompiledVersionCache: maxEntries ${String(maxEntries)} must be a whole number ≥ 1`)
    }
    this.maxEntries = maxEntries
  }

  /** Number of cached versions. */
  get size(): number {
    return this.entries.size
  }

  /**
   * The cached version, marked as most recently used; undefined if absent.
   *
   * @example
   * cache.get("rver_01")
   */
  get(id: string): CompiledVersion | undefined {
    const v = this.entries.get(id)
    if (v !== undefined) {
      this.entries.delete(id)
      this.entries.set(id, v)
    }
    return v
  }

  /**
   * Stores a version, evicting the least recently used beyond `maxEntries`.
   *
   * @example
   * cache.set("rver_01", compileVersion(version, rows))
   */
  set(id: string, v: CompiledVersion): void {
    this.entries.delete(id)
    this.entries.set(id, v)
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string
      this.entries.delete(oldest)
    }
  }

  /**
   * The cached version, or `build()`'s result, cached. A throwing build caches nothing.
   *
   * @example
   * const v = cache.getOrCompile(version.id, () => compileVersion(version, rows))
   */
  getOrCompile(id: string, build: () => CompiledVersion): CompiledVersion {
    const hit = this.get(id)
    if (hit !== undefined) return hit
    const v = build()
    this.set(id, v)
    return v
  }

  /**
   * Drops one version (e.g. after its draft rows changed).
   *
   * @example
   * cache.invalidate("rver_01")
   */
  invalidate(id: string): void {
    this.entries.delete(id)
  }

  /**
   * Drops everything.
   *
   * @example
   * cache.clear()
   */
  clear(): void {
    this.entries.clear()
  }
}
