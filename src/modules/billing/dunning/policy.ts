import { DateTime } from "luxon"

/**
 * Dunning arithmetic (issue 6 §3), pure: which policy applies to an account
 * and which of its steps are due for an unpaid invoice on a given day.
 */
export type DunningAction = "reminder" | "overdue" | "warning" | "suspend"
export type DunningStep = { code: string; action: DunningAction; days: number }
export type DunningPolicyLike = { id: string | null; account_id: string | null; entity_id: string | null; steps: DunningStep[]; grace_days: number; active?: boolean }

/** Reminder 3 days before the due date, overdue notice 1 day after, warning at 7, suspension at 14. */
export const DEFAULT_DUNNING_POLICY: DunningPolicyLike = {
  id: null,
  account_id: null,
  entity_id: null,
  grace_days: 0,
  steps: [
    { code: "reminder", action: "reminder", days: -3 },
    { code: "overdue", action: "overdue", days: 1 },
    { code: "warning", action: "warning", days: 7 },
    { code: "suspend", action: "suspend", days: 14 },
  ],
}

/**
 * The policy an account follows: its own, else its entity's, else the
 * default one stored (no scope), else the built-in default.
 *
 * @example
 * policyFor({ id: "bacct_1", entity_id: "bent_1" }, policies).id
 */
export function policyFor(account: { id: string; entity_id: string | null }, policies: DunningPolicyLike[]): DunningPolicyLike {
  const active = policies.filter((p) => p.active !== false)
  return (
    active.find((p) => p.account_id === account.id) ??
    active.find((p) => !p.account_id && p.entity_id && p.entity_id === account.entity_id) ??
    active.find((p) => !p.account_id && !p.entity_id) ??
    DEFAULT_DUNNING_POLICY
  )
}

/**
 * Days from the due date to `today` (both local dates, YYYY-MM-DD):
 * negative before it, 0 on it.
 */
export function daysPastDue(dueDate: string, today: string): number {
  return Math.round(DateTime.fromISO(today, { zone: "UTC" }).diff(DateTime.fromISO(dueDate, { zone: "UTC" }), "days").days)
}

/**
 * The steps due for an invoice on `today`: every step whose day has come
 * (steps after the due date move by the grace days), in order. The caller
 * records each once; only the last is announced when several come at once.
 *
 * @example
 * dueSteps(DEFAULT_DUNNING_POLICY, "2026-11-01", "2026-11-09").map((s) => s.code) // ["reminder", "overdue", "warning"]
 */
export function dueSteps(policy: DunningPolicyLike, dueDate: string, today: string): DunningStep[] {
  const past = daysPastDue(dueDate, today)
  return [...policy.steps]
    .sort((a, b) => a.days - b.days)
    .filter((s) => past >= (s.days > 0 ? s.days + (policy.grace_days ?? 0) : s.days))
}

/** Checks a policy's steps: codes unique, actions known, at most one suspension, days whole numbers. */
export function validateSteps(steps: DunningStep[]): string | null {
  if (!Array.isArray(steps) || !steps.length) return "steps: at least one step"
  const codes = new Set<string>()
  for (const [i, s] of steps.entries()) {
    if (!s || typeof s.code !== "string" || !/^[a-z0-9_]{1,40}$/.test(s.code)) return `steps[${i}].code: lower-case letters, digits and _`
    if (codes.has(s.code)) return `steps[${i}].code: "${s.code}" is used twice`
    codes.add(s.code)
    if (!["reminder", "overdue", "warning", "suspend"].includes(s.action)) return `steps[${i}].action: one of reminder, overdue, warning, suspend`
    if (!Number.isInteger(s.days) || Math.abs(s.days) > 365) return `steps[${i}].days: a whole number of days from the due date (−365 … 365)`
  }
  if (steps.filter((s) => s.action === "suspend").length > 1) return "steps: at most one suspend step"
  return null
}
