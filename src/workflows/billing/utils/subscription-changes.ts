/**
 * What a subscription start, change or cancellation writes: the new state of
 * the subscription and one dated change row per component whose quantity
 * moves (BILLING.md §2). Pure; the workflows persist it and the period close
 * prorates from the rows.
 */
import { MedusaError } from "@medusajs/framework/utils"
import Decimal from "decimal.js"
import { addDays, isLocalDate } from "../../../modules/billing/calc"

export type PlanLike = {
  id: string
  code: string
  currency_code: string
  interval: string
  trial_days: number
  status: string
  components: Array<{ code: string; type: string; default_quantity?: unknown; optional?: boolean }>
}

export type ChangeRow = {
  kind: "start" | "quantity" | "plan" | "cancel" | "trial_convert" | "addon"
  effective_date: string
  plan_id: string
  component_code: string | null
  quantity_before: string | null
  quantity_after: string | null
}

/** Components billed by quantity per period; the others (usage, setup, commitment) have none. */
const QUANTITY_TYPES = new Set(["recurring", "seat", "support", "addon", "white_label", "bundle"])

const qty = (v: unknown) => new Decimal(v === null || v === undefined ? 0 : String(v)).toString()

/** Default quantities of a plan: the component's default, else 1 — 0 for optional add-ons. */
export function defaultQuantities(plan: PlanLike): Record<string, string> {
  const out: Record<string, string> = {}
  for (const c of plan.components) {
    if (!QUANTITY_TYPES.has(c.type)) continue
    const d = c.default_quantity
    out[c.code] = d !== null && d !== undefined ? qty(d) : c.optional ? "0" : c.type === "seat" ? "1" : "1"
  }
  return out
}

function checkQuantities(plan: PlanLike, given: Record<string, string | number> | undefined, field: string) {
  const out: Record<string, string> = {}
  for (const [code, v] of Object.entries(given ?? {})) {
    const c = plan.components.find((x) => x.code === code)
    if (!c) throw new MedusaError(MedusaError.Types.INVALID_DATA, `${field}.${code}: plan ${plan.code} has no component "${code}"`)
    if (!QUANTITY_TYPES.has(c.type)) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `${field}.${code}: a ${c.type} component has no quantity`)
    }
    const s = String(v).trim()
    if (!/^\d+(\.\d{1,6})?$/.test(s)) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `${field}.${code}: "${s}" is not a quantity ≥ 0`)
    }
    out[code] = new Decimal(s).toString()
  }
  return out
}

function checkDate(date: string, field: string) {
  if (!isLocalDate(date)) throw new MedusaError(MedusaError.Types.INVALID_DATA, `${field}: "${date}" is not a date YYYY-MM-DD`)
}

/**
 * A new subscription: quantities default from the plan; a plan with trial
 * days starts `trialing` until `start + trial_days`.
 *
 * @example
 * planStart({ plan, account_id: "bacct_1", start_date: "2026-12-01", quantities: { seats: "10" } })
 */
export function planStart(input: {
  plan: PlanLike
  account_id: string
  account_currency: string
  start_date: string
  quantities?: Record<string, string | number>
  trial_days?: number | null
}) {
  const { plan } = input
  if (plan.status !== "active") throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `plan ${plan.code} is archived`)
  if (plan.currency_code !== input.account_currency) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `plan_id: plan ${plan.code} is priced in ${plan.currency_code}, the account bills in ${input.account_currency}`
    )
  }
  checkDate(input.start_date, "start_date")
  const quantities = { ...defaultQuantities(plan), ...checkQuantities(plan, input.quantities, "quantities") }
  const trialDays = input.trial_days ?? plan.trial_days ?? 0
  const trial_end = trialDays > 0 ? addDays(input.start_date, trialDays) : null
  const changes: ChangeRow[] = Object.entries(quantities).map(([code, q]) => ({
    kind: "start",
    effective_date: input.start_date,
    plan_id: plan.id,
    component_code: code,
    quantity_before: "0",
    quantity_after: q,
  }))
  return {
    subscription: {
      account_id: input.account_id,
      plan_id: plan.id,
      status: trial_end ? ("trialing" as const) : ("active" as const),
      start_date: input.start_date,
      trial_end,
      quantities,
    },
    changes,
  }
}

