export const defaultAdminUsageExceptionFields = [
  "id",
  "kind",
  "source",
  "record_key",
  "account_code",
  "account_id",
  "reason",
  "details",
  "record",
  "format",
  "answer_time",
  "status",
  "resolved_by",
  "resolved_at",
  "note",
  "resolved_record_id",
  "attempts",
  "import_job_id",
  "line",
  "request_id",
  "created_at",
  "updated_at",
]

export const retrieveUsageExceptionTransformQueryConfig = {
  defaults: defaultAdminUsageExceptionFields,
  isList: false,
}

export const listUsageExceptionTransformQueryConfig = {
  ...retrieveUsageExceptionTransformQueryConfig,
  defaultLimit: 50,
  isList: true,
}
