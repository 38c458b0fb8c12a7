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
      metadata: model.json().nullable(),
    }
  )
  .indexes([{ on: ["code"], unique: true, where: "deleted_at IS NULL" }])

export default BillingAccount
