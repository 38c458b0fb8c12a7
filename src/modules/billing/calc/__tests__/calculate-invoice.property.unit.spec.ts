/**
 * Properties of calculateInvoice on random invoices: the arithmetic of
 * BILLING.md §4 always holds, and the subscription lines agree with a naive
 * day-by-day computation of what each fee should cost.
 */
import Decimal from "decimal.js"
import fc from "fast-check"
import { BundleConsumer } from "../bundles"
import { calculateInvoice } from "../calculate-invoice"
import { currencyDecimals } from "../money"
import { addDays, daysBetween } from "../periods"
import type {
  BundleCall,
  Direction,
  InvoiceCalculation,
  InvoiceInput,
  InvoiceLineKind,
  PlanComponent,
  PlanInput,
  SubscriptionInput,
  TaxInput,
  UsageGroupInput,
} from "../types"
import { JULY, JUNE } from "./fixtures"

const D = (v: Decimal.Value) => new Decimal(v)
const FEE = new Set(["recurring", "seat", "support", "addon", "white_label"])
const isFee = (c: PlanComponent) => FEE.has(c.type) || (c.type === "bundle" && c.price != null)

const decimalArb = (maxUnits: number, maxScale: number) =>
  fc.tuple(fc.integer({ min: 0, max: maxUnits }), fc.integer({ min: 0, max: maxScale })).map(([u, s]) => D(u).div(D(10).pow(s)).toFixed())
const dayIn = (from: string, span: number) => fc.integer({ min: 0, max: span - 1 }).map((n) => addDays(from, n))

function planArb(code: string): fc.Arbitrary<PlanInput> {
  const fee = (type: "recurring" | "seat" | "support" | "addon" | "white_label", c: string) =>
    fc.record({ price: decimalArb(50000, 3), in_arrears: fc.boolean() }).map(
      (r): PlanComponent => ({ type, code: c, name: `${code} ${c}`, price: r.price, in_arrears: r.in_arrears })
    )
  const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { freq: 2 })
  return fc
    .record({
      base: optional(fee("recurring", "base")),
      seats: optional(fee("seat", "seats")),
      support: optional(fee("support", "support")),
      addon: optional(fee("addon", "addon")),
      wl: optional(fee("white_label", "wl")),
      bundleFee: optional(decimalArb(5000, 2)),
      setup: optional(decimalArb(50000, 2)),
      commitment: optional(
        fc.record({
          amount: decimalArb(100000, 2),
          kinds: fc.option(fc.subarray<InvoiceLineKind>(["usage", "metric", "recurring", "seat", "concurrency"]), { nil: null }),
        })
      ),
      metric: optional(fc.record({ price: decimalArb(1000, 4), included: fc.option(decimalArb(100, 0), { nil: null }) })),
      concurrency: optional(fc.record({ included: fc.integer({ min: 0, max: 10 }), price: decimalArb(3000, 2) })),
      volume: optional(fc.constantFrom<"calls" | "minutes">("calls", "minutes")),
      discount: fc.option(fc.constantFrom("5", "10", "12.5"), { nil: null }),
    })
    .map((r) => {
      const components: PlanComponent[] = []
      for (const c of [r.base, r.seats, r.support, r.addon, r.wl]) if (c) components.push(c)
      if (r.bundleFee !== null) components.push({ type: "bundle", code: "bundle", name: "Bundle", included_minutes: "10", price: r.bundleFee })
      if (r.setup !== null) components.push({ type: "setup", code: "setup", name: "Setup", price: r.setup })
      if (r.commitment) components.push({ type: "commitment", code: "min", name: "Minimum", amount: r.commitment.amount, eligible_kinds: r.commitment.kinds })
      if (r.metric) {
        components.push({ type: "metric", code: "sms", name: "SMS", metric: "sms", pricing: "flat", price: r.metric.price, included_quantity: r.metric.included })
        components.push({
          type: "metric",
          code: "gb",
          name: "Storage",
          metric: "gb",
          pricing: "tiered",
          tiers: [
            { up_to: "10", price: "0" },
            { up_to: null, price: r.metric.price },
          ],
        })
      }
      if (r.concurrency) components.push({ type: "concurrency", code: "ch", name: "Channels", included_channels: r.concurrency.included, price: r.concurrency.price })
      if (r.volume) {
        components.push({
          type: "volume_discount",
          code: "vd",
          name: "Volume",
          basis: r.volume,
          tiers: [
            { up_to: "5", price: "0.05" },
            { up_to: null, price: "0.004" },
          ],
        })
      }
      return { code, name: code.toUpperCase(), term_discount_percent: r.discount, components }
    })
}

