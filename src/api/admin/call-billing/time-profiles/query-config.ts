export const defaultAdminTimeProfileFields = [
  "id",
  "code",
  "name",
  "description",
  "rules",
  "holidays",
  "metadata",
  "created_at",
  "updated_at",
]

export const retrieveTimeProfileTransformQueryConfig = {
  defaults: defaultAdminTimeProfileFields,
  isList: false,
}

export const listTimeProfileTransformQueryConfig = {
  ...retrieveTimeProfileTransformQueryConfig,
  isList: true,
}
