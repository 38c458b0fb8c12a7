/**
 * The invoice of one closed period (BILLING.md §2–§4, RATING.md §6): pure
 * arithmetic over plain data. The period close maps rows to `InvoiceInput`,
 * calls `calculateInvoice` and persists the result.
 *
 * Order of the lines: subscription fees (prorations and in-arrears fees of
 * the period, setup, advance fees of the next period, term discounts), usage
 * per group, volume discounts, concurrency, metrics, commitment true-ups,
 * surcharges, the carried-forward amount, account credit. Every line is
 * computed exactly and rounded once; taxes are computed on the rounded lines.
 * The rules BILLING.md leaves open are in docs/billing-notes.md.
 */
import { BillingCalcError } from "./errors"
import { Dec, dec, decNonNegative, fixed, scaleOf, str, wholeCount } from "./decimal"
import { removalsByGroup, usageGroupKey } from "./bundles"
import { currencyDecimals } from "./money"
import { addDays, assertLocalDate, assertPeriod, daysBetween } from "./periods"
import { formatFraction, prorateDec, type DayFraction } from "./proration"
import { graduatedParts, parseTiers, volumeTierIndex } from "./tiers"
import type {
  BundleComponent,
  CommitmentComponent,
  ConcurrencyComponent,
  DecimalString,
  FeeComponent,
  InvoiceCalculation,
  InvoiceInput,
  InvoiceLineKind,
  InvoiceLineOutput,
  InvoiceOutcome,
  InvoiceTaxOutput,
  LocalDate,
  MetricComponent,
  Period,
  PlanComponent,
  PlanInput,
  ProrationReason,
  SetupComponent,
  SubscriptionInput,
  TaxInput,
  TierPart,
  UsageGroupInput,
  UsageInput,
  VolumeDiscountComponent,
} from "./types"

/** Printed when a reverse-charge profile has no note of its own. */
export const DEFAULT_REVERSE_CHARGE_NOTE = "Reverse charge: the customer accounts for the tax due on this invoice."
/** Printed when an exempt profile has no note of its own. */
export const DEFAULT_EXEMPT_NOTE = "Exempt from tax."

const FEE_TYPES = new Set(["recurring", "seat", "support", "addon", "white_label"])
const COUNTED_TYPES = new Set(["seat", "addon"])
const COMPONENT_TYPES = new Set([
  ...FEE_TYPES,
  "setup",
  "concurrency",
  "bundle",
  "metric",
  "commitment",
  "volume_discount",
])

/** A line before positions and formatting; `amount` is already rounded. */
type Draft = Omit<InvoiceLineOutput, "position" | "amount"> & {
  amount: Dec
  /** plan whose term discount covers it (recurring fee lines only) */
  discountable_plan?: string
}

type Ctx = {
  dp: number
  period: Period
  next: Period
  lines: Draft[]
  warnings: string[]
}

function push(ctx: Ctx, line: Omit<Draft, "amount"> & { exact: Dec }): Draft {
  const { exact, ...rest } = line
  const draft: Draft = { ...rest, amount: exact.toDecimalPlaces(ctx.dp) }
  ctx.lines.push(draft)
  return draft
}

/** Inclusive last day of a half-open range, for descriptions. */
const lastDay = (end: LocalDate) => addDays(end, -1)

const minutes = (seconds: number | Dec) => str(new Dec(seconds).div(60).toDecimalPlaces(4))

/**
 * Calculates the invoice that closes `input.period`.
 *
 * Throws `BillingCalcError` when the input breaks the contract in
 * `types.ts`. The result always satisfies
 * `total = Σ lines (+ Σ taxes when exclusive)`, exactly.
 *
 * @example
 * calculateInvoice({
 *   currency: "USD",
 *   period: { start: "2025-06-01", end: "2025-07-01" },
 *   next_period: { start: "2025-07-01", end: "2025-08-01" },
 *   floor: "0", carried_forward: "0", account_credit: "0",
 *   subscription: null,
 *   usage: { usage_groups: [{ direction: "outbound", destination_group: "uk", calls: 3,
 *            rated_seconds: 360, amount: "0.1200" }], bundles: null, peak_concurrency: null, metrics: [] },
 *   tax: { components: [{ code: "vat", name: "VAT", rate: "0.2" }], inclusive: false,
 *          exempt: false, reverse_charge: false, note: null },
 * })
 * // { lines: [{ kind: "usage", amount: "0.12", … }], taxes: [{ amount: "0.02", … }],
 * //   subtotal: "0.12", tax_total: "0.02", total: "0.14", outcome: "invoice", … }
 */
