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