const subscriptionArb: fc.Arbitrary<SubscriptionInput> = fc
  .record({
    plan: planArb("new"),
    previous: fc.option(planArb("old"), { freq: 3 }),
    // period edges are where the off-by-one bugs live: give them weight
    start: fc.oneof(fc.constant("2025-01-01"), fc.constantFrom("2025-06-01", "2025-06-16", "2025-07-01"), dayIn("2025-05-20", 50)),
    trial: fc.option(fc.oneof(fc.constantFrom("2025-06-01", "2025-06-16", "2025-07-01"), dayIn("2025-05-15", 60)), { freq: 3 }),
    cancel: fc.option(fc.oneof(fc.constantFrom("2025-06-01", "2025-06-16", "2025-07-01"), dayIn("2025-06-01", 62)), { freq: 3 }),
    setup_billed: fc.boolean(),
    billed: fc.boolean(),
    counts: fc.record({ seats: fc.integer({ min: 0, max: 20 }), addon: fc.integer({ min: 0, max: 5 }) }),
    changes: fc.array(fc.record({ day: fc.integer({ min: 0, max: 29 }), which: fc.nat(), old: fc.boolean(), q: fc.integer({ min: 0, max: 20 }) }), { maxLength: 5 }),
    planChangeDay: fc.integer({ min: 0, max: 29 }),
  })
  .map((r) => {
    const startPlan = r.previous ?? r.plan
    const quantities: Record<string, string> = {}
    for (const c of startPlan.components) {
      if (c.type === "seat") quantities[c.code] = String(r.counts.seats)
      if (c.type === "addon") quantities[c.code] = String(r.counts.addon)
    }
    const changes: SubscriptionInput["changes"] = []
    for (const ch of r.changes) {
      const plan = ch.old && r.previous ? r.previous : r.plan
      const fees = plan.components.filter(isFee)
      if (!fees.length) continue
      const comp = fees[ch.which % fees.length]
      changes.push({ date: addDays(JUNE.start, ch.day), plan_code: plan.code, component_code: comp.code, quantity_before: null, quantity_after: String(ch.q) })
    }
    if (r.previous) {
      const date = addDays(JUNE.start, r.planChangeDay)
      for (const c of r.previous.components) changes.push({ date, plan_code: "old", component_code: c.code, quantity_before: null, quantity_after: "0" })
      for (const c of r.plan.components) {
        changes.push({ date, plan_code: "new", component_code: c.code, quantity_before: "0", quantity_after: c.type === "seat" ? "4" : "1" })
      }
    }
    return {
      plan: r.plan,
      previous_plans: r.previous ? [r.previous] : null,
      start_date: r.start,
      trial_end: r.trial,
      cancel_at: r.cancel,
      setup_billed: r.setup_billed,
      billed_in_advance_for_period: r.billed,
      quantities_at_start: quantities,
      changes,
    }
  })

const callArb: fc.Arbitrary<BundleCall> = fc
  .record({
    direction: fc.constantFrom<Direction>("outbound", "inbound"),
    group: fc.constantFrom("uk", "fr", null),
    seconds: fc.integer({ min: 0, max: 600 }),
    rate: fc.integer({ min: 0, max: 90000 }),
    fees: fc.integer({ min: 0, max: 900 }),
  })
  .map((r) => {
    const rate = D(r.rate).div(1e6)
    const fees = D(r.fees).div(1e4)
    return {
      direction: r.direction,
      destination_group: r.group,
      rated_seconds: r.seconds,
      rate: rate.toFixed(),
      fixed_fees: fees.toFixed(),
      charge: rate.mul(r.seconds).div(60).plus(fees).toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toFixed(4),
    }
  })

