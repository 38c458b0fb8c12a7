import { model } from "@medusajs/framework/utils"

/**
 * A webhook event received from a provider, kept by its id: an event that
 * arrives twice is recognised and changes nothing the second time.
 */
const ProviderEvent = model
  .define(
    { name: "ProviderEvent", tableName: "call_billing_provider_event" },
    {
      id: model.id({ prefix: "bpev" }).primaryKey(),
      provider: model.enum(["stripe", "xero"]),
      event_id: model.text(),
      type: model.text(),
      /** processed: acted on; ignored: nothing to do (unknown object, stale) */
      outcome: model.enum(["processed", "ignored"]).default("processed"),
      detail: model.text().nullable(),
      received_at: model.dateTime(),
    }
  )
  .indexes([{ on: ["provider", "event_id"], unique: true, where: "deleted_at IS NULL" }])

export default ProviderEvent
