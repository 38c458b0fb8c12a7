import type { Direction, RoundingMode, TimeProfileRule } from "../../modules/rating/engine"

export type CreateRateCardInput = {
  code: string
  name: string
  description?: string | null
  kind?: "sell" | "buy"
  currency_code: string
  decimals?: number
  rounding?: RoundingMode
  direction?: Direction | "both"
  carrier?: string | null
  charge_unanswered?: boolean
  max_charge_per_call?: string | null
  time_profile_id?: string | null
  metadata?: Record<string, unknown> | null
}

export type UpdateRateCardInput = Partial<CreateRateCardInput> & { id: string }

export type CreateTimeProfileInput = {
  code: string
  name: string
  description?: string | null
  rules: TimeProfileRule[]
  holidays?: Array<{ date: string; band: string }>
  metadata?: Record<string, unknown> | null
}

export type UpdateTimeProfileInput = Partial<CreateTimeProfileInput> & { id: string }

export type CardAssignmentInput = {
  scope: "system" | "account" | "override"
  account_id?: string | null
  direction: Direction
  rate_card_id: string
  priority?: number
}
