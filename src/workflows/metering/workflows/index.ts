export * from "./import-usage"
