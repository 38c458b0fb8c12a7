import { model } from "@medusajs/framework/utils"
import CardAssignment from "./card-assignment"
import RateCardVersion from "./rate-card-version"
import TimeProfile from "./time-profile"

/** A sell price list or a carrier's buy price list. Its rows live in versions. */
const RateCard = model
  .define(
    { name: "RateCard", tableName: "call_billing_rate_card" },
    {
      id: model.id({ prefix: "rcard" }).primaryKey(),
      code: model.text().searchable(),
      name: model.text().searchable(),
      description: model.text().nullable(),
      kind: model.enum(["sell", "buy"]).default("sell"),
      currency_code: model.text(),
      /** per-call rounding scale (RATING.md §1) */
      decimals: model.number().default(4),
      rounding: model.enum(["half_up", "up", "down", "half_even"]).default("half_up"),
      direction: model.enum(["outbound", "inbound", "both"]).default("outbound"),
      /** buy cards: the carrier or trunk whose cost this card gives */
      carrier: model.text().nullable(),
      /** charge the connect fee on unanswered calls */
      charge_unanswered: model.boolean().default(false),
      /** a charge above this is out of policy (checked at ingestion) */
      max_charge_per_call: model.bigNumber().nullable(),
      metadata: model.json().nullable(),
      time_profile: model.belongsTo(() => TimeProfile, { mappedBy: "rate_cards" }).nullable(),
      versions: model.hasMany(() => RateCardVersion, { mappedBy: "rate_card" }),
      assignments: model.hasMany(() => CardAssignment, { mappedBy: "rate_card" }),
    }
  )
  .indexes([
    { on: ["code"], unique: true, where: "deleted_at IS NULL" },
    { on: ["kind", "carrier"], where: "deleted_at IS NULL" },
  ])
  .cascades({ delete: ["versions"] })

export default RateCard
