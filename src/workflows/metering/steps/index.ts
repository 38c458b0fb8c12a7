export * from "./create-import-job"
export * from "./ingest-usage"
