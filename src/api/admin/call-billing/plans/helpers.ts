import { exactFields } from "../../../../lib/big-number"

/**
 * A plan as the admin API returns it: money and quantities as exact decimal
 * strings (never JS numbers), components in invoice order.
 *
 * @example
 * presentPlan({ term_discount_percent: 10, raw_term_discount_percent: { value: "10" }, components: [] })
 * // { term_discount_percent: "10", components: [] }
 */
export function presentPlan<T extends Record<string, any>>(plan: T): T {
  const out = exactFields(plan, ["term_discount_percent"]) as Record<string, any>
  if (Array.isArray(out.components)) {
    out.components = [...out.components]
      .sort((a, b) => (a.position ?? 0) - (b.position ?? 0))
      .map((c) => exactFields(c, ["price", "included_quantity", "default_quantity"]))
  }
  return out as T
}
