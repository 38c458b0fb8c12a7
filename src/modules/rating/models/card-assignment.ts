import { model } from "@medusajs/framework/utils"
import RateCard from "./rate-card"

/**
 * Which cards rate an account's calls, per direction (RATING.md §3.1):
 * `override` cards first (by priority), then the account's card, then the
 * `system` default. `account_id` is a billing account id (billing module);
 * it is null for the system default.
 */
const CardAssignment = model
  .define(
    { name: "CardAssignment", tableName: "call_billing_card_assignment" },
    {
      id: model.id({ prefix: "cassign" }).primaryKey(),
      scope: model.enum(["system", "account", "override"]),
      account_id: model.text().nullable(),
      direction: model.enum(["outbound", "inbound"]),
      priority: model.number().default(0),
      rate_card: model.belongsTo(() => RateCard, { mappedBy: "assignments" }),
    }
  )
  .indexes([
    { on: ["direction"], unique: true, where: "scope = 'system' AND deleted_at IS NULL" },
    {
      on: ["account_id", "direction"],
      unique: true,
      where: "scope = 'account' AND deleted_at IS NULL",
    },
    {
      on: ["account_id", "direction", "rate_card_id"],
      unique: true,
      where: "scope = 'override' AND deleted_at IS NULL",
    },
    { on: ["rate_card_id"], where: "deleted_at IS NULL" },
  ])

export default CardAssignment
