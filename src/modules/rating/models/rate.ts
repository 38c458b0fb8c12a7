import { model } from "@medusajs/framework/utils"
import RateCardVersion from "./rate-card-version"

/** One row of a rate deck (FORMATS.md "Rate deck"); money as exact numerics. */
const Rate = model
  .define(
    { name: "Rate", tableName: "call_billing_rate" },
    {
      id: model.id({ prefix: "rate" }).primaryKey(),
      prefix: model.text().searchable(),
      destination: model.text().searchable().nullable(),
      destination_group: model.text().nullable(),
      rate: model.bigNumber(),
      connect_fee: model.bigNumber().default(0),
      per_call: model.bigNumber().default(0),
      initial_increment: model.number().default(60),
      subsequent_increment: model.number().default(60),
      grace: model.number().default(0),
      /** "" = any time band */
      band: model.text().default(""),
      direction: model.enum(["outbound", "inbound"]).default("outbound"),
      /** line of the imported deck, for lineage */
      line: model.number().nullable(),
      version: model.belongsTo(() => RateCardVersion, { mappedBy: "rates" }),
    }
  )
  .indexes([
    {
      on: ["version_id", "prefix", "band", "direction"],
      unique: true,
      where: "deleted_at IS NULL",
    },
  ])

export default Rate
