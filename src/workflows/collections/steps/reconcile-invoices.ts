import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import Decimal from "decimal.js"
import { DateTime } from "luxon"
import { exactOf } from "../../../lib/big-number"
import { BILLING_MODULE } from "../../../modules/billing"
import { currencyDecimals } from "../../../modules/billing/calc"
import type BillingModuleService from "../../../modules/billing/service"
import { fetchXeroInvoices } from "../utils/push-xero"

export type ReconciliationRow = {
  invoice_id: string
  number: string
  account_id: string
  status: string
  currency_code: string
  total: string
  paid: string
  credited: string
  xero: { sync: string | null; invoice_id: string | null; status: string | null; total: string | null; paid: string | null; credited: string | null; error: string | null }
  stripe: { sync: string | null; invoice_id: string | null; status: string | null }
  mismatch: boolean
  reasons: string[]
}

export const reconcileInvoicesStepId = "reconcile-invoices"
/**
 * The reconciliation report for invoices issued in a date range: each
 * invoice's total, paid and credited amounts here against Xero (read now,
 * through the tenant's rate-limited queue) and its Stripe state; rows that
 * disagree or are not synced come first, each with its reasons. Reads only.
 *
 * @example
 * const report = reconcileInvoicesStep({ from: "2026-11-01", to: "2026-11-30" })
 */
export const reconcileInvoicesStep = createStep(reconcileInvoicesStepId, async (input: { from: string; to: string }, { container }) => {
  const billing: BillingModuleService = container.resolve(BILLING_MODULE)
  const options = billing.collectionsOptions()
  const from = DateTime.fromISO(input.from, { zone: "UTC" }).toJSDate()
  const to = DateTime.fromISO(input.to, { zone: "UTC" }).plus({ days: 1 }).toJSDate()
  const invoices = (
    await billing.listInvoices({ issued_at: { $gte: from, $lt: to } } as any, { order: { number: "ASC" }, take: 10000 })
  ).filter((i: any) => i.number && i.status !== "draft")
  const ids = invoices.map((i) => i.id)
  const syncs = ids.length ? await billing.listSyncRecords({ record_type: "invoice", record_id: ids }) : []
  let xero: Map<string, { invoice_id: string; status: string; total: string; amount_paid: string; amount_credited: string }> | null = null
  let xeroError: string | null = null
  if (options.xero && invoices.length) {
    try {
      xero = await fetchXeroInvoices(options.xero, invoices.map((i) => i.number!))
    } catch (e: any) {
      xeroError = String(e?.message ?? e).slice(0, 500)
    }
  }
  const rows: ReconciliationRow[] = invoices.map((inv: any) => {
    const dp = currencyDecimals(inv.currency_code)
    const total = exactOf(inv, "total")
    const paid = exactOf(inv, "amount_paid")
    const credited = exactOf(inv, "amount_credited")
    const xs = syncs.find((s) => s.provider === "xero" && s.record_id === inv.id)
    const ss = syncs.find((s) => s.provider === "stripe" && s.record_id === inv.id)
    const xi = xero?.get(inv.number) ?? null
    const reasons: string[] = []
    if (options.xero) {
      if (xeroError) reasons.push(`Xero could not be read: ${xeroError}`)
      else if (!xi) reasons.push(xs?.status === "failed" ? `not in Xero: sync failed (${xs.last_error})` : "not in Xero")
      else {
        if (!new Decimal(xi.total).eq(total)) reasons.push(`total: ${total.toFixed(dp)} here, ${xi.total} in Xero`)
        if (!new Decimal(xi.amount_paid).eq(paid)) reasons.push(`paid: ${paid.toFixed(dp)} here, ${xi.amount_paid} in Xero`)
        if (!new Decimal(xi.amount_credited).eq(credited)) reasons.push(`credited: ${credited.toFixed(dp)} here, ${xi.amount_credited} in Xero`)
        if (inv.status === "void" && xi.status !== "VOIDED") reasons.push(`void here, ${xi.status} in Xero`)
      }
    }
    if (options.stripe && ss?.status === "failed") reasons.push(`Stripe sync failed: ${ss.last_error}`)
    if (options.stripe && !ss && inv.status !== "void") reasons.push("not sent to Stripe")
    return {
      invoice_id: inv.id,
      number: inv.number,
      account_id: inv.account_id,
      status: inv.status,
      currency_code: inv.currency_code,
      total: total.toFixed(dp),
      paid: paid.toFixed(dp),
      credited: credited.toFixed(dp),
      xero: {
        sync: xs?.status ?? null,
        invoice_id: xi?.invoice_id ?? xs?.external_id ?? null,
        status: xi?.status ?? null,
        total: xi?.total ?? null,
        paid: xi?.amount_paid ?? null,
        credited: xi?.amount_credited ?? null,
        error: xs?.last_error ?? null,
      },
      stripe: { sync: ss?.status ?? null, invoice_id: ss?.external_id ?? null, status: ((ss?.data as any)?.status as string) ?? null },
      mismatch: reasons.length > 0,
      reasons,
    }
  })
  rows.sort((a, b) => Number(b.mismatch) - Number(a.mismatch) || a.number.localeCompare(b.number))
  return new StepResponse({
    from: input.from,
    to: input.to,
    xero_configured: !!options.xero,
    stripe_configured: !!options.stripe,
    xero_error: xeroError,
    summary: { invoices: rows.length, mismatches: rows.filter((r) => r.mismatch).length },
    rows,
  })
})
