export * from "./import-usage"
export * from "./pull-usage"
