export const defaultAdminRateCardFields = [
  "id",
  "code",
  "name",
  "description",
  "kind",
  "currency_code",
  "decimals",
  "rounding",
  "direction",
  "carrier",
  "charge_unanswered",
  "max_charge_per_call",
  "raw_max_charge_per_call",
  "time_profile_id",
  "metadata",
  "created_at",
  "updated_at",
  "time_profile.id",
  "time_profile.code",
  "time_profile.name",
  "versions.id",
  "versions.number",
  "versions.status",
  "versions.effective_from",
  "versions.effective_to",
  "versions.row_count",
]

export const retrieveRateCardTransformQueryConfig = {
  defaults: defaultAdminRateCardFields,
  isList: false,
}

export const listRateCardTransformQueryConfig = {
  ...retrieveRateCardTransformQueryConfig,
  isList: true,
}

export const defaultAdminRateCardVersionFields = [
  "id",
  "rate_card_id",
  "number",
  "status",
  "effective_from",
  "effective_to",
  "row_count",
  "source_filename",
  "source_sha256",
  "notes",
  "created_by",
  "published_at",
  "published_by",
  "created_at",
  "updated_at",
]

export const retrieveRateCardVersionTransformQueryConfig = {
  defaults: defaultAdminRateCardVersionFields,
  isList: false,
}

export const listRateCardVersionTransformQueryConfig = {
  ...retrieveRateCardVersionTransformQueryConfig,
  isList: true,
}
