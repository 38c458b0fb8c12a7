import { model } from "@medusajs/framework/utils"
import SubscriptionChange from "./subscription-change"

/**
 * An account's plan. Dates are local dates (YYYY-MM-DD) in the account's time
 * zone, as periods are. `quantities` holds the current seats and add-on units
 * by component code; every change is also a SubscriptionChange row, which is
 * what proration reads. One live subscription per account.
 */
const Subscription = model
  .define(
    { name: "Subscription", tableName: "call_billing_subscription" },
    {
      id: model.id({ prefix: "bsub" }).primaryKey(),
      account_id: model.text(),
      plan_id: model.text(),
      status: model.enum(["trialing", "active", "canceled"]).default("active"),
      start_date: model.text(),
      trial_end: model.text().nullable(),
      /** the date it stops (exclusive); set by a cancel at period end or now */
      cancel_at: model.text().nullable(),
      canceled_at: model.dateTime().nullable(),
      /** { component_code: "quantity" } */
      quantities: model.json(),
      setup_billed: model.boolean().default(false),
      /** end of the last period whose advance components an invoice has billed */
      billed_through: model.text().nullable(),
      changes: model.hasMany(() => SubscriptionChange, { mappedBy: "subscription" }),
      metadata: model.json().nullable(),
    }
  )
  .cascades({ delete: ["changes"] })
  .indexes([
    { on: ["account_id"], unique: true, where: "deleted_at IS NULL AND status <> 'canceled'" },
    { on: ["plan_id"], where: "deleted_at IS NULL" },
  ])

export default Subscription
