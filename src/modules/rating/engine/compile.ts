/**
 * Compiled rate cards: a version's rows become one digit trie per direction,
 * so finding the longest prefix costs one step per digit of the number
 * (RATING.md §3.4). Compiled objects are immutable and safe to cache by
 * version id (see cache.ts).
 */
import { isRoundingMode, parseScaled, RATE_SCALE } from "./money"
import { compileProfile, type CompiledProfile } from "./time-profile"
import type { CardInput, Direction, RateRowInput, VersionInput } from "./types"

export const DEFAULT_INITIAL_INCREMENT = 60
export const DEFAULT_SUBSEQUENT_INCREMENT = 60
export const MAX_DECIMALS = 8

export interface CompiledRow {
  id: string
  prefix: string
  destination: string | null
  destination_group: string | null
  /** "" = any band */
  band: string
  direction: Direction
  /** per minute, scaled by 10^RATE_SCALE */
  rate: bigint
  /** scaled by 10^RATE_SCALE */
  connect_fee: bigint
  /** scaled by 10^RATE_SCALE */
  per_call: bigint
  rate_str: string
  connect_fee_str: string
  per_call_str: string
  initial_increment: number
  subsequent_increment: number
  grace: number
}

export interface CompiledVersion {
  id: string
  number: number
  effective_from_ms: number
  /** null = open-ended */
  effective_to_ms: number | null
  /** number of rows */
  size: number
  /** the rows, in deck order */
  rows: readonly CompiledRow[]
  /** the row for the longest matching prefix (RATING.md §3.4), or null */
  lookup(number: string, direction: Direction, band: string): CompiledRow | null
}

export interface CompiledCard {
  card: CardInput
  profile: CompiledProfile | null
  /** newest effective_from first */
  versions: CompiledVersion[]
  /** the version whose [effective_from, effective_to) contains `ms`, or null */
  versionAt(ms: number): CompiledVersion | null
}

/**
 * Epoch milliseconds of a Date, an ISO string or epoch ms; throws when invalid.
 *
 * @example
 * toEpochMs("2026-01-01T00:00:00Z") // 1767225600000
 */
export function toEpochMs(v: Date | string | number, what = "date"): number {
  const ms = v instanceof Date ? v.getTime() : typeof v === "number" ? v : typeof v === "string" ? Date.parse(v) : NaN
  if (!Number.isFinite(ms)) throw new Error(`${what}: ${String(v)} is not a valid date`)
  return ms
}

function isDigits(s: string): boolean {
  if (s.length === 0) return false
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 48 || c > 57) return false
  }
  return true
}

// Build-time node layout: 12 Int32 per node, [0..9] children (0 = none; the
// root is node 0 and never a child), [10] band-less row (-1 = none), [11]
// index of the node's band-specific rows in `banded` (-1 = none).
const BUILD_NODE = 12

// Frozen layout, for lookups: 4 Int32 (16 bytes) per node, the children of
// a node consecutive and in digit order:
//   [0] child bitmap (bit d = has child d) | number of band-specific rows << 10
//   [1] id of the first child
//   [2] band-less row (-1 = none)
//   [3] start of the node's (band id, row) pairs in `pairs`
// A walk step reads one 16-byte record; the child of digit d is
// first child + popcount(bitmap below d). Small records keep a
// 50,000-prefix deck's trie within a couple of MB, so a lookup misses the CPU
// caches far less than with 10 pointers per node.
const REC = 4
const POPCOUNT = new Uint8Array(1024)
for (let i = 1; i < 1024; i++) POPCOUNT[i] = (i & 1) + POPCOUNT[i >> 1]

/** Digit trie over the prefixes of one direction, frozen into a flat Int32Array. */
class PrefixTrie {
  private build: Int32Array | null
  private count = 1
  private banded: Array<Array<[number, number]>> = []
  private recs = new Int32Array(REC)
  private pairs = new Int32Array(0)

  constructor(expectedNodes: number) {
    this.build = PrefixTrie.alloc(Math.max(16, expectedNodes))
  }

  private static alloc(n: number): Int32Array {
    const a = new Int32Array(n * BUILD_NODE)
    for (let i = 0; i < n; i++) {
      a[i * BUILD_NODE + 10] = -1
      a[i * BUILD_NODE + 11] = -1
    }
    return a
  }

