import { z } from "@medusajs/framework/zod"
import { createSelectParams } from "@medusajs/medusa/api/utils/validators"
import Decimal from "decimal.js"
import { currencyCode, decimalString, direction, findParams, stringList } from "../../../utils/validators"

const COMPONENT_TYPES = [
  "recurring",
  "seat",
  "setup",
  "support",
  "addon",
  "white_label",
  "concurrency",
  "bundle",
  "metric",
  "commitment",
  "volume_discount",
] as const
type ComponentType = (typeof COMPONENT_TYPES)[number]

/** Invoice line kinds that come before a commitment's true-up, so can count toward it. */
const ELIGIBLE_KINDS = [
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

/** Which optional fields each type uses; a value in any other is refused rather than silently ignored. */
const USES: Record<ComponentType, readonly string[]> = {
  recurring: ["price", "in_arrears", "default_quantity", "optional"],
  seat: ["price", "in_arrears", "default_quantity", "optional"],
  support: ["price", "in_arrears", "default_quantity", "optional"],
  addon: ["price", "in_arrears", "default_quantity", "optional"],
  white_label: ["price", "in_arrears", "default_quantity", "optional"],
  setup: ["price"],
  concurrency: ["price", "included_quantity"],
  bundle: ["included_quantity", "direction", "destination_groups", "price", "in_arrears", "default_quantity", "optional"],
  metric: ["metric", "pricing", "price", "tiers", "included_quantity"],
  commitment: ["price", "eligible_kinds"],
  volume_discount: ["basis", "tiers", "direction", "destination_groups"],
}
const OPTIONAL_FIELDS = [
  "price",
  "included_quantity",
  "default_quantity",
  "pricing",
  "tiers",
  "metric",
  "direction",
  "destination_groups",
  "basis",
  "eligible_kinds",
  "in_arrears",
  "optional",
] as const

/** stored in canonical form: "25.00" → "25" */
const canonical = (v: string) => new Decimal(v).toFixed()
/** A decimal, or null when malformed (already reported by decimalString: zod runs every check). */
const dec = (v: unknown) => {
  try {
    return new Decimal(String(v))
  } catch {
    return null
  }
}
const amount = decimalString(6).transform(canonical)

const tier = z
  .object({
    up_to: amount.nullable(),
    price: amount,
  })
  .strict()

const component = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[a-z0-9_-]{1,64}$/, "must be 1–64 characters a–z, 0–9, _ and - (e.g. agent_seats)"),
    name: z.string().trim().min(1).max(200),
    type: z.enum(COMPONENT_TYPES),
    price: amount.nullish(),
    included_quantity: amount.nullish(),
    default_quantity: amount.nullish(),
    pricing: z.enum(["flat", "tiered", "volume"]).nullish(),
    tiers: z.array(tier).nullish(),
    metric: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_.:-]{1,64}$/, "must be a metric code of 1–64 characters A–Z, a–z, 0–9, _ . : and - (e.g. sms)")
      .nullish(),
    direction: direction.nullish(),
    destination_groups: z.array(z.string().trim().min(1).max(64)).min(1).nullish(),
    basis: z.enum(["calls", "minutes"]).nullish(),
    eligible_kinds: z.array(z.enum(ELIGIBLE_KINDS)).min(1).nullish(),
    in_arrears: z.boolean().optional(),
    optional: z.boolean().optional(),
  })
  .strict()
  .superRefine(checkComponent)
export type AdminPlanComponentType = z.infer<typeof component>

/**
 * Per-type rules (plan-component.ts; BILLING.md §2–§3; the calculator's
 * input in calc/types.ts). Paths are relative to the component.
 */
