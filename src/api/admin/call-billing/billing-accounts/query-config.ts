import { ACCOUNT_RAW_MONEY_FIELDS } from "./account-view"

export const defaultAdminBillingAccountFields = [
  "id",
  "code",
  "name",
  "email",
  "currency_code",
  "timezone",
  "country_code",
  "international_prefix",
  "trunk_prefix",
  "status",
  "entity_id",
  "tax_profile_id",
  "billing_interval",
  "anchor_day",
  "net_days",
  "invoicing_floor",
  "grace_minutes",
  "auto_finalize",
  "late_usage",
  "payment_mode",
  "credit_limit",
  "low_balance_threshold",
  "wallet_balance",
  "credit_balance",
  "tax_id",
  "address",
  "metadata",
  "created_at",
  "updated_at",
  "customer.id",
  "customer.email",
  "customer.company_name",
  "customer.first_name",
  "customer.last_name",
  // money comes back exact (account-view.ts)
  ...ACCOUNT_RAW_MONEY_FIELDS,
]

export const retrieveBillingAccountTransformQueryConfig = {
  defaults: defaultAdminBillingAccountFields,
  isList: false,
}

export const listBillingAccountTransformQueryConfig = {
  ...retrieveBillingAccountTransformQueryConfig,
  isList: true,
}
