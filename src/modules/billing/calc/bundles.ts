/**
 * Minute bundles (BILLING.md §3, RATING.md §6): included minutes consumed
 * call by call in answer-time then call-id order.
 *
 * A call fully inside a bundle costs 0 for its minutes; a call crossing the
 * end of the bundles pays `rate × uncovered_seconds / 60` (no new increment);
 * connect and per-call fees are never covered. The consumer keeps only
 * per-bundle and per-group totals — a million calls stream through it in
 * constant memory — and money inside is scaled BigInt (× 60, so the
 * division by 60 happens once, in `result()`).
 */
import { BillingCalcError } from "./errors"
import { Dec, isDecimalString, str, wholeCount } from "./decimal"
import type {
  BundleCall,
  BundleCallResult,
  BundleConsumerState,
  BundleResult,
  DecimalString,
  Direction,
  MinuteBundle,
} from "./types"

/**
 * Decimals of the internal fixed-point money (inputs may carry at most this
 * many): 20 holds a 6-decimal rate or an 8-decimal charge converted at a
 * 10-decimal FX rate exactly.
 */
const SCALE = 20
const SCALE_POW = 10n ** BigInt(SCALE)

function scaled(value: unknown, field: string): bigint {
  if (!isDecimalString(value)) throw new BillingCalcError(`${field}: "${String(value)}" is not a decimal string`)
  const t = value.trim()
  const neg = t.startsWith("-")
  const body = neg ? t.slice(1) : t
  const dot = body.indexOf(".")
  const int = dot < 0 ? body : body.slice(0, dot)
  const frac = dot < 0 ? "" : body.slice(dot + 1)
  if (frac.length > SCALE) throw new BillingCalcError(`${field}: ${value} has more than ${SCALE} decimals`)
  const v = BigInt((int || "0") + frac.padEnd(SCALE, "0"))
  return neg ? -v : v
}

function unscaled(v: bigint): Dec {
  return new Dec(v.toString()).div(SCALE_POW.toString())
}

type Group = { direction: Direction; destination_group: string | null; covered: number; removed60: bigint }

type BundleState = {
  def: MinuteBundle
  included: number
  used: number
  groups: Map<string, Group>
  directions: Direction | null
  dests: Set<string> | null
}

const groupKey = (direction: Direction, group: string | null): string =>
  group === null ? `${direction}|` : `${direction}|=${group}`

function checkDirection(d: unknown, field: string): Direction {
  if (d !== "outbound" && d !== "inbound") throw new BillingCalcError(`${field}: "${String(d)}" is not outbound or inbound`)
  return d
}

/**
 * Included seconds of a bundle: `included_minutes × 60`, which must be whole.
 *
 * @example
 * includedSeconds({ code: "b", name: "B", included_minutes: "1000" }) // 60000
 * includedSeconds({ code: "b", name: "B", included_minutes: "0.5" })  // 30
 */
export function includedSeconds(bundle: MinuteBundle): number {
  if (!isDecimalString(bundle.included_minutes)) {
    throw new BillingCalcError(`bundle ${bundle.code}: included_minutes "${String(bundle.included_minutes)}" is not a decimal string`)
  }
  const s = new Dec(bundle.included_minutes).mul(60)
  if (!s.isInteger() || s.isNegative() || s.gt(Number.MAX_SAFE_INTEGER)) {
    throw new BillingCalcError(`bundle ${bundle.code}: included_minutes ${bundle.included_minutes} is not a whole number of seconds ≥ 0`)
  }
  return s.toNumber()
}

/**
 * Consumes a plan's minute bundles with a stream of rated calls.
 *
 * Calls must arrive in answer-time, then call-id order. A call goes to the
 * most specific bundle that covers it first (destination groups and
 * direction, then destination groups, then direction, then none; ties in the
 * order given) and may run on into the next. A call with rate 0 consumes
 * nothing: there is no per-minute charge to cover.
 *
 * @example
 * const c = new BundleConsumer([{ code: "uk", name: "UK 100", included_minutes: "100" }])
 * c.add({ direction: "outbound", destination_group: "uk", rated_seconds: 120,
 *         rate: "0.02", fixed_fees: "0.01", charge: "0.05" }) // { covered_seconds: 120, … }
 * c.result()[0].groups[0].amount_removed // "0.04"
 */