export function calculateInvoice(input: InvoiceInput): InvoiceCalculation {
  if (!input || typeof input !== "object") throw new BillingCalcError("input: missing")
  const dp = currencyDecimals(input.currency)
  assertPeriod(input.period, "period")
  assertPeriod(input.next_period, "next_period")
  if (input.next_period.start !== input.period.end) {
    throw new BillingCalcError(`next_period.start ${input.next_period.start} must be period.end ${input.period.end}`)
  }
  const floor = decNonNegative(input.floor, "floor")
  const carried = money(input.carried_forward, dp, "carried_forward")
  const credit = money(input.account_credit, dp, "account_credit")
  if (credit.isNegative()) throw new BillingCalcError(`account_credit: ${input.account_credit} must not be negative`)
  if (!input.usage || !Array.isArray(input.usage.usage_groups) || !Array.isArray(input.usage.metrics)) {
    throw new BillingCalcError("usage: usage_groups and metrics arrays are needed")
  }

  const ctx: Ctx = { dp, period: input.period, next: input.next_period, lines: [], warnings: [] }
  const sub = input.subscription ?? null
  const plan = sub ? checkPlans(sub) : null

  if (input.ended_subscriptions != null && !Array.isArray(input.ended_subscriptions)) throw new BillingCalcError("ended_subscriptions: an array is needed")
  const ended = (input.ended_subscriptions ?? []).map((s) => {
    checkPlans(s)
    return subscriptionLines(ctx, s)
  })
  const effects = sub ? subscriptionLines(ctx, sub) : null
  const usage = usageLines(ctx, input.usage, plan)
  commitmentLines(ctx, plan)
  surchargeLines(ctx, input.tax, usage.ratedSeconds)
  if (!carried.isZero()) {
    push(ctx, {
      kind: "carried_forward",
      description: "Carried forward from earlier periods (below the invoicing floor)",
      quantity: "1",
      unit_price: null,
      exact: carried,
      taxable: false,
      component_code: null,
      period_start: null,
      period_end: null,
      details: {},
    })
  }

  const { taxes, notes, inclusive } = taxLines(ctx, input.tax)
  const taxTotal = taxes.reduce((s, t) => s.plus(t.amount), new Dec(0))
  const before = ctx.lines.reduce((s, l) => s.plus(l.amount), new Dec(0))
  const totalBefore = inclusive ? before : before.plus(taxTotal)

  let outcome: InvoiceOutcome
  let applied = new Dec(0)
  if (ctx.lines.every((l) => l.amount.isZero())) outcome = "empty"
  else if (totalBefore.isNegative()) outcome = "credit"
  else if (totalBefore.gt(0) && totalBefore.lt(floor)) outcome = "carry_forward"
  else {
    outcome = "invoice"
    applied = Dec.min(credit, totalBefore)
    if (applied.gt(0)) {
      push(ctx, {
        kind: "account_credit",
        description: "Account credit applied",
        quantity: "1",
        unit_price: null,
        exact: applied.neg(),
        taxable: false,
        component_code: null,
        period_start: null,
        period_end: null,
        details: { available: fixed(credit, dp), applied: fixed(applied, dp) },
      })
    }
  }

  const subtotal = ctx.lines.reduce((s, l) => s.plus(l.amount), new Dec(0))
  const total = inclusive ? subtotal : subtotal.plus(taxTotal)
  return {
    currency: input.currency,
    decimals: dp,
    period: { ...input.period },
    next_period: { ...input.next_period },
    lines: ctx.lines.map(({ discountable_plan: _plan, amount, ...l }, i) => ({
      position: i + 1,
      ...l,
      amount: fixed(amount, dp),
    })),
    taxes: taxes.map((t) => ({ ...t, taxable_amount: fixed(t.taxable_amount, dp), amount: fixed(t.amount, dp) })),
    tax_inclusive: inclusive,
    subtotal: fixed(subtotal, dp),
    tax_total: fixed(taxTotal, dp),
    total: fixed(total, dp),
    notes,
    outcome,
    carry_forward_amount: fixed(outcome === "carry_forward" ? total : new Dec(0), dp),
    account_credit_applied: fixed(applied, dp),
    account_credit_added: fixed(outcome === "credit" ? total.neg() : new Dec(0), dp),
    subscription: effects,
    ended_subscriptions: ended,
    bundles: (input.usage.bundles ?? []).map((b) => ({
      code: b.code,
      name: b.name,
      included_seconds: b.included_seconds,
      used_seconds: b.used_seconds,
    })),
    warnings: ctx.warnings,
  }
}

