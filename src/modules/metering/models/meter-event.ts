import { model } from "@medusajs/framework/utils"

/** Non-call usage (RATING.md §7), stored once per (account, event id). */
const MeterEvent = model
  .define(
    { name: "MeterEvent", tableName: "call_billing_meter_event" },
    {
      id: model.id({ prefix: "mevt" }).primaryKey(),
      source: model.text(),
      event_id: model.text(),
      account_id: model.text(),
      account_code: model.text(),
      metric: model.text(),
      quantity: model.bigNumber(),
      timestamp: model.dateTime(),
      properties: model.json().nullable(),
      invoice_id: model.text().nullable(),
      import_job_id: model.text().nullable(),
      line: model.number().nullable(),
      request_id: model.text().nullable(),
    }
  )
  .indexes([
    { on: ["account_id", "event_id"], unique: true, where: "deleted_at IS NULL" },
    { on: ["account_id", "metric", "timestamp"], where: "deleted_at IS NULL" },
  ])

export default MeterEvent
