/**
 * Subscribe, change and cancel, pure: which components take a quantity, the
 * quantities a form starts from, their checks, and what a change sends.
 */
import Decimal from "decimal.js"
import type { CancelAt, PlanComponent } from "./types"
import { isDay, isDecimal, type Problem } from "./format"

/**
 * The components a subscription sets a quantity for: seats and add-ons, and
 * any optional component (a quantity above 0 turns it on).
 *
 * @example
 * quantityComponents([{ code: "base", type: "recurring" }, { code: "seats", type: "seat" }]).map((c) => c.code) // ["seats"]
 */
export function quantityComponents<C extends Pick<PlanComponent, "type" | "optional">>(components: C[] | null | undefined): C[] {
  return (components ?? []).filter((c) => c.type === "seat" || c.type === "addon" || !!c.optional)
}

/**
 * The quantities a form starts from: the subscription's current ones, else
 * each component's default, else 0.
 *
 * @example
 * startQuantities([{ code: "seats", type: "seat", default_quantity: "10" }], {}) // { seats: "10" }
 */
export function startQuantities(
  components: Array<Pick<PlanComponent, "code" | "type" | "optional" | "default_quantity">> | null | undefined,
  current: Record<string, string | number> | null | undefined
): Record<string, string> {
  const out: Record<string, string> = {}
  for (const c of quantityComponents(components)) {
    const now = current?.[c.code]
    out[c.code] = now !== undefined && now !== null ? String(now) : c.default_quantity !== null && c.default_quantity !== undefined ? String(c.default_quantity) : "0"
  }
  return out
}

/**
 * Quantities are non-negative decimals; seats are whole.
 *
 * @example
 * quantityProblems({ seats: "2.5" }, [{ code: "seats", type: "seat" }])
 * // [{ path: "quantities.seats", key: "wholeSeats" }]
 */
export function quantityProblems(quantities: Record<string, string>, components: Array<Pick<PlanComponent, "code" | "type">>): Problem[] {
  const out: Problem[] = []
  for (const c of components) {
    const v = (quantities[c.code] ?? "").trim()
    if (!isDecimal(v)) out.push({ path: `quantities.${c.code}`, key: "quantity" })
    else if (c.type === "seat" && !new Decimal(v).isInteger()) out.push({ path: `quantities.${c.code}`, key: "wholeSeats" })
  }
  return out
}

/**
 * The quantities that differ from before (compared as decimals: "10" = "10.0").
 *
 * @example
 * changedQuantities({ seats: "10", lines: "2" }, { seats: "12", lines: "2.0" }) // { seats: "12" }
 */
export function changedQuantities(before: Record<string, string | number>, after: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [code, v] of Object.entries(after)) {
    const was = before[code]
    const value = v.trim()
    if (was === undefined || was === null || !new Decimal(String(was)).eq(new Decimal(value))) out[code] = value
  }
  return out
}

/**
 * A date field: empty (the server's default, today) or a real YYYY-MM-DD.
 *
 * @example
 * dateProblems({ start_date: "2026-13-01" }) // [{ path: "start_date", key: "date" }]
 */
export function dateProblems(dates: Record<string, string>): Problem[] {
  return Object.entries(dates)
    .filter(([, v]) => v.trim() && !isDay(v.trim()))
    .map(([path]) => ({ path, key: "date" }))
}

/**
 * The cancel body's `at`: at the period's end, now, or on a date.
 *
 * @example
 * cancelAt("date", "2026-12-15") // "2026-12-15"
 */
export function cancelAt(choice: "period_end" | "now" | "date", date: string): CancelAt {
  return choice === "date" ? date.trim() : choice
}
