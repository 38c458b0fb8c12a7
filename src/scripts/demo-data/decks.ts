/**
 * Builds the demo's rate decks (FORMATS.md "Rate deck") from destinations.ts.
 * Pure and deterministic: the same decks, byte for byte, on every run, so a
 * second seed recognises them by their checksum.
 */
import { COST_SCALE, hash32, mulDivHalfUp, SELL_SCALE, toDecimal } from "./money"
import { serializeDeck } from "../../modules/rating/engine/deck"
import { Range, RangeKind, Region, WORLD } from "./destinations"

export type Direction = "outbound" | "inbound"

/** One deck line with its money as integers of 10^-scale. */
export interface PricedRow {
  prefix: string
  destination: string
  destination_group: string
  iso: string
  region: Region
  kind: RangeKind
  /** per minute */
  rate: number
  connect_fee: number
  per_call: number
  scale: number
  increments: [number, number]
  band: string
  direction: Direction
}

/** UK-BUSINESS bands and their share of the peak price, in percent. */
export const BAND_SHARES: Array<[band: string, percent: number]> = [
  ["peak", 100],
  ["offpeak", 75],
  ["weekend", 50],
]

const DEFAULT_INCREMENTS: [number, number] = [60, 60]

function rowsOf(range: Range, rate: number, band: string): PricedRow[] {
  return range.prefixes.map((prefix) => ({
    prefix,
    destination: range.destination,
    destination_group: range.destination_group,
    iso: range.iso,
    region: range.region,
    kind: range.kind,
    rate:
      range.vary && hash32(prefix) % 4 === 0
        ? mulDivHalfUp(rate, 105, 100) // operator surcharge on some blocks
        : rate,
    connect_fee: range.connect_fee ?? 0,
    per_call: 0,
    scale: SELL_SCALE,
    increments: range.increments ?? DEFAULT_INCREMENTS,
    band,
    direction: "outbound",
  }))
}

/**
 * RETAIL-2026: every range of the world; UK, Ireland, Germany and France
 * per peak/offpeak/weekend band, the rest band-less.
 */
export function retailRows(): PricedRow[] {
  const rows: PricedRow[] = []
  for (const range of WORLD) {
    if (range.banded) {
      for (const [band, percent] of BAND_SHARES) {
        rows.push(...rowsOf(range, mulDivHalfUp(range.rate, percent, 100), band))
      }
    } else {
      rows.push(...rowsOf(range, range.rate, ""))
    }
  }
  return assertUnique(rows, "RETAIL-2026")
}

/**
 * One row per prefix with its peak (or only) price and no band: the view a
 * band-less card or a carrier takes of a banded deck.
 */
export function flatten(rows: PricedRow[]): PricedRow[] {
  const byPrefix = new Map<string, PricedRow>()
  for (const r of rows) {
    const seen = byPrefix.get(r.prefix)
    if (!seen || r.rate > seen.rate) {
      byPrefix.set(r.prefix, { ...r, band: "" })
    }
  }
  return [...byPrefix.values()]
}