export class BundleConsumer {
  private readonly bundles: BundleState[]
  /** consumption order: indexes into `bundles` */
  private readonly order: number[]

  constructor(bundles: MinuteBundle[], state?: BundleConsumerState | null) {
    if (!Array.isArray(bundles)) throw new BillingCalcError("bundles: an array is needed")
    const codes = new Set<string>()
    this.bundles = bundles.map((b, i) => {
      if (!b || typeof b.code !== "string" || !b.code) throw new BillingCalcError(`bundles[${i}].code: missing`)
      if (codes.has(b.code)) throw new BillingCalcError(`bundles[${i}].code: "${b.code}" appears twice`)
      codes.add(b.code)
      const dests = b.destination_groups && b.destination_groups.length ? new Set(b.destination_groups) : null
      return {
        def: b,
        included: includedSeconds(b),
        used: 0,
        groups: new Map(),
        directions: b.direction == null ? null : checkDirection(b.direction, `bundles[${i}].direction`),
        dests,
      }
    })
    const rank = (b: BundleState) => (b.dests ? 2 : 0) + (b.directions ? 1 : 0)
    this.order = this.bundles.map((_, i) => i).sort((a, b) => rank(this.bundles[b]) - rank(this.bundles[a]) || a - b)
    if (state) this.restore(state)
  }

  /**
   * A consumer that continues from `state()` of an earlier one with the same bundles.
   *
   * @example
   * const next = BundleConsumer.resume(bundles, first.state())
   */
  static resume(bundles: MinuteBundle[], state: BundleConsumerState): BundleConsumer {
    return new BundleConsumer(bundles, state)
  }

  /**
   * Feeds one call; returns how many of its rated seconds the bundles cover.
   *
   * @example
   * consumer.add({ direction: "inbound", destination_group: null, rated_seconds: 60,
   *                rate: "0.01", fixed_fees: "0", charge: "0.0100" })
   */
  add(call: BundleCall): BundleCallResult {
    const direction = checkDirection(call?.direction, "call.direction")
    const rated = wholeCount(call.rated_seconds, "call.rated_seconds")
    const group = call.destination_group ?? null
    if (group !== null && typeof group !== "string") throw new BillingCalcError("call.destination_group: not a string")
    const result: BundleCallResult = { covered_seconds: 0, covered_by: [] }
    if (rated === 0) return result

    let firstCovering: BundleState | null = null
    let rate = 0n
    let left = rated
    for (const i of this.order) {
      const b = this.bundles[i]
      if (b.used >= b.included) continue
      if (b.directions !== null && b.directions !== direction) continue
      if (b.dests !== null && (group === null || !b.dests.has(group))) continue
      if (firstCovering === null) {
        // parse money only for calls a bundle touches: the hot path after exhaustion stays cheap
        rate = scaled(call.rate, "call.rate")
        if (rate < 0n) throw new BillingCalcError(`call.rate: ${call.rate} is negative`)
        if (rate === 0n) return result
      }
      const take = Math.min(left, b.included - b.used)
      b.used += take
      left -= take
      let removed60 = rate * BigInt(take)
      if (firstCovering === null) {
        firstCovering = b
        // the call's own rounding (charge vs fees + rate × rated / 60) goes with its first bundle
        const fees = scaled(call.fixed_fees, "call.fixed_fees")
        const charge = scaled(call.charge, "call.charge")
        removed60 += (charge - fees) * 60n - rate * BigInt(rated)
      }
      const key = groupKey(direction, group)
      let g = b.groups.get(key)
      if (!g) {
        g = { direction, destination_group: group, covered: 0, removed60: 0n }
        b.groups.set(key, g)
      }
      g.covered += take
      g.removed60 += removed60
      result.covered_seconds += take
      result.covered_by.push({ code: b.def.code, seconds: take })
      if (left === 0) break
    }
    return result
  }

  /**
   * Feeds calls in order.
   *
   * @example
   * consumer.addAll(callsOfThisBatch)
   */
  addAll(calls: Iterable<BundleCall>): void {
    for (const c of calls) this.add(c)
  }

