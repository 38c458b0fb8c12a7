import { model } from "@medusajs/framework/utils"
import RateCard from "./rate-card"

/** Peak/off-peak/weekend rules and holidays (FORMATS.md "Time profile"). */
const TimeProfile = model
  .define(
    { name: "TimeProfile", tableName: "call_billing_time_profile" },
    {
      id: model.id({ prefix: "tprof" }).primaryKey(),
      code: model.text().searchable(),
      name: model.text().searchable(),
      description: model.text().nullable(),
      rules: model.json(),
      holidays: model.json(),
      metadata: model.json().nullable(),
      rate_cards: model.hasMany(() => RateCard, { mappedBy: "time_profile" }),
    }
  )
  .indexes([{ on: ["code"], unique: true, where: "deleted_at IS NULL" }])

export default TimeProfile