/** A money amount that must already have at most the currency's decimals. */
function money(value: unknown, dp: number, field: string): Dec {
  const d = dec(value, field)
  if (scaleOf(value as string) > dp) throw new BillingCalcError(`${field}: ${String(value)} has more than ${dp} decimals`)
  return d
}

// ------------------------------------------------------------------ plans

function checkPlans(sub: SubscriptionInput): PlanInput {
  if (!sub.plan) throw new BillingCalcError("subscription.plan: missing")
  const plans = [...(sub.previous_plans ?? []), sub.plan]
  const codes = new Set<string>()
  for (const p of plans) {
    if (!p || typeof p.code !== "string" || !p.code) throw new BillingCalcError("subscription: a plan without code")
    if (codes.has(p.code)) throw new BillingCalcError(`subscription: plan "${p.code}" given twice`)
    codes.add(p.code)
    if (!Array.isArray(p.components)) throw new BillingCalcError(`plan ${p.code}: components must be an array`)
    const comps = new Set<string>()
    for (const c of p.components) {
      if (!c || typeof c.code !== "string" || !c.code) throw new BillingCalcError(`plan ${p.code}: a component without code`)
      if (comps.has(c.code)) throw new BillingCalcError(`plan ${p.code}: component "${c.code}" appears twice`)
      if (!COMPONENT_TYPES.has(c.type)) throw new BillingCalcError(`plan ${p.code}.${c.code}: unknown type "${String(c.type)}"`)
      comps.add(c.code)
    }
  }
  return sub.plan
}

const isFee = (c: PlanComponent): c is FeeComponent | BundleComponent =>
  FEE_TYPES.has(c.type) || (c.type === "bundle" && c.price != null)

const componentsOf = <T extends PlanComponent["type"]>(plan: PlanInput | null, type: T) =>
  (plan?.components ?? []).filter((c): c is Extract<PlanComponent, { type: T }> => c.type === type)

// ------------------------------------------------------------------ subscription (§2)

type FeeEntry = {
  plan: PlanInput
  comp: FeeComponent | BundleComponent
  price: Dec
  inArrears: boolean
  qStart: Dec
  changes: Array<{ date: LocalDate; q: Dec }>
  qEnd: Dec
  field: string
}

const REASON_TEXT: Record<ProrationReason, string> = {
  advance: "",
  period: "",
  start: "from subscription start",
  trial_conversion: "trial converted",
  change: "quantity change",
  plan_change: "plan change",
  cancellation: "cancellation credit",
}

