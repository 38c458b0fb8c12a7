export * from "./billing"
export * from "./rating"
export * from "./metering"
