import { model } from "@medusajs/framework/utils"

/**
 * An entity's wording for one kind of notification (invoice issued, receipt,
 * reminder …). `{{placeholders}}` are filled from the notification's data;
 * kinds without a template use the built-in wording.
 */
const NotificationTemplate = model
  .define(
    { name: "NotificationTemplate", tableName: "call_billing_notification_template" },
    {
      id: model.id({ prefix: "bntpl" }).primaryKey(),
      /** null: every entity without its own */
      entity_id: model.text().nullable(),
      kind: model.text(),
      subject: model.text(),
      body: model.text(),
    }
  )
  .indexes([
    { on: ["entity_id", "kind"], unique: true, where: "deleted_at IS NULL AND entity_id IS NOT NULL" },
    { on: ["kind"], unique: true, where: "deleted_at IS NULL AND entity_id IS NULL" },
  ])

export default NotificationTemplate
