import { model } from "@medusajs/framework/utils"
import Invoice from "./invoice"

/** One line of an invoice, rounded once to the currency's minor unit. */
const InvoiceLine = model.define(
  { name: "InvoiceLine", tableName: "call_billing_invoice_line" },
  {
    id: model.id({ prefix: "binvl" }).primaryKey(),
    position: model.number(),
    kind: model.text(),
    description: model.text(),
    quantity: model.bigNumber(),
    unit_price: model.bigNumber().nullable(),
    amount: model.bigNumber(),
    taxable: model.boolean().default(true),
    component_code: model.text().nullable(),
    period_start: model.text().nullable(),
    period_end: model.text().nullable(),
    /** included/billable minutes, tier breakdown, proration fraction … */
    details: model.json().nullable(),
    invoice: model.belongsTo(() => Invoice, { mappedBy: "lines" }),
  }
)

export default InvoiceLine
