/**
 * The plan editor's model, kept pure: a plan as form text, the checks the
 * server makes (plans/validators.ts) with their paths, and the body sent,
 * which carries only the fields a component's type uses (the server refuses
 * any other).
 */
import Decimal from "decimal.js"
import { isIsoCurrency } from "../../lib/currency"
import type { ComponentType, Plan, PlanComponent, PlanInput, PlanInterval } from "./types"
import { COMPONENT_TYPES } from "./types"
import { isDecimal, type Problem } from "./format"

export type ComponentField =
  | "price"
  | "included_quantity"
  | "default_quantity"
  | "pricing"
  | "tiers"
  | "metric"
  | "direction"
  | "destination_groups"
  | "basis"
  | "eligible_kinds"
  | "in_arrears"
  | "optional"

/** The optional fields each type uses, as the server's validator lists them. */
export const TYPE_FIELDS: Record<ComponentType, readonly ComponentField[]> = {
  recurring: ["price", "default_quantity", "in_arrears", "optional"],
  seat: ["price", "default_quantity", "in_arrears", "optional"],
  setup: ["price"],
  support: ["price", "default_quantity", "in_arrears", "optional"],
  addon: ["price", "default_quantity", "in_arrears", "optional"],
  white_label: ["price", "default_quantity", "in_arrears", "optional"],
  concurrency: ["included_quantity", "price"],
  bundle: ["included_quantity", "price", "direction", "destination_groups", "default_quantity", "in_arrears", "optional"],
  metric: ["metric", "pricing", "price", "tiers", "included_quantity"],
  commitment: ["price", "eligible_kinds"],
  volume_discount: ["basis", "tiers", "direction", "destination_groups"],
}

/** Invoice line kinds that may count toward a commitment (the server's list). */
export const ELIGIBLE_KINDS = [
  "recurring",
  "seat",
  "support",
  "addon",
  "white_label",
  "bundle",
  "setup",
  "term_discount",
  "usage",
  "volume_discount",
  "concurrency",
  "metric",
] as const

export type TierForm = { up_to: string; price: string }
export type ComponentForm = {
  /** React key; never sent */
  key: string
  code: string
  name: string
  type: ComponentType
  price: string
  included_quantity: string
  default_quantity: string
  pricing: "" | "flat" | "tiered" | "volume"
  /** the last tier is unbounded: its up_to is ignored */
  tiers: TierForm[]
  metric: string
  direction: "" | "outbound" | "inbound"
  /** comma-separated */
  destination_groups: string
  basis: "" | "calls" | "minutes"
  eligible_kinds: string[]
  in_arrears: boolean
  optional: boolean
}
export type PlanForm = {
  code: string
  name: string
  description: string
  currency_code: string
  interval: PlanInterval
  term_discount_percent: string
  trial_days: string
  status: "active" | "archived"
  components: ComponentForm[]
}

let seq = 0
const newKey = () => `c${++seq}`

/**
 * A new, empty component of a type (one open tier where the type has tiers).
 *
 * @example
 * emptyComponent("seat").type // "seat"
 */
export function emptyComponent(type: ComponentType = "recurring", key: string = newKey()): ComponentForm {
  return {
    key,
    code: "",
    name: "",
    type,
    price: "",
    included_quantity: "",
    default_quantity: "",
    pricing: type === "metric" ? "flat" : "",
    tiers: type === "volume_discount" ? [{ up_to: "", price: "" }] : [],
    metric: "",
    direction: "",
    destination_groups: "",
    basis: type === "volume_discount" ? "minutes" : "",
    eligible_kinds: [],
    in_arrears: false,
    optional: false,
  }
}

/**
 * Changes a component's type, keeping what the new type also uses.
 *
 * @example
 * withType({ ...emptyComponent("seat"), price: "30" }, "addon").price // "30"
 */
export function withType(c: ComponentForm, type: ComponentType): ComponentForm {
  const fresh = emptyComponent(type, c.key)
  const keep = new Set(TYPE_FIELDS[type])
  const out: ComponentForm = { ...fresh, code: c.code, name: c.name }
  for (const f of keep) (out as any)[f] = (c as any)[f]
  if (type === "metric" && !out.pricing) out.pricing = "flat"
  if ((type === "volume_discount" || (type === "metric" && out.pricing !== "flat")) && !out.tiers.length) out.tiers = [{ up_to: "", price: "" }]
  if (type === "volume_discount" && !out.basis) out.basis = "minutes"
  return out
}

/**
 * A new monthly, active plan in a currency, without components.
 *
 * @example
 * emptyPlan("USD").interval // "month"
 */
