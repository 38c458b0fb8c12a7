import { model } from "@medusajs/framework/utils"

/**
 * One unit of `base` is `rate` units of `quote` from `effective_from` until the
 * next row of the same pair. Usage rated in a card's currency is converted to
 * the account's at the rate in force at the period's end, shown on the invoice.
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
