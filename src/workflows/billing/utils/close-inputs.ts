/**
 * Maps stored plans and subscription change rows to the calculator's input
 * (calc/types.ts). Pure, so the rules of which change counts where are
 * tested without a database.
 */
import Decimal from "decimal.js"
import type { Period, PlanComponent as CalcComponent, PlanInput, SubscriptionInput } from "../../../modules/billing/calc"

export type StoredComponent = {
  code: string
  name: string
  type: string
  price: unknown
  included_quantity: unknown
  pricing: string | null
  tiers: unknown
  metric: string | null
  direction: "outbound" | "inbound" | null
  destination_groups: unknown
  basis: "calls" | "minutes" | null
  eligible_kinds: unknown
  in_arrears: boolean
  position: number
}

export type StoredPlan = { id: string; code: string; name: string; term_discount_percent: unknown; components: StoredComponent[] }

export type StoredChange = {
  kind: string
  effective_date: string
  plan_id: string
  component_code: string | null
  quantity_before: unknown
  quantity_after: unknown
  created_at: Date | string
}

export type StoredSubscription = {
  id: string
  plan_id: string
  status: string
  start_date: string
  trial_end: string | null
  cancel_at: string | null
  setup_billed: boolean
  billed_through: string | null
  changes: StoredChange[]
}

/** A bigNumber as read back (number, string or { value }) → exact string; null stays null. */
export const exact = (v: unknown): string | null => {
  if (v === null || v === undefined) return null
  // toFixed(): never exponent notation ("1e-7"), which the calculator refuses
  if (typeof v === "object" && v && "value" in (v as any)) return new Decimal(String((v as any).value)).toFixed()
  return new Decimal(String(v)).toFixed()
}

/**
 * A stored plan as the calculator's PlanInput.
 *
 * @example
 * toPlanInput(plan).components[0] // { type: "seat", code: "seats", name: "Agent seat", price: "25", in_arrears: false }
 */
export function toPlanInput(plan: StoredPlan): PlanInput {
  const components: CalcComponent[] = [...plan.components]
    .sort((a, b) => a.position - b.position || (a.code < b.code ? -1 : 1))
    .map((c): CalcComponent => {
      const base = { code: c.code, name: c.name }
      const price = exact(c.price) ?? "0"
      switch (c.type) {
        case "setup":
          return { ...base, type: "setup", price }
        case "concurrency":
          return { ...base, type: "concurrency", price, included_channels: Number(exact(c.included_quantity) ?? 0) }
        case "bundle":
          return {
            ...base,
            type: "bundle",
            included_minutes: exact(c.included_quantity) ?? "0",
            direction: c.direction,
            destination_groups: (c.destination_groups as string[] | null) ?? null,
            price: exact(c.price),
            in_arrears: c.in_arrears,
          }
        case "metric":
          return {
            ...base,
            type: "metric",
            metric: c.metric!,
            pricing: (c.pricing ?? "flat") as any,
            price: exact(c.price),
            tiers: (c.tiers as any) ?? null,
            included_quantity: exact(c.included_quantity),
          }
        case "commitment":
          return { ...base, type: "commitment", amount: price, eligible_kinds: (c.eligible_kinds as any) ?? null }
        case "volume_discount":
          return {
            ...base,
            type: "volume_discount",
            basis: c.basis ?? "minutes",
            tiers: (c.tiers as any) ?? [],
            direction: c.direction,
            destination_groups: (c.destination_groups as string[] | null) ?? null,
          }
        default:
          return { ...base, type: c.type as any, price, in_arrears: c.in_arrears }
      }
    })
  return {
    code: plan.code,
    name: plan.name,
    term_discount_percent: exact(plan.term_discount_percent),
    components,
  }
}

/**
 * The subscription as the calculator sees it for `period`: quantities in
 * force when the period (or the subscription) starts, by replaying the change
 * rows up to then — a change dated on that first day counts as the starting
 * quantity, unless the period was billed ahead (at the quantities before that
 * day) — and the later changes inside the period, oldest first.
 *
 * @example
 * toSubscriptionInput(sub, plansById, { start: "2026-12-01", end: "2027-01-01" })
 */
export function toSubscriptionInput(sub: StoredSubscription, plans: Map<string, StoredPlan>, period: Period): SubscriptionInput {
  const first = sub.start_date > period.start ? sub.start_date : period.start
  const rows = [...sub.changes]
    .filter((c) => c.component_code)
    .sort((a, b) => (a.effective_date === b.effective_date ? new Date(a.created_at).getTime() - new Date(b.created_at).getTime() : a.effective_date < b.effective_date ? -1 : 1))
  const state = new Map<string, string>() // plan_id \u0000 code → quantity
  const key = (planId: string, code: string) => `${planId}\u0000${code}`
  const advance = !!sub.billed_through && sub.billed_through >= period.end
  // A change dated on the first day is a starting quantity — unless the previous close billed this
  // period ahead: it did so at the quantities before that day, so the change is this period's own
  // (a whole-period proration or credit)
  const atStart = (r: StoredSubscription["changes"][number]) =>
    r.effective_date < first || (r.effective_date === first && (!advance || r.kind === "start"))
  for (const r of rows) if (atStart(r)) state.set(key(r.plan_id, r.component_code!), exact(r.quantity_after) ?? "0")
  const inPeriod = rows.filter((r) => !atStart(r) && r.effective_date < period.end && r.kind !== "start")
  // the plan in force at the start: the one with non-zero quantities then, else the current one
  const planOrder: string[] = []
  for (const r of inPeriod) if (r.kind === "plan" && !planOrder.includes(r.plan_id)) planOrder.push(r.plan_id)
  const startPlanId =
    [...state.entries()].find(([k, q]) => !new Decimal(q).isZero() && planOrder.includes(k.split("\u0000")[0]))?.[0].split("\u0000")[0] ??
    (planOrder.length && planOrder[0] !== sub.plan_id ? planOrder[0] : sub.plan_id)
  const previous = [...new Set([startPlanId, ...planOrder])].filter((id) => id !== sub.plan_id)
  // rows of components since removed from their plan are left out (the calculator knows only current components)
  const has = (planId: string, code: string) => !!plans.get(planId)?.components.some((c) => c.code === code)
  const quantities: Record<string, string> = {}
  for (const [k, q] of state) {
    const [planId, code] = k.split("\u0000")
    if (planId === startPlanId && has(planId, code)) quantities[code] = q
  }
  const current = plans.get(sub.plan_id)!
  return {
    plan: toPlanInput(current),
    previous_plans: previous.length ? previous.map((id) => toPlanInput(plans.get(id)!)) : null,
    start_date: sub.start_date,
    trial_end: sub.trial_end,
    cancel_at: sub.cancel_at,
    setup_billed: sub.setup_billed,
    billed_in_advance_for_period: advance,
    quantities_at_start: quantities,
    changes: inPeriod.filter((r) => has(r.plan_id, r.component_code!)).map((r) => ({
      date: r.effective_date,
      plan_code: plans.get(r.plan_id)?.code ?? null,
      component_code: r.component_code!,
      quantity_before: exact(r.quantity_before),
      quantity_after: exact(r.quantity_after) ?? "0",
    })),
  }
}
