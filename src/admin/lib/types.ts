/** Shapes of the call-billing admin API (money and rates are exact decimal strings). */
export type RateCard = {
  id: string
  code: string
  name: string
  description: string | null
  kind: "sell" | "buy"
  currency_code: string
  decimals: number
  rounding: "half_up" | "up" | "down" | "half_even"
  direction: "outbound" | "inbound" | "both"
  carrier: string | null
  charge_unanswered: boolean
  time_profile_id: string | null
  time_profile?: { id: string; code: string; name: string } | null
  versions?: RateCardVersion[]
  created_at: string
  updated_at: string
}

export type RateCardVersion = {
  id: string
  rate_card_id: string
  number: number
  status: "draft" | "published"
  effective_from: string | null
  effective_to: string | null
  row_count: number
  source_filename: string | null
  notes: string | null
  published_at: string | null
  created_at: string
}

export type Rate = {
  id: string
  prefix: string
  destination: string | null
  destination_group: string | null
  rate: string
  connect_fee: string
  per_call: string
  initial_increment: number
  subsequent_increment: number
  grace: number
  band: string
  direction: "outbound" | "inbound"
  line: number | null
}

export type DeckError = { line: number; column: string | null; reason: string }

export type TimeProfileRule = { band: string; days: string[]; from: string; to: string }
export type TimeProfile = {
  id: string
  code: string
  name: string
  description: string | null
  rules: TimeProfileRule[]
  holidays: Array<{ date: string; band: string }>
}

export type BillingAccount = {
  id: string
  code: string
  name: string
  email: string | null
  currency_code: string
  timezone: string
  country_code: string
  international_prefix: string
  trunk_prefix: string
  status: "active" | "suspended" | "closed"
  customer?: { id: string; email: string; company_name: string | null } | null
}

export type CardAssignment = {
  id: string
  scope: "system" | "account" | "override"
  account_id: string | null
  direction: "outbound" | "inbound"
  priority: number
  rate_card_id: string
  rate_card?: { id: string; code: string; name: string; currency_code?: string }
}

// The rating results the API returns are the engine's own types (type-only
// imports: nothing of the engine reaches the admin bundle).
export type { CostResult, RateResult, RateTrace } from "../../modules/rating/engine/types"
export type { LcrEntry } from "../../modules/rating/engine/lcr"

export type List<K extends string, T> = { [key in K]: T[] } & { count: number; offset: number; limit: number }
