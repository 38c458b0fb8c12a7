import { model } from "@medusajs/framework/utils"
import InvoiceLine from "./invoice-line"
import InvoiceTax from "./invoice-tax"

/**
 * An invoice (or a debit note for late usage and re-rates). A draft can be
 * regenerated; finalizing numbers it (per entity, gapless) and freezes it:
 * afterwards only payments, credit notes and the status change.
 */
const Invoice = model
  .define(
    { name: "Invoice", tableName: "call_billing_invoice" },
    {
      id: model.id({ prefix: "binv" }).primaryKey(),
      kind: model.enum(["invoice", "debit_note"]).default("invoice"),
      account_id: model.text(),
      entity_id: model.text(),
      number: model.text().nullable(),
      status: model
        .enum(["draft", "finalized", "paid", "partially_paid", "void", "uncollectible"])
        .default("draft"),
      currency_code: model.text(),
      period_start: model.text(),
      period_end: model.text(),
      subtotal: model.bigNumber(),
      tax_total: model.bigNumber(),
      total: model.bigNumber(),
      amount_paid: model.bigNumber().default(0),
      amount_credited: model.bigNumber().default(0),
      tax_inclusive: model.boolean().default(false),
      notes: model.json().nullable(),
      /** FX rates used to convert usage from other card currencies */
      fx: model.json().nullable(),
      issued_at: model.dateTime().nullable(),
      due_date: model.text().nullable(),
      finalized_at: model.dateTime().nullable(),
      voided_at: model.dateTime().nullable(),
      /** written off as uncollectible: what was still due leaves the statement's balance then */
      written_off_at: model.dateTime().nullable(),
      /** the invoice a debit note corrects */
      corrects_invoice_id: model.text().nullable(),
      lines: model.hasMany(() => InvoiceLine, { mappedBy: "invoice" }),
      taxes: model.hasMany(() => InvoiceTax, { mappedBy: "invoice" }),
      metadata: model.json().nullable(),
    }
  )
  .cascades({ delete: ["lines", "taxes"] })
  .indexes([
    // one invoice per account and period (debit notes are extra documents)
    {
      on: ["account_id", "period_start"],
      unique: true,
      where: "deleted_at IS NULL AND kind = 'invoice'",
    },
    { on: ["entity_id", "number"], unique: true, where: "deleted_at IS NULL AND number IS NOT NULL" },
    { on: ["account_id", "status"], where: "deleted_at IS NULL" },
  ])

export default Invoice
