import Decimal from "decimal.js"

/** A bigNumber as read back (its raw { value } first) → exact decimal string; null stays null. */
function exact(raw: unknown, numeric: unknown): string | null {
  const v = raw && typeof raw === "object" && "value" in raw ? (raw as { value: unknown }).value : numeric
  return v === null || v === undefined ? null : new Decimal(String(v)).toFixed()
}

/** Replaces `field` by its exact value and drops `raw_field`, where the response has them. */
function exactFields<T extends Record<string, any>>(row: T, fields: string[]): T {
  const out: Record<string, any> = { ...row }
  for (const f of fields) {
    if (f in out || `raw_${f}` in out) {
      out[f] = exact(out[`raw_${f}`], out[f])
      delete out[`raw_${f}`]
    }
  }
  return out as T
}

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
