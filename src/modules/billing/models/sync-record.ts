import { model } from "@medusajs/framework/utils"

/**
 * Where one of our records stands in an external system (Stripe, Xero):
 * `pending` until pushed, `synced` with the provider's id, `failed` with the
 * last error. One row per provider and record, so a retry finds what an
 * earlier attempt already created (the provider id, stored as soon as it is
 * known) instead of creating it again.
 */
const SyncRecord = model
  .define(
    { name: "SyncRecord", tableName: "call_billing_sync_record" },
    {
      id: model.id({ prefix: "bsync" }).primaryKey(),
      provider: model.enum(["stripe", "xero"]),
      record_type: model.enum(["account", "invoice", "credit_note", "payment"]),
      record_id: model.text(),
      account_id: model.text(),
      status: model.enum(["pending", "synced", "failed"]).default("pending"),
      /** the provider's id (cus_…, in_…, a Xero InvoiceID …) */
      external_id: model.text().nullable(),
      attempts: model.number().default(0),
      last_error: model.text().nullable(),
      last_attempt_at: model.dateTime().nullable(),
      next_attempt_at: model.dateTime().nullable(),
      synced_at: model.dateTime().nullable(),
      /** what the provider said last (status, hosted URL, totals) */
      data: model.json().nullable(),
    }
  )
  .indexes([
    { on: ["provider", "record_type", "record_id"], unique: true, where: "deleted_at IS NULL" },
    { on: ["provider", "status", "next_attempt_at"], where: "deleted_at IS NULL" },
    { on: ["account_id"], where: "deleted_at IS NULL" },
  ])

export default SyncRecord
