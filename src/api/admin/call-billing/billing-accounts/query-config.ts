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
  "metadata",
  "created_at",
  "updated_at",
  "customer.id",
  "customer.email",
  "customer.company_name",
  "customer.first_name",
  "customer.last_name",
]

export const retrieveBillingAccountTransformQueryConfig = {
  defaults: defaultAdminBillingAccountFields,
  isList: false,
}

export const listBillingAccountTransformQueryConfig = {
  ...retrieveBillingAccountTransformQueryConfig,
  isList: true,
}
