import Decimal from "decimal.js"
import {
  toXeroContact,
  toXeroCreditNote,
  toXeroCreditNoteAllocation,
  toXeroInvoice,
  toXeroPayment,
  toXeroRecordError,
  xeroTaxType,
  DEFAULT_TAX_TYPE_EXEMPT,
  XeroGateway,
  type XeroIntegrationOptions,
} from "../../../modules/billing/integrations/xero"
import type BillingModuleService from "../../../modules/billing/service"
import { loadSyncAccount, loadSyncCreditNote, loadSyncInvoice, loadSyncPayment } from "./documents"

type Row = { id: string; record_type: string; record_id: string; account_id: string; external_id: string | null }
type Outcome = { ok: true; external_id: string; data?: Record<string, unknown> } | { ok: false; error: string }

/** One gateway per Xero tenant and process: its token and its rate limiter are shared by every push. */
const gateways = new Map<string, XeroGateway>()
export function xeroGateway(options: XeroIntegrationOptions): XeroGateway {
  const key = `${options.tenant_id}|${options.client_id}|${options.api_base ?? ""}|${options.token_url ?? ""}`
  let g = gateways.get(key)
  if (!g) {
    g = new XeroGateway(options)
    gateways.set(key, g)
  }
  return g
}

/** A gateway error (or anything thrown) as one line for a sync row. */
export const describeXeroError = (e: any) => {
  // a per-record error from the gateway is already in shape; anything thrown is converted
  const r = e && typeof e === "object" && "code" in e && "retryable" in e ? e : toXeroRecordError(e)
  return `${r.code}: ${r.message}${r.validation_errors?.length ? ` (${r.validation_errors.join("; ")})` : ""}${r.resume_at ? `; resumes at ${r.resume_at}` : ""}`
}

/** Invoices in Xero by number, for the reconciliation report. */
export async function fetchXeroInvoices(options: XeroIntegrationOptions, numbers: string[]) {
  const found = await xeroGateway(options).getInvoicesByNumbers(numbers)
  return new Map(found.map((f) => [f.number, f]))
}

/**
 * Pushes claimed Xero sync rows: contacts for the accounts involved (looked
 * up by our account code first), then invoices in batches of up to 50,
 * credit notes with their allocation, and each payment's allocations as
 * Xero payments. Every call goes through the tenant's rate-limited queue;
 * invoices and credit notes are found by number before they are created,
 * and payments carry idempotency keys from our ids, so a retry creates
 * nothing twice. Returns an outcome per row id; nothing here throws for a
 * single record.
 */
