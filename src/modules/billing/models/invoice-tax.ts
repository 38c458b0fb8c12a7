import { model } from "@medusajs/framework/utils"
import Invoice from "./invoice"

/** Tax at one rate on an invoice, computed on the rounded taxable lines. */
const InvoiceTax = model.define(
  { name: "InvoiceTax", tableName: "call_billing_invoice_tax" },
  {
    id: model.id({ prefix: "binvt" }).primaryKey(),
    code: model.text(),
    name: model.text(),
    rate: model.bigNumber(),
    taxable_amount: model.bigNumber(),
    amount: model.bigNumber(),
    invoice: model.belongsTo(() => Invoice, { mappedBy: "taxes" }),
  }
)

export default InvoiceTax
