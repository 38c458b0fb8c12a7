import type { GrantTerms } from "./credit/grant"

export type RefusalReason =
  | "account_not_found"
  | "account_suspended"
  | "account_closed"
  | "insufficient_credit"
  | "reservation_not_open"
  | "invalid_number"
  | "no_rate"

/** What a grant was priced at (from the rating trace); extensions reuse it. */
export type ReservationTerms = GrantTerms & {
  rate_card_id: string
  rate_card_version_id: string
  rate_id: string
  prefix: string
  destination: string | null
  band: string
  /** the moment the call was rated at; a report is settled at the same moment */
  rated_at: string
  /** the card charges in another currency: its prices above are converted at this rate */
  fx?: { currency: string; rate: string; effective_from: string }
}

export type AuthorizeCreditInput = {
  account_id: string
  call_id?: string | null
  number: string
  direction: "outbound" | "inbound"
  terms: ReservationTerms
  requested_seconds?: number
  /** postpaid: unbilled usage + open invoices, computed by the caller */
  committed?: string
  /** a reservation expires after this many seconds (default 2 × the grant) */
  expires_in_seconds?: number
}

export type CreditDecision =
  | {
      granted: true
      reservation_id: string
      granted_seconds: number
      amount: string
      currency_code: string
      expires_at: Date
      available_after: string | null
      balance: WalletMovement | null
    }
  | { granted: false; reason: RefusalReason; detail: string; available: string | null }

/** How a wallet moved, so a caller can tell whether a low-balance threshold was crossed. */
export type WalletMovement = {
  account_id: string
  before: string
  after: string
  low_balance_threshold: string | null
  currency_code: string
}

export type WalletEntryInput = {
  type: "top_up" | "debit" | "hold" | "release" | "adjustment" | "refund"
  amount: string
  reservation_id?: string | null
  call_id?: string | null
  call_record_id?: string | null
  reference?: string | null
  note?: string | null
  created_by?: string | null
}


export type InvoiceFx = { base: string; quote: string; rate: string; calls: number; original_amount: string; amount: string }

/** A draft invoice or debit note as the period close writes it (calculator output + who it is for). */
export type DraftDocument = {
  kind: "invoice" | "debit_note"
  entity_id: string
  currency_code: string
  period_start: string
  period_end: string
  subtotal: string
  tax_total: string
  total: string
  tax_inclusive: boolean
  notes: string[]
  /** usage rated in another currency: per pair and rate, the calls, their sum in that currency and in the invoice's */
  fx: InvoiceFx[] | null
  lines: Array<{
    position: number
    kind: string
    description: string
    quantity: string
    unit_price: string | null
    amount: string
    taxable: boolean
    component_code: string | null
    period_start: string | null
    period_end: string | null
    details: Record<string, unknown>
  }>
  taxes: Array<{ code: string; name: string; rate: string; taxable_amount: string; amount: string }>
  metadata?: Record<string, unknown> | null
}

/** Everything one account-period close writes, in one transaction. */
export type PeriodCloseRecord = {
  account_id: string
  period_start: string
  period_end: string
  currency_code: string
  outcome: "invoice" | "carry_forward" | "credit" | "empty"
  /** the calculated total */
  amount: string
  invoice: DraftDocument | null
  debit_note: DraftDocument | null
  /** earlier carry_forward periods whose amount this close took over */
  carried_period_ids: string[]
  /** account credit consumed (its line) and added (a negative total) */
  credit_applied: string
  credit_added: string
  subscription: null | SubscriptionUpdate
  /** the account's subscriptions that ended inside the period (canceled before `subscription` started); optional for callers that have none */
  ended_subscriptions?: SubscriptionUpdate[]
}

/** A subscription's billing state before and after a close (a reopen puts `before` back). */
export type SubscriptionUpdate = {
  id: string
  before: { setup_billed: boolean; billed_through: string | null; status: string }
  after: { setup_billed: boolean; billed_through: string | null; status: string }
}

export type PeriodCloseResult = {
  account_id: string
  period_start: string
  /** false: another worker had already closed this period; nothing was written */
  created: boolean
  period_id: string
  invoice_id: string | null
  debit_note_id: string | null
  outcome: PeriodCloseRecord["outcome"]
}
