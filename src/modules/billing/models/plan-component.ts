import { model } from "@medusajs/framework/utils"
import Plan from "./plan"

/**
 * One priced part of a plan. `type` says how it bills (BILLING.md §2–§3):
 * recurring | seat | setup | support | addon | white_label — a price, × quantity
 * for seat and addon; concurrency — included channels, price per channel over
 * the period's peak; bundle — included minutes, optionally scoped to a
 * direction and destination groups; metric — a meter event metric priced flat,
 * tiered or volume; commitment — a minimum (true-up); volume_discount — tiers
 * of per-minute prices over the period's calls or minutes.
 */
const PlanComponent = model
  .define(
    { name: "PlanComponent", tableName: "call_billing_plan_component" },
    {
      id: model.id({ prefix: "bpcmp" }).primaryKey(),
      code: model.text(),
      name: model.text(),
      type: model.enum([
        "recurring",
        "seat",
        "setup",
        "support",
        "addon",
        "white_label",
        "concurrency",
        "bundle",
        "metric",
        "commitment",
        "volume_discount",
      ]),
      /** unit price (per period, per seat, per channel over, per metric unit) or commitment amount */
      price: model.bigNumber().nullable(),
      /** included channels (concurrency), minutes (bundle) or units (metric) */
      included_quantity: model.bigNumber().nullable(),
      /** quantity a new subscription starts with (seats, add-on units) */
      default_quantity: model.bigNumber().nullable(),
      pricing: model.enum(["flat", "tiered", "volume"]).nullable(),
      /** [{ up_to: "100000" | null, price: "0.01" | null }] */
      tiers: model.json().nullable(),
      metric: model.text().nullable(),
      /** bundle scope */
      direction: model.enum(["outbound", "inbound"]).nullable(),
      destination_groups: model.json().nullable(),
      /** volume discount basis */
      basis: model.enum(["calls", "minutes"]).nullable(),
      /** commitment: line kinds that count toward it */
      eligible_kinds: model.json().nullable(),
      in_arrears: model.boolean().default(false),
      /** add-ons are off unless the subscription turns them on */
      optional: model.boolean().default(false),
      position: model.number().default(0),
      plan: model.belongsTo(() => Plan, { mappedBy: "components" }),
    }
  )
  .indexes([{ on: ["plan_id", "code"], unique: true, where: "deleted_at IS NULL" }])

export default PlanComponent
