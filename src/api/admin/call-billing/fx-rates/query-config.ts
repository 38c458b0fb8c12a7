export const defaultAdminFxRateFields = ["id", "base", "quote", "rate", "raw_rate", "effective_from", "created_at", "updated_at"]

export const retrieveFxRateTransformQueryConfig = {
  defaults: defaultAdminFxRateFields,
  isList: false,
}

export const listFxRateTransformQueryConfig = {
  ...retrieveFxRateTransformQueryConfig,
  isList: true,
}