/** Toll-free and shared-cost numbers the call centre answers: it pays per minute for inbound calls to them. */
const TOLL_FREE: Array<{
  prefixes: string[]
  destination: string
  group: string
  iso: string
  rate: number
  connect_fee?: number
  per_call?: number
  increments?: [number, number]
}> = [
  { prefixes: ["44800", "44808"], destination: "United Kingdom - Freephone 0800/0808", group: "UK-FREEPHONE", iso: "GB", rate: 150 },
  { prefixes: ["443"], destination: "United Kingdom - Non-Geographic 03", group: "UK-NONGEO", iso: "GB", rate: 40 },
  { prefixes: ["1800", "1833", "1844", "1855", "1866", "1877", "1888"], destination: "United States / Canada - Toll Free", group: "US-TOLLFREE", iso: "US", rate: 180, increments: [6, 6] },
  { prefixes: ["3531800"], destination: "Ireland - Freephone 1800", group: "IE-FREEPHONE", iso: "IE", rate: 300 },
  { prefixes: ["49800"], destination: "Germany - Freephone 0800", group: "DE-FREEPHONE", iso: "DE", rate: 400 },
  { prefixes: ["33800", "33801", "33802", "33803", "33804", "33805"], destination: "France - Numero Vert", group: "FR-FREEPHONE", iso: "FR", rate: 350 },
  { prefixes: ["34800", "34900"], destination: "Spain - Freephone", group: "ES-FREEPHONE", iso: "ES", rate: 350 },
  { prefixes: ["39800", "39803"], destination: "Italy - Numero Verde", group: "IT-FREEPHONE", iso: "IT", rate: 450 },
  { prefixes: ["31800"], destination: "Netherlands - Freephone 0800", group: "NL-FREEPHONE", iso: "NL", rate: 450 },
  { prefixes: ["32800"], destination: "Belgium - Freephone 0800", group: "BE-FREEPHONE", iso: "BE", rate: 450 },
  { prefixes: ["41800"], destination: "Switzerland - Freephone 0800", group: "CH-FREEPHONE", iso: "CH", rate: 600, connect_fee: 100 },
  { prefixes: ["43800"], destination: "Austria - Freephone 0800", group: "AT-FREEPHONE", iso: "AT", rate: 500 },
  { prefixes: ["46200"], destination: "Sweden - Freephone 020", group: "SE-FREEPHONE", iso: "SE", rate: 400 },
  { prefixes: ["4580"], destination: "Denmark - Freephone 80", group: "DK-FREEPHONE", iso: "DK", rate: 400 },
  { prefixes: ["47800"], destination: "Norway - Freephone 800", group: "NO-FREEPHONE", iso: "NO", rate: 450 },
  { prefixes: ["358800"], destination: "Finland - Freephone 0800", group: "FI-FREEPHONE", iso: "FI", rate: 500 },
  { prefixes: ["48800"], destination: "Poland - Freephone 800", group: "PL-FREEPHONE", iso: "PL", rate: 500 },
  { prefixes: ["611800"], destination: "Australia - Freecall 1800", group: "AU-FREEPHONE", iso: "AU", rate: 450 },
  { prefixes: ["611300"], destination: "Australia - Local Rate 1300", group: "AU-SHAREDCOST", iso: "AU", rate: 250 },
  { prefixes: ["64800", "64508"], destination: "New Zealand - Freephone", group: "NZ-FREEPHONE", iso: "NZ", rate: 450 },
  { prefixes: ["651800"], destination: "Singapore - Toll Free 1800", group: "SG-FREEPHONE", iso: "SG", rate: 500 },
  { prefixes: ["852800"], destination: "Hong Kong - Toll Free 800", group: "HK-FREEPHONE", iso: "HK", rate: 400 },
  { prefixes: ["81120", "81800"], destination: "Japan - Free Dial", group: "JP-FREEPHONE", iso: "JP", rate: 800, per_call: 200 },
  { prefixes: ["55800"], destination: "Brazil - 0800", group: "BR-FREEPHONE", iso: "BR", rate: 900, connect_fee: 200 },
  { prefixes: ["52800"], destination: "Mexico - 800", group: "MX-FREEPHONE", iso: "MX", rate: 700 },
]

/** TOLLFREE-IN: the inbound card, every row `direction` inbound. */
export function tollFreeRows(): PricedRow[] {
  const rows: PricedRow[] = TOLL_FREE.flatMap((t) =>
    t.prefixes.map(
      (prefix): PricedRow => ({
        prefix,
        destination: t.destination,
        destination_group: t.group,
        iso: t.iso,
        region: "UK", // unused: no carrier deck is built from inbound rows
        kind: "special",
        rate: t.rate,
        connect_fee: t.connect_fee ?? 0,
        per_call: t.per_call ?? 0,
        scale: SELL_SCALE,
        increments: t.increments ?? DEFAULT_INCREMENTS,
        band: "",
        direction: "inbound",
      })
    )
  )
  return assertUnique(rows, "TOLLFREE-IN")
}

/**
 * ACME-VIP: the share of the retail (peak) price Acme pays per destination
 * group, any time of day. Kept above the carriers' 69% ceiling so a VIP call
 * still makes a margin (UK mobile 60% of peak is above 69% of weekend).
 */
export const VIP_GROUP_PERCENT: Record<string, number> = {
  "UK-MOBILE": 60,
  US: 75,
  CA: 75,
}

/**
 * ACME-VIP: the override card. An override is tried before the retail card
 * and wins with any match (RATING.md §3.1), so a VIP "447" would also catch
 * 070 personal numbers and Jersey mobiles, and a VIP "1" Jamaica. The card
 * therefore lists its cheaper rows *and* copies, at retail price, every
 * retail row its prefixes would otherwise shadow.
 */
