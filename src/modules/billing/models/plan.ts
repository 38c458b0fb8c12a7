import { model } from "@medusajs/framework/utils"
import PlanComponent from "./plan-component"

/**
 * What a tenant subscribes to: a set of priced components billed every
 * interval, with an optional term discount and free trial.
 */
const Plan = model
  .define(
    { name: "Plan", tableName: "call_billing_plan" },
    {
      id: model.id({ prefix: "bplan" }).primaryKey(),
      code: model.text().searchable(),
      name: model.text().searchable(),
      description: model.text().nullable(),
      currency_code: model.text(),
      interval: model.enum(["month", "quarter", "half_year", "year"]).default("month"),
      /** percentage off the recurring lines ("10" = 10 %), for longer terms */
      term_discount_percent: model.bigNumber().nullable(),
      trial_days: model.number().default(0),
      status: model.enum(["active", "archived"]).default("active"),
      components: model.hasMany(() => PlanComponent, { mappedBy: "plan" }),
      metadata: model.json().nullable(),
    }
  )
  .cascades({ delete: ["components"] })
  .indexes([{ on: ["code"], unique: true, where: "deleted_at IS NULL" }])

export default Plan
