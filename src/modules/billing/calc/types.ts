/**
 * Types of the pure invoice calculator (BILLING.md §1–§5, RATING.md §6).
 *
 * Conventions, for every type below:
 * - Money, rates, prices and decimal quantities are decimal strings
 *   ("12.50", "0.0125", "-3"): never a JS `number`. Counts (seconds, calls,
 *   channels, days) are whole JS numbers.
 * - Dates are local calendar dates in the account's time zone, "YYYY-MM-DD".
 *   Every period and every line period is half-open: `[start, end)`.
 * - Currency codes are ISO 4217, any case ("usd" as Medusa stores them).
 *
 * These types are the contract with the module that maps database rows in and
 * persists the output; change them only together with that mapping.
 */

/** A decimal number as a string: "12", "0.0125", "-1.50". No exponent. */
export type DecimalString = string

/** A local calendar date, "YYYY-MM-DD". */
export type LocalDate = string

export type Direction = "outbound" | "inbound"

// ---------------------------------------------------------------- periods (§1)

export type BillingInterval = "month" | "quarter" | "half_year" | "year"

/** An account's billing cycle. */
export interface BillingCycle {
  interval: BillingInterval
  /** 1–28: periods run from this day of the month to the same day */
  anchor_day: number
  /**
   * 1–12, default 1: a month in which periods of `quarter`, `half_year` and
   * `year` start (quarters start Jan/Apr/Jul/Oct by default). Ignored for `month`.
   */
  anchor_month?: number
}

/** A billing period `[start, end)` of local dates. */
export interface Period {
  start: LocalDate
  end: LocalDate
}

// ---------------------------------------------------------------- tiers (§3)

/** One tier: `up_to` is the tier's inclusive upper bound; null = ∞ (last tier only). */
export interface Tier {
  up_to: DecimalString | null
  /** price per unit in this tier */
  price: DecimalString
}

/** The part of a quantity priced in one tier (for the invoice line's details). */
export interface TierPart {
  /** 0-based index of the tier */
  tier: number
  /** the tier's lower bound (exclusive; "0" for the first) */
  from: DecimalString
  up_to: DecimalString | null
  quantity: DecimalString
  price: DecimalString
  amount: DecimalString
}

export type PricingModel = "flat" | "tiered" | "volume"

/** A quantity priced flat, graduated or volume; `amount` is exact (not rounded). */
export interface PricedQuantity {
  pricing: PricingModel
  quantity: DecimalString
  amount: DecimalString
  /** flat: the price; volume: the reached tier's price; tiered: null (mixed) */
  unit_price: DecimalString | null
  parts: TierPart[]
}

// ---------------------------------------------------------------- bundles (§3)

/** A plan's minute bundle (a `bundle` component). */
export interface MinuteBundle {
  code: string
  name: string
  /** minutes included per period; × 60 must be whole seconds */
  included_minutes: DecimalString
  /** limit to one direction; null/absent = both */
  direction?: Direction | null
  /** limit to these destination groups; null/absent/empty = all */
  destination_groups?: string[] | null
}

/** One rated call as fed to the `BundleConsumer`, in answer-time then call-id order. */
export interface BundleCall {
  direction: Direction
  destination_group: string | null
  /** RATING.md §4 rated seconds */
  rated_seconds: number
  /** per minute */
  rate: DecimalString
  /** connect fee + per-call fee: never covered by a bundle */
  fixed_fees: DecimalString
  /** the call's rated charge (RATING.md §4) */
  charge: DecimalString
}

/** What `BundleConsumer.add` says about one call. */
export interface BundleCallResult {
  /** rated seconds covered by bundles (0 … rated_seconds) */
  covered_seconds: number
  /** which bundles covered them, in consumption order */
  covered_by: Array<{ code: string; seconds: number }>
}

/** What one bundle removed from one usage group. */
export interface BundleGroupUsage {
  direction: Direction
  destination_group: string | null
  /** rated seconds of the group's calls covered by this bundle */
  covered_seconds: number
  /** the charge the bundle removed from the group (≥ 0; exact to 20 decimals) */
  amount_removed: DecimalString
}