export function emptyPlan(currency = ""): PlanForm {
  return {
    code: "",
    name: "",
    description: "",
    currency_code: currency,
    interval: "month",
    term_discount_percent: "",
    trial_days: "0",
    status: "active",
    components: [],
  }
}

const text = (v: unknown) => (v === null || v === undefined ? "" : String(v))

/**
 * A stored plan as form text (components in invoice order).
 *
 * @example
 * fromPlan(plan).components[0].price // "25"
 */
export function fromPlan(plan: Plan): PlanForm {
  const components = [...(plan.components ?? [])].sort((a, b) => (a.position ?? 0) - (b.position ?? 0))
  return {
    code: plan.code,
    name: plan.name,
    description: text(plan.description),
    currency_code: plan.currency_code.toUpperCase(),
    interval: plan.interval,
    term_discount_percent: text(plan.term_discount_percent),
    trial_days: text(plan.trial_days ?? 0),
    status: plan.status,
    components: components.map(fromComponent),
  }
}

function fromComponent(c: PlanComponent): ComponentForm {
  return {
    ...emptyComponent(c.type),
    code: c.code,
    name: c.name,
    price: text(c.price),
    included_quantity: text(c.included_quantity),
    default_quantity: text(c.default_quantity),
    pricing: c.pricing ?? (c.type === "metric" ? "flat" : ""),
    tiers: (c.tiers ?? []).map((t) => ({ up_to: text(t.up_to), price: text(t.price) })),
    metric: text(c.metric),
    direction: c.direction ?? "",
    destination_groups: (c.destination_groups ?? []).join(", "),
    basis: c.basis ?? "",
    eligible_kinds: [...(c.eligible_kinds ?? [])],
    in_arrears: !!c.in_arrears,
    optional: !!c.optional,
  }
}

/**
 * Which fields the editor shows for a component: its type's fields, with
 * metric pricing choosing between one price (flat) and tiers.
 *
 * @example
 * visibleFields({ ...emptyComponent("metric"), pricing: "tiered" }) // ["metric", "pricing", "tiers", "included_quantity"]
 */
export function visibleFields(c: Pick<ComponentForm, "type" | "pricing">): ComponentField[] {
  return TYPE_FIELDS[c.type].filter((f) => {
    if (c.type !== "metric") return true
    if (f === "price") return c.pricing === "flat" || c.pricing === ""
    if (f === "tiers") return c.pricing === "tiered" || c.pricing === "volume"
    return true
  })
}

const groups = (s: string) =>
  s
    .split(",")
    .map((g) => g.trim())
    .filter(Boolean)

/**
 * The body for POST /plans (or /plans/:id): trimmed text, empty optional
 * values left out, each component with only the fields its type uses, the
 * last tier unbounded (null).
 *
 * @example
 * toPlanInput({ ...emptyPlan("USD"), code: "pro", name: "Pro",
 *   components: [{ ...emptyComponent("seat"), code: "seats", name: "Seat", price: "30", default_quantity: "10" }] })
 * // { code: "pro", name: "Pro", description: null, currency_code: "USD", interval: "month", term_discount_percent: null,
 * //   trial_days: 0, status: "active",
 * //   components: [{ code: "seats", name: "Seat", type: "seat", price: "30", default_quantity: "10", in_arrears: false, optional: false }] }
 */
export function toPlanInput(f: PlanForm): PlanInput {
  return {
    code: f.code.trim(),
    name: f.name.trim(),
    description: f.description.trim() || null,
    currency_code: f.currency_code.trim().toUpperCase(),
    interval: f.interval,
    term_discount_percent: f.term_discount_percent.trim() || null,
    trial_days: f.trial_days.trim() ? Number(f.trial_days.trim()) : 0,
    status: f.status,
    components: f.components.map(toComponentInput),
  }
}

function toComponentInput(c: ComponentForm): Omit<PlanComponent, "id" | "position"> {
  const out: Record<string, unknown> = { code: c.code.trim(), name: c.name.trim(), type: c.type }
  for (const f of visibleFields(c)) {
    switch (f) {
      case "tiers":
        out.tiers = c.tiers.map((t, i) => ({
          up_to: i === c.tiers.length - 1 ? null : t.up_to.trim(),
          price: t.price.trim(),
        }))
        break
      case "destination_groups": {
        const list = groups(c.destination_groups)
        if (list.length) out.destination_groups = list
        break
      }
      case "eligible_kinds":
        if (c.eligible_kinds.length) out.eligible_kinds = [...c.eligible_kinds]
        break
      case "in_arrears":
      case "optional":
        out[f] = c[f]
        break
      default: {
        const v = String(c[f]).trim()
        if (v) out[f] = v
      }
    }
  }
  return out as Omit<PlanComponent, "id" | "position">
}

const CODE = /^[a-z0-9_-]{1,64}$/
const METRIC = /^[A-Za-z0-9_.:-]{1,64}$/

