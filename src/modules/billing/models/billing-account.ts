import { model } from "@medusajs/framework/utils"

/**
 * The tenant: one client company of the call center, billed in its own
 * currency and time zone. Linked to a Medusa customer (src/links/).
 */
const BillingAccount = model
  .define(
    { name: "BillingAccount", tableName: "call_billing_billing_account" },
    {
      id: model.id({ prefix: "bacct" }).primaryKey(),
      code: model.text().searchable(),
      name: model.text().searchable(),
      email: model.text().searchable().nullable(),
      currency_code: model.text(),
      /** IANA zone: bands, periods and local CDR times are read in it */
      timezone: model.text(),
      /** country calling code, digits (e.g. "44") */
      country_code: model.text(),
      /** international access code: "00", "011" for NANP */
      international_prefix: model.text().default("00"),
      /** national trunk prefix replaced by the country code */
      trunk_prefix: model.text().default("0"),
      status: model.enum(["active", "suspended", "closed"]).default("active"),
      // billing (BILLING.md §1, §4, §6)
      entity_id: model.text().nullable(),
      tax_profile_id: model.text().nullable(),
      billing_interval: model.enum(["month", "quarter", "half_year", "year"]).default("month"),
      /** periods run from anchor day to anchor day, local dates */
      anchor_day: model.number().default(1),
      /** quarter / half_year / year: a month periods start in (1–12) */
      anchor_month: model.number().default(1),
      /** payment terms: due date = issue date + net days */
      net_days: model.number().default(30),
      /** below this an invoice is not issued; the amount carries forward */
      invoicing_floor: model.bigNumber().default(0),
      /** a period closes this long after its end, for late usage */
      grace_minutes: model.number().default(60),
      auto_finalize: model.boolean().default(false),
      /** usage for a closed period: a debit note, or into the next period */
      late_usage: model.enum(["debit_note", "next_period"]).default("debit_note"),
      payment_mode: model.enum(["prepaid", "postpaid"]).default("postpaid"),
      /** postpaid: what may be owed (unbilled usage + open invoices + holds) before calls are refused */
      credit_limit: model.bigNumber().nullable(),
      /** prepaid: emit call_billing.wallet.low_balance when the balance falls below */
      low_balance_threshold: model.bigNumber().nullable(),
      /** prepaid: Σ of the wallet ledger, kept in step with it under the account's row lock */
      wallet_balance: model.bigNumber().default(0),
      /** postpaid credit from overpayments and negative periods, applied to the next invoice as a line */
      credit_balance: model.bigNumber().default(0),
      /** why the account is suspended: "dunning" (lifted when paid) or an admin's note */
      suspension_reason: model.text().nullable(),
      /** dunning is paused for this account: no steps are taken */
      dunning_paused: model.boolean().default(false),
      /** prepaid: { threshold, amount, payment_method } — charge the saved card when the balance falls below */
      auto_top_up: model.json().nullable(),
      tax_id: model.text().nullable(),
      /** { line1, line2, city, postal_code, region, country } */
      address: model.json().nullable(),
      metadata: model.json().nullable(),
    }
  )
  .indexes([{ on: ["code"], unique: true, where: "deleted_at IS NULL" }])

export default BillingAccount
