/**
 * The dunning policy drawer's model, pure: a policy as form text, the
 * server's checks (collections/validators.ts and the dunning engine's
 * validateSteps) with a path for each problem, and the body sent.
 *
 * A policy applies to one account, to the accounts of one issuing entity,
 * or (no scope) to every account without one of those; the scope is chosen
 * on creation only (the API does not change it afterwards).
 */
import type { Problem } from "../billing/format"
import { DUNNING_ACTIONS, type BuiltInDunningPolicy, type DunningAction, type DunningPolicy, type DunningPolicyInput, type DunningStep } from "./types"

export type { Problem }

export const POLICY_SCOPES = ["default", "entity", "account"] as const
export type PolicyScope = (typeof POLICY_SCOPES)[number]

export type StepForm = { key: string; code: string; action: DunningAction; days: string }
export type PolicyForm = {
  name: string
  scope: PolicyScope
  entity_id: string
  account_id: string
  grace_days: string
  active: boolean
  steps: StepForm[]
}

let seq = 0
const newKey = () => `s${++seq}`

const STEP_CODE = /^[a-z0-9_]{1,40}$/
const WHOLE = /^[+-]?\d+$/
export const MAX_STEP_DAYS = 365
export const MAX_GRACE_DAYS = 90

/**
 * A policy's scope from the ids it carries.
 *
 * @example
 * scopeOf({ account_id: null, entity_id: "bent_1" }) // "entity"
 */
export function scopeOf(p: Pick<DunningPolicy, "account_id" | "entity_id">): PolicyScope {
  return p.account_id ? "account" : p.entity_id ? "entity" : "default"
}

/**
 * A new step whose code is not yet used: the action's name, else the name
 * with a number (`reminder_2`).
 *
 * @example
 * newStep([{ code: "reminder" }], "reminder").code // "reminder_2"
 */
export function newStep(existing: Array<Pick<StepForm, "code">>, action: DunningAction = "reminder", days = ""): StepForm {
  const used = new Set(existing.map((s) => s.code.trim()))
  let code: string = action
  for (let n = 2; used.has(code); n++) code = `${action}_${n}`
  return { key: newKey(), code, action, days }
}

/**
 * Sets step `i`'s action; a code that was only the old action's name
 * (`reminder`, `reminder_2`) follows the new one, a code typed by hand stays.
 *
 * @example
 * withAction([{ key: "a", code: "reminder_2", action: "reminder", days: "3" }], 0, "warning")[0].code // "warning"
 */
export function withAction(steps: StepForm[], i: number, action: DunningAction): StepForm[] {
  return steps.map((s, j) => {
    if (j !== i) return s
    const generated = new RegExp(`^${s.action}(_\\d+)?$`).test(s.code.trim())
    const code = generated ? newStep(steps.filter((_, n) => n !== i), action).code : s.code
    return { ...s, action, code }
  })
}

/**
 * Steps as form rows.
 *
 * @example
 * toStepForms([{ code: "overdue", action: "overdue", days: 1 }])[0].days // "1"
 */
export function toStepForms(steps: DunningStep[] | null | undefined): StepForm[] {
  return (steps ?? []).map((s) => ({ key: newKey(), code: s.code, action: s.action, days: String(s.days) }))
}

/**
 * A new active default-scope policy; its steps start as the built-in
 * default's when it is known, else one overdue step a day after the due date.
 *
 * @example
 * emptyPolicy({ grace_days: 0, steps: [{ code: "overdue", action: "overdue", days: 1 }] }).steps.length // 1
 */
export function emptyPolicy(builtIn?: BuiltInDunningPolicy | null): PolicyForm {
  const steps = builtIn?.steps?.length ? toStepForms(builtIn.steps) : [newStep([], "overdue", "1")]
  return { name: "", scope: "default", entity_id: "", account_id: "", grace_days: String(builtIn?.grace_days ?? 0), active: true, steps }
}

/**
 * A stored policy as form text.
 *
 * @example
 * fromPolicy(policy).scope // "account" when it has an account_id
 */
export function fromPolicy(p: DunningPolicy): PolicyForm {
  return {
    name: p.name ?? "",
    scope: scopeOf(p),
    entity_id: p.entity_id ?? "",
    account_id: p.account_id ?? "",
    grace_days: String(p.grace_days ?? 0),
    active: p.active !== false,
    steps: toStepForms(p.steps),
  }
}

