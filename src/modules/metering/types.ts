/**
 * What the metering module stores, as the ingest path hands it over: records
 * already parsed and rated (or judged exceptions) by the workflow layer.
 * Money is decimal strings; times are Dates.
 */

export type ExceptionReason = "unknown_account" | "invalid_number" | "invalid_record" | "no_rate" | "out_of_policy"

export const EXCEPTION_REASONS: readonly ExceptionReason[] = [
  "unknown_account",
  "invalid_number",
  "invalid_record",
  "no_rate",
  "out_of_policy",
]

export type ImportChannel = "upload" | "rest" | "sftp" | "s3" | "stream"
export type ImportKind = "calls" | "events"

/** A rated call, ready to store. */
export interface StagedCall {
  source: string
  call_id: string
  account_id: string
  account_code: string
  direction: "outbound" | "inbound"
  caller: string | null
  callee: string
  number: string
  answer_time: Date | null
  start_time: Date | null
  end_time: Date | null
  duration: number | null
  billsec: number
  disposition: string
  campaign: string | null
  agent: string | null
  queue: string | null
  trunk: string | null
  carrier: string | null
  rate_card_id: string | null
  rate_card_version_id: string | null
  version_number: number | null
  rate_id: string | null
  prefix: string | null
  destination: string | null
  destination_group: string | null
  band: string | null
  rated_seconds: number
  charge: string
  currency: string
  /** set when the rating card charges in another currency than the account's (converted) */
  original_charge?: string | null
  original_currency?: string | null
  fx_rate?: string | null
  cost: string | null
  cost_currency: string | null
  cost_rate_card_id: string | null
  line: number | null
  request_id: string | null
  metadata: Record<string, string> | null
}

/** A meter event, ready to store. */
export interface StagedEvent {
  source: string
  event_id: string
  account_id: string
  account_code: string
  metric: string
  quantity: string
  timestamp: Date
  properties: Record<string, string> | null
  line: number | null
  request_id: string | null
}

/** A record that goes to the exception queue. */
export interface StagedException {
  kind: "call" | "event"
  source: string
  record_key: string
  account_code: string | null
  account_id: string | null
  reason: ExceptionReason
  details: string | null
  /** the normalised record, what reprocessing starts from */
  record: Record<string, unknown>
  format: string | null
  answer_time: Date | null
  line: number | null
  request_id: string | null
}

/** One slice of an import: what to store, in input order. */
export interface IngestBatch {
  calls?: StagedCall[]
  events?: StagedEvent[]
  exceptions?: StagedException[]
}

export interface IngestCounts {
  received: number
  inserted: number
  duplicates: number
  exceptions: number
  exception_reasons: Partial<Record<ExceptionReason, number>>
}
