/**
 * Shapes of the billing admin API, and the fixed lists the pages offer.
 * Money, rates and quantities are exact decimal strings. No imports with
 * side effects: the pure form models and their tests use this file.
 */
import type { BillingAccount } from "../../lib/types"

export type Address = {
  line1: string
  line2?: string | null
  city: string
  postal_code?: string | null
  region?: string | null
  country: string
}

export type IssuingEntity = {
  id: string
  code: string
  legal_name: string
  address: Address | null
  tax_id: string | null
  email: string | null
  currency_code: string
  invoice_prefix: string
  credit_note_prefix: string
  logo_url: string | null
  primary_color: string | null
  accent_color: string | null
  next_invoice_number?: number | null
  sequence_year?: number | null
}
export type IssuingEntityInput = Omit<IssuingEntity, "id" | "next_invoice_number" | "sequence_year" | "primary_color" | "accent_color"> & {
  primary_color?: string
  accent_color?: string
}

export type TaxComponent = { code: string; name: string; rate: string }
export type TaxSurcharge = { code: string; name: string; percent?: string | null; per_minute?: string | null; taxable: boolean }
export type TaxProfile = {
  id: string
  code: string
  name: string
  inclusive: boolean
  exempt: boolean
  reverse_charge: boolean
  note: string | null
  components: TaxComponent[]
  surcharges: TaxSurcharge[] | null
}
export type TaxProfileInput = Omit<TaxProfile, "id">

export const PLAN_INTERVALS = ["month", "quarter", "half_year", "year"] as const
export type PlanInterval = (typeof PLAN_INTERVALS)[number]
export const COMPONENT_TYPES = [
  "recurring",
  "seat",
  "setup",
  "support",
  "addon",
  "white_label",
  "concurrency",
  "bundle",
  "metric",
  "commitment",
  "volume_discount",
] as const
export type ComponentType = (typeof COMPONENT_TYPES)[number]
export type PlanTier = { up_to: string | null; price: string }
export type PlanComponent = {
  id?: string
  code: string
  name: string
  type: ComponentType
  price?: string | null
  included_quantity?: string | null
  default_quantity?: string | null
  pricing?: "flat" | "tiered" | "volume" | null
  tiers?: PlanTier[] | null
  metric?: string | null
  direction?: "outbound" | "inbound" | null
  destination_groups?: string[] | null
  basis?: "calls" | "minutes" | null
  eligible_kinds?: string[] | null
  in_arrears?: boolean
  optional?: boolean
  position?: number
}
export type Plan = {
  id: string
  code: string
  name: string
  description: string | null
  currency_code: string
  interval: PlanInterval
  term_discount_percent: string | null
  trial_days: number
  status: "active" | "archived"
  components: PlanComponent[]
}
/** A create or update body; `components` (in invoice order) replaces the list. */
export type PlanInput = {
  code?: string
  name?: string
  description?: string | null
  currency_code?: string
  interval?: PlanInterval
  term_discount_percent?: string | null
  trial_days?: number
  status?: "active" | "archived"
  components?: Array<Omit<PlanComponent, "id" | "position">>
}

/** A billing account with its billing settings (GET /billing-accounts/:id). */
export type AccountBilling = BillingAccount & {
  entity_id: string | null
  tax_profile_id: string | null
  billing_interval: PlanInterval
  anchor_day: number
  net_days: number
  invoicing_floor: string | number | null
  grace_minutes: number
  auto_finalize: boolean
  late_usage: "debit_note" | "next_period"
  payment_mode: "prepaid" | "postpaid"
  credit_limit: string | number | null
  low_balance_threshold: string | number | null
  wallet_balance?: string | number | null
  credit_balance?: string | number | null
  tax_id: string | null
  address: Partial<Address> | null
}
export type AccountBillingInput = Partial<{
  entity_id: string | null
  tax_profile_id: string | null
  billing_interval: PlanInterval
  anchor_day: number
  net_days: number
  invoicing_floor: string
  grace_minutes: number
  auto_finalize: boolean
  late_usage: "debit_note" | "next_period"
  payment_mode: "prepaid" | "postpaid"
  credit_limit: string | null
  low_balance_threshold: string | null
  tax_id: string | null
  address: Record<string, string | null> | null
}>

