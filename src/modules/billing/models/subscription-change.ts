import { model } from "@medusajs/framework/utils"
import Subscription from "./subscription"

/**
 * One dated change of one component's quantity (seats 10 → 15 on the 10th).
 * A plan change is recorded as every component of the old plan going to 0 and
 * every component of the new plan coming from 0 on the same date; a start and
 * a cancel likewise. The period close prorates from these rows.
 */
const SubscriptionChange = model
  .define(
    { name: "SubscriptionChange", tableName: "call_billing_subscription_change" },
    {
      id: model.id({ prefix: "bschg" }).primaryKey(),
      kind: model.enum(["start", "quantity", "plan", "cancel", "trial_convert", "addon"]),
      effective_date: model.text(),
      plan_id: model.text(),
      component_code: model.text().nullable(),
      quantity_before: model.bigNumber().nullable(),
      quantity_after: model.bigNumber().nullable(),
      created_by: model.text().nullable(),
      note: model.text().nullable(),
      subscription: model.belongsTo(() => Subscription, { mappedBy: "changes" }),
    }
  )
  .indexes([{ on: ["subscription_id", "effective_date"], where: "deleted_at IS NULL" }])

export default SubscriptionChange