  /** Adds one prefix with its band-less row (or -1) and band-specific rows. */
  add(prefix: string, anyRow: number, banded: Array<[number, number]>): void {
    let b = this.build as Int32Array
    let node = 0
    for (let i = 0; i < prefix.length; i++) {
      const k = node * BUILD_NODE + (prefix.charCodeAt(i) - 48)
      let next = b[k]
      if (next === 0) {
        if (this.count * BUILD_NODE === b.length) {
          const grown = PrefixTrie.alloc(this.count * 2)
          grown.set(b)
          this.build = b = grown
        }
        next = this.count++
        b[k] = next
      }
      node = next
    }
    b[node * BUILD_NODE + 10] = anyRow
    if (banded.length > 0) {
      b[node * BUILD_NODE + 11] = this.banded.length
      this.banded.push(banded)
    }
  }

  freeze(): void {
    const b = this.build as Int32Array
    const n = this.count
    const recs = new Int32Array(n * REC)
    const pairs: number[] = []
    // Ids are given depth-first by sibling group: visiting a node allocates
    // its children consecutively, then visits them in digit order. A node's
    // subtree then follows it closely, so the deep end of a walk stays within
    // a few cache lines and one page.
    const srcOf = new Int32Array(n) // frozen id → build node
    const stack: number[] = [0]
    let next = 1
    while (stack.length > 0) {
      const id = stack.pop() as number
      const src = srcOf[id] * BUILD_NODE
      let bitmap = 0
      const first = next
      for (let d = 0; d < 10; d++) {
        const child = b[src + d]
        if (child !== 0) {
          bitmap |= 1 << d
          srcOf[next++] = child
        }
      }
      for (let c = next - 1; c >= first; c--) stack.push(c)
      const bandedAt = b[src + 11]
      const list = bandedAt >= 0 ? this.banded[bandedAt] : []
      recs[id * REC] = bitmap | (list.length << 10)
      recs[id * REC + 1] = first
      recs[id * REC + 2] = b[src + 10]
      recs[id * REC + 3] = pairs.length
      for (const [band, row] of list) pairs.push(band, row)
    }
    this.recs = recs
    this.pairs = Int32Array.from(pairs)
    this.build = null
    this.banded = []
  }

  /** Number of trie nodes. */
  get size(): number {
    return this.count
  }

  /** Row index of the longest prefix of `number` with a row for `bandId` or band-less; -1 if none. */
  find(number: string, bandId: number): number {
    const recs = this.recs
    const len = number.length
    let base = 0
    let best = -1
    for (let i = 0; i < len; i++) {
      const d = number.charCodeAt(i) - 48
      if (d < 0 || d > 9) break
      const info = recs[base]
      const bit = 1 << d
      if ((info & bit) === 0) break
      base = (recs[base + 1] + POPCOUNT[info & (bit - 1)]) * REC
      const next = recs[base]
      if (next >= 1024 && bandId >= 0) {
        const pairs = this.pairs
        let k = recs[base + 3]
        const end = k + 2 * (next >>> 10)
        let found = -1
        for (; k < end; k += 2) {
          if (pairs[k] === bandId) {
            found = pairs[k + 1]
            break
          }
        }
        if (found >= 0) {
          best = found
          continue
        }
      }
      const any = recs[base + 2]
      if (any >= 0) best = any
    }
    return best
  }
}

class CompiledVersionImpl implements CompiledVersion {
  readonly id: string
  readonly number: number
  readonly effective_from_ms: number
  readonly effective_to_ms: number | null
  readonly size: number
  readonly rows: readonly CompiledRow[]
  private readonly bandIds: Map<string, number>
  // Band names by id: a version has a handful, a scan beats a Map lookup.
  private readonly bandNames: string[]
  private readonly outbound: PrefixTrie
  private readonly inbound: PrefixTrie

  constructor(
    version: VersionInput,
    rows: CompiledRow[],
    bandIds: Map<string, number>,
    outbound: PrefixTrie,
    inbound: PrefixTrie
  ) {
    this.id = version.id
    this.number = version.number
    this.effective_from_ms = toEpochMs(version.effective_from, `version ${version.id} effective_from`)
    this.effective_to_ms =
      version.effective_to === null || version.effective_to === undefined
        ? null
        : toEpochMs(version.effective_to, `version ${version.id} effective_to`)
    this.size = rows.length
    this.rows = rows
    this.bandIds = bandIds
    this.bandNames = [...bandIds.keys()]
    this.outbound = outbound
    this.inbound = inbound
  }

  lookup(number: string, direction: Direction, band: string): CompiledRow | null {
    let bandId = -1
    const names = this.bandNames
    if (names.length <= 8) {
      for (let i = 0; i < names.length; i++) {
        if (names[i] === band) {
          bandId = i
          break
        }
      }
    } else {
      const b = this.bandIds.get(band)
      if (b !== undefined) bandId = b
    }
    const trie = direction === "inbound" ? this.inbound : this.outbound
    const r = trie.find(number, bandId)
    return r < 0 ? null : this.rows[r]
  }
}