export async function pushToXero(billing: BillingModuleService, options: XeroIntegrationOptions, rows: Row[]): Promise<Map<string, Outcome>> {
  const xero = xeroGateway(options)
  const out = new Map<string, Outcome>()
  const xeroIdOf = async (record_type: "account" | "invoice", ids: string[]) => {
    if (!ids.length) return new Map<string, string>()
    const found = await billing.listSyncRecords({ provider: "xero", record_type, record_id: ids, status: "synced" }, { select: ["record_id", "external_id"] })
    return new Map(found.filter((f) => f.external_id).map((f) => [f.record_id, f.external_id!]))
  }

  // 1. contacts: for account rows, and for every account a document needs
  const accountIds = [...new Set(rows.map((r) => (r.record_type === "account" ? r.record_id : r.account_id)))]
  const contacts = await xeroIdOf("account", accountIds)
  const contactErrors = new Map<string, string>()
  const missing = accountIds.filter((id) => !contacts.has(id) || rows.some((r) => r.record_type === "account" && r.record_id === id))
  if (missing.length) {
    const accounts = await Promise.all(missing.map((id) => loadSyncAccount(billing, id)))
    let results: Awaited<ReturnType<XeroGateway["upsertContactsDetailed"]>> = []
    try {
      results = await xero.upsertContactsDetailed(accounts.map((a) => toXeroContact({ ...a, xero_contact_id: contacts.get(a.id) ?? null })))
    } catch (e) {
      for (const a of accounts) contactErrors.set(a.id, describeXeroError(e))
    }
    const queued = await billing.queueSyncRecords(accounts.map((a) => ({ provider: "xero" as const, record_type: "account" as const, record_id: a.id, account_id: a.id })))
    for (const [i, a] of accounts.entries()) {
      const r = results[i]
      const row = queued[i]
      const own = rows.find((x) => x.record_type === "account" && x.record_id === a.id)
      if (r?.ok) {
        contacts.set(a.id, r.contact_id)
        if (own) out.set(own.id, { ok: true, external_id: r.contact_id })
        else await billing.updateSyncRecords({ id: row.id, status: "synced", external_id: r.contact_id, synced_at: new Date(), last_error: null, next_attempt_at: null })
      } else {
        const err = r && !r.ok ? describeXeroError(r.error) : contactErrors.get(a.id) ?? "contact not pushed"
        contactErrors.set(a.id, err)
        if (own) out.set(own.id, { ok: false, error: err })
      }
    }
  }
  const noContact = (accountId: string) => `the account's Xero contact is missing: ${contactErrors.get(accountId) ?? "not synced"}`

  // 2. invoices, batched
  const invoiceRows = rows.filter((r) => r.record_type === "invoice")
  const payloads: Array<{ row: Row; payload: any }> = []
  for (const row of invoiceRows) {
    try {
      const inv = await loadSyncInvoice(billing, row.record_id)
      if (inv.status === "draft") throw new Error(`invoice ${inv.id} is a draft; only finalized invoices go to Xero`)
      const contact = contacts.get(inv.account_id)
      if (!contact) {
        out.set(row.id, { ok: false, error: noContact(inv.account_id) })
        continue
      }
      payloads.push({ row, payload: toXeroInvoice({ invoice: inv, contact_id: contact, lines: inv.lines, taxes: inv.taxes }, options) })
    } catch (e) {
      out.set(row.id, { ok: false, error: describeXeroError(e) })
    }
  }
  if (payloads.length) {
    try {
      const results = await xero.createInvoices(payloads.map((p) => p.payload))
      // voided here since it was queued (or while it was pushed, or a void that failed and is retried): void it there too
      const created = payloads.filter((_, i) => results[i].ok).map((p) => p.row.record_id)
      const voided = new Set(
        created.length ? (await billing.listInvoices({ id: created, status: "void" }, { select: ["id"] })).map((i) => i.id) : []
      )
      for (const [i, r] of results.entries()) {
        const row = payloads[i].row
        if (!r.ok) {
          out.set(row.id, { ok: false, error: describeXeroError(r.error) })
          continue
        }
        let status = r.status
        if (voided.has(row.record_id)) {
          const v = await xero.voidInvoice(r.invoice_id, row.record_id)
          if (!v.ok) {
            out.set(row.id, { ok: false, error: `void in Xero failed: ${describeXeroError(v.error)}` })
            continue
          }
          status = v.status
        }
        out.set(row.id, { ok: true, external_id: r.invoice_id, data: { status, total: r.total, amount_paid: r.amount_paid, already_existed: r.already_existed } })
      }
    } catch (e) {
      for (const p of payloads) out.set(p.row.id, { ok: false, error: describeXeroError(e) })
    }
  }

  // 3. credit notes, each allocated to its invoice
  for (const row of rows.filter((r) => r.record_type === "credit_note")) {
    try {
      const cn = await loadSyncCreditNote(billing, row.record_id)
      const invoiceId = (await xeroIdOf("invoice", [cn.invoice_id])).get(cn.invoice_id)
      if (!invoiceId) throw new Error(`its invoice ${cn.invoice_id} is not in Xero yet; retried once it is`)
      const contact = contacts.get(cn.account_id)
      if (!contact) throw new Error(noContact(cn.account_id))
      const inv = await loadSyncInvoice(billing, cn.invoice_id)
      const taxType = xeroTaxType(inv.taxes, options) ?? options.tax_type_exempt ?? DEFAULT_TAX_TYPE_EXEMPT
      const [r] = await xero.createCreditNotes([toXeroCreditNote({ credit_note: cn, contact_id: contact, tax_type: taxType }, options)])
      if (!r.ok) throw new Error(describeXeroError(r.error))
      // allocate what is not allocated yet (a retry after the allocation finds nothing left)
      if (new Decimal(r.remaining_credit).gt(0)) {
        const alloc = await xero.allocateCreditNote(
          r.credit_note_id,
          toXeroCreditNoteAllocation({ credit_note: cn, invoice_id_in_xero: invoiceId, amount: r.remaining_credit })
        )
        if (!alloc.ok) throw new Error(`credit note ${cn.number} created, allocation failed: ${describeXeroError(alloc.error)}`)
      }
      out.set(row.id, { ok: true, external_id: r.credit_note_id, data: { status: r.status, total: r.total } })
    } catch (e) {
      out.set(row.id, { ok: false, error: describeXeroError(e) })
    }
  }

  // 4. payments: one Xero payment per invoice the payment was allocated to
  for (const row of rows.filter((r) => r.record_type === "payment")) {
    try {
      const p = await loadSyncPayment(billing, row.record_id)
      if (!p.allocations.length) {
        out.set(row.id, { ok: true, external_id: "-", data: { note: "not allocated to an invoice: account credit, nothing to record in Xero" } })
        continue
      }
      const invoices = await xeroIdOf("invoice", p.allocations.map((a) => a.invoice_id))
      const waiting = p.allocations.filter((a) => !invoices.has(a.invoice_id))
      if (waiting.length) throw new Error(`invoice ${waiting.map((a) => a.invoice_id).join(", ")} is not in Xero yet; retried once it is`)
      const results = await xero.createPayments(
        p.allocations.map((a) => ({
          id: `${p.id}-${a.id}`,
          payment: toXeroPayment({ payment: { id: p.id, amount: a.amount, received_at: p.received_at, reference: p.reference }, invoice_id_in_xero: invoices.get(a.invoice_id)! }, options),
        }))
      )
      const failed = results.filter((r) => !r.ok)
      if (failed.length) throw new Error(failed.map((f) => describeXeroError((f as any).error)).join("; "))
      const ids = results.map((r) => (r as any).payment_id as string)
      out.set(row.id, { ok: true, external_id: ids.join(","), data: { payments: ids } })
    } catch (e) {
      out.set(row.id, { ok: false, error: describeXeroError(e) })
    }
  }
  return out
}
