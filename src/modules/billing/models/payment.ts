import { model } from "@medusajs/framework/utils"
import PaymentAllocation from "./payment-allocation"

/**
 * Money received from an account. Allocations spread it over open invoices
 * (oldest first unless told otherwise); what is left is account credit.
 * `reference` is unique per account, so the same bank line or provider
 * payment recorded twice is refused.
 */
const Payment = model
  .define(
    { name: "AccountPayment", tableName: "call_billing_payment" },
    {
      id: model.id({ prefix: "bpay" }).primaryKey(),
      account_id: model.text(),
      amount: model.bigNumber(),
      currency_code: model.text(),
      method: model.enum(["bank_transfer", "card", "cash", "wallet", "stripe", "other"]),
      reference: model.text().nullable(),
      received_at: model.dateTime(),
      /** amount not allocated to any invoice (account credit) */
      unallocated: model.bigNumber(),
      note: model.text().nullable(),
      created_by: model.text().nullable(),
      allocations: model.hasMany(() => PaymentAllocation, { mappedBy: "payment" }),
    }
  )
  .cascades({ delete: ["allocations"] })
  .indexes([
    { on: ["account_id", "reference"], unique: true, where: "deleted_at IS NULL AND reference IS NOT NULL" },
    { on: ["account_id", "received_at"], where: "deleted_at IS NULL" },
  ])

export default Payment