function checkComponent(c: Record<string, any>, ctx: z.RefinementCtx) {
  const t = c.type as ComponentType
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", message, path })
  const set = (f: string) => c[f] !== undefined && c[f] !== null && c[f] !== false
  const label = `a ${t} component`
  for (const f of OPTIONAL_FIELDS) {
    if (set(f) && !USES[t].includes(f)) issue([f], `is not used by ${label}`)
  }
  const need = (f: string, why: string) => {
    if (!set(f)) issue([f], `is required for ${label} (${why})`)
  }
  switch (t) {
    case "setup":
      need("price", "the one-time fee")
      break
    case "concurrency":
      need("price", "per channel above the included ones")
      if (set("included_quantity") && dec(c.included_quantity)?.isInteger() === false) {
        issue(["included_quantity"], "must be a whole number of channels")
      }
      break
    case "bundle": {
      need("included_quantity", "the minutes included per period")
      const minutes = set("included_quantity") ? dec(c.included_quantity) : null
      if (minutes) {
        if (!minutes.gt(0)) issue(["included_quantity"], "must be above 0 minutes")
        else if (!minutes.mul(60).isInteger()) issue(["included_quantity"], "must be whole seconds (minutes × 60 a whole number)")
      }
      break
    }
    case "metric":
      need("metric", "the meter event metric it prices")
      need("pricing", "flat, tiered or volume")
      if (c.pricing === "flat") {
        need("price", "the flat price per unit")
        if (set("tiers")) issue(["tiers"], "is not used by flat pricing (use price)")
      } else if (c.pricing === "tiered" || c.pricing === "volume") {
        need("tiers", `${c.pricing} pricing`)
        if (set("price")) issue(["price"], `is not used by ${c.pricing} pricing (the tiers carry the prices)`)
      }
      break
    case "commitment":
      need("price", "the minimum amount per period")
      break
    case "volume_discount":
      need("basis", "calls or minutes")
      need("tiers", "the per-minute price each tier reaches")
      break
    default:
      need("price", t === "seat" ? "per seat per period" : t === "addon" ? "per unit per period" : "per period")
  }
  if (Array.isArray(c.tiers)) checkTiers(c.tiers, issue)
}

/** Tiers: bounds strictly increasing, every one but the last bounded, the last unbounded (null). */
function checkTiers(tiers: Array<{ up_to: string | null; price: string }>, issue: (path: (string | number)[], m: string) => void) {
  if (!tiers.length) {
    issue(["tiers"], "at least one tier is required")
    return
  }
  let prev = new Decimal(0)
  tiers.forEach((t, i) => {
    if (!t || typeof t !== "object") return // its shape is reported already
    const last = i === tiers.length - 1
    if (t.up_to === undefined) return
    if (t.up_to === null) {
      if (!last) issue(["tiers", i, "up_to"], "only the last tier may be unbounded (null)")
      return
    }
    if (last) {
      issue(["tiers", i, "up_to"], `the last tier must be unbounded: null, not ${t.up_to}`)
      return
    }
    const up = dec(t.up_to)
    if (!up) return
    if (!up.gt(prev)) {
      issue(["tiers", i, "up_to"], i ? `${t.up_to} must be above the previous tier's ${prev.toFixed()}` : "must be above 0")
    }
    prev = Decimal.max(prev, up)
  })
}

const components = z.array(component).superRefine((list, ctx) => {
  const seen = new Set<string>()
  list.forEach((c, i) => {
    if (seen.has(c.code)) {
      ctx.addIssue({ code: "custom", message: `"${c.code}" appears twice; component codes are unique in a plan`, path: [i, "code"] })
    }
    seen.add(c.code)
  })
})

const planFields = {
  code: z.string().trim().min(1).max(64),
  name: z.string().trim().min(1).max(200),
  description: z.string().trim().max(2000).nullish(),
  currency_code: currencyCode,
  interval: z.enum(["month", "quarter", "half_year", "year"]).optional(),
  term_discount_percent: amount
    .refine((v) => !dec(v)?.gt(100), 'must be 0–100: a percentage, "10" is 10 % off')
    .nullish(),
  trial_days: z.number().int().min(0, "trial_days must be 0–365").max(365, "trial_days must be 0–365").optional(),
  status: z.enum(["active", "archived"]).optional(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
  /** in invoice order */
  components: components.optional(),
}

export const AdminCreatePlan = z.object(planFields).strict()
export type AdminCreatePlanType = z.infer<typeof AdminCreatePlan>

export const AdminUpdatePlan = z
  .object({
    ...planFields,
    code: planFields.code.optional(),
    name: planFields.name.optional(),
    currency_code: currencyCode.optional(),
    /** replaces the whole list when given */
    components: components.optional(),
  })
  .strict()
export type AdminUpdatePlanType = z.infer<typeof AdminUpdatePlan>

export const AdminGetPlanParams = createSelectParams()
export const AdminGetPlansParams = findParams({ limit: 20 }).merge(
  z.object({
    q: z.string().optional(),
    id: stringList.optional(),
    code: stringList.optional(),
    status: z.enum(["active", "archived"]).optional(),
    currency_code: currencyCode.optional(),
    interval: z.enum(["month", "quarter", "half_year", "year"]).optional(),
  })
)
