import { model } from "@medusajs/framework/utils"

/**
 * A closed period of one account: the natural key (account, period start)
 * is unique, so a period closes once however many workers try. Its outcome
 * says whether an invoice was issued, the amount was carried forward (below the
 * invoicing floor) or became account credit.
 */
const BillingPeriod = model
  .define(
    { name: "BillingPeriod", tableName: "call_billing_billing_period" },
    {
      id: model.id({ prefix: "bper" }).primaryKey(),
      account_id: model.text(),
      period_start: model.text(),
      period_end: model.text(),
      outcome: model.enum(["invoice", "carry_forward", "credit", "empty"]),
      /** the calculated total (carried amount for carry_forward) */
      amount: model.bigNumber(),
      currency_code: model.text(),
      invoice_id: model.text().nullable(),
      /** late usage of earlier periods billed at this close (account setting late_usage = debit_note) */
      debit_note_id: model.text().nullable(),
      /** carry_forward: the later period whose close took the carried amount over */
      carried_into_period_id: model.text().nullable(),
      /** the subscription's billing state before this close, restored if a draft is regenerated */
      subscription_before: model.json().nullable(),
      /** account credit this close consumed (+) or added (−) */
      credit_delta: model.bigNumber().default(0),
      closed_at: model.dateTime(),
    }
  )
  .indexes([
    { on: ["account_id", "period_start"], unique: true, where: "deleted_at IS NULL" },
  ])

export default BillingPeriod
