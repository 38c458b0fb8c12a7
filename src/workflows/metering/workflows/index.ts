export * from "./import-usage"
export * from "./pull-usage"
export * from "./queue-import"