/** `BundleConsumer.result()`: one entry per bundle, in the order given. */
export interface BundleResult {
  code: string
  name: string
  included_seconds: number
  used_seconds: number
  groups: BundleGroupUsage[]
}

/** A JSON-safe snapshot of a consumer, to resume a stream in another batch or worker. */
export interface BundleConsumerState {
  version: 1
  bundles: Array<{
    code: string
    used_seconds: number
    groups: Array<{
      direction: Direction
      destination_group: string | null
      covered_seconds: number
      /** 60 × amount removed, exact */
      removed_x60: DecimalString
    }>
  }>
}

// ---------------------------------------------------------------- plans (§2–§3)

/** Components billed per period at `price × quantity` (BILLING.md §2). */
export type FeeComponentType = "recurring" | "seat" | "support" | "addon" | "white_label"

interface ComponentBase {
  code: string
  name: string
}

/**
 * A recurring fee: `recurring` (base fee), `seat` (× agent seats), `support`,
 * `addon` (× quantity), `white_label`. In advance unless `in_arrears`.
 */
export interface FeeComponent extends ComponentBase {
  type: FeeComponentType
  price: DecimalString
  in_arrears?: boolean
}

/** One-time fee, billed on the subscription's first billable invoice. */
export interface SetupComponent extends ComponentBase {
  type: "setup"
  price: DecimalString
}

/** Concurrency package: `max(0, peak − included_channels) × price`. */
export interface ConcurrencyComponent extends ComponentBase {
  type: "concurrency"
  included_channels: number
  /** per channel over the period's peak */
  price: DecimalString
}

/**
 * Minute bundle. Its minutes are consumed by the `BundleConsumer` (whose
 * result the input carries); a non-zero `price` also bills it as a
 * recurring fee (quantity 1, prorated like the other fees).
 */
export interface BundleComponent extends ComponentBase {
  type: "bundle"
  included_minutes: DecimalString
  direction?: Direction | null
  destination_groups?: string[] | null
  price?: DecimalString | null
  in_arrears?: boolean
}

/** A meter-event metric priced per unit, after `included_quantity` free units. */
export interface MetricComponent extends ComponentBase {
  type: "metric"
  metric: string
  pricing: PricingModel
  /** flat */
  price?: DecimalString | null
  /** tiered / volume */
  tiers?: Tier[] | null
  included_quantity?: DecimalString | null
}

/** Minimum commitment: true-up `max(0, amount − Σ eligible lines)`. */
export interface CommitmentComponent extends ComponentBase {
  type: "commitment"
  amount: DecimalString
  /** line kinds that count toward it; null/empty = every line before the true-up */
  eligible_kinds?: InvoiceLineKind[] | null
}

/**
 * Volume discount on calls: the period's calls or billable minutes (within the
 * optional scope) reach a tier (volume rule); its per-minute price replaces
 * the card price of the billable minutes where that is cheaper.
 */
export interface VolumeDiscountComponent extends ComponentBase {
  type: "volume_discount"
  basis: "calls" | "minutes"
  /** `price` is per minute */
  tiers: Tier[]
  direction?: Direction | null
  destination_groups?: string[] | null
}

export type PlanComponent =
  | FeeComponent
  | SetupComponent
  | ConcurrencyComponent
  | BundleComponent
  | MetricComponent
  | CommitmentComponent
  | VolumeDiscountComponent

export type ComponentType = PlanComponent["type"]

export interface PlanInput {
  code: string
  name: string
  /** "10" = 10 % off this plan's recurring lines; null = none */
  term_discount_percent: DecimalString | null
  components: PlanComponent[]
}

