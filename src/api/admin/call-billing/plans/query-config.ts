const componentFields = [
  "id",
  "code",
  "name",
  "type",
  "price",
  "raw_price",
  "included_quantity",
  "raw_included_quantity",
  "default_quantity",
  "raw_default_quantity",
  "pricing",
  "tiers",
  "metric",
  "direction",
  "destination_groups",
  "basis",
  "eligible_kinds",
  "in_arrears",
  "optional",
  "position",
]

export const defaultAdminPlanFields = [
  "id",
  "code",
  "name",
  "description",
  "currency_code",
  "interval",
  "term_discount_percent",
  "raw_term_discount_percent",
  "trial_days",
  "status",
  "metadata",
  "created_at",
  "updated_at",
  ...componentFields.map((f) => `components.${f}`),
]

export const retrievePlanTransformQueryConfig = {
  defaults: defaultAdminPlanFields,
  isList: false,
}

export const listPlanTransformQueryConfig = {
  ...retrievePlanTransformQueryConfig,
  isList: true,
}