const taxArb: fc.Arbitrary<TaxInput | null> = fc.option(
  fc.record({
    rates: fc.array(fc.constantFrom("0.09", "0.2", "0.075", "0.05", "0", "0.175"), { maxLength: 3 }),
    inclusive: fc.boolean(),
    exempt: fc.boolean(),
    reverse: fc.boolean(),
    special: fc.integer({ min: 0, max: 4 }),
    surcharges: fc.array(
      fc.oneof(
        fc.record({ percent: decimalArb(500, 2), taxable: fc.boolean() }).map((s) => ({ ...s, per_minute: null })),
        fc.record({ per_minute: decimalArb(100, 4), taxable: fc.boolean() }).map((s) => ({ ...s, percent: null }))
      ),
      { maxLength: 2 }
    ),
  }).map((r) => ({
    components: r.rates.map((rate, i) => ({ code: `t${i}`, name: `Tax ${i}`, rate })),
    inclusive: r.inclusive,
    exempt: r.special === 0 && r.exempt,
    reverse_charge: r.special === 1 && r.reverse,
    note: null,
    surcharges: r.surcharges.map((s, i) => ({ code: `s${i}`, name: `Surcharge ${i}`, ...s })),
  })),
  { freq: 4 }
)

const inputArb: fc.Arbitrary<InvoiceInput> = fc
  .record({
    currency: fc.constantFrom("USD", "JPY", "BHD"),
    sub: fc.option(subscriptionArb, { freq: 5 }),
    calls: fc.array(callArb, { maxLength: 25 }),
    bundles: fc.boolean(),
    metrics: fc.array(fc.record({ metric: fc.constantFrom("sms", "gb", "fax"), quantity: decimalArb(5000, 1) }), { maxLength: 4 }),
    peak: fc.option(fc.integer({ min: 0, max: 30 }), { nil: null }),
    tax: taxArb,
    floor: decimalArb(5000, 2),
    carried: fc.integer({ min: 0, max: 3000 }),
    credit: fc.integer({ min: 0, max: 500000 }),
  })
  .map((r) => {
    const dp = currencyDecimals(r.currency)
    const consumer = new BundleConsumer([
      { code: "uk", name: "UK", included_minutes: "5", destination_groups: ["uk"] },
      { code: "all", name: "All", included_minutes: "3" },
    ])
    const groups = new Map<string, UsageGroupInput>()
    for (const c of r.calls) {
      const key = `${c.direction}/${c.destination_group}`
      const g = groups.get(key) ?? { direction: c.direction, destination_group: c.destination_group, calls: 0, rated_seconds: 0, amount: "0", fixed_fees: "0" }
      g.calls += 1
      g.rated_seconds += c.rated_seconds
      g.amount = D(g.amount).plus(c.charge).toFixed()
      g.fixed_fees = D(g.fixed_fees as string).plus(c.fixed_fees).toFixed()
      groups.set(key, g)
      if (r.bundles) consumer.add(c)
    }
    return {
      currency: r.currency,
      period: JUNE,
      next_period: JULY,
      floor: r.floor,
      carried_forward: D(r.carried).div(D(10).pow(dp)).toFixed(),
      account_credit: D(r.credit).div(D(10).pow(dp)).toFixed(),
      subscription: r.sub,
      usage: { usage_groups: [...groups.values()], bundles: r.bundles ? consumer.result() : null, peak_concurrency: r.peak, metrics: r.metrics },
      tax: r.tax,
    }
  })

const decimalsOf = (s: string) => (s.includes(".") ? s.split(".")[1].length : 0)
const sum = (xs: string[]) => xs.reduce((s, x) => s.plus(x), D(0))

