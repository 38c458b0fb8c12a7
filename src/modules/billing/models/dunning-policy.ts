import { model } from "@medusajs/framework/utils"

/**
 * How an unpaid invoice is chased: steps at days relative to its due date
 * (negative = before), each a reminder, an overdue notice, a warning or the
 * suspension of the account (authorization then refuses its calls). An
 * account uses its own policy, else its entity's, else the default.
 */
const DunningPolicy = model
  .define(
    { name: "DunningPolicy", tableName: "call_billing_dunning_policy" },
    {
      id: model.id({ prefix: "bdunp" }).primaryKey(),
      name: model.text(),
      /** scope: one account, one issuing entity, or (both null) the default */
      account_id: model.text().nullable(),
      entity_id: model.text().nullable(),
      /** [{ code, action: reminder | overdue | warning | suspend, days }] ordered by days */
      steps: model.json(),
      /** days added to every step after the due date */
      grace_days: model.number().default(0),
      active: model.boolean().default(true),
    }
  )
  .indexes([
    { on: ["account_id"], unique: true, where: "deleted_at IS NULL AND account_id IS NOT NULL" },
    { on: ["entity_id"], unique: true, where: "deleted_at IS NULL AND entity_id IS NOT NULL AND account_id IS NULL" },
  ])

export default DunningPolicy
