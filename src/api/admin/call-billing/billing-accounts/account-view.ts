import { exactFields } from "../../../../lib/big-number"

/** The account's money fields (BigNumber columns). */
export const ACCOUNT_MONEY_FIELDS = ["invoicing_floor", "credit_limit", "low_balance_threshold", "wallet_balance", "credit_balance"] as const

/** The fields the routes read so that money comes back exact: each money field's raw_ twin. */
export const ACCOUNT_RAW_MONEY_FIELDS = ACCOUNT_MONEY_FIELDS.map((f) => `raw_${f}`)

/**
 * A billing account as the API shows it: money as exact decimal strings
 * (from the raw_ twins; `null` stays null), never JS numbers, and no raw_*
 * fields.
 *
 * @example
 * accountView({ id: "bacct_1", credit_limit: 5000, raw_credit_limit: { value: "5000" }, wallet_balance: 4.517, raw_wallet_balance: { value: "4.517" } })
 * // { id: "bacct_1", credit_limit: "5000", wallet_balance: "4.517" }
 */
export function accountView<T extends Record<string, any>>(row: T): T {
  return exactFields(row, ACCOUNT_MONEY_FIELDS)
}
