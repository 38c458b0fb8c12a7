import { model } from "@medusajs/framework/utils"

/**
 * One batch of usage that came in together: an uploaded or pulled file, a REST
 * request, or a slice of a stream. Counters reconcile once it has completed:
 * received = inserted + duplicates + exceptions. A failed job stored nothing.
 */
const ImportJob = model
  .define(
    { name: "ImportJob", tableName: "call_billing_import_job" },
    {
      id: model.id({ prefix: "ijob" }).primaryKey(),
      /** the switch or system the records come from; (source, call id) is the dedupe key */
      source: model.text(),
      channel: model.enum(["upload", "rest", "sftp", "s3", "stream"]),
      /** generic | asterisk | freeswitch | events | json */
      format: model.text(),
      kind: model.enum(["calls", "events"]).default("calls"),
      filename: model.text().nullable(),
      sha256: model.text().nullable(),
      size_bytes: model.bigNumber().nullable(),
      /** zone of local timestamps (Asterisk, FreeSWITCH) */
      timezone: model.text().nullable(),
      /** REST: the Idempotency-Key or a hash of the body */
      request_key: model.text().nullable(),
      status: model.enum(["queued", "running", "completed", "failed"]).default("queued"),
      received: model.number().default(0),
      inserted: model.number().default(0),
      duplicates: model.number().default(0),
      exceptions: model.number().default(0),
      /** exceptions by reason, e.g. { "no_rate": 3 } */
      exception_reasons: model.json().nullable(),
      started_at: model.dateTime().nullable(),
      finished_at: model.dateTime().nullable(),
      /** when prepaid wallets and open reservations had seen its calls (the step after the import) */
      settled_at: model.dateTime().nullable(),
      error: model.text().nullable(),
      created_by: model.text().nullable(),
      metadata: model.json().nullable(),
    }
  )
  .indexes([
    { on: ["status"], where: "deleted_at IS NULL" },
    // imports whose calls the wallets have not seen yet (a crash between the two steps)
    { on: ["finished_at"], where: "deleted_at IS NULL AND status = 'completed' AND inserted > 0 AND settled_at IS NULL" },
    { on: ["request_key"], unique: true, where: "deleted_at IS NULL AND request_key IS NOT NULL" },
  ])

export default ImportJob