/** A dated change of one component's quantity inside the period. */
export interface SubscriptionChangeInput {
  /** inside `[period.start, period.end)` */
  date: LocalDate
  /** the plan the component belongs to; default: `subscription.plan.code` */
  plan_code?: string | null
  component_code: string
  /** informational: the quantity in force before (the calculator tracks it itself) */
  quantity_before: DecimalString | null
  /** the quantity from `date` on */
  quantity_after: DecimalString
}

export interface SubscriptionInput {
  /** the plan in force at the end of the period: it bills `next_period` and prices usage */
  plan: PlanInput
  /**
   * plans in force earlier in the period, oldest first, when the plan changed
   * inside it (their components are referenced by `changes` with `plan_code`)
   */
  previous_plans?: PlanInput[] | null
  start_date: LocalDate
  /** first paid day (trial days are `[start_date, trial_end)`); null = no trial */
  trial_end: LocalDate | null
  /** first day it no longer runs; null = open-ended */
  cancel_at: LocalDate | null
  setup_billed: boolean
  /** true when the previous invoice billed this period's advance components in full */
  billed_in_advance_for_period: boolean
  /**
   * component code → quantity at the period's start (or at `start_date` if it
   * starts inside the period), of the first plan in force (`previous_plans[0]`
   * or `plan`). Missing: 0 for `seat`/`addon`, 1 for the other fees.
   */
  quantities_at_start: Record<string, DecimalString>
  changes: SubscriptionChangeInput[]
}

// ---------------------------------------------------------------- usage (§3)

/** Calls of one invoice group, aggregated by SQL. */
export interface UsageGroupInput {
  direction: Direction
  destination_group: string | null
  calls: number
  rated_seconds: number
  /** Σ of the calls' charges (not rounded to the currency) */
  amount: DecimalString
  /** Σ of their connect and per-call fees (part of `amount`); default "0". Needed by volume discounts. */
  fixed_fees?: DecimalString | null
}

export interface UsageInput {
  usage_groups: UsageGroupInput[]
  /** `BundleConsumer.result()`, or null when the plan has no bundles */
  bundles: BundleResult[] | null
  /** the period's peak concurrency (calls); null = unknown = 0 */
  peak_concurrency: number | null
  /** meter-event quantities per metric code (several entries of a code are added) */
  metrics: Array<{ metric: string; quantity: DecimalString }>
}

// ---------------------------------------------------------------- tax (§4)

export interface TaxComponentInput {
  code: string
  name: string
  /** "0.2" = 20 % */
  rate: DecimalString
}

/** A telecom surcharge line: `percent` of the usage amount, or `per_minute` of rated usage. */
export interface SurchargeInput {
  code: string
  name: string
  /** "2.5" = 2.5 % */
  percent?: DecimalString | null
  per_minute?: DecimalString | null
  taxable: boolean
}

export interface TaxInput {
  components: TaxComponentInput[]
  inclusive: boolean
  exempt: boolean
  reverse_charge: boolean
  /** legal text printed when exempt or reverse charge (a default is used when null) */
  note: string | null
  surcharges?: SurchargeInput[] | null
}

// ---------------------------------------------------------------- invoice (§2–§4)

export interface InvoiceInput {
  currency: string
  /** the period being closed */
  period: Period
  /** the period after it (its advance components are billed now); starts at `period.end` */
  next_period: Period
  /** invoicing floor (≥ 0): totals in (0, floor) are carried forward */
  floor: DecimalString
  /** total carried in from earlier periods, or "0" (at most the currency's decimals) */
  carried_forward: DecimalString
  /** the account's available credit, ≥ 0 (at most the currency's decimals) */
  account_credit: DecimalString
  subscription: SubscriptionInput | null
  /**
   * The account's other subscriptions that ended inside this period (canceled
   * before `subscription` started): their fee lines — what is left of the
   * period, cancellation credits of days billed ahead — join this invoice.
   * Only `subscription` bills usage, bundles and commitments.
   */
  ended_subscriptions?: SubscriptionInput[]
  usage: UsageInput
  tax: TaxInput | null
}

