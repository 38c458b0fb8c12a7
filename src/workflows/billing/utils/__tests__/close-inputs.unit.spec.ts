import { calculateInvoice } from "../../../../modules/billing/calc"
import { exact, toSubscriptionInput, type StoredPlan, type StoredSubscription } from "../close-inputs"
import { planCancel, planChange, planStart } from "../subscription-changes"

const comp = (code: string, type: string, price: string | null, extra: Record<string, unknown> = {}) => ({
  code, name: code, type, price, included_quantity: null, pricing: null, tiers: null, metric: null, direction: null,
  destination_groups: null, basis: null, eligible_kinds: null, in_arrears: false, position: 0, default_quantity: null, optional: false, ...extra,
})
const PRO: StoredPlan = { id: "p1", code: "PRO", name: "Pro", term_discount_percent: null, components: [comp("base", "recurring", "100"), comp("seats", "seat", "30", { position: 1 })] }
const MAX: StoredPlan = { id: "p2", code: "MAX", name: "Max", term_discount_percent: null, components: [comp("base", "recurring", "200"), comp("seats", "seat", "40", { position: 1 })] }
const plans = new Map([[PRO.id, PRO], [MAX.id, MAX]])
const planLike = (p: StoredPlan) => ({ ...p, currency_code: "USD", interval: "month", trial_days: 0, status: "active" })
const NOV = { start: "2026-11-01", end: "2026-12-01" }

const sub = (changes: StoredSubscription["changes"], over: Partial<StoredSubscription> = {}): StoredSubscription => ({
  id: "s1", plan_id: "p1", status: "active", start_date: "2026-10-01", trial_end: null, cancel_at: null,
  setup_billed: true, billed_through: "2026-12-01", changes, ...over,
})
const row = (effective_date: string, component_code: string, before: string, after: string, kind = "quantity", plan_id = "p1", n = 0) => ({
  kind, effective_date, plan_id, component_code, quantity_before: before, quantity_after: after, created_at: new Date(Date.UTC(2026, 0, 1, 0, 0, n)),
})

describe("toSubscriptionInput", () => {
  const started = [row("2026-10-01", "base", "0", "1", "start"), row("2026-10-01", "seats", "0", "10", "start", "p1", 1)]
  /** PRO (10 seats) changed to MAX (10 seats) on `date`: the old plan's components to 0, the new one's up */
  const proToMax = (date: string) =>
    sub(
      [
        ...started,
        row(date, "base", "1", "0", "plan", "p1", 2),
        row(date, "seats", "10", "0", "plan", "p1", 3),
        row(date, "base", "0", "1", "plan", "p2", 4),
        row(date, "seats", "0", "10", "plan", "p2", 5),
      ],
      { plan_id: "p2" }
    )

  it("replays rows before the period into starting quantities and keeps the period's own changes", () => {
    const input = toSubscriptionInput(sub([...started, row("2026-10-20", "seats", "10", "12"), row("2026-11-11", "seats", "12", "15")]), plans, NOV)
    expect(input.quantities_at_start).toEqual({ base: "1", seats: "12" })
    expect(input.changes).toEqual([{ date: "2026-11-11", plan_code: "PRO", component_code: "seats", quantity_before: "12", quantity_after: "15" }])
    expect(input.billed_in_advance_for_period).toBe(true)
  })

  const calcNov = (input: ReturnType<typeof toSubscriptionInput>) =>
    calculateInvoice({
      currency: "USD", period: NOV, next_period: { start: "2026-12-01", end: "2027-01-01" }, floor: "0", carried_forward: "0", account_credit: "0",
      subscription: input, usage: { usage_groups: [], bundles: null, peak_concurrency: null, metrics: [] }, tax: null,
    })

  it("a change on the first day of a period not billed ahead is a starting quantity, not a proration", () => {
    const input = toSubscriptionInput(sub([...started, row("2026-11-01", "seats", "10", "20")], { billed_through: null }), plans, NOV)
    expect(input.quantities_at_start.seats).toBe("20")
    expect(input.changes).toEqual([])
  })

  it("a change on the first day of a period billed ahead (at the quantities before it) is billed for the whole period", () => {
    // October's close billed November ahead at 10 seats (300.00); seats go to 20 from 1 November
    const input = toSubscriptionInput(sub([...started, row("2026-11-01", "seats", "10", "20")]), plans, NOV)
    expect(input.quantities_at_start.seats).toBe("10")
    expect(input.changes).toEqual([{ date: "2026-11-01", plan_code: "PRO", component_code: "seats", quantity_before: "10", quantity_after: "20" }])
    const calc = calcNov(input)
    expect(calc.lines.filter((l) => l.period_start === "2026-11-01").map((l) => [l.component_code, l.amount])).toEqual([["seats", "300.00"]])
    // and a decrease on that day is credited whole
    const down = calcNov(toSubscriptionInput(sub([...started, row("2026-11-01", "seats", "10", "4")]), plans, NOV))
    expect(down.lines.filter((l) => l.period_start === "2026-11-01").map((l) => l.amount)).toEqual(["-180.00"])
  })

  it("a plan change on the first day of a period billed ahead credits the old plan and charges the new one whole", () => {
    const s = proToMax("2026-11-01")
    const lines = calcNov(toSubscriptionInput(s, plans, NOV)).lines.filter((l) => l.period_start === "2026-11-01").map((l) => l.amount).sort()
    // PRO 100 + 10 × 30 credited, MAX 200 + 10 × 40 charged: November costs MAX's 600 in all
    expect(lines).toEqual(["-100.00", "-300.00", "200.00", "400.00"])
  })

  it("a plan change inside the period gives the old plan as previous and its starting quantities", () => {
    const s = proToMax("2026-11-16")
    const input = toSubscriptionInput(s, plans, NOV)
    expect(input.plan.code).toBe("MAX")
    expect(input.previous_plans!.map((p) => p.code)).toEqual(["PRO"])
    expect(input.quantities_at_start).toEqual({ base: "1", seats: "10" })
    // the calculator credits half of PRO and charges half of MAX: base 100 → 200, seats 10×30 → 10×40 for 15/30 days
    const calc = calculateInvoice({
      currency: "USD", period: NOV, next_period: { start: "2026-12-01", end: "2027-01-01" }, floor: "0", carried_forward: "0", account_credit: "0",
      subscription: input, usage: { usage_groups: [], bundles: null, peak_concurrency: null, metrics: [] }, tax: null,
    })
    const prorations = calc.lines.filter((l) => l.period_start === "2026-11-16").map((l) => l.amount).sort()
    expect(prorations).toEqual(["-150.00", "-50.00", "100.00", "200.00"])
  })

  it("leaves out rows of components no longer in their plan", () => {
    const input = toSubscriptionInput(sub([...started, row("2026-10-01", "gone", "0", "3", "start", "p1", 2), row("2026-11-05", "gone", "3", "4")]), plans, NOV)
    expect(input.quantities_at_start).toEqual({ base: "1", seats: "10" })
    expect(input.changes).toEqual([])
  })

  it("reads stored decimals exactly, never in exponent notation", () => {
    expect(exact({ value: "0.0000001" })).toBe("0.0000001")
    expect(exact(1e-7)).toBe("0.0000001")
    expect(exact(null)).toBeNull()
  })
})

