/** Test builders for calculateInvoice (not a spec file). */
import type { InvoiceInput, PlanInput, SubscriptionInput, TaxInput, UsageGroupInput } from "../types"

export const JUNE = { start: "2025-06-01", end: "2025-07-01" }
export const JULY = { start: "2025-07-01", end: "2025-08-01" }

export function invoiceInput(over: Partial<InvoiceInput> = {}): InvoiceInput {
  return {
    currency: "USD",
    period: JUNE,
    next_period: JULY,
    floor: "0",
    carried_forward: "0",
    account_credit: "0",
    subscription: null,
    usage: { usage_groups: [], bundles: null, peak_concurrency: null, metrics: [] },
    tax: null,
    ...over,
  }
}

export const STANDARD: PlanInput = {
  code: "std",
  name: "Standard",
  term_discount_percent: null,
  components: [
    { type: "recurring", code: "base", name: "Platform fee", price: "100.00" },
    { type: "seat", code: "seats", name: "Agent seats", price: "30.00" },
  ],
}

export function subscription(over: Partial<SubscriptionInput> = {}): SubscriptionInput {
  return {
    plan: STANDARD,
    previous_plans: null,
    start_date: "2025-01-01",
    trial_end: null,
    cancel_at: null,
    setup_billed: true,
    billed_in_advance_for_period: true,
    quantities_at_start: { seats: "10" },
    changes: [],
    ...over,
  }
}

export function group(amount: string, over: Partial<UsageGroupInput> = {}): UsageGroupInput {
  return { direction: "outbound", destination_group: "uk", calls: 10, rated_seconds: 600, amount, ...over }
}

export function usage(groups: UsageGroupInput[], over: Partial<InvoiceInput["usage"]> = {}): InvoiceInput["usage"] {
  return { usage_groups: groups, bundles: null, peak_concurrency: null, metrics: [], ...over }
}

export function tax(rates: Array<[string, string]>, over: Partial<TaxInput> = {}): TaxInput {
  return {
    components: rates.map(([code, rate]) => ({ code, name: code.toUpperCase(), rate })),
    inclusive: false,
    exempt: false,
    reverse_charge: false,
    note: null,
    surcharges: null,
    ...over,
  }
}
