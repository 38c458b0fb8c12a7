import Decimal from "decimal.js"

/**
 * A `bigNumber` column as read back, exactly: its `raw_<field>` twin's value,
 * never the JS number Medusa also puts on the row (money never goes through a
 * float). A row without the twin (plain JSON, SQL text) gives the field itself.
 *
 * @example
 * exactOf(invoice, "total").toFixed(2) // "1260.05"
 */
export function exactOf(row: any, field: string): Decimal {
  const v = row?.[`raw_${field}`]?.value ?? row?.[field]
  return new Decimal(v === null || v === undefined ? 0 : String(v))
}

/** A bigNumber as read back (its raw { value } first) → exact decimal string; null stays null. */
function exactString(raw: unknown, numeric: unknown): string | null {
  const v = raw && typeof raw === "object" && "value" in raw ? (raw as { value: unknown }).value : numeric
  return v === null || v === undefined ? null : new Decimal(String(v)).toFixed()
}

/**
 * A row as the API shows it: each of `fields` (bigNumber columns) replaced
 * by its exact decimal string, and its `raw_` twin dropped, where the row
 * has them; null stays null. Never a JS number for money.
 *
 * @example
 * exactFields({ id: "bacct_1", credit_limit: 5000, raw_credit_limit: { value: "5000.00" } }, ["credit_limit"])
 * // { id: "bacct_1", credit_limit: "5000" }
 */
export function exactFields<T extends Record<string, any>>(row: T, fields: readonly string[]): T {
  const out: Record<string, any> = { ...row }
  for (const f of fields) {
    if (f in out || `raw_${f}` in out) {
      out[f] = exactString(out[`raw_${f}`], out[f])
      delete out[`raw_${f}`]
    }
  }
  return out as T
}