function subscriptionLines(ctx: Ctx, sub: SubscriptionInput): NonNullable<InvoiceCalculation["subscription"]> {
  const { period: P, next: N } = ctx
  assertLocalDate(sub.start_date, "subscription.start_date")
  if (sub.trial_end != null) assertLocalDate(sub.trial_end, "subscription.trial_end")
  if (sub.cancel_at != null) assertLocalDate(sub.cancel_at, "subscription.cancel_at")
  const start = sub.start_date
  const trialEnd = sub.trial_end ?? null
  const cancelAt = sub.cancel_at ?? null
  const plans = [...(sub.previous_plans ?? []), sub.plan]
  const startPlan = plans[0]
  const quantities = sub.quantities_at_start ?? {}

  for (const code of Object.keys(quantities)) {
    if (!startPlan.components.some((c) => c.code === code)) {
      throw new BillingCalcError(`subscription.quantities_at_start: "${code}" is not a component of plan ${startPlan.code}`)
    }
  }

  const entries = new Map<string, FeeEntry>()
  for (const plan of plans) {
    for (const comp of plan.components) {
      if (!isFee(comp)) continue
      const field = `plan ${plan.code}.${comp.code}`
      const q0 =
        plan === startPlan
          ? quantities[comp.code] != null
            ? decNonNegative(quantities[comp.code], `subscription.quantities_at_start.${comp.code}`)
            : new Dec(COUNTED_TYPES.has(comp.type) ? 0 : 1)
          : new Dec(0)
      entries.set(`${plan.code}\u0000${comp.code}`, {
        plan,
        comp,
        price: decNonNegative(comp.price, `${field}.price`),
        inArrears: comp.in_arrears === true,
        qStart: q0,
        changes: [],
        qEnd: q0,
        field,
      })
    }
  }

  const plansOnDate = new Map<LocalDate, Set<string>>()
  if (!Array.isArray(sub.changes)) throw new BillingCalcError("subscription.changes: an array is needed")
  const changes = sub.changes
    .map((c, i) => {
      const field = `subscription.changes[${i}]`
      assertLocalDate(c?.date, `${field}.date`)
      if (c.date < P.start || c.date >= P.end) {
        throw new BillingCalcError(`${field}.date: ${c.date} is outside the period [${P.start}, ${P.end})`)
      }
      const planCode = c.plan_code ?? sub.plan.code
      const plan = plans.find((p) => p.code === planCode)
      if (!plan) throw new BillingCalcError(`${field}.plan_code: "${planCode}" is not the plan or a previous plan`)
      if (!plan.components.some((x) => x.code === c.component_code)) {
        throw new BillingCalcError(`${field}.component_code: "${c.component_code}" is not a component of plan ${planCode}`)
      }
      const q = decNonNegative(c.quantity_after, `${field}.quantity_after`)
      const set = plansOnDate.get(c.date) ?? new Set<string>()
      set.add(planCode)
      plansOnDate.set(c.date, set)
      return { i, date: c.date, key: `${planCode}\u0000${c.component_code}`, q }
    })
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.i - b.i))
  // changes of usage components (e.g. a plan change's metric going to 0) have no fee to prorate
  for (const c of changes) entries.get(c.key)?.changes.push({ date: c.date, q: c.q })

  const active = (d: LocalDate) =>
    d >= start && (trialEnd === null || d >= trialEnd) && (cancelAt === null || d < cancelAt)
  const days = daysBetween(P.start, P.end)
  const lifecycle = [start, trialEnd, cancelAt].filter((d): d is string => d !== null && d > P.start && d < P.end)

  for (const entry of entries.values()) {
    const { comp, price } = entry
    const billedFlag = sub.billed_in_advance_for_period && !entry.inArrears && entry.plan === startPlan
    const points = [...new Set([P.start, ...lifecycle, ...entry.changes.map((c) => c.date)])].sort()
    let prev = billedFlag ? entry.qStart : new Dec(0)
    let q = entry.qStart
    let ci = 0
    for (const d of points) {
      const changedHere = ci < entry.changes.length && entry.changes[ci].date === d
      while (ci < entry.changes.length && entry.changes[ci].date <= d) q = entry.changes[ci++].q
      const now = active(d) ? q : new Dec(0)
      const delta = now.minus(prev)
      if (!delta.isZero() && !price.isZero()) {
        let reason: ProrationReason
        if (cancelAt !== null && d >= cancelAt && now.isZero()) reason = "cancellation"
        else if (d === start) reason = "start"
        else if (d === trialEnd) reason = "trial_conversion"
        else if (d === P.start && !billedFlag) reason = "period"
        else if ((plansOnDate.get(d)?.size ?? 0) > 1) reason = "plan_change"
        else reason = changedHere ? "change" : "period"
        const f: DayFraction = { numerator: daysBetween(d, P.end), denominator: days }
        feeLine(ctx, entry, { reason, from: d, to: P.end, quantity: delta, before: prev, after: now, fraction: f })
      }
      prev = now
    }
    entry.qEnd = q
  }

  const activeNext = active(N.start)
  // setup once, on the first invoice that bills any day of the subscription
  const firstPaid = [P.start, start, trialEnd ?? P.start].sort()[2]
  const billable = activeNext || (firstPaid < P.end && (cancelAt === null || firstPaid < cancelAt))
  if (!sub.setup_billed && billable) {
    for (const comp of componentsOf(sub.plan, "setup") as SetupComponent[]) {
      const price = decNonNegative(comp.price, `plan ${sub.plan.code}.${comp.code}.price`)
      if (price.isZero()) continue
      push(ctx, {
        kind: "setup",
        description: `${comp.name} (one-time)`,
        quantity: "1",
        unit_price: str(price),
        exact: price,
        taxable: true,
        component_code: comp.code,
        period_start: null,
        period_end: null,
        details: { plan_code: sub.plan.code },
      })
    }
  }

  // advance fees of the next period: whole period, quantities at this period's end
  if (activeNext) {
    for (const entry of entries.values()) {
      if (entry.plan !== sub.plan || entry.inArrears || entry.qEnd.isZero() || entry.price.isZero()) continue
      feeLine(ctx, entry, {
        reason: "advance",
        from: N.start,
        to: N.end,
        quantity: entry.qEnd,
        before: null,
        after: entry.qEnd,
        fraction: null,
      })
    }
  }

  for (const plan of plans) termDiscountLine(ctx, plan)

  const quantities_at_end: Record<string, DecimalString> = {}
  for (const e of entries.values()) if (e.plan === sub.plan) quantities_at_end[e.comp.code] = str(e.qEnd)
  return {
    setup_billed: sub.setup_billed || billable,
    billed_in_advance_for_next_period: activeNext,
    quantities_at_end,
  }
}

