import { model } from "@medusajs/framework/utils"

/**
 * One entry of an account's dunning timeline: a step taken for an invoice
 * (once per invoice and step, however often the job runs), a failed card
 * payment, a suspension, a reactivation, a pause.
 */
const DunningEvent = model
  .define(
    { name: "DunningEvent", tableName: "call_billing_dunning_event" },
    {
      id: model.id({ prefix: "bdune" }).primaryKey(),
      account_id: model.text(),
      invoice_id: model.text().nullable(),
      /** the policy step's code, or payment_failed | suspended | reactivated | paused | resumed */
      step: model.text(),
      action: model.text(),
      occurred_at: model.dateTime(),
      detail: model.json().nullable(),
    }
  )
  .indexes([
    { on: ["invoice_id", "step"], unique: true, where: "deleted_at IS NULL AND invoice_id IS NOT NULL AND step <> 'payment_failed'" },
    { on: ["account_id", "occurred_at"], where: "deleted_at IS NULL" },
  ])

export default DunningEvent
