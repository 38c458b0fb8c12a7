import { model } from "@medusajs/framework/utils"

/** A URL an admin registered to receive the plugin's events, HMAC-signed. */
const WebhookEndpoint = model.define(
  { name: "WebhookEndpoint", tableName: "call_billing_webhook_endpoint" },
  {
    id: model.id({ prefix: "bwhe" }).primaryKey(),
    url: model.text(),
    description: model.text().nullable(),
    /** the HMAC-SHA256 key; shown once on creation */
    secret: model.text(),
    /** event names it receives (invoice.finalized, …) */
    events: model.json(),
    active: model.boolean().default(true),
  }
)

export default WebhookEndpoint