function feeLine(
  ctx: Ctx,
  entry: FeeEntry,
  l: {
    reason: ProrationReason
    from: LocalDate
    to: LocalDate
    quantity: Dec
    before: Dec | null
    after: Dec
    fraction: DayFraction | null
  }
): void {
  const { comp, price } = entry
  const full = l.fraction === null || l.fraction.numerator === l.fraction.denominator
  const exact = l.fraction === null ? price.mul(l.quantity) : prorateDec(price, l.quantity, l.fraction)
  const counted = COUNTED_TYPES.has(comp.type)
  const isDelta = l.reason === "change" || l.reason === "plan_change" || l.reason === "cancellation"
  let qty = ""
  if (isDelta && counted) qty = ` ${l.quantity.isNegative() ? "−" : "+"}${str(l.quantity.abs())}`
  else if (counted || !l.quantity.abs().eq(1)) qty = ` × ${str(l.quantity.abs())}`
  const what = REASON_TEXT[l.reason]
  const frac = full ? "" : ` (${formatFraction(l.fraction as DayFraction)} days)`
  const details: Record<string, unknown> = { reason: l.reason, plan_code: entry.plan.code, in_arrears: entry.inArrears }
  if (l.before !== null) details.quantity_before = str(l.before)
  details.quantity_after = str(l.after)
  if (l.fraction !== null) details.proration = formatFraction(l.fraction)
  push(ctx, {
    kind: comp.type,
    description: `${comp.name}${what ? ` — ${what}` : ""}${qty}, ${l.from} to ${lastDay(l.to)}${frac}`,
    quantity: str(l.quantity),
    unit_price: str(price),
    exact,
    taxable: true,
    component_code: comp.code,
    period_start: l.from,
    period_end: l.to,
    details,
    discountable_plan: entry.plan.code,
  })
}

function termDiscountLine(ctx: Ctx, plan: PlanInput): void {
  if (plan.term_discount_percent == null) return
  const pct = decNonNegative(plan.term_discount_percent, `plan ${plan.code}.term_discount_percent`)
  if (pct.gt(100)) throw new BillingCalcError(`plan ${plan.code}.term_discount_percent: ${plan.term_discount_percent} is over 100`)
  const covered = ctx.lines.filter((l) => l.discountable_plan === plan.code)
  // discounted once: another subscription on the same plan (one that ended in this period) discounts only its own lines
  for (const l of covered) l.discountable_plan = undefined
  const base = covered.reduce((s, l) => s.plus(l.amount), new Dec(0))
  if (pct.isZero() || base.isZero()) return
  const from = covered.map((l) => l.period_start as string).sort()[0]
  const to = covered.map((l) => l.period_end as string).sort()[covered.length - 1]
  push(ctx, {
    kind: "term_discount",
    description: `${plan.name} — term discount ${str(pct)} %`,
    quantity: "1",
    unit_price: null,
    exact: base.mul(pct).div(100).neg(),
    taxable: true,
    component_code: null,
    period_start: from,
    period_end: to,
    details: { plan_code: plan.code, percent: str(pct), base: fixed(base, ctx.dp) },
  })
}

// ------------------------------------------------------------------ usage (§3)

type UsageSummary = { ratedSeconds: number }

type GroupState = {
  g: UsageGroupInput
  amount: Dec
  fixedFees: Dec
  removed: Dec
  covered: number
  billableSeconds: number
}