function wholeNumber(v: number | null | undefined, dflt: number, min: number, where: string): number {
  if (v === null || v === undefined) return dflt
  if (typeof v !== "number" || !Number.isInteger(v) || v < min) {
    throw new Error(`${where}: ${String(v)} must be a whole number ≥ ${min}`)
  }
  return v
}

// One shared zero: rows without fees point at it, so checking a fee for zero
// in the hot path reads a cache line that is always warm.
const ZERO = 0n

// numeric::text from Postgres may carry zeros past the rate scale ("0.02000000"):
// the value is still exact at the scale, so only non-zero extra digits are errors.
function dropExtraZeros(v: string): string {
  const t = v.trim()
  const dot = t.indexOf(".")
  if (dot < 0 || t.length - dot - 1 <= RATE_SCALE) return t
  let end = t.length
  while (end > dot + 1 + RATE_SCALE && t.charCodeAt(end - 1) === 48) end--
  return t.slice(0, end)
}

function money(v: string | null | undefined, where: string): [bigint, string] {
  if (v === null || v === undefined || (typeof v === "string" && v.trim() === "")) return [ZERO, "0"]
  if (typeof v !== "string") throw new Error(`${where}: ${String(v)} must be a decimal string, not a ${typeof v}`)
  const text = dropExtraZeros(v)
  let scaled: bigint
  try {
    scaled = parseScaled(text, RATE_SCALE)
  } catch (e) {
    throw new Error(`${where}: ${(e as Error).message} (at most ${RATE_SCALE} decimals)`)
  }
  if (scaled < 0n) throw new Error(`${where}: "${v}" must be ≥ 0`)
  return [scaled === 0n ? ZERO : scaled, text]
}

/**
 * Compiles one version of a card (FORMATS.md `rates.csv` rows) into prefix
 * tries. Fills the defaults (connect_fee 0, per_call 0, increments 60/60,
 * grace 0, direction outbound, band any) and throws on an invalid row or a
 * duplicate (prefix, band, direction).
 *
 * @example
 * const v = compileVersion(
 *   { id: "rver_1", number: 1, effective_from: new Date("2026-01-01T00:00:00Z"), effective_to: null },
 *   [{ id: "1", prefix: "44", rate: "0.0200" }, { id: "2", prefix: "447", rate: "0.0500" }]
 * )
 * v.lookup("447700900123", "outbound", "default")?.prefix // "447"
 */
export function compileVersion(version: VersionInput, rows: RateRowInput[]): CompiledVersion {
  const compiled: CompiledRow[] = new Array(rows.length)
  const bandIds = new Map<string, number>()
  const seen = new Set<string>()
  // per direction: prefix → [band-less row, [bandId, row][]]
  const groups: Record<Direction, Map<string, { any: number; banded: Array<[number, number]> }>> = {
    outbound: new Map(),
    inbound: new Map(),
  }
  let nodeEstimate = 1
  for (let i = 0; i < rows.length; i++) {
    const input = rows[i]
    const id = input.id !== undefined && input.id !== null && input.id !== "" ? String(input.id) : String(i + 1)
    const where = `version ${version.id}, row ${id}`
    const prefix = typeof input.prefix === "string" ? input.prefix.trim() : ""
    if (!isDigits(prefix) || prefix.length > 20) {
      throw new Error(`${where}: prefix "${String(input.prefix)}" must be 1–20 digits`)
    }
    const direction: Direction = input.direction === null || input.direction === undefined ? "outbound" : input.direction
    if (direction !== "outbound" && direction !== "inbound") {
      throw new Error(`${where}: direction "${String(input.direction)}" must be outbound or inbound`)
    }
    const band = input.band === null || input.band === undefined ? "" : input.band.trim()
    const key = `${prefix}\u0000${band}\u0000${direction}`
    if (seen.has(key)) {
      throw new Error(
        `${where}: duplicate row for prefix ${prefix}, band ${band === "" ? "(any)" : band}, direction ${direction}`
      )
    }
    seen.add(key)
    if (typeof input.rate !== "string" || input.rate.trim() === "") throw new Error(`${where}: rate is required`)
    const [rate, rateStr] = money(input.rate, `${where}, rate`)
    const [connect, connectStr] = money(input.connect_fee, `${where}, connect_fee`)
    const [perCall, perCallStr] = money(input.per_call, `${where}, per_call`)
    compiled[i] = {
      id,
      prefix,
      destination: input.destination ?? null,
      destination_group: input.destination_group ?? null,
      band,
      direction,
      rate,
      connect_fee: connect,
      per_call: perCall,
      rate_str: rateStr,
      connect_fee_str: connectStr,
      per_call_str: perCallStr,
      initial_increment: wholeNumber(input.initial_increment, DEFAULT_INITIAL_INCREMENT, 1, `${where}, initial_increment`),
      subsequent_increment: wholeNumber(
        input.subsequent_increment,
        DEFAULT_SUBSEQUENT_INCREMENT,
        1,
        `${where}, subsequent_increment`
      ),
      grace: wholeNumber(input.grace, 0, 0, `${where}, grace`),
    }
    let g = groups[direction].get(prefix)
    if (g === undefined) {
      g = { any: -1, banded: [] }
      groups[direction].set(prefix, g)
      nodeEstimate += prefix.length
    }
    if (band === "") {
      g.any = i
    } else {
      let b = bandIds.get(band)
      if (b === undefined) {
        b = bandIds.size
        bandIds.set(band, b)
      }
      g.banded.push([b, i])
    }
  }
  const tries = {} as Record<Direction, PrefixTrie>
  for (const dir of ["outbound", "inbound"] as Direction[]) {
    const trie = new PrefixTrie(groups[dir].size === 0 ? 1 : Math.min(nodeEstimate, 1 << 22))
    for (const [prefix, g] of groups[dir]) trie.add(prefix, g.any, g.banded)
    trie.freeze()
    tries[dir] = trie
  }
  return new CompiledVersionImpl(version, compiled, bandIds, tries.outbound, tries.inbound)
}

