/**
 * Types of the pure rating engine (RATING.md). Nothing here does I/O: the
 * module service and the command line load data, the engine computes.
 *
 * Money and rates are decimal strings at the edges ("0.0125") and scaled
 * BigInt inside; never a JS `number`.
 */

export type Direction = "outbound" | "inbound"
export type CardDirection = Direction | "both"
export type CardKind = "sell" | "buy"
export type RoundingMode = "half_up" | "up" | "down" | "half_even"

export const DISPOSITIONS = ["ANSWERED", "NO ANSWER", "BUSY", "FAILED", "CONGESTION"] as const

export type ExceptionReason =
  | "unknown_account"
  | "invalid_number"
  | "invalid_record"
  | "no_rate"
  | "duplicate"
  | "out_of_policy"

/** One row of a rate deck, as parsed and validated (decimal strings). */
export interface RateRowInput {
  /** Stable id of the row when it comes from the database (rate_…); the line number otherwise. */
  id?: string
  prefix: string
  destination?: string | null
  destination_group?: string | null
  rate: string
  connect_fee?: string | null
  per_call?: string | null
  initial_increment?: number | null
  subsequent_increment?: number | null
  grace?: number | null
  /** "" or null = any band */
  band?: string | null
  direction?: Direction | null
}

/** FORMATS.md time profile. */
export interface TimeProfileRule {
  band: string
  days: Array<"mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun">
  /** "HH:MM", inclusive */
  from: string
  /** "HH:MM", exclusive; "24:00" allowed */
  to: string
}

export interface TimeProfileInput {
  rules: TimeProfileRule[]
  holidays?: Array<{ date: string; band: string }>
}

/** Settings of a card that the engine needs. */
export interface CardInput {
  id: string
  /** human name or code shown in traces */
  name: string
  kind: CardKind
  currency: string
  decimals: number
  rounding: RoundingMode
  direction: CardDirection
  /** charge the connect fee on unanswered calls (RATING.md §4) */
  charge_unanswered?: boolean
  carrier?: string | null
  time_profile?: TimeProfileInput | null
}

/** A version's dates; `effective_to` null = open-ended. ISO strings or epoch ms. */
export interface VersionInput {
  id: string
  number: number
  effective_from: Date
  effective_to: Date | null
}

/** Account settings used by normalisation and banding. */
export interface AccountSettings {
  /** IANA zone, e.g. "Europe/London" */
  timezone: string
  /** country calling code, digits, e.g. "44" */
  country_code: string
  /** international access code; default "00" ("011" for NANP) */
  international_prefix?: string | null
  /** national trunk prefix; default "0" */
  trunk_prefix?: string | null
}

/** One call to rate. */
export interface CallInput {
  direction: Direction
  /** dialled number as dialled */
  number: string
  /** answer time; required when answered */
  answer_time: Date | null
  billsec: number
  /** default ANSWERED */
  disposition?: string | null
  /** call start; the lookup time of an unanswered call charged under `charge_unanswered` when answer_time is null */
  start_time?: Date | null
  /** carrier that carried the call; with buy cards, only that carrier's cards give the cost */
  carrier?: string | null
}

export interface RateTrace {
  card_id: string
  card: string
  version_id: string
  version: number
  row_id: string
  prefix: string
  destination: string | null
  destination_group: string | null
  band: string
  rate: string
  connect_fee: string
  per_call: string
  initial_increment: number
  subsequent_increment: number
  grace: number
}

export interface CostResult {
  carrier: string | null
  card_id: string
  card: string
  version_id: string
  version: number
  row_id: string
  prefix: string
  band: string
  rated_seconds: number
  cost: string
  currency: string
}

export interface RateResult {
  status: "rated" | "exception"
  reason?: ExceptionReason
  /** human explanation of an exception */
  detail?: string
  /** normalised number, when normalisation succeeded */
  number?: string
  rated_seconds: number
  /** decimal string with the card's decimals; "0" scaled for unrated/zero */
  charge?: string
  currency?: string
  /** null for unanswered calls charged without lookup */
  trace?: RateTrace | null
  /** present when buy cards were given and one rated the call */
  cost?: CostResult | null
  /** charge − cost, unrounded exact decimal string */
  margin?: string | null
}
