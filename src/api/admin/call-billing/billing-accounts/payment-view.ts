import Decimal from "decimal.js"
import { exactOf } from "../../../../lib/big-number"
import { currencyDecimals } from "../../../../modules/billing/calc"

/** A recorded payment as the API shows it: money as strings with the currency's decimals, no raw_* twins. */
export function paymentView(p: any) {
  const dp = currencyDecimals(p.currency_code)
  return {
    id: p.id,
    account_id: p.account_id,
    currency_code: p.currency_code,
    amount: exactOf(p, "amount").toFixed(dp),
    unallocated: exactOf(p, "unallocated").toFixed(dp),
    method: p.method,
    reference: p.reference,
    received_at: p.received_at,
    note: p.note,
    created_by: p.created_by,
    created_at: p.created_at,
    allocations: (p.allocations ?? []).map((a: any) => ({ id: a.id, invoice_id: a.invoice_id, amount: exactOf(a, "amount").toFixed(dp) })),
  }
}

/** What recording a payment did (the record-payment workflow's result), with the account currency's decimals. */
export function recordedPaymentView(
  r: { payment_id: string; account_id: string; allocations: Array<{ invoice_id: string; amount: string }>; unallocated: string; paid_invoice_ids: string[] },
  currencyCode: string
) {
  const dp = currencyDecimals(currencyCode)
  return {
    payment_id: r.payment_id,
    account_id: r.account_id,
    currency_code: currencyCode,
    allocations: r.allocations.map((a) => ({ invoice_id: a.invoice_id, amount: new Decimal(a.amount).toFixed(dp) })),
    unallocated: new Decimal(r.unallocated).toFixed(dp),
    paid_invoice_ids: r.paid_invoice_ids,
  }
}
