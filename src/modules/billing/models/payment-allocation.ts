import { model } from "@medusajs/framework/utils"
import Payment from "./payment"

/** Part of a payment (or of account credit) applied to one invoice. */
const PaymentAllocation = model
  .define(
    { name: "PaymentAllocation", tableName: "call_billing_payment_allocation" },
    {
      id: model.id({ prefix: "bpal" }).primaryKey(),
      invoice_id: model.text(),
      amount: model.bigNumber(),
      payment: model.belongsTo(() => Payment, { mappedBy: "allocations" }),
    }
  )
  .indexes([{ on: ["invoice_id"], where: "deleted_at IS NULL" }])

export default PaymentAllocation