export type SubscriptionChange = {
  kind: string
  effective_date: string
  component_code: string | null
  quantity_before: string | null
  quantity_after: string | null
  created_at: string
}
export type Subscription = {
  id: string
  plan: { id: string; code: string; name: string; interval?: PlanInterval; currency_code?: string; components?: PlanComponent[] }
  status: "trialing" | "active" | "canceled"
  start_date: string
  trial_end: string | null
  cancel_at: string | null
  quantities: Record<string, string>
  changes?: SubscriptionChange[]
}
export type SubscribeInput = { plan_id: string; start_date?: string; quantities?: Record<string, string>; trial_days?: number }
export type ChangeSubscriptionInput = { effective_date?: string; quantities?: Record<string, string>; plan_id?: string; note?: string }
export type CancelAt = "period_end" | "now" | string

export type WalletEntry = { id: string; type: string; amount: string; reference: string | null; note: string | null; created_at: string }
export type Wallet = {
  balance: string
  currency_code: string
  payment_mode: "prepaid" | "postpaid"
  low_balance_threshold: string | null
  open_reservations: Array<{ id: string; amount: string; number?: string | null; expires_at?: string }>
  entries: WalletEntry[]
  count: number
}
export type WalletEntryInput = { type: "top_up" | "refund" | "adjustment"; amount: string; reference?: string; note?: string }

export const INVOICE_STATUSES = ["draft", "finalized", "partially_paid", "paid", "void", "uncollectible"] as const
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number]
export const INVOICE_KINDS = ["invoice", "debit_note"] as const
export type InvoiceKind = (typeof INVOICE_KINDS)[number]
export type InvoiceSummary = {
  id: string
  number: string | null
  kind: InvoiceKind
  status: InvoiceStatus
  account_id: string
  account_code?: string | null
  period_start: string
  period_end: string
  currency_code: string
  subtotal: string
  tax_total: string
  total: string
  amount_paid: string
  amount_credited: string
  amount_due: string
  due_date: string | null
  issued_at: string | null
}
export type InvoiceLine = {
  position: number
  kind: string
  description: string
  quantity: string
  unit_price: string | null
  amount: string
  details: Record<string, unknown> | null
}
export type Invoice = InvoiceSummary & {
  lines: InvoiceLine[]
  taxes: Array<{ code: string; name: string; rate: string; taxable_amount: string; amount: string }>
  notes: unknown
  payments: Array<{ payment_id: string; amount: string; method: string; reference: string | null; received_at: string }>
  credit_notes: Array<{ id: string; number: string; total: string; reason: string; issued_at: string }>
}
export type InvoiceAction = "finalize" | "void" | "uncollectible" | "regenerate"
export type CreditNoteInput = { amount?: string; reason: string }

export const PAYMENT_METHODS = ["bank_transfer", "card", "cash", "wallet", "other"] as const
export type PaymentMethod = (typeof PAYMENT_METHODS)[number]
export type PaymentInput = {
  amount: string
  method: PaymentMethod
  reference?: string
  received_at?: string
  allocations?: Array<{ invoice_id: string; amount?: string }>
  note?: string
}
export type PaymentResult = { payment_id: string; allocations: unknown[]; unallocated: string; paid_invoice_ids: string[] }

export const AGING_BUCKETS = ["current", "1_30", "31_60", "61_90", "90_plus"] as const
export type Statement = {
  currency_code: string
  opening_balance: string
  entries: Array<{
    date: string
    type: string
    reference: string | null
    description: string
    debit: string | null
    credit: string | null
    balance: string
    document_id: string | null
  }>
  closing_balance: string
  aging: Record<(typeof AGING_BUCKETS)[number], string>
  credit_balance: string
}
export type CloseResult = { closed: Array<Record<string, unknown>>; skipped: Array<Record<string, unknown>> }
