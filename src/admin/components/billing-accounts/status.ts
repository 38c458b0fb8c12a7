import type { BillingAccount } from "../../lib/types"

export const statusColour = (s: BillingAccount["status"]): "green" | "orange" | "grey" =>
  s === "active" ? "green" : s === "suspended" ? "orange" : "grey"