class CompiledCardImpl implements CompiledCard {
  readonly card: CardInput
  readonly profile: CompiledProfile | null
  readonly versions: CompiledVersion[]
  private last: CompiledVersion | null = null
  // With no overlapping versions the last hit can be reused without a scan.
  private readonly disjoint: boolean

  constructor(card: CardInput, profile: CompiledProfile | null, versions: CompiledVersion[]) {
    this.card = card
    this.profile = profile
    this.versions = versions
    let disjoint = true
    for (let i = 0; i + 1 < versions.length; i++) {
      const older = versions[i + 1]
      if (older.effective_to_ms === null || older.effective_to_ms > versions[i].effective_from_ms) disjoint = false
    }
    this.disjoint = disjoint
  }

  versionAt(ms: number): CompiledVersion | null {
    const last = this.last
    if (
      last !== null &&
      ms >= last.effective_from_ms &&
      (last.effective_to_ms === null || ms < last.effective_to_ms) &&
      this.disjoint
    ) {
      return last
    }
    const vs = this.versions
    for (let i = 0; i < vs.length; i++) {
      const v = vs[i]
      if (ms >= v.effective_from_ms && (v.effective_to_ms === null || ms < v.effective_to_ms)) {
        this.last = v
        return v
      }
    }
    return null
  }
}

/**
 * Compiles a card with its versions. A version applies on
 * [effective_from, effective_to); if versions overlap, the one with the
 * latest effective_from (then the highest number) wins. Throws on invalid
 * card settings (decimals 0–8, rounding, direction) or an invalid profile.
 *
 * @example
 * const card = compileCard(
 *   { id: "rcard_1", name: "Retail", kind: "sell", currency: "GBP", decimals: 4, rounding: "half_up", direction: "outbound" },
 *   [v1, v2]
 * )
 * card.versionAt(Date.parse("2026-02-01T00:00:00Z"))?.number // the version in force then
 */
export function compileCard(card: CardInput, versions: CompiledVersion[]): CompiledCard {
  const where = `card ${card.name ?? card.id}`
  if (!Number.isInteger(card.decimals) || card.decimals < 0 || card.decimals > MAX_DECIMALS) {
    throw new Error(`${where}: decimals ${String(card.decimals)} must be a whole number 0–${MAX_DECIMALS}`)
  }
  if (!isRoundingMode(card.rounding)) {
    throw new Error(`${where}: rounding "${String(card.rounding)}" must be half_up, up, down or half_even`)
  }
  if (card.direction !== "outbound" && card.direction !== "inbound" && card.direction !== "both") {
    throw new Error(`${where}: direction "${String(card.direction)}" must be outbound, inbound or both`)
  }
  let profile: CompiledProfile | null
  try {
    profile = compileProfile(card.time_profile)
  } catch (e) {
    throw new Error(`${where}: ${(e as Error).message}`)
  }
  const sorted = [...versions].sort(
    (a, b) => b.effective_from_ms - a.effective_from_ms || b.number - a.number
  )
  return new CompiledCardImpl(card, profile, sorted)
}
