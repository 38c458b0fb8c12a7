export const defaultAdminImportJobFields = [
  "id",
  "source",
  "channel",
  "format",
  "kind",
  "filename",
  "sha256",
  "size_bytes",
  "timezone",
  "status",
  "received",
  "inserted",
  "duplicates",
  "exceptions",
  "exception_reasons",
  "started_at",
  "finished_at",
  "error",
  "created_by",
  "metadata",
  "created_at",
  "updated_at",
]

export const retrieveImportJobTransformQueryConfig = {
  defaults: defaultAdminImportJobFields,
  isList: false,
}

export const listImportJobTransformQueryConfig = {
  ...retrieveImportJobTransformQueryConfig,
  isList: true,
}