function usageLines(ctx: Ctx, usage: UsageInput, plan: PlanInput | null): UsageSummary {
  const { period: P } = ctx
  const groups = new Map<string, GroupState>()
  usage.usage_groups.forEach((g, i) => {
    const field = `usage.usage_groups[${i}]`
    if (g?.direction !== "outbound" && g?.direction !== "inbound") {
      throw new BillingCalcError(`${field}.direction: "${String(g?.direction)}" is not outbound or inbound`)
    }
    const group = g.destination_group ?? null
    const key = usageGroupKey(g.direction, group)
    if (groups.has(key)) throw new BillingCalcError(`${field}: group ${g.direction}/${String(group)} appears twice`)
    wholeCount(g.calls, `${field}.calls`)
    wholeCount(g.rated_seconds, `${field}.rated_seconds`)
    groups.set(key, {
      g,
      amount: dec(g.amount, `${field}.amount`),
      fixedFees: g.fixed_fees == null ? new Dec(0) : decNonNegative(g.fixed_fees, `${field}.fixed_fees`),
      removed: new Dec(0),
      covered: 0,
      billableSeconds: g.rated_seconds,
    })
  })

  if (usage.bundles) {
    for (const [key, r] of removalsByGroup(usage.bundles)) {
      const gs = groups.get(key)
      if (!gs) {
        throw new BillingCalcError(`usage.bundles: group ${r.direction}/${String(r.destination_group)} is not in usage_groups`)
      }
      if (r.covered_seconds > gs.g.rated_seconds) {
        throw new BillingCalcError(
          `usage.bundles: ${r.covered_seconds} s covered in group ${r.direction}/${String(r.destination_group)}, which has ${gs.g.rated_seconds} rated s`
        )
      }
      gs.covered = r.covered_seconds
      gs.removed = new Dec(r.amount_removed)
      gs.billableSeconds = gs.g.rated_seconds - r.covered_seconds
    }
  }

  let ratedSeconds = 0
  for (const gs of groups.values()) {
    const { g } = gs
    ratedSeconds += g.rated_seconds
    if (g.calls === 0 && g.rated_seconds === 0 && gs.amount.isZero()) continue
    const dir = g.direction === "outbound" ? "Outbound" : "Inbound"
    push(ctx, {
      kind: "usage",
      description: `${dir} calls — ${g.destination_group ?? "all destinations"}`,
      quantity: minutes(gs.billableSeconds),
      unit_price: null,
      exact: gs.amount.minus(gs.removed),
      taxable: true,
      component_code: null,
      period_start: P.start,
      period_end: P.end,
      details: {
        direction: g.direction,
        destination_group: g.destination_group ?? null,
        calls: g.calls,
        rated_seconds: g.rated_seconds,
        rated_minutes: minutes(g.rated_seconds),
        included_seconds: gs.covered,
        included_minutes: minutes(gs.covered),
        billable_seconds: gs.billableSeconds,
        billable_minutes: minutes(gs.billableSeconds),
        gross_amount: str(gs.amount),
        bundle_amount: str(gs.removed),
      },
    })
  }

  for (const comp of componentsOf(plan, "volume_discount")) volumeDiscountLine(ctx, comp, [...groups.values()])
  for (const comp of componentsOf(plan, "concurrency")) concurrencyLine(ctx, comp, usage.peak_concurrency)
  metricLines(ctx, usage.metrics, componentsOf(plan, "metric"))
  return { ratedSeconds }
}

function inScope(c: { direction?: string | null; destination_groups?: string[] | null }, g: UsageGroupInput): boolean {
  if (c.direction != null && c.direction !== g.direction) return false
  if (c.destination_groups && c.destination_groups.length) {
    return g.destination_group != null && c.destination_groups.includes(g.destination_group)
  }
  return true
}

function volumeDiscountLine(ctx: Ctx, comp: VolumeDiscountComponent, all: GroupState[]): void {
  const field = `volume_discount ${comp.code}`
  if (comp.basis !== "calls" && comp.basis !== "minutes") {
    throw new BillingCalcError(`${field}.basis: "${String(comp.basis)}" is not calls or minutes`)
  }
  const tiers = parseTiers(comp.tiers, `${field}.tiers`)
  const scoped = all.filter((gs) => inScope(comp, gs.g))
  const billableSeconds = scoped.reduce((s, gs) => s + gs.billableSeconds, 0)
  const basisQty =
    comp.basis === "calls" ? new Dec(scoped.reduce((s, gs) => s + gs.g.calls, 0)) : new Dec(billableSeconds).div(60)
  const tier = volumeTierIndex(basisQty, tiers)
  const price = tiers[tier].price
  let discount = new Dec(0)
  let replaced = new Dec(0)
  for (const gs of scoped) {
    const minuteAmount = gs.amount.minus(gs.fixedFees).minus(gs.removed)
    const atTier = price.mul(gs.billableSeconds).div(60)
    // a tier price replaces the card price only where it is cheaper
    if (atTier.lt(minuteAmount)) {
      discount = discount.plus(atTier.minus(minuteAmount))
      replaced = replaced.plus(minuteAmount)
    }
  }
  if (discount.isZero()) return
  push(ctx, {
    kind: "volume_discount",
    description: `${comp.name} — ${str(price)} per minute (tier ${tier + 1})`,
    quantity: minutes(billableSeconds),
    unit_price: str(price),
    exact: discount,
    taxable: true,
    component_code: comp.code,
    period_start: ctx.period.start,
    period_end: ctx.period.end,
    details: {
      basis: comp.basis,
      basis_quantity: str(comp.basis === "calls" ? basisQty : basisQty.toDecimalPlaces(4)),
      tier: tier,
      tier_price: str(price),
      billable_seconds: billableSeconds,
      replaced_amount: str(replaced),
    },
  })
}