describe("subscription changes", () => {
  it("starts with plan defaults, a trial from the plan's trial days, and refuses another currency", () => {
    const out = planStart({ plan: { ...planLike(PRO), trial_days: 14 }, account_id: "a1", account_currency: "USD", start_date: "2026-11-01", quantities: { seats: 5 } })
    expect(out.subscription).toMatchObject({ status: "trialing", trial_end: "2026-11-15", quantities: { base: "1", seats: "5" } })
    expect(out.changes.map((c) => [c.component_code, c.quantity_after])).toEqual([["base", "1"], ["seats", "5"]])
    expect(() => planStart({ plan: planLike(PRO), account_id: "a1", account_currency: "GBP", start_date: "2026-11-01" })).toThrow(/priced in USD/)
    expect(() => planStart({ plan: planLike(PRO), account_id: "a1", account_currency: "USD", start_date: "2026-11-01", quantities: { nope: 1 } })).toThrow(/quantities.nope/)
  })

  it("refuses a change dated inside a closed period and records only quantities that move", () => {
    const s = { id: "s1", plan_id: "p1", status: "active", start_date: "2026-10-01", cancel_at: null, quantities: { base: "1", seats: "10" } }
    expect(() => planChange({ subscription: s, plan: planLike(PRO), account_currency: "USD", effective_date: "2026-10-31", quantities: { seats: 12 }, earliest: "2026-11-01" })).toThrow(/closed period/)
    const out = planChange({ subscription: s, plan: planLike(PRO), account_currency: "USD", effective_date: "2026-11-10", quantities: { seats: 12, base: 1 }, earliest: "2026-11-01" })
    expect(out.changes).toEqual([expect.objectContaining({ component_code: "seats", quantity_before: "10", quantity_after: "12" })])
  })

  it("a cancellation records its date once and is refused twice", () => {
    const s = { id: "s1", plan_id: "p1", status: "active", start_date: "2026-10-01", quantities: { base: "1" } }
    expect(planCancel({ subscription: s, cancel_at: "2026-12-01", earliest: null }).update).toEqual({ cancel_at: "2026-12-01" })
    expect(() => planCancel({ subscription: { ...s, status: "canceled" }, cancel_at: "2026-12-01", earliest: null })).toThrow(/already canceled/)
  })
})
