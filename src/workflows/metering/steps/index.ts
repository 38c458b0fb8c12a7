export * from "./create-import-job"
export * from "./ingest-usage"
export * from "./pull-usage"
export * from "./queue-import-job"