export function vipRows(retail: PricedRow[]): PricedRow[] {
  const vip = flatten(retail)
    .filter((r) => VIP_GROUP_PERCENT[r.destination_group] !== undefined)
    .map((r) => ({ ...r, rate: mulDivHalfUp(r.rate, VIP_GROUP_PERCENT[r.destination_group], 100) }))
  const vipPrefixes = vip.map((r) => r.prefix)
  const shadowed = retail.filter(
    (r) =>
      VIP_GROUP_PERCENT[r.destination_group] === undefined &&
      vipPrefixes.some((p) => r.prefix.startsWith(p))
  )
  return assertUnique([...vip, ...shadowed], "ACME-VIP")
}

export type CarrierCode = "carrier-a" | "carrier-b"

/** Where each carrier has the better termination deal. */
function cheaperCarrier(row: PricedRow): CarrierCode {
  switch (row.region) {
    case "UK":
    case "EUROPE":
      return "carrier-a"
    case "NORTH_AMERICA":
    case "CARIBBEAN":
    case "LATIN_AMERICA":
    case "ASIA_PACIFIC":
      return "carrier-b"
    default:
      return hash32(row.iso) % 2 === 0 ? "carrier-a" : "carrier-b"
  }
}

/** Destinations a carrier does not terminate (least-cost routing then has one choice). */
const NOT_CARRIED: Record<CarrierCode, (r: PricedRow) => boolean> = {
  "carrier-a": (r) => r.iso === "SO" || r.iso === "FK",
  "carrier-b": (r) => r.region === "SATELLITE" || r.iso === "CU",
}

/**
 * A carrier's buy deck over the retail prefixes. Cost per minute is a share
 * of the lowest retail band price of the prefix (50–57% at the cheaper
 * carrier, 60–69% at the other), exact in units of 0.000001; carriers bill
 * per second (carrier-b 6/6 where retail is not 1/1), so a call never costs
 * more than it is sold for.
 */
export function carrierRows(retail: PricedRow[], carrier: CarrierCode): PricedRow[] {
  const lowest = new Map<string, PricedRow>()
  for (const r of retail) {
    const seen = lowest.get(r.prefix)
    if (!seen || r.rate < seen.rate) {
      lowest.set(r.prefix, r)
    }
  }
  const rows: PricedRow[] = []
  for (const r of lowest.values()) {
    if (NOT_CARRIED[carrier](r)) {
      continue
    }
    const spread = hash32(`${carrier}:${r.prefix}`)
    const percent = cheaperCarrier(r) === carrier ? 50 + (spread % 8) : 60 + (spread % 10)
    const perSecond = r.increments[0] === 1 && r.increments[1] === 1
    rows.push({
      ...r,
      // 10^-4 units × percent = 10^-6 units of rate × percent / 100: exact
      rate: r.rate * percent,
      connect_fee: r.connect_fee * 50,
      per_call: 0,
      scale: COST_SCALE,
      increments: carrier === "carrier-a" || perSecond ? [1, 1] : [6, 6],
      band: "",
    })
  }
  return assertUnique(rows, carrier)
}

/** Rest-of-world catch-alls: any number a regional card does not list stays on that card. */
const REST_OF_WORLD_RATE = 20000

/**
 * A smaller band-less card in another currency for a tenant billed in it
 * (RETAIL-USD, RETAIL-AUD): `detail` countries row for row, every other
 * country as one row at its most common price, plus — so the cut never
 * undercharges — every retail row dearer than the row that would otherwise
 * catch its numbers, and catch-alls 1–9 so no call falls through to a card
 * in another currency. Prices are converted at a fixed demo rate
 * `per_gbp` = [numerator, denominator].
 */
