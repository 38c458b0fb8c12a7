import { model } from "@medusajs/framework/utils"

/**
 * One gapless number series: an issuing entity's invoices (debit notes
 * included) or credit notes in one year. `next_number` is the number the next
 * finalized document of that (entity, kind, year) takes. A series never
 * restarts, so documents dated in an earlier year than the last one numbered
 * (an account whose local New Year has not come yet) continue their own year's
 * series instead of repeating its numbers (BILLING.md §4).
 */
const DocumentSequence = model
  .define(
    { name: "DocumentSequence", tableName: "call_billing_document_sequence" },
    {
      id: model.id({ prefix: "bdseq" }).primaryKey(),
      entity_id: model.text(),
      kind: model.enum(["invoice", "credit_note"]),
      year: model.number(),
      next_number: model.number().default(1),
    }
  )
  .indexes([
    { on: ["entity_id", "kind", "year"], unique: true, where: "deleted_at IS NULL" },
  ])

export default DocumentSequence
