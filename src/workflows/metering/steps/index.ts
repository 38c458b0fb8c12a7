export * from "./create-import-job"
export * from "./ingest-usage"
export * from "./pull-usage"
