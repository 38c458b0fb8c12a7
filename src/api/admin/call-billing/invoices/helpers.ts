import type { MedusaContainer } from "@medusajs/framework/types"
import { exactOf } from "../../../../lib/big-number"
import { BILLING_MODULE } from "../../../../modules/billing"
import { currencyDecimals } from "../../../../modules/billing/calc"
import type BillingModuleService from "../../../../modules/billing/service"


/** An invoice as the API shows it: money as strings with the currency's decimals, and what is due. */
export function invoiceView(inv: any, accountCode?: string | null) {
  const dp = currencyDecimals(inv.currency_code)
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
    subtotal: exactOf(inv, "subtotal").toFixed(dp),
    tax_total: exactOf(inv, "tax_total").toFixed(dp),
    total: exactOf(inv, "total").toFixed(dp),
    amount_paid: exactOf(inv, "amount_paid").toFixed(dp),
    amount_credited: exactOf(inv, "amount_credited").toFixed(dp),
    amount_due: exactOf(inv, "total").minus(exactOf(inv, "amount_paid")).minus(exactOf(inv, "amount_credited")).toFixed(dp),
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
        quantity: exactOf(l, "quantity").toFixed(),
        unit_price: l.unit_price === null || l.unit_price === undefined ? null : exactOf(l, "unit_price").toFixed(),
        amount: exactOf(l, "amount").toFixed(dp),
        taxable: l.taxable,
        component_code: l.component_code,
        period_start: l.period_start,
        period_end: l.period_end,
        details: l.details,
      })),
    taxes: (inv.taxes ?? []).map((t: any) => ({ code: t.code, name: t.name, rate: exactOf(t, "rate").toFixed(), taxable_amount: exactOf(t, "taxable_amount").toFixed(dp), amount: exactOf(t, "amount").toFixed(dp) })),
    payments: allocations.map((a: any) => ({
      payment_id: a.payment.id,
      amount: exactOf(a, "amount").toFixed(dp),
      method: a.payment.method,
      reference: a.payment.reference,
      received_at: a.payment.received_at,
    })),
    credit_notes: notes.map((n) => ({ id: n.id, number: n.number, total: exactOf(n, "total").toFixed(dp), reason: n.reason, issued_at: n.issued_at })),
  }
}