/**
 * A change from `effective_date`: new quantities, and/or a new plan (every
 * component of the old plan to 0 and of the new one from 0 on that date).
 * Refused before `earliest` (the end of the last closed period) — a closed
 * period's invoice is never reopened.
 *
 * @example
 * planChange({ subscription, plan, effective_date: "2026-12-10", quantities: { seats: "15" }, earliest: "2026-12-01" })
 */
export function planChange(input: {
  subscription: { id: string; plan_id: string; status: string; start_date: string; cancel_at: string | null; quantities: Record<string, string> }
  plan: PlanLike
  new_plan?: PlanLike | null
  account_currency: string
  effective_date: string
  quantities?: Record<string, string | number>
  earliest: string | null
}) {
  const { subscription: sub } = input
  if (sub.status === "canceled") throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `subscription ${sub.id} is canceled`)
  checkDate(input.effective_date, "effective_date")
  const floor = [sub.start_date, input.earliest].filter(Boolean).sort().pop()!
  if (input.effective_date < floor) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `effective_date: ${input.effective_date} is before ${floor} (${floor === sub.start_date ? "the subscription's start" : "the end of the last closed period"}); a closed period is corrected with a credit note`
    )
  }
  if (sub.cancel_at && input.effective_date >= sub.cancel_at) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `effective_date: the subscription stops on ${sub.cancel_at}`)
  }
  const changes: ChangeRow[] = []
  const target = input.new_plan && input.new_plan.id !== input.plan.id ? input.new_plan : null
  if (target) {
    if (target.status !== "active") throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `plan ${target.code} is archived`)
    if (target.currency_code !== input.account_currency) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `plan_id: plan ${target.code} is priced in ${target.currency_code}, the account bills in ${input.account_currency}`)
    }
    if (target.interval !== input.plan.interval) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `plan_id: plan ${target.code} bills per ${target.interval}, the subscription per ${input.plan.interval}; cancel and subscribe anew to change the interval`)
    }
    for (const [code, q] of Object.entries(sub.quantities)) {
      if (new Decimal(q).isZero()) continue
      changes.push({ kind: "plan", effective_date: input.effective_date, plan_id: input.plan.id, component_code: code, quantity_before: q, quantity_after: "0" })
    }
    const quantities = { ...defaultQuantities(target), ...checkQuantities(target, input.quantities, "quantities") }
    for (const [code, q] of Object.entries(quantities)) {
      changes.push({ kind: "plan", effective_date: input.effective_date, plan_id: target.id, component_code: code, quantity_before: "0", quantity_after: q })
    }
    return { update: { plan_id: target.id, quantities }, changes }
  }
  const given = checkQuantities(input.plan, input.quantities, "quantities")
  if (!Object.keys(given).length) throw new MedusaError(MedusaError.Types.INVALID_DATA, "give quantities or a new plan_id to change")
  const quantities = { ...sub.quantities }
  for (const [code, q] of Object.entries(given)) {
    const before = quantities[code] ?? "0"
    if (new Decimal(before).eq(q)) continue
    changes.push({ kind: "quantity", effective_date: input.effective_date, plan_id: input.plan.id, component_code: code, quantity_before: before, quantity_after: q })
    quantities[code] = q
  }
  return { update: { quantities }, changes }
}

/**
 * A cancellation on `cancel_at` (the end of the current period, or a date):
 * nothing bills from then on, and days billed in advance after it are
 * credited at the next close.
 *
 * @example
 * planCancel({ subscription, cancel_at: "2027-01-01", earliest: "2026-12-01" })
 */
export function planCancel(input: {
  subscription: { id: string; plan_id: string; status: string; start_date: string; quantities: Record<string, string> }
  cancel_at: string
  earliest: string | null
}) {
  const { subscription: sub } = input
  if (sub.status === "canceled") throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `subscription ${sub.id} is already canceled`)
  checkDate(input.cancel_at, "cancel_at")
  const floor = [sub.start_date, input.earliest].filter(Boolean).sort().pop()!
  if (input.cancel_at < floor) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `cancel_at: ${input.cancel_at} is before ${floor}; a closed period is corrected with a credit note`)
  }
  // the calculator stops billing at cancel_at itself; this row is the audit trail
  const changes: ChangeRow[] = [
    { kind: "cancel", effective_date: input.cancel_at, plan_id: sub.plan_id, component_code: null, quantity_before: null, quantity_after: null },
  ]
  return { update: { cancel_at: input.cancel_at }, changes }
}
