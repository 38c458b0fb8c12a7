export * from "./create-billing-accounts"
export * from "./delete-billing-accounts"
export * from "./update-billing-accounts"
