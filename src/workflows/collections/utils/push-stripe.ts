import {
  createStripeClient,
  daysUntilDue,
  ensureStripeCustomer,
  markStripeInvoicePaidOutOfBand,
  voidStripeInvoice,
  pushStripeCreditNote,
  pushStripeInvoice,
} from "../../../modules/billing/integrations/stripe"
import type { CollectionsOptions } from "../../../modules/billing/integrations/options"
import type BillingModuleService from "../../../modules/billing/service"
import { loadSyncAccount, loadSyncCreditNote, loadSyncInvoice, loadSyncPayment } from "./documents"

type Row = { id: string; record_type: string; record_id: string; account_id: string; external_id: string | null }
export type PushOutcome = { external_id: string; data?: Record<string, unknown> }

/** A Stripe id another record depends on; missing → this push waits for it (an error the retry clears). */
async function stripeIdOf(billing: BillingModuleService, record_type: "account" | "invoice", record_id: string) {
  const [row] = await billing.listSyncRecords({ provider: "stripe", record_type, record_id }, { select: ["external_id", "status"] })
  return row?.external_id ?? null
}

/**
 * Pushes one record to Stripe and returns its Stripe id. Every call carries an
 * idempotency key from our ids, and a known Stripe id resumes where an
 * earlier attempt stopped, so a retry never creates anything twice.
 */
export async function pushToStripe(
  billing: BillingModuleService,
  options: NonNullable<CollectionsOptions["stripe"]>,
  row: Row
): Promise<PushOutcome> {
  const stripe = createStripeClient(options)
  const customerOf = async (accountId: string) => {
    const known = await stripeIdOf(billing, "account", accountId)
    if (known) return known
    const id = await ensureStripeCustomer(stripe, await loadSyncAccount(billing, accountId), null)
    const [acc] = await billing.queueSyncRecords([{ provider: "stripe", record_type: "account", record_id: accountId, account_id: accountId }])
    await billing.updateSyncRecords({ id: acc.id, status: "synced", external_id: id, synced_at: new Date(), last_error: null, next_attempt_at: null })
    return id
  }
  switch (row.record_type) {
    case "account": {
      const id = await ensureStripeCustomer(stripe, await loadSyncAccount(billing, row.record_id), row.external_id)
      return { external_id: id }
    }
    case "invoice": {
      const invoice = await loadSyncInvoice(billing, row.record_id)
      if (invoice.status === "draft") throw new Error(`invoice ${invoice.id} is a draft; only finalized invoices go to Stripe`)
      if (!row.external_id && ["paid", "void", "uncollectible"].includes(invoice.status)) {
        // settled before it reached Stripe: pushing it would email or even charge for nothing
        return { external_id: "-", data: { skipped: `${invoice.status} before it reached Stripe` } }
      }
      const out = await pushStripeInvoice(
        stripe,
        options,
        {
          invoice: {
            id: invoice.id,
            number: invoice.number,
            currency_code: invoice.currency_code,
            total: invoice.total,
            due_date: invoice.due_date,
            days_until_due: daysUntilDue(invoice.due_date, invoice.issued_at, (await billing.retrieveBillingAccount(invoice.account_id, { select: ["timezone"] })).timezone),
            tax_inclusive: invoice.tax_inclusive,
          },
          customer_id: await customerOf(invoice.account_id),
          lines: invoice.lines.map((l) => ({ id: l.id, description: l.description, amount: l.amount })),
          taxes: invoice.taxes.map((t) => ({ id: t.id, name: t.name, amount: t.amount })),
        },
        row.external_id
      )
      // voided here while it was being pushed: the void's own step found no Stripe id yet
      const [now] = await billing.listInvoices({ id: invoice.id }, { select: ["status"] })
      const status = now?.status === "void" ? await voidStripeInvoice(stripe, out.id, invoice.id) : out.status
      return {
        external_id: out.id,
        data: { status, number: out.number, hosted_invoice_url: out.hosted_invoice_url, amount_due: out.amount_due },
      }
    }
    case "credit_note": {
      const cn = await loadSyncCreditNote(billing, row.record_id)
      const invoiceId = await stripeIdOf(billing, "invoice", cn.invoice_id)
      if (invoiceId === "-") return { external_id: "-", data: { skipped: "its invoice was never in Stripe" } }
      if (!invoiceId) throw new Error(`credit note ${cn.number}: its invoice ${cn.invoice_id} is not in Stripe yet; retried once it is`)
      const out = await pushStripeCreditNote(
        stripe,
        {
          credit_note: { id: cn.id, number: cn.number, currency_code: cn.currency_code, total: cn.total, reason: cn.reason },
          stripe_invoice_id: invoiceId,
        },
        row.external_id
      )
      return { external_id: out.id }
    }
    case "payment": {
      // money received elsewhere (bank, cash …) for invoices Stripe also holds: once
      // an invoice is settled here, Stripe must stop chasing it and never charge the card
      const p = await loadSyncPayment(billing, row.record_id)
      if (p.method === "stripe") return { external_id: p.reference ?? "-", data: { note: "received through Stripe" } }
      const marked: Record<string, string> = {}
      for (const a of p.allocations) {
        const stripeId = await stripeIdOf(billing, "invoice", a.invoice_id)
        if (!stripeId || stripeId === "-") continue
        const [inv] = await billing.listInvoices({ id: a.invoice_id }, { select: ["id", "status"] })
        if (inv?.status !== "paid") continue // partly paid: Stripe cannot take a part payment; it stays open there
        marked[a.invoice_id] = await markStripeInvoicePaidOutOfBand(stripe, stripeId, a.invoice_id)
      }
      return { external_id: "-", data: { stripe_invoices: marked } }
    }
    default:
      throw new Error(`Stripe does not take ${row.record_type} records`)
  }
}