export function regionalRows(
  retail: PricedRow[],
  opts: { detail: string[]; per_gbp: [number, number]; card: string }
): PricedRow[] {
  const flat = flatten(retail).sort(
    (a, b) => a.prefix.length - b.prefix.length || a.prefix.localeCompare(b.prefix)
  )
  // US and Canada share +1: one summary row for both
  const keyOf = (r: PricedRow) => (r.iso === "CA" ? "US" : r.iso)

  const chosen = new Map<string, PricedRow>()
  const byKey = new Map<string, PricedRow[]>()
  for (const r of flat) {
    if (opts.detail.includes(r.iso)) {
      chosen.set(r.prefix, r)
      continue
    }
    const list = byKey.get(keyOf(r)) ?? []
    list.push(r)
    byKey.set(keyOf(r), list)
  }
  for (const rows of byKey.values()) {
    const summary = rows[0] // shortest prefix: the country code where it has one
    const counts = new Map<number, number>()
    for (const r of rows) {
      if (r.kind !== "special") {
        counts.set(r.rate, (counts.get(r.rate) ?? 0) + 1)
      }
    }
    let rate = summary.rate
    let best = 0
    for (const [value, n] of counts) {
      if (n > best || (n === best && value > rate)) {
        rate = value
        best = n
      }
    }
    chosen.set(summary.prefix, {
      ...summary,
      rate,
      destination: summary.destination.split(" - ")[0],
      destination_group: keyOf(summary),
    })
  }
  for (let d = 1; d <= 9; d++) {
    if (!chosen.has(String(d))) {
      chosen.set(String(d), {
        ...flat[0],
        prefix: String(d),
        destination: "Rest of World",
        destination_group: "ROW",
        iso: "XX",
        kind: "special",
        rate: REST_OF_WORLD_RATE,
        connect_fee: 0,
        increments: DEFAULT_INCREMENTS,
      })
    }
  }
  // shortest first, so the row that catches a number is already decided
  for (const r of flat) {
    if (chosen.has(r.prefix)) {
      continue
    }
    let catcher: PricedRow | undefined
    for (let len = r.prefix.length - 1; len >= 1 && !catcher; len--) {
      catcher = chosen.get(r.prefix.slice(0, len))
    }
    if (!catcher || catcher.rate < r.rate || catcher.connect_fee < r.connect_fee) {
      chosen.set(r.prefix, r)
    }
  }
  const [num, den] = opts.per_gbp
  const rows = [...chosen.values()]
    .sort((a, b) => a.prefix.localeCompare(b.prefix))
    .map((r) => ({
      ...r,
      rate: mulDivHalfUp(r.rate, num, den),
      connect_fee: mulDivHalfUp(r.connect_fee, num, den),
      per_call: mulDivHalfUp(r.per_call, num, den),
    }))
  return assertUnique(rows, opts.card)
}

/** A deck converted to another currency row for row (the inbound cards of non-GBP tenants). */
export function convertRows(rows: PricedRow[], per_gbp: [number, number]): PricedRow[] {
  const [num, den] = per_gbp
  return rows.map((r) => ({
    ...r,
    rate: mulDivHalfUp(r.rate, num, den),
    connect_fee: mulDivHalfUp(r.connect_fee, num, den),
    per_call: mulDivHalfUp(r.per_call, num, den),
  }))
}

function assertUnique(rows: PricedRow[], card: string): PricedRow[] {
  const seen = new Set<string>()
  for (const r of rows) {
    const key = `${r.prefix}|${r.band}|${r.direction}`
    if (seen.has(key)) {
      throw new Error(`demo deck ${card}: prefix ${r.prefix} band "${r.band}" ${r.direction} is listed twice`)
    }
    if (!/^\d{1,20}$/.test(r.prefix)) {
      throw new Error(`demo deck ${card}: prefix "${r.prefix}" is not 1–20 digits`)
    }
    seen.add(key)
  }
  return rows
}

/**
 * Writes rows as a FORMATS.md rate deck; defaults (no connect fee, 60/60,
 * no band) are left empty as a hand-written deck would.
 *
 * @example
 * toDeckCsv(retailRows()).split("\n")[0] // "prefix,destination,destination_group,rate,…,band,direction"
 */
export function toDeckCsv(rows: PricedRow[]): string {
  return serializeDeck(
    rows.map((r) => {
      const defaultIncrements = r.increments[0] === 60 && r.increments[1] === 60
      return {
        prefix: r.prefix,
        destination: r.destination,
        destination_group: r.destination_group,
        rate: toDecimal(r.rate, r.scale),
        connect_fee: r.connect_fee ? toDecimal(r.connect_fee, r.scale) : null,
        per_call: r.per_call ? toDecimal(r.per_call, r.scale) : null,
        initial_increment: defaultIncrements ? null : r.increments[0],
        subsequent_increment: defaultIncrements ? null : r.increments[1],
        band: r.band,
        direction: r.direction,
      }
    })
  )
}