  /**
   * Per bundle, in the order given: seconds used and, per usage group, the
   * covered seconds and the amount removed (exact, cut at 20 decimals).
   *
   * @example
   * consumer.result() // [{ code: "uk", included_seconds: 6000, used_seconds: 120, groups: [ … ] }]
   */
  result(): BundleResult[] {
    return this.bundles.map((b) => ({
      code: b.def.code,
      name: b.def.name,
      included_seconds: b.included,
      used_seconds: b.used,
      groups: [...b.groups.values()].map((g) => ({
        direction: g.direction,
        destination_group: g.destination_group,
        covered_seconds: g.covered,
        amount_removed: str(unscaled(g.removed60).div(60).toDecimalPlaces(20)),
      })),
    }))
  }

  /**
   * A JSON-safe snapshot to continue the stream elsewhere (`BundleConsumer.resume`).
   *
   * @example
   * JSON.stringify(consumer.state())
   */
  state(): BundleConsumerState {
    return {
      version: 1,
      bundles: this.bundles.map((b) => ({
        code: b.def.code,
        used_seconds: b.used,
        groups: [...b.groups.values()].map((g) => ({
          direction: g.direction,
          destination_group: g.destination_group,
          covered_seconds: g.covered,
          removed_x60: str(unscaled(g.removed60)),
        })),
      })),
    }
  }

  private restore(state: BundleConsumerState): void {
    if (state.version !== 1 || !Array.isArray(state.bundles)) throw new BillingCalcError("bundle state: unknown version")
    if (state.bundles.length !== this.bundles.length) throw new BillingCalcError("bundle state: other bundles than the consumer's")
    state.bundles.forEach((s, i) => {
      const b = this.bundles[i]
      if (s.code !== b.def.code) throw new BillingCalcError(`bundle state: bundle ${i} is "${s.code}", expected "${b.def.code}"`)
      const used = wholeCount(s.used_seconds, `bundle state ${s.code}.used_seconds`)
      if (used > b.included) throw new BillingCalcError(`bundle state ${s.code}: used ${used} s > included ${b.included} s`)
      b.used = used
      for (const g of s.groups) {
        const direction = checkDirection(g.direction, `bundle state ${s.code}.direction`)
        b.groups.set(groupKey(direction, g.destination_group ?? null), {
          direction,
          destination_group: g.destination_group ?? null,
          covered: wholeCount(g.covered_seconds, `bundle state ${s.code}.covered_seconds`),
          removed60: scaled(g.removed_x60, `bundle state ${s.code}.removed_x60`),
        })
      }
    })
  }
}

/**
 * Σ removed amount and covered seconds per usage group over all bundles
 * (helper for the invoice). Keys are `direction|=group` (`direction|` for null).
 *
 * @example
 * removalsByGroup(consumer.result()).get("outbound|=uk") // { covered_seconds: 120, amount_removed: "0.04" }
 */
export function removalsByGroup(
  results: BundleResult[]
): Map<string, { direction: Direction; destination_group: string | null; covered_seconds: number; amount_removed: DecimalString }> {
  const out = new Map<string, { direction: Direction; destination_group: string | null; covered_seconds: number; amount: Dec }>()
  for (const b of results) {
    for (const g of b.groups) {
      const key = usageGroupKey(g.direction, g.destination_group)
      const cur = out.get(key) ?? { direction: g.direction, destination_group: g.destination_group, covered_seconds: 0, amount: new Dec(0) }
      if (!isDecimalString(g.amount_removed)) throw new BillingCalcError(`bundle ${b.code}: amount_removed "${String(g.amount_removed)}" is not a decimal`)
      cur.covered_seconds += wholeCount(g.covered_seconds, `bundle ${b.code}.covered_seconds`)
      cur.amount = cur.amount.plus(g.amount_removed)
      out.set(key, cur)
    }
  }
  return new Map(
    [...out].map(([k, v]) => [
      k,
      { direction: v.direction, destination_group: v.destination_group, covered_seconds: v.covered_seconds, amount_removed: str(v.amount) },
    ])
  )
}

/**
 * The key a usage group is matched by: direction and destination group (null distinct from "").
 *
 * @example
 * usageGroupKey("outbound", "uk") // "outbound|=uk"
 * usageGroupKey("inbound", null)  // "inbound|"
 */
export function usageGroupKey(direction: Direction, group: string | null): string {
  return groupKey(direction, group)
}