/**
 * Steps in the order they happen (days from the due date, earliest first);
 * steps on the same day keep their order; a row whose days are not a whole
 * number yet goes last.
 *
 * @example
 * sortSteps([{ code: "b", days: "7" }, { code: "a", days: "-3" }]).map((s) => s.code) // ["a", "b"]
 */
export function sortSteps<S extends Pick<StepForm, "days">>(steps: S[]): S[] {
  const day = (s: S) => (WHOLE.test(s.days.trim()) ? Number(s.days.trim()) : Infinity)
  return steps
    .map((s, i) => ({ s, i }))
    .sort((a, b) => day(a.s) - day(b.s) || a.i - b.i)
    .map(({ s }) => s)
}

/**
 * The server's checks with paths: a name; the scope's id; a grace of 0–90
 * days; at least one step, each with a unique code (a–z, 0–9, _; at most
 * 40), a known action and a whole number of days from −365 to 365; at most
 * one suspension.
 *
 * @example
 * validatePolicy({ ...emptyPolicy(), name: "" }) // [{ path: "name", key: "required" }]
 */
export function validatePolicy(f: PolicyForm): Problem[] {
  const out: Problem[] = []
  const add = (path: string, key: string, values?: Problem["values"]) => out.push({ path, key, ...(values ? { values } : {}) })
  if (!f.name.trim()) add("name", "required")
  if (f.scope === "entity" && !f.entity_id.trim()) add("entity_id", "required")
  if (f.scope === "account" && !f.account_id.trim()) add("account_id", "required")
  const grace = f.grace_days.trim()
  if (grace !== "" && (!/^\d+$/.test(grace) || Number(grace) > MAX_GRACE_DAYS)) add("grace_days", "range", { min: 0, max: MAX_GRACE_DAYS })
  if (!f.steps.length) add("steps", "stepsRequired")
  const seen = new Set<string>()
  f.steps.forEach((s, i) => {
    const code = s.code.trim()
    if (!STEP_CODE.test(code)) add(`steps.${i}.code`, "stepCode")
    else if (seen.has(code)) add(`steps.${i}.code`, "duplicateStep", { code })
    seen.add(code)
    if (!(DUNNING_ACTIONS as readonly string[]).includes(s.action)) add(`steps.${i}.action`, "required")
    const days = s.days.trim()
    if (!WHOLE.test(days) || Math.abs(Number(days)) > MAX_STEP_DAYS) add(`steps.${i}.days`, "stepDays", { min: -MAX_STEP_DAYS, max: MAX_STEP_DAYS })
  })
  if (f.steps.filter((s) => s.action === "suspend").length > 1) add("steps", "oneSuspend")
  return out
}

/**
 * The body sent: steps in the order they happen; on creation the scope's id
 * (and only that one), on an update no scope (the API does not take one).
 *
 * @example
 * toPolicyInput({ ...emptyPolicy(), name: "Strict", scope: "entity", entity_id: "bent_1" })
 * // { name: "Strict", entity_id: "bent_1", grace_days: 0, active: true, steps: [...] }
 */
export function toPolicyInput(f: PolicyForm, editing = false): DunningPolicyInput {
  const body: DunningPolicyInput = {
    name: f.name.trim(),
    grace_days: f.grace_days.trim() === "" ? 0 : Number(f.grace_days.trim()),
    active: f.active,
    steps: sortSteps(f.steps).map((s) => ({ code: s.code.trim(), action: s.action, days: Number(s.days.trim()) })),
  }
  if (!editing) {
    if (f.scope === "entity") body.entity_id = f.entity_id.trim()
    if (f.scope === "account") body.account_id = f.account_id.trim()
  }
  return body
}

/**
 * True when an active stored policy of the default scope exists; otherwise
 * the built-in default applies to accounts without a policy of their own.
 *
 * @example
 * hasStoredDefault([{ account_id: null, entity_id: null, active: true }]) // true
 */
export function hasStoredDefault(policies: Array<Pick<DunningPolicy, "account_id" | "entity_id" | "active">>): boolean {
  return policies.some((p) => !p.account_id && !p.entity_id && p.active !== false)
}
