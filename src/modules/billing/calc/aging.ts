/**
 * Payments and aging (BILLING.md §5): allocation oldest first, aging buckets
 * by days past due. Pure; amounts are decimal strings.
 */
import { BillingCalcError } from "./errors"
import { Dec, dec, decNonNegative, str } from "./decimal"
import { assertLocalDate, daysBetween } from "./periods"
import type { AgingBucket, DecimalString, ExplicitAllocation, LocalDate, OpenInvoice, PaymentAllocationResult } from "./types"

/**
 * Aging bucket of an invoice by whole days past its due date, both local
 * dates: not yet past due (or due today) is `current`, then 1–30, 31–60,
 * 61–90 and over 90 days.
 *
 * @example
 * agingBucket("2025-06-30", "2025-06-30") // "current"
 * agingBucket("2025-06-30", "2025-07-01") // "1_30"
 * agingBucket("2025-06-30", "2025-09-29") // "90_plus" (91 days)
 */
export function agingBucket(due_date: LocalDate, as_of: LocalDate): AgingBucket {
  assertLocalDate(due_date, "due_date")
  assertLocalDate(as_of, "as_of")
  const late = daysBetween(due_date, as_of)
  if (late <= 0) return "current"
  if (late <= 30) return "1_30"
  if (late <= 60) return "31_60"
  if (late <= 90) return "61_90"
  return "90_plus"
}

function issuedMs(inv: OpenInvoice, i: number): number {
  const t = inv.issued_at instanceof Date ? inv.issued_at.getTime() : Date.parse(String(inv.issued_at))
  if (Number.isNaN(t)) throw new BillingCalcError(`openInvoices[${i}].issued_at: "${String(inv.issued_at)}" is not a timestamp`)
  return t
}

/**
 * Allocates a payment to open invoices. Without `explicit`: oldest first —
 * earliest due date, then earliest issue, then id — each up to what it
 * still owes. With `explicit`: only the invoices named, in that order, each
 * up to the amount named (default: all it owes). Whatever is left is
 * `unallocated` (account credit). Never allocates more than is due or paid:
 * Σ allocations + unallocated = amount, exactly.
 *
 * @example
 * allocatePayment("150.00", [
 *   { id: "inv_2", due_date: "2025-07-30", issued_at: "2025-06-30T00:00:00Z", amount_due: "100.00" },
 *   { id: "inv_1", due_date: "2025-06-30", issued_at: "2025-05-31T00:00:00Z", amount_due: "100.00" },
 * ])
 * // { allocations: [{ invoice_id: "inv_1", amount: "100" }, { invoice_id: "inv_2", amount: "50" }], unallocated: "0" }
 */
export function allocatePayment(
  amount: DecimalString,
  openInvoices: OpenInvoice[],
  explicit?: ExplicitAllocation[] | null
): PaymentAllocationResult {
  let left = decNonNegative(amount, "amount")
  if (!Array.isArray(openInvoices)) throw new BillingCalcError("openInvoices: an array is needed")
  const due = new Map<string, Dec>()
  openInvoices.forEach((inv, i) => {
    if (!inv || typeof inv.id !== "string" || !inv.id) throw new BillingCalcError(`openInvoices[${i}].id: missing`)
    if (due.has(inv.id)) throw new BillingCalcError(`openInvoices[${i}].id: "${inv.id}" appears twice`)
    assertLocalDate(inv.due_date, `openInvoices[${i}].due_date`)
    issuedMs(inv, i)
    due.set(inv.id, dec(inv.amount_due, `openInvoices[${i}].amount_due`))
  })

  const plan: Array<{ id: string; cap: Dec | null }> = explicit
    ? explicit.map((e, i) => {
        if (!due.has(e?.invoice_id)) throw new BillingCalcError(`explicit[${i}].invoice_id: "${String(e?.invoice_id)}" is not an open invoice`)
        return { id: e.invoice_id, cap: e.amount == null ? null : decNonNegative(e.amount, `explicit[${i}].amount`) }
      })
    : openInvoices
        .map((inv, i) => ({ inv, issued: issuedMs(inv, i) }))
        .sort(
          (a, b) =>
            (a.inv.due_date < b.inv.due_date ? -1 : a.inv.due_date > b.inv.due_date ? 1 : 0) ||
            a.issued - b.issued ||
            (a.inv.id < b.inv.id ? -1 : a.inv.id > b.inv.id ? 1 : 0)
        )
        .map(({ inv }) => ({ id: inv.id, cap: null }))

  const allocated = new Map<string, Dec>()
  for (const { id, cap } of plan) {
    if (left.lte(0)) break
    const owed = (due.get(id) as Dec).minus(allocated.get(id) ?? 0)
    if (owed.lte(0)) continue
    let take = Dec.min(owed, left)
    if (cap) take = Dec.min(take, cap)
    if (take.lte(0)) continue
    allocated.set(id, (allocated.get(id) ?? new Dec(0)).plus(take))
    left = left.minus(take)
  }
  return {
    allocations: [...allocated].map(([invoice_id, a]) => ({ invoice_id, amount: str(a) })),
    unallocated: str(left),
  }
}