/**
 * The server's checks, run before sending so a mistake points at its field.
 * Paths: `code`, `components.2.price`, `components.0.tiers.1.up_to` …
 *
 * @example
 * validatePlan({ ...emptyPlan("USD"), code: "pro", name: "Pro", components: [emptyComponent("setup")] })
 * // [{ path: "components.0.code", key: "componentCode" }, { path: "components.0.name", key: "required" },
 * //  { path: "components.0.price", key: "required" }]
 */
export function validatePlan(f: PlanForm): Problem[] {
  const out: Problem[] = []
  const add = (path: string, key: string, values?: Problem["values"]) => out.push({ path, key, ...(values ? { values } : {}) })
  if (!f.code.trim()) add("code", "required")
  else if (f.code.trim().length > 64) add("code", "tooLong", { max: 64 })
  if (!f.name.trim()) add("name", "required")
  else if (f.name.trim().length > 200) add("name", "tooLong", { max: 200 })
  if (f.description.trim().length > 2000) add("description", "tooLong", { max: 2000 })
  if (!isIsoCurrency(f.currency_code)) add("currency_code", "currency")
  const discount = f.term_discount_percent.trim()
  if (discount && (!isDecimal(discount) || new Decimal(discount).gt(100))) add("term_discount_percent", "percent")
  const trial = f.trial_days.trim()
  if (trial && (!/^\d+$/.test(trial) || Number(trial) > 365)) add("trial_days", "trialDays")

  const seen = new Set<string>()
  f.components.forEach((c, i) => {
    const at = (field: string) => `components.${i}.${field}`
    const code = c.code.trim()
    if (!CODE.test(code)) add(at("code"), "componentCode")
    else if (seen.has(code)) add(at("code"), "duplicateCode", { code })
    seen.add(code)
    if (!c.name.trim()) add(at("name"), "required")
    else if (c.name.trim().length > 200) add(at("name"), "tooLong", { max: 200 })

    const fields = visibleFields(c)
    if (fields.includes("destination_groups") && groups(c.destination_groups).some((g) => g.length > 64)) {
      add(at("destination_groups"), "groupTooLong", { max: 64 })
    }
    const value = (k: "price" | "included_quantity" | "default_quantity") => c[k].trim()
    // every decimal the type uses, when given
    for (const k of ["price", "included_quantity", "default_quantity"] as const) {
      if (fields.includes(k) && value(k) && !isDecimal(value(k))) add(at(k), "decimal")
    }
    const need = (k: "price" | "included_quantity") => {
      if (!value(k)) add(at(k), "required")
    }
    switch (c.type) {
      case "setup":
      case "recurring":
      case "seat":
      case "support":
      case "addon":
      case "white_label":
      case "commitment":
        need("price")
        break
      case "concurrency":
        need("price")
        if (isDecimal(value("included_quantity")) && !new Decimal(value("included_quantity")).isInteger()) {
          add(at("included_quantity"), "wholeChannels")
        }
        break
      case "bundle":
        need("included_quantity")
        if (isDecimal(value("included_quantity"))) {
          const minutes = new Decimal(value("included_quantity"))
          if (!minutes.gt(0)) add(at("included_quantity"), "positiveMinutes")
          else if (!minutes.mul(60).isInteger()) add(at("included_quantity"), "wholeSeconds")
        }
        break
      case "metric":
        if (!METRIC.test(c.metric.trim())) add(at("metric"), "metricCode")
        if (!c.pricing) add(at("pricing"), "required")
        else if (c.pricing === "flat") need("price")
        break
      case "volume_discount":
        if (!c.basis) add(at("basis"), "required")
        break
    }
    if (fields.includes("tiers")) validateTiers(c.tiers, (path, key, values) => add(at(path), key, values))
  })
  return out
}

function validateTiers(tiers: TierForm[], add: (path: string, key: string, values?: Problem["values"]) => void) {
  if (!tiers.length) {
    add("tiers", "tiersRequired")
    return
  }
  let prev = new Decimal(0)
  tiers.forEach((t, i) => {
    if (!isDecimal(t.price.trim())) add(`tiers.${i}.price`, t.price.trim() ? "decimal" : "required")
    if (i === tiers.length - 1) return
    const up = t.up_to.trim()
    if (!isDecimal(up)) {
      add(`tiers.${i}.up_to`, up ? "decimal" : "required")
      return
    }
    const bound = new Decimal(up)
    if (!bound.gt(prev)) add(`tiers.${i}.up_to`, i ? "tierAbovePrevious" : "positive", { previous: prev.toFixed() })
    prev = Decimal.max(prev, bound)
  })
}

export { COMPONENT_TYPES }
