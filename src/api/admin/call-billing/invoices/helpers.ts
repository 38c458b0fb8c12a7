import type { MedusaContainer } from "@medusajs/framework/types"
import Decimal from "decimal.js"
import { BILLING_MODULE } from "../../../../modules/billing"
import { currencyDecimals } from "../../../../modules/billing/calc"
import type BillingModuleService from "../../../../modules/billing/service"

const exact = (v: unknown) => new Decimal(String((v as any)?.value ?? v ?? 0))

/** An invoice as the API shows it: money as strings with the currency's decimals, and what is due. */
export function invoiceView(inv: any, accountCode?: string | null) {
  const dp = currencyDecimals(inv.currency_code)
  const m = (v: unknown) => exact(v).toFixed(dp)
  return {
    id: inv.id,
    number: inv.number,
    kind: inv.kind,
    status: inv.status,
    account_id: inv.account_id,
    account_code: accountCode ?? null,
    entity_id: inv.entity_id,
    period_start: inv.period_start,
    period_end: inv.period_end,
    currency_code: inv.currency_code,
    subtotal: m(inv.subtotal),
    tax_total: m(inv.tax_total),
    total: m(inv.total),
    amount_paid: m(inv.amount_paid),
    amount_credited: m(inv.amount_credited),
    amount_due: exact(inv.total).minus(exact(inv.amount_paid)).minus(exact(inv.amount_credited)).toFixed(dp),
    tax_inclusive: inv.tax_inclusive,
    due_date: inv.due_date,
    issued_at: inv.issued_at,
    finalized_at: inv.finalized_at,
    notes: inv.notes,
    fx: inv.fx,
    created_at: inv.created_at,
  }
}

/** The detail view: lines, taxes, payments applied and credit notes. */
export async function invoiceDetail(scope: MedusaContainer, inv: any) {
  const billing: BillingModuleService = scope.resolve(BILLING_MODULE)
  const dp = currencyDecimals(inv.currency_code)
  const m = (v: unknown) => exact(v).toFixed(dp)
  const [account, allocations, notes] = await Promise.all([
    billing.retrieveBillingAccount(inv.account_id, { select: ["id", "code"] }),
    billing.listPaymentAllocations({ invoice_id: inv.id }, { relations: ["payment"] }),
    billing.listCreditNotes({ invoice_id: inv.id }, { order: { issued_at: "ASC" } }),
  ])
  return {
    ...invoiceView(inv, account.code),
    lines: [...(inv.lines ?? [])]
      .sort((a: any, b: any) => a.position - b.position)
      .map((l: any) => ({
        position: l.position,
        kind: l.kind,
        description: l.description,
        quantity: exact(l.quantity).toFixed(),
        unit_price: l.unit_price === null || l.unit_price === undefined ? null : exact(l.unit_price).toFixed(),
        amount: m(l.amount),
        taxable: l.taxable,
        component_code: l.component_code,
        period_start: l.period_start,
        period_end: l.period_end,
        details: l.details,
      })),
    taxes: (inv.taxes ?? []).map((t: any) => ({ code: t.code, name: t.name, rate: exact(t.rate).toFixed(), taxable_amount: m(t.taxable_amount), amount: m(t.amount) })),
    payments: allocations.map((a: any) => ({
      payment_id: a.payment.id,
      amount: m(a.amount),
      method: a.payment.method,
      reference: a.payment.reference,
      received_at: a.payment.received_at,
    })),
    credit_notes: notes.map((n) => ({ id: n.id, number: n.number, total: m(n.total), reason: n.reason, issued_at: n.issued_at })),
  }
}
