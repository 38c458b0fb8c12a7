export * from "./billing"
export * from "./rating"