/** What a fee should cost over the period, day by day, minus what was billed ahead. */
function naiveFeeDelta(sub: SubscriptionInput, planCode: string, code: string): Decimal {
  const plans = [...(sub.previous_plans ?? []), sub.plan]
  const plan = plans.find((p) => p.code === planCode) as PlanInput
  const comp = plan.components.find((c) => c.code === code) as PlanComponent & { price: string; in_arrears?: boolean }
  const startPlan = plans[0]
  const q0 =
    plan === startPlan ? D(sub.quantities_at_start[code] ?? (comp.type === "seat" || comp.type === "addon" ? 0 : 1)) : D(0)
  const changes = sub.changes
    .map((c, i) => ({ ...c, i }))
    .filter((c) => (c.plan_code ?? sub.plan.code) === planCode && c.component_code === code)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.i - b.i))
  const days = daysBetween(JUNE.start, JUNE.end)
  let units = D(0)
  for (let n = 0; n < days; n++) {
    const t = addDays(JUNE.start, n)
    let q = q0
    for (const c of changes) if (c.date <= t) q = D(c.quantity_after)
    const active = t >= sub.start_date && (sub.trial_end === null || t >= sub.trial_end) && (sub.cancel_at === null || t < sub.cancel_at)
    if (active) units = units.plus(q)
  }
  const billed = sub.billed_in_advance_for_period && !comp.in_arrears && plan === startPlan ? q0 : D(0)
  return D(comp.price).mul(units.minus(billed.mul(days))).div(days)
}

