import { model } from "@medusajs/framework/utils"

/**
 * A record that could not be stored as rated usage, with why. Nothing is
 * dropped: it waits here to be fixed and reprocessed, or ignored with a note.
 * One per (kind, source, record key) so a re-imported bad line is a duplicate.
 */
const UsageException = model
  .define(
    { name: "UsageException", tableName: "call_billing_usage_exception" },
    {
      id: model.id({ prefix: "uexc" }).primaryKey(),
      kind: model.enum(["call", "event"]),
      source: model.text(),
      /** call id, account|event id, or a hash of the line when it has neither */
      record_key: model.text(),
      account_code: model.text().nullable(),
      account_id: model.text().nullable(),
      reason: model.enum(["unknown_account", "invalid_number", "invalid_record", "no_rate", "out_of_policy"]),
      details: model.text().nullable(),
      /** the normalised record (JSON), what reprocessing starts from */
      record: model.json(),
      format: model.text().nullable(),
      answer_time: model.dateTime().nullable(),
      status: model.enum(["open", "resolved", "ignored"]).default("open"),
      resolved_by: model.text().nullable(),
      resolved_at: model.dateTime().nullable(),
      note: model.text().nullable(),
      /** the call or event it became when reprocessed */
      resolved_record_id: model.text().nullable(),
      attempts: model.number().default(0),
      import_job_id: model.text().nullable(),
      line: model.number().nullable(),
      request_id: model.text().nullable(),
    }
  )
  .indexes([
    { on: ["kind", "source", "record_key"], unique: true, where: "deleted_at IS NULL" },
    { on: ["status", "reason"], where: "deleted_at IS NULL" },
  ])

export default UsageException
