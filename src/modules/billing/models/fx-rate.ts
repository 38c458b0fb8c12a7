import { model } from "@medusajs/framework/utils"

/**
 * One unit of `base` is `rate` units of `quote` from `effective_from` until the
 * next row of the same pair. A call rated by a card in another currency than
 * its account's is converted at the rate in force at the call (shown on the
 * invoice); a grant at the rate in force when it is authorized.
 */
const FxRate = model
  .define(
    { name: "FxRate", tableName: "call_billing_fx_rate" },
    {
      id: model.id({ prefix: "bfx" }).primaryKey(),
      base: model.text(),
      quote: model.text(),
      rate: model.bigNumber(),
      effective_from: model.dateTime(),
    }
  )
  .indexes([
    { on: ["base", "quote", "effective_from"], unique: true, where: "deleted_at IS NULL" },
  ])

export default FxRate