describe("calculateInvoice on random invoices", () => {
  const run = (check: (input: InvoiceInput, r: InvoiceCalculation) => void) =>
    fc.assert(
      fc.property(inputArb, (input) => check(input, calculateInvoice(input))),
      { numRuns: 300 }
    )

  it("total = Σ lines (+ Σ taxes when exclusive), exactly; subtotal and tax total agree", () => {
    run((_, r) => {
      const lines = sum(r.lines.map((l) => l.amount))
      const taxes = sum(r.taxes.map((t) => t.amount))
      expect(D(r.subtotal).eq(lines)).toBe(true)
      expect(D(r.tax_total).eq(taxes)).toBe(true)
      expect(D(r.total).eq(r.tax_inclusive ? lines : lines.plus(taxes))).toBe(true)
      expect(r.lines.map((l) => l.position)).toEqual(r.lines.map((_, i) => i + 1))
    })
  })

  it("every amount has exactly the currency's decimals", () => {
    run((input, r) => {
      const dp = currencyDecimals(input.currency)
      for (const a of [...r.lines.map((l) => l.amount), ...r.taxes.flatMap((t) => [t.amount, t.taxable_amount]), r.subtotal, r.tax_total, r.total]) {
        expect(decimalsOf(a)).toBe(dp)
      }
    })
  })

  it("tax is computed per rate on the rounded taxable lines", () => {
    run((input, r) => {
      const tax = input.tax
      if (!tax) return expect(r.taxes).toEqual([])
      const dp = currencyDecimals(input.currency)
      const gross = sum(r.lines.filter((l) => l.taxable).map((l) => l.amount))
      const rates = tax.components.map((c) => D(c.rate))
      const all = rates.reduce((s, x) => s.plus(x), D(0))
      r.taxes.forEach((t, i) => {
        const expected =
          tax.exempt || tax.reverse_charge
            ? D(0)
            : (tax.inclusive ? gross.mul(rates[i]).div(all.plus(1)) : gross.mul(rates[i])).toDecimalPlaces(dp, Decimal.ROUND_HALF_UP)
        expect(D(t.amount).eq(expected)).toBe(true)
      })
      if (tax.exempt || tax.reverse_charge) expect(r.notes).toHaveLength(1)
      if (tax.inclusive && r.taxes.length) expect(D(r.taxes[0].taxable_amount).eq(gross.minus(r.tax_total))).toBe(true)
    })
  })

  it("outcome follows the floor, the sign and the available credit", () => {
    run((input, r) => {
      const total = D(r.total)
      const applied = D(r.account_credit_applied)
      expect(applied.gte(0) && applied.lte(input.account_credit)).toBe(true)
      const creditLines = r.lines.filter((l) => l.kind === "account_credit")
      expect(sum(creditLines.map((l) => l.amount)).neg().eq(applied)).toBe(true)
      expect(creditLines.every((l) => !l.taxable)).toBe(true)
      switch (r.outcome) {
        case "empty":
          expect(r.lines.every((l) => D(l.amount).isZero())).toBe(true)
          break
        case "credit":
          expect(total.lt(0)).toBe(true)
          expect(D(r.account_credit_added).eq(total.neg())).toBe(true)
          break
        case "carry_forward":
          expect(total.gt(0) && total.lt(input.floor)).toBe(true)
          expect(r.carry_forward_amount).toBe(r.total)
          expect(applied.isZero()).toBe(true)
          break
        case "invoice":
          expect(total.gte(0)).toBe(true)
          // credit is spent only as far as the total goes, and only then is the floor irrelevant
          if (applied.lt(input.account_credit)) expect(total.isZero() || applied.isZero()).toBe(true)
          expect(total.plus(applied).gte(input.floor) || total.plus(applied).isZero()).toBe(true)
          break
      }
    })
  })

  it("the fee lines of the period add up to the day-by-day cost minus what was billed ahead", () => {
    run((input, r) => {
      const sub = input.subscription
      if (!sub) return
      const half = D(10).pow(-currencyDecimals(input.currency)).div(2)
      for (const plan of [...(sub.previous_plans ?? []), sub.plan]) {
        for (const comp of plan.components.filter(isFee)) {
          const mine = r.lines.filter(
            (l) => l.component_code === comp.code && l.details.plan_code === plan.code && l.period_end === JUNE.end && l.kind !== "term_discount"
          )
          const expected = naiveFeeDelta(sub, plan.code, comp.code)
          const got = sum(mine.map((l) => l.amount))
          expect(got.minus(expected).abs().lte(half.mul(Math.max(1, mine.length)))).toBe(true)
        }
      }
    })
  })

  it("advance lines bill the next period at the period-end quantities, only if it runs on its first day", () => {
    run((input, r) => {
      const sub = input.subscription
      if (!sub) return expect(r.subscription).toBeNull()
      const runsOnFirstDay =
        sub.start_date <= JULY.start && (sub.trial_end === null || sub.trial_end <= JULY.start) && (sub.cancel_at === null || sub.cancel_at > JULY.start)
      expect(r.subscription?.billed_in_advance_for_next_period).toBe(runsOnFirstDay)
      const advance = r.lines.filter((l) => l.details.reason === "advance")
      if (!runsOnFirstDay) return expect(advance).toEqual([])
      for (const l of advance) {
        expect([l.period_start, l.period_end]).toEqual([JULY.start, JULY.end])
        expect(l.details.plan_code).toBe(sub.plan.code)
        expect(l.quantity).toBe(r.subscription?.quantities_at_end[l.component_code as string])
        expect(D(l.amount).eq(D(l.quantity).mul(l.unit_price as string).toDecimalPlaces(currencyDecimals(input.currency), Decimal.ROUND_HALF_UP))).toBe(true)
      }
    })
  })

  it("setup bills exactly once: on the first invoice that bills a day of the subscription", () => {
    run((input, r) => {
      const sub = input.subscription
      if (!sub) return
      const runs = (t: string) => t >= sub.start_date && (sub.trial_end === null || t >= sub.trial_end) && (sub.cancel_at === null || t < sub.cancel_at)
      let billable = runs(JULY.start)
      for (let n = 0; n < 30; n++) billable ||= runs(addDays(JUNE.start, n))
      const setup = sub.plan.components.find((c) => c.type === "setup") as { price: string } | undefined
      const expected = !sub.setup_billed && billable && setup !== undefined && !D(setup.price).isZero()
      const lines = r.lines.filter((l) => l.kind === "setup")
      expect(lines).toHaveLength(expected ? 1 : 0)
      expect(r.subscription?.setup_billed).toBe(sub.setup_billed || billable)
    })
  })

  it("a term discount is −percent of the rounded recurring lines of its plan", () => {
    run((input, r) => {
      const sub = input.subscription
      if (!sub) return
      const dp = currencyDecimals(input.currency)
      for (const plan of [...(sub.previous_plans ?? []), sub.plan]) {
        const discount = r.lines.filter((l) => l.kind === "term_discount" && l.details.plan_code === plan.code)
        const base = sum(r.lines.filter((l) => l.details.plan_code === plan.code && l.kind !== "setup" && l.kind !== "term_discount").map((l) => l.amount))
        const pct = plan.term_discount_percent
        if (!pct || base.isZero()) {
          expect(discount).toHaveLength(0)
          continue
        }
        expect(discount).toHaveLength(1)
        expect(D(discount[0].amount).eq(base.mul(pct).div(100).neg().toDecimalPlaces(dp, Decimal.ROUND_HALF_UP))).toBe(true)
      }
    })
  })
})
