import { model } from "@medusajs/framework/utils"

/**
 * One event for one endpoint: tried until the endpoint answers 2xx, with
 * backoff, then `failed`. Unique per endpoint and event key, so an event
 * emitted twice is delivered once.
 */
const WebhookDelivery = model
  .define(
    { name: "WebhookDelivery", tableName: "call_billing_webhook_delivery" },
    {
      id: model.id({ prefix: "bwhd" }).primaryKey(),
      endpoint_id: model.text(),
      event: model.text(),
      /** the event's identity (e.g. invoice.paid:binv_1) */
      event_key: model.text(),
      payload: model.json(),
      status: model.enum(["pending", "delivered", "failed"]).default("pending"),
      attempts: model.number().default(0),
      next_attempt_at: model.dateTime().nullable(),
      last_attempt_at: model.dateTime().nullable(),
      response_status: model.number().nullable(),
      last_error: model.text().nullable(),
      delivered_at: model.dateTime().nullable(),
    }
  )
  .indexes([
    { on: ["endpoint_id", "event_key"], unique: true, where: "deleted_at IS NULL" },
    { on: ["status", "next_attempt_at"], where: "deleted_at IS NULL" },
  ])

export default WebhookDelivery
