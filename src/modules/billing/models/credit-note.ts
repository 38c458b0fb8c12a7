import { model } from "@medusajs/framework/utils"

/**
 * A credit against one finalized invoice, with a reason; never more than what
 * remains on the invoice (BILLING.md §5). Numbered per entity like invoices.
 * `subtotal` and `tax_total` split the credit the way the invoice was taxed.
 */
const CreditNote = model
  .define(
    { name: "CreditNote", tableName: "call_billing_credit_note" },
    {
      id: model.id({ prefix: "bcn" }).primaryKey(),
      account_id: model.text(),
      invoice_id: model.text(),
      entity_id: model.text(),
      number: model.text(),
      currency_code: model.text(),
      reason: model.text(),
      subtotal: model.bigNumber(),
      tax_total: model.bigNumber(),
      total: model.bigNumber(),
      /** [{ description, amount }] */
      lines: model.json().nullable(),
      created_by: model.text().nullable(),
      issued_at: model.dateTime(),
    }
  )
  .indexes([
    { on: ["entity_id", "number"], unique: true, where: "deleted_at IS NULL" },
    { on: ["invoice_id"], where: "deleted_at IS NULL" },
  ])

export default CreditNote
