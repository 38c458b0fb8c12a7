import { exactOf } from "../../../lib/big-number"
import { currencyDecimals } from "../../../modules/billing/calc"
import type BillingModuleService from "../../../modules/billing/service"

/** An account as the providers need it. */
export type SyncAccount = {
  id: string
  code: string
  name: string
  email: string | null
  currency_code: string
  tax_id: string | null
  address: Record<string, string> | null
  entity_id: string | null
}

/** A finalized invoice with its lines and taxes, money as exact strings at the currency's decimals. */
export type SyncInvoice = {
  id: string
  number: string
  kind: string
  status: string
  account_id: string
  currency_code: string
  subtotal: string
  tax_total: string
  total: string
  amount_paid: string
  amount_credited: string
  tax_inclusive: boolean
  issued_at: string
  due_date: string | null
  lines: Array<{ id: string; description: string; quantity: string; unit_price: string | null; amount: string; taxable: boolean }>
  taxes: Array<{ id: string; code: string; name: string; rate: string; taxable_amount: string; amount: string }>
}

export async function loadSyncAccount(billing: BillingModuleService, id: string): Promise<SyncAccount> {
  const a: any = await billing.retrieveBillingAccount(id)
  return {
    id: a.id,
    code: a.code,
    name: a.name,
    email: a.email ?? null,
    currency_code: a.currency_code,
    tax_id: a.tax_id ?? null,
    address: a.address ?? null,
    entity_id: a.entity_id ?? null,
  }
}

export async function loadSyncInvoice(billing: BillingModuleService, id: string): Promise<SyncInvoice> {
  const inv: any = await billing.retrieveInvoice(id, { relations: ["lines", "taxes"] })
  const dp = currencyDecimals(inv.currency_code)
  const money = (row: any, f: string) => exactOf(row, f).toFixed(dp)
  return {
    id: inv.id,
    number: inv.number,
    kind: inv.kind,
    status: inv.status,
    account_id: inv.account_id,
    currency_code: inv.currency_code,
    subtotal: money(inv, "subtotal"),
    tax_total: money(inv, "tax_total"),
    total: money(inv, "total"),
    amount_paid: money(inv, "amount_paid"),
    amount_credited: money(inv, "amount_credited"),
    tax_inclusive: !!inv.tax_inclusive,
    issued_at: new Date(inv.issued_at ?? inv.finalized_at ?? inv.created_at).toISOString(),
    due_date: inv.due_date ?? null,
    lines: [...(inv.lines ?? [])]
      .sort((a: any, b: any) => a.position - b.position)
      .map((l: any) => ({
        id: l.id,
        description: l.description,
        quantity: exactOf(l, "quantity").toFixed(),
        unit_price: l.unit_price === null || l.unit_price === undefined ? null : exactOf(l, "unit_price").toFixed(),
        amount: money(l, "amount"),
        taxable: !!l.taxable,
      })),
    taxes: [...(inv.taxes ?? [])]
      .sort((a: any, b: any) => String(a.code).localeCompare(String(b.code)))
      .map((t: any) => ({
        id: t.id,
        code: t.code,
        name: t.name,
        rate: exactOf(t, "rate").toFixed(),
        taxable_amount: money(t, "taxable_amount"),
        amount: money(t, "amount"),
      })),
  }
}

export async function loadSyncCreditNote(billing: BillingModuleService, id: string) {
  const cn: any = await billing.retrieveCreditNote(id)
  const dp = currencyDecimals(cn.currency_code)
  return {
    id: cn.id,
    number: cn.number as string,
    invoice_id: cn.invoice_id as string,
    account_id: cn.account_id as string,
    currency_code: cn.currency_code as string,
    reason: cn.reason as string,
    issued_at: new Date(cn.issued_at).toISOString(),
    subtotal: exactOf(cn, "subtotal").toFixed(dp),
    tax_total: exactOf(cn, "tax_total").toFixed(dp),
    total: exactOf(cn, "total").toFixed(dp),
  }
}

export async function loadSyncPayment(billing: BillingModuleService, id: string) {
  const p: any = await billing.retrieveAccountPayment(id, { relations: ["allocations"] })
  const dp = currencyDecimals(p.currency_code)
  return {
    id: p.id,
    account_id: p.account_id as string,
    method: p.method as string,
    reference: (p.reference ?? null) as string | null,
    currency_code: p.currency_code as string,
    amount: exactOf(p, "amount").toFixed(dp),
    received_at: new Date(p.received_at).toISOString(),
    allocations: (p.allocations ?? []).map((a: any) => ({ id: a.id as string, invoice_id: a.invoice_id as string, amount: exactOf(a, "amount").toFixed(dp) })),
  }
}
