import { model } from "@medusajs/framework/utils"

/**
 * The legal entity an invoice is issued by (multi-entity / white-label): its
 * name, address and tax id print on every document, and it owns gapless number
 * sequences of its own. A number is taken inside the finalizing transaction
 * (BILLING.md §4), so a rolled-back finalize never burns one.
 */
const IssuingEntity = model
  .define(
    { name: "IssuingEntity", tableName: "call_billing_issuing_entity" },
    {
      id: model.id({ prefix: "bent" }).primaryKey(),
      code: model.text().searchable(),
      legal_name: model.text().searchable(),
      /** { line1, line2, city, postal_code, region, country } */
      address: model.json().nullable(),
      tax_id: model.text().nullable(),
      email: model.text().nullable(),
      currency_code: model.text(),
      /** invoices are numbered PREFIX-YYYY-NNNNNN */
      invoice_prefix: model.text(),
      credit_note_prefix: model.text(),
      next_invoice_number: model.number().default(1),
      next_credit_note_number: model.number().default(1),
      /** read-only view of the most recent year with numbers; the series themselves are DocumentSequence rows, one per (kind, year), that never restart */
      sequence_year: model.number().nullable(),
      logo_url: model.text().nullable(),
      primary_color: model.text().default("#1f2937"),
      accent_color: model.text().default("#2563eb"),
      metadata: model.json().nullable(),
    }
  )
  .indexes([
    { on: ["code"], unique: true, where: "deleted_at IS NULL" },
    { on: ["invoice_prefix"], unique: true, where: "deleted_at IS NULL" },
  ])

export default IssuingEntity