function concurrencyLine(ctx: Ctx, comp: ConcurrencyComponent, peak: number | null): void {
  const field = `concurrency ${comp.code}`
  const included = wholeCount(comp.included_channels, `${field}.included_channels`)
  const top = peak == null ? 0 : wholeCount(peak, "usage.peak_concurrency")
  const price = decNonNegative(comp.price, `${field}.price`)
  const over = Math.max(0, top - included)
  if (over === 0 || price.isZero()) return
  push(ctx, {
    kind: "concurrency",
    description: `${comp.name} — ${over} channel(s) over ${included} (peak ${top})`,
    quantity: String(over),
    unit_price: str(price),
    exact: price.mul(over),
    taxable: true,
    component_code: comp.code,
    period_start: ctx.period.start,
    period_end: ctx.period.end,
    details: { peak_concurrency: top, included_channels: included, overage: over },
  })
}

function metricLines(ctx: Ctx, metrics: UsageInput["metrics"], comps: MetricComponent[]): void {
  const totals = new Map<string, Dec>()
  metrics.forEach((m, i) => {
    if (!m || typeof m.metric !== "string" || !m.metric) throw new BillingCalcError(`usage.metrics[${i}].metric: missing`)
    totals.set(m.metric, (totals.get(m.metric) ?? new Dec(0)).plus(decNonNegative(m.quantity, `usage.metrics[${i}].quantity`)))
  })
  const priced = new Set<string>()
  for (const comp of comps) {
    const field = `metric ${comp.code}`
    priced.add(comp.metric)
    const q = totals.get(comp.metric) ?? new Dec(0)
    const included = comp.included_quantity == null ? new Dec(0) : decNonNegative(comp.included_quantity, `${field}.included_quantity`)
    const billable = Dec.max(0, q.minus(included))
    let amount: Dec
    let unit: DecimalString | null
    let parts: TierPart[] = []
    if (comp.pricing === "flat") {
      const price = decNonNegative(comp.price, `${field}.price`)
      amount = billable.mul(price)
      unit = str(price)
    } else if (comp.pricing === "tiered" || comp.pricing === "volume") {
      const tiers = parseTiers(comp.tiers ?? [], `${field}.tiers`)
      if (comp.pricing === "tiered") {
        const r = graduatedParts(billable, tiers)
        amount = r.amount
        parts = r.parts
        unit = null
      } else {
        const t = volumeTierIndex(billable, tiers)
        amount = billable.mul(tiers[t].price)
        unit = str(tiers[t].price)
        parts = [{ tier: t, from: "0", up_to: tiers[t].raw.up_to, quantity: str(billable), price: unit, amount: str(amount) }]
      }
    } else {
      throw new BillingCalcError(`${field}.pricing: "${String(comp.pricing)}" is not flat, tiered or volume`)
    }
    if (q.isZero()) continue
    push(ctx, {
      kind: "metric",
      description: `${comp.name} — ${str(billable)}${included.isZero() ? "" : ` of ${str(q)} (${str(included)} included)`}`,
      quantity: str(billable),
      unit_price: unit,
      exact: amount,
      taxable: true,
      component_code: comp.code,
      period_start: ctx.period.start,
      period_end: ctx.period.end,
      details: { metric: comp.metric, quantity: str(q), included: str(included), billable: str(billable), pricing: comp.pricing, tiers: parts },
    })
  }
  for (const [metric, q] of totals) {
    if (!priced.has(metric) && q.gt(0)) ctx.warnings.push(`metric "${metric}" has quantity ${str(q)} but no plan component prices it`)
  }
}

// ------------------------------------------------------------------ commitment (§2)

