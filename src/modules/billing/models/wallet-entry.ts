import { model } from "@medusajs/framework/utils"

/**
 * The prepaid wallet is this ledger: the balance is the sum of `amount` over
 * an account's entries, always. Top-ups and refunds add; debits (rated calls),
 * reservation holds and adjustments subtract; a release gives a hold back.
 * So "available credit" is the plain sum, and a grant is a hold written under
 * a lock on the account (BILLING.md §6). Entries are never updated.
 */
const WalletEntry = model
  .define(
    { name: "WalletEntry", tableName: "call_billing_wallet_entry" },
    {
      id: model.id({ prefix: "bwal" }).primaryKey(),
      account_id: model.text(),
      type: model.enum(["top_up", "debit", "hold", "release", "adjustment", "refund"]),
      /** signed: + adds credit, − takes it */
      amount: model.bigNumber(),
      currency_code: model.text(),
      reservation_id: model.text().nullable(),
      /** debit: the call that was charged (the switch's call id) */
      call_id: model.text().nullable(),
      /** debit of a stored CDR: its metering call row (a call id alone may repeat across sources) */
      call_record_id: model.text().nullable(),
      /** top-up: payment reference (Stripe payment intent, bank line); unique per account */
      reference: model.text().nullable(),
      note: model.text().nullable(),
      created_by: model.text().nullable(),
    }
  )
  .indexes([
    { on: ["account_id", "created_at"], where: "deleted_at IS NULL" },
    { on: ["account_id", "type", "reference"], unique: true, where: "deleted_at IS NULL AND reference IS NOT NULL" },
    // a stored call is debited once, and so is a reservation (by its report or its CDR)
    { on: ["call_record_id"], unique: true, where: "deleted_at IS NULL AND type = 'debit' AND call_record_id IS NOT NULL" },
    { on: ["reservation_id"], unique: true, where: "deleted_at IS NULL AND type = 'debit' AND reservation_id IS NOT NULL" },
    // what a call was charged so far (its debit and adjustments)
    { on: ["account_id", "call_id"], where: "deleted_at IS NULL AND call_id IS NOT NULL" },
  ])

export default WalletEntry
