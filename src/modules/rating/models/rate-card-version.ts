import { model } from "@medusajs/framework/utils"
import Rate from "./rate"
import RateCard from "./rate-card"

/**
 * One effective-dated version of a card. A draft can be replaced or deleted;
 * a published version is immutable except that publishing its successor
 * closes its `effective_to`.
 */
const RateCardVersion = model
  .define(
    { name: "RateCardVersion", tableName: "call_billing_rate_card_version" },
    {
      id: model.id({ prefix: "rcver" }).primaryKey(),
      number: model.number(),
      status: model.enum(["draft", "published"]).default("draft"),
      effective_from: model.dateTime().nullable(),
      effective_to: model.dateTime().nullable(),
      row_count: model.number().default(0),
      source_filename: model.text().nullable(),
      source_sha256: model.text().nullable(),
      notes: model.text().nullable(),
      created_by: model.text().nullable(),
      published_at: model.dateTime().nullable(),
      published_by: model.text().nullable(),
      rate_card: model.belongsTo(() => RateCard, { mappedBy: "versions" }),
      rates: model.hasMany(() => Rate, { mappedBy: "version" }),
    }
  )
  .indexes([
    { on: ["rate_card_id", "number"], unique: true, where: "deleted_at IS NULL" },
    { on: ["rate_card_id", "status", "effective_from"], where: "deleted_at IS NULL" },
  ])
  .cascades({ delete: ["rates"] })

export default RateCardVersion
