import Decimal from "decimal.js"

/**
 * An FX rate as the admin API returns it: `rate` the exact decimal string
 * stored (its raw value), never a JS number.
 *
 * @example
 * presentFxRate({ id: "bfx_1", rate: 1.1642, raw_rate: { value: "1.1642000000", precision: 20 } })
 * // { id: "bfx_1", rate: "1.1642" }
 */
export function presentFxRate<T extends Record<string, any>>(row: T): T {
  if (!("rate" in row) && !("raw_rate" in row)) {
    return row
  }
  const { raw_rate, ...rest } = row as Record<string, any>
  const v = raw_rate && typeof raw_rate === "object" && "value" in raw_rate ? raw_rate.value : row.rate
  return { ...rest, rate: v === null || v === undefined ? null : new Decimal(String(v)).toFixed() } as unknown as T
}
