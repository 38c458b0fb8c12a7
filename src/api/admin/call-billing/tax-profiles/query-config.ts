export const defaultAdminTaxProfileFields = [
  "id",
  "code",
  "name",
  "inclusive",
  "exempt",
  "reverse_charge",
  "note",
  "components",
  "surcharges",
  "created_at",
  "updated_at",
]

export const retrieveTaxProfileTransformQueryConfig = {
  defaults: defaultAdminTaxProfileFields,
  isList: false,
}

export const listTaxProfileTransformQueryConfig = {
  ...retrieveTaxProfileTransformQueryConfig,
  isList: true,
}