export type InvoiceLineKind =
  | FeeComponentType
  | "bundle"
  | "setup"
  | "term_discount"
  | "usage"
  | "volume_discount"
  | "concurrency"
  | "metric"
  | "commitment"
  | "surcharge"
  | "carried_forward"
  | "account_credit"

/** Why a subscription line exists (details.reason). */
export type ProrationReason =
  | "advance"
  | "period"
  | "start"
  | "trial_conversion"
  | "change"
  | "plan_change"
  | "cancellation"

export interface InvoiceLineOutput {
  /** 1-based order on the invoice */
  position: number
  kind: InvoiceLineKind
  description: string
  quantity: DecimalString
  unit_price: DecimalString | null
  /** rounded once, half-up, to exactly the currency's decimals; authoritative */
  amount: DecimalString
  taxable: boolean
  component_code: string | null
  /** what the line covers, `[period_start, period_end)`; null for one-time lines */
  period_start: LocalDate | null
  period_end: LocalDate | null
  details: Record<string, unknown>
}

export interface InvoiceTaxOutput {
  code: string
  name: string
  rate: DecimalString
  /** exclusive: Σ taxable lines; inclusive: the net (taxable gross − all taxes) */
  taxable_amount: DecimalString
  amount: DecimalString
}

export type InvoiceOutcome = "invoice" | "carry_forward" | "credit" | "empty"

export interface InvoiceCalculation {
  currency: string
  /** the currency's minor unit */
  decimals: number
  period: Period
  next_period: Period
  lines: InvoiceLineOutput[]
  taxes: InvoiceTaxOutput[]
  tax_inclusive: boolean
  /** Σ lines */
  subtotal: DecimalString
  tax_total: DecimalString
  /** subtotal + tax_total (exclusive) or subtotal (inclusive) — exactly */
  total: DecimalString
  notes: string[]
  /**
   * invoice: issue it; carry_forward: 0 < total < floor, issue nothing, carry
   * `total`; credit: total < 0, the account's credit grows by −total; empty:
   * no line has a non-zero amount, nothing to issue
   */
  outcome: InvoiceOutcome
  /** = total when carry_forward, else "0" */
  carry_forward_amount: DecimalString
  /** the account credit this invoice consumes (its `account_credit` line, positive) */
  account_credit_applied: DecimalString
  /** = −total when outcome is credit, else "0" */
  account_credit_added: DecimalString
  /** state the caller stores on the subscription, whatever the outcome; null without one */
  subscription: SubscriptionState | null
  /** the same for each of `ended_subscriptions`, in their order */
  ended_subscriptions: SubscriptionState[]
  /** bundle consumption, for the invoice's summary */
  bundles: Array<{ code: string; name: string; included_seconds: number; used_seconds: number }>
  /** things the caller should look at (e.g. metered usage no component prices) */
  warnings: string[]
}

// ---------------------------------------------------------------- payments (§5)

export type AgingBucket = "current" | "1_30" | "31_60" | "61_90" | "90_plus"

export interface OpenInvoice {
  id: string
  due_date: LocalDate
  /** ISO timestamp or Date; breaks ties between equal due dates */
  issued_at: string | Date
  /** what remains to pay (≥ 0) */
  amount_due: DecimalString
}

/** A payer's instruction: pay this invoice (at most `amount`; absent = all that is due). */
export interface ExplicitAllocation {
  invoice_id: string
  amount?: DecimalString | null
}

export interface PaymentAllocationResult {
  allocations: Array<{ invoice_id: string; amount: DecimalString }>
  /** what is left of the payment: account credit */
  unallocated: DecimalString
}

/** What a close leaves on a subscription. */
export interface SubscriptionState {
  /** setup has been billed (now or before) */
  setup_billed: boolean
  /** the next period's advance components are billed (feeds `billed_in_advance_for_period` next time) */
  billed_in_advance_for_next_period: boolean
  /** the current plan's quantities at the period's end (next time's `quantities_at_start`) */
  quantities_at_end: Record<string, DecimalString>
}