function commitmentLines(ctx: Ctx, plan: PlanInput | null): void {
  const before = [...ctx.lines]
  for (const comp of componentsOf(plan, "commitment") as CommitmentComponent[]) {
    const amount = decNonNegative(comp.amount, `commitment ${comp.code}.amount`)
    const kinds = comp.eligible_kinds && comp.eligible_kinds.length ? new Set<InvoiceLineKind>(comp.eligible_kinds) : null
    const eligible = before.filter((l) => kinds === null || kinds.has(l.kind)).reduce((s, l) => s.plus(l.amount), new Dec(0))
    const trueUp = amount.minus(eligible)
    if (!trueUp.gt(0)) continue
    push(ctx, {
      kind: "commitment",
      description: `${comp.name} — minimum ${fixed(amount, ctx.dp)}, used ${fixed(eligible, ctx.dp)}`,
      quantity: "1",
      unit_price: null,
      exact: trueUp,
      taxable: true,
      component_code: comp.code,
      period_start: ctx.period.start,
      period_end: ctx.period.end,
      details: { commitment: str(amount), eligible_total: fixed(eligible, ctx.dp), eligible_kinds: kinds ? [...kinds] : null },
    })
  }
}

// ------------------------------------------------------------------ tax (§4)

function surchargeLines(ctx: Ctx, tax: TaxInput | null, ratedSeconds: number): void {
  if (!tax?.surcharges) return
  const usageAmount = ctx.lines
    .filter((l) => l.kind === "usage" || l.kind === "volume_discount")
    .reduce((s, l) => s.plus(l.amount), new Dec(0))
  tax.surcharges.forEach((s, i) => {
    const field = `tax.surcharges[${i}]`
    const hasPct = s.percent != null
    if (hasPct === (s.per_minute != null)) throw new BillingCalcError(`${field}: exactly one of percent and per_minute is needed`)
    let exact: Dec
    let details: Record<string, unknown>
    let quantity: string
    let unit: string | null
    if (hasPct) {
      const pct = dec(s.percent, `${field}.percent`)
      exact = usageAmount.mul(pct).div(100)
      details = { percent: str(pct), base: fixed(usageAmount, ctx.dp) }
      quantity = fixed(usageAmount, ctx.dp)
      unit = null
    } else {
      const perMinute = dec(s.per_minute, `${field}.per_minute`)
      exact = perMinute.mul(ratedSeconds).div(60)
      details = { per_minute: str(perMinute), rated_seconds: ratedSeconds, rated_minutes: minutes(ratedSeconds) }
      quantity = minutes(ratedSeconds)
      unit = str(perMinute)
    }
    if (exact.isZero()) return
    push(ctx, {
      kind: "surcharge",
      description: s.name,
      quantity,
      unit_price: unit,
      exact,
      taxable: s.taxable === true,
      component_code: s.code,
      period_start: ctx.period.start,
      period_end: ctx.period.end,
      details,
    })
  })
}

type TaxDraft = Omit<InvoiceTaxOutput, "taxable_amount" | "amount"> & { taxable_amount: Dec; amount: Dec }

function taxLines(ctx: Ctx, tax: TaxInput | null): { taxes: TaxDraft[]; notes: string[]; inclusive: boolean } {
  if (!tax) return { taxes: [], notes: [], inclusive: false }
  if (!Array.isArray(tax.components)) throw new BillingCalcError("tax.components: an array is needed")
  const codes = new Set<string>()
  const rates = tax.components.map((c, i) => {
    if (!c || typeof c.code !== "string" || !c.code) throw new BillingCalcError(`tax.components[${i}].code: missing`)
    if (codes.has(c.code)) throw new BillingCalcError(`tax.components[${i}].code: "${c.code}" appears twice`)
    codes.add(c.code)
    return decNonNegative(c.rate, `tax.components[${i}].rate`)
  })
  const inclusive = tax.inclusive === true
  const gross = ctx.lines.filter((l) => l.taxable).reduce((s, l) => s.plus(l.amount), new Dec(0))
  const notes: string[] = []
  const noTax = tax.exempt === true || tax.reverse_charge === true
  if (noTax) notes.push(tax.note || (tax.reverse_charge ? DEFAULT_REVERSE_CHARGE_NOTE : DEFAULT_EXEMPT_NOTE))
  const sumRates = rates.reduce((s, r) => s.plus(r), new Dec(0))
  const amounts = rates.map((r) => {
    if (noTax) return new Dec(0)
    // inclusive: each component's share of the gross, over 1 + Σ rates (CGST + SGST on one base)
    const t = inclusive ? gross.mul(r).div(sumRates.plus(1)) : gross.mul(r)
    return t.toDecimalPlaces(ctx.dp)
  })
  const net = inclusive ? gross.minus(amounts.reduce((s, a) => s.plus(a), new Dec(0))) : gross
  return {
    taxes: tax.components.map((c, i) => ({
      code: c.code,
      name: c.name,
      rate: str(rates[i]),
      taxable_amount: net,
      amount: amounts[i],
    })),
    notes,
    inclusive,
  }
}
