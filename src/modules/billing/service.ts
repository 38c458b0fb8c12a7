import type { Context } from "@medusajs/framework/types"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import {
  generateEntityId,
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaError,
  MedusaService,
} from "@medusajs/framework/utils"
import Decimal from "decimal.js"
import { DateTime } from "luxon"
import { exactOf } from "../../lib/big-number"
import { bulkEntityId } from "../../lib/ids"
import { agingBucket, allocatePayment, currencyDecimals, moneyScaleError } from "./calc"
import { extensionGrant, initialGrant } from "./credit/grant"
import { FxTable, type FxRow } from "./fx"
import BillingAccount from "./models/billing-account"
import BillingPeriod from "./models/billing-period"
import CreditNote from "./models/credit-note"
import DocumentSequence from "./models/document-sequence"
import FxRate from "./models/fx-rate"
import Invoice from "./models/invoice"
import InvoiceLine from "./models/invoice-line"
import InvoiceTax from "./models/invoice-tax"
import IssuingEntity from "./models/issuing-entity"
import Payment from "./models/payment"
import PaymentAllocation from "./models/payment-allocation"
import Plan from "./models/plan"
import PlanComponent from "./models/plan-component"
import Reservation from "./models/reservation"
import Subscription from "./models/subscription"
import SubscriptionChange from "./models/subscription-change"
import TaxProfile from "./models/tax-profile"
import WalletEntry from "./models/wallet-entry"
import SyncRecord from "./models/sync-record"
import ProviderEvent from "./models/provider-event"
import DunningPolicy from "./models/dunning-policy"
import DunningEvent from "./models/dunning-event"
import WebhookEndpoint from "./models/webhook-endpoint"
import WebhookDelivery from "./models/webhook-delivery"
import NotificationTemplate from "./models/notification-template"
import type { CollectionsOptions } from "./integrations/options"
import type {
  AuthorizeCreditInput,
  CreditDecision,
  DraftDocument,
  PeriodCloseRecord,
  PeriodCloseResult,
  WalletEntryInput,
  WalletMovement,
} from "./types"

/** A bigNumber's raw column as a JSON value, for `insertRows`. */
const rawValue = (v: string | null) => (v === null ? null : { value: v, precision: 20 })
/** The same as JSON text, for knex inserts. */
const rawJson = (v: string | null) => (v === null ? null : JSON.stringify(rawValue(v)))

/**
 * Inserts rows into `table` with one JSON parameter per 5,000 rows
 * (`jsonb_populate_recordset` against the table's own row type), not a
 * statement with a bind parameter per column and row: the close writes
 * ~8 lines per invoice for every account. Columns are the first row's keys
 * (the others keep their defaults); JSON columns take JSON values, not text.
 */
async function insertRows(knex: any, table: string, rows: Array<Record<string, unknown>>): Promise<void> {
  if (!rows.length) return
  const columns = Object.keys(rows[0])
    .map((c) => `"${c}"`)
    .join(", ")
  for (let i = 0; i < rows.length; i += 5000) {
    await knex.raw(`INSERT INTO ${table} (${columns}) SELECT ${columns} FROM jsonb_populate_recordset(NULL::${table}, ?::jsonb)`, [
      JSON.stringify(rows.slice(i, i + 5000)),
    ])
  }
}

/**
 * Inserts draft documents with their lines and taxes set-based (the close's
 * hot path, DESIGN.md principle 6); ids are generated here, returned in input
 * order.
 */
async function insertDrafts(
  knex: any,
  drafts: Array<{ account_id: string; doc: DraftDocument; corrects_invoice_id?: string | null }>
): Promise<string[]> {
  const raw = rawValue
  const invoiceRows: any[] = []
  const lineRows: any[] = []
  const taxRows: any[] = []
  const ids: string[] = []
  for (const { account_id, doc: d, corrects_invoice_id } of drafts) {
    const id = bulkEntityId("binv")
    ids.push(id)
    invoiceRows.push({
      id, kind: d.kind, account_id, entity_id: d.entity_id, status: "draft", currency_code: d.currency_code,
      period_start: d.period_start, period_end: d.period_end,
      subtotal: d.subtotal, raw_subtotal: raw(d.subtotal), tax_total: d.tax_total, raw_tax_total: raw(d.tax_total), total: d.total, raw_total: raw(d.total),
      tax_inclusive: d.tax_inclusive, notes: d.notes ?? [], fx: d.fx ?? null,
      metadata: d.metadata ?? null, corrects_invoice_id: corrects_invoice_id ?? null,
    })
    for (const l of d.lines) {
      lineRows.push({
        id: bulkEntityId("binvl"), invoice_id: id, position: l.position, kind: l.kind, description: l.description,
        quantity: l.quantity, raw_quantity: raw(l.quantity), unit_price: l.unit_price, raw_unit_price: raw(l.unit_price), amount: l.amount, raw_amount: raw(l.amount),
        taxable: l.taxable, component_code: l.component_code, period_start: l.period_start, period_end: l.period_end, details: l.details ?? {},
      })
    }
    for (const t of d.taxes) {
      taxRows.push({
        id: bulkEntityId("binvt"), invoice_id: id, code: t.code, name: t.name,
        rate: t.rate, raw_rate: raw(t.rate), taxable_amount: t.taxable_amount, raw_taxable_amount: raw(t.taxable_amount), amount: t.amount, raw_amount: raw(t.amount),
      })
    }
  }
  for (const [table, rows] of [["call_billing_invoice", invoiceRows], ["call_billing_invoice_line", lineRows], ["call_billing_invoice_tax", taxRows]] as const) {
    await insertRows(knex, table, rows)
  }
  return ids
}

const localDate = (at: Date, zone: string) => DateTime.fromJSDate(at, { zone }).toISODate() as string
const addDaysLocal = (date: string, days: number) => DateTime.fromISO(date, { zone: "UTC" }).plus({ days }).toISODate() as string

type LockedAccount = {
  id: string
  status: "active" | "suspended" | "closed"
  payment_mode: "prepaid" | "postpaid"
  credit_limit: string | null
  wallet_balance: string
  low_balance_threshold: string | null
  currency_code: string
}

/**
 * Tenants and everything they are billed with: issuing entities, tax
 * profiles, plans, subscriptions, closed periods, invoices, credit notes,
 * payments, the wallet ledger and reservations. Anything that checks a
 * balance and then writes (grants, wallet entries, invoice numbers) does so
 * under a row lock on the account or entity, inside one transaction.
 */
class BillingModuleService extends MedusaService({
  BillingAccount,
  IssuingEntity,
  TaxProfile,
  Plan,
  PlanComponent,
  Subscription,
  SubscriptionChange,
  BillingPeriod,
  Invoice,
  InvoiceLine,
  InvoiceTax,
  CreditNote,
  AccountPayment: Payment,
  PaymentAllocation,
  WalletEntry,
  CreditReservation: Reservation,
  FxRate,
  SyncRecord,
  ProviderEvent,
  DunningPolicy,
  DunningEvent,
  WebhookEndpoint,
  WebhookDelivery,
  NotificationTemplate,
  DocumentSequence,
}) {
  protected readonly collections_: CollectionsOptions

  constructor(container: Record<string, unknown>, options: CollectionsOptions = {}) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.collections_ = options ?? {}
  }

  /** The plugin's Stripe / Xero / notification options (issue 6), as configured. */
  collectionsOptions(): CollectionsOptions {
    return this.collections_
  }

  /**
   * Grants a call a quota its credit can pay for and holds the cost
   * (BILLING.md §6). Under `SELECT … FOR UPDATE` on the account, so concurrent
   * grants are serialised and can never hold more than the available credit:
   * prepaid — the wallet balance (holds are ledger entries); postpaid — the
   * credit limit − `committed` − open holds (no limit: the request is granted).
   *
   * @example
   * const d = await billing.authorizeCredit({ account_id, number: "447700900123", direction: "outbound", terms })
   * // { granted: true, granted_seconds: 300, amount: "0.3", reservation_id: "bres_…", … }
   */
  @InjectTransactionManager()
  async authorizeCredit(input: AuthorizeCreditInput, @MedusaContext() sharedContext: Context = {}): Promise<CreditDecision> {
    const account = await this.lockAccount_(input.account_id, sharedContext)
    const refused = this.refuseInactive_(account)
    if (refused) return refused
    const available = await this.availableCredit_(account, input.committed ?? "0", sharedContext)
    const requested = input.requested_seconds ?? undefined
    const grant =
      available === null
        ? initialGrant(input.terms, "1e15", requested)
        : initialGrant(input.terms, available.toString(), requested)
    if (!grant) {
      return {
        granted: false,
        reason: "insufficient_credit",
        detail: `the first ${input.terms.initial_increment} s cost more than the available ${this.creditSource_(account)} ${available!.toString()} ${account.currency_code}`,
        available: available!.toString(),
      }
    }
    const expires = new Date(Date.now() + 1000 * (input.expires_in_seconds ?? 2 * grant.seconds))
    const [reservation] = await this.createCreditReservations(
      [
        {
          account_id: account.id,
          call_id: input.call_id ?? null,
          number: input.number,
          direction: input.direction,
          status: "open",
          granted_seconds: grant.seconds,
          amount: grant.amount,
          currency_code: account.currency_code,
          terms: input.terms as unknown as Record<string, unknown>,
          expires_at: expires,
        },
      ] as any[], // bigNumber fields take exact decimal strings
      sharedContext
    )
    const balance =
      account.payment_mode === "prepaid"
        ? await this.appendWalletEntries_(
            account,
            [{ type: "hold", amount: new Decimal(grant.amount).neg().toString(), reservation_id: reservation.id }],
            sharedContext
          )
        : null
    return {
      granted: true,
      reservation_id: reservation.id,
      granted_seconds: grant.seconds,
      amount: grant.amount,
      currency_code: account.currency_code,
      expires_at: expires,
      available_after: available === null ? null : available.minus(grant.amount).toString(),
      balance,
    }
  }

  /**
   * Adds a further quota of subsequent increments to an open reservation, on
   * the terms it was granted with, under the same lock.
   *
   * @example
   * const d = await billing.extendReservation("bres_1", { requested_seconds: 120 })
   */
  @InjectTransactionManager()
  async extendReservation(
    reservationId: string,
    input: { requested_seconds?: number; committed?: string },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<CreditDecision> {
    const reservation = await this.retrieveCreditReservation(reservationId, {}, sharedContext)
    const account = await this.lockAccount_(reservation.account_id, sharedContext)
    const current = await this.lockReservation_(reservationId, sharedContext)
    if (current.status !== "open" || current.expires_at.getTime() <= Date.now()) {
      return {
        granted: false,
        reason: "reservation_not_open",
        detail: `reservation ${reservationId} is ${current.status === "open" ? "expired" : current.status}`,
        available: null,
      }
    }
    const refused = this.refuseInactive_(account)
    if (refused) return refused
    const available = await this.availableCredit_(account, input.committed ?? "0", sharedContext)
    const terms = reservation.terms as any
    const grant = extensionGrant(terms, available === null ? "1e15" : available.toString(), input.requested_seconds)
    if (!grant) {
      return {
        granted: false,
        reason: "insufficient_credit",
        detail: `${terms.subsequent_increment} s more cost more than the available ${this.creditSource_(account)} ${available!.toString()} ${account.currency_code}`,
        available: available!.toString(),
      }
    }
    const seconds = current.granted_seconds + grant.seconds
    const amount = new Decimal(current.amount).plus(grant.amount).toString()
    // the hold lives 2 × the new quota from now, and never less than it had: an extension never shortens it
    const expires = new Date(Math.max(current.expires_at.getTime(), Date.now() + 1000 * 2 * grant.seconds))
    await this.manager_(sharedContext).execute(
      `UPDATE call_billing_reservation SET granted_seconds = ?, amount = ?::numeric,
         raw_amount = jsonb_build_object('value', ?::text, 'precision', 20), expires_at = ?, updated_at = now()
       WHERE id = ?`,
      [seconds, amount, amount, expires, reservationId]
    )
    const balance =
      account.payment_mode === "prepaid"
        ? await this.appendWalletEntries_(
            account,
            [{ type: "hold", amount: new Decimal(grant.amount).neg().toString(), reservation_id: reservationId }],
            sharedContext
          )
        : null
    return {
      granted: true,
      reservation_id: reservationId,
      granted_seconds: seconds,
      amount,
      currency_code: account.currency_code,
      expires_at: expires,
      available_after: available === null ? null : available.minus(grant.amount).toString(),
      balance,
    }
  }

  /**
   * Ends a reservation: the hold is released and, when a charge is given, the
   * call is debited (once per call id: a CDR after a report only posts the
   * difference as an adjustment). `status` is `settled` or `expired`.
   *
   * @example
   * await billing.settleReservation("bres_1", { charge: "0.12", used_seconds: 120, settled_by: "report" })
   */
  @InjectTransactionManager()
  async settleReservation(
    reservationId: string,
    input: {
      charge: string | null
      used_seconds: number | null
      settled_by: "cdr" | "report" | "expired"
      call_id?: string | null
      /** the stored CDR that settles it */
      call_record_id?: string | null
    },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ settled: boolean; status: string; balance: WalletMovement | null }> {
    const reservation = await this.retrieveCreditReservation(reservationId, {}, sharedContext)
    const account = await this.lockAccount_(reservation.account_id, sharedContext)
    const current = await this.lockReservation_(reservationId, sharedContext)
    if (current.status !== "open") return { settled: false, status: current.status, balance: null }
    const status = input.settled_by === "expired" ? "expired" : "settled"
    const callId = input.call_id ?? reservation.call_id ?? null
    await this.manager_(sharedContext).execute(
      `UPDATE call_billing_reservation SET status = ?, used_seconds = ?, settled_amount = ?::numeric,
         raw_settled_amount = CASE WHEN ?::text IS NULL THEN NULL ELSE jsonb_build_object('value', ?::text, 'precision', 20) END,
         settled_at = now(), settled_by = ?, call_id = ?, call_record_id = ?, updated_at = now()
       WHERE id = ?`,
      [status, input.used_seconds, input.charge, input.charge, input.charge, input.settled_by, callId, input.call_record_id ?? null, reservationId]
    )
    if (account.payment_mode !== "prepaid") return { settled: true, status, balance: null }
    const entries: WalletEntryInput[] = [{ type: "release", amount: current.amount, reservation_id: reservationId }]
    if (input.charge !== null) {
      const call = { call_id: callId, call_record_id: input.call_record_id ?? null, charge: input.charge, reservation_id: reservationId }
      entries.push(...(await this.debitEntries_(account.id, [call], sharedContext)))
    }
    const balance = await this.appendWalletEntries_(account, entries, sharedContext)
    return { settled: true, status, balance }
  }

  /**
   * The effective-dated FX table, exact rates (the raw_ twin), for rating
   * calls of cards in another currency than their account's.
   *
   * @example
   * const fx = await billing.loadFxTable()
   * fx.at("USD", "GBP", new Date()) // { rate: "0.78", effective_from: … } or null
   */
  async loadFxTable(): Promise<FxTable> {
    return new FxTable(await this.loadFxRows())
  }

  /**
   * The rows `loadFxTable` builds its table from, as plain data (for a
   * thread that builds its own table: the file import's worker).
   *
   * @example
   * new FxTable(await billing.loadFxRows())
   */
  async loadFxRows(): Promise<FxRow[]> {
    const rows = await this.listFxRates({})
    return rows.map((r) => ({ base: r.base, quote: r.quote, rate: exactOf(r, "rate").toString(), effective_from: r.effective_from }))
  }

  /**
   * The reservations whose call an import has just stored, with the stored
   * call: open ones settle by it (BILLING.md §6); reported ones (settled by
   * an explicit report before their CDR came) are matched to it, so the call
   * is charged once. Driven by those reservations (few: the calls in
   * progress or just reported), each probing the import's source by call id.
   *
   * @example
   * const due = await billing.listReservationsSettledByImport("ijob_1")
   */
  @InjectManager()
  async listReservationsSettledByImport(
    jobId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<
    Array<{ reservation_id: string; status: string; call_id: string; call_record_id: string; charge: string; rated_seconds: number }>
  > {
    return (sharedContext.manager as SqlEntityManager).execute(
      `SELECT r.id AS reservation_id, r.status, c.call_id, c.id AS call_record_id, c.charge::text AS charge, c.rated_seconds
       FROM call_billing_reservation r
       JOIN call_billing_import_job j ON j.id = ?
       JOIN call_billing_call c ON c.source = j.source AND c.call_id = r.call_id AND c.deleted_at IS NULL
       WHERE r.call_id IS NOT NULL AND r.deleted_at IS NULL
         AND (r.status = 'open' OR (r.settled_by = 'report' AND r.call_record_id IS NULL))
         AND c.import_job_id = j.id AND c.account_id = r.account_id
       ORDER BY r.id`,
      [jobId]
    )
  }

  /**
   * A reported call's CDR has arrived: the reservation records it and, when
   * the CDR rates the call differently, the difference is posted as an
   * adjustment (the report's debit stays). Once per reservation.
   *
   * @example
   * await billing.matchReportedCall("bres_1", { call_record_id: "ccall_1", charge: "0.02" })
   */
  @InjectTransactionManager()
  async matchReportedCall(
    reservationId: string,
    input: { call_record_id: string; charge: string },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<WalletMovement | null> {
    const reservation = await this.retrieveCreditReservation(reservationId, {}, sharedContext)
    const account = await this.lockAccount_(reservation.account_id, sharedContext)
    const manager = this.manager_(sharedContext)
    const [claimed] = await manager.execute(
      `UPDATE call_billing_reservation SET call_record_id = ?, updated_at = now()
       WHERE id = ? AND settled_by = 'report' AND call_record_id IS NULL RETURNING id`,
      [input.call_record_id, reservationId]
    )
    if (!claimed || account.payment_mode !== "prepaid") return null
    const [row] = await manager.execute(
      `SELECT COALESCE(-SUM(amount), 0)::text AS charged FROM call_billing_wallet_entry
       WHERE reservation_id = ? AND type IN ('debit', 'adjustment') AND deleted_at IS NULL`,
      [reservationId]
    )
    const charged = new Decimal(row.charged)
    if (charged.eq(input.charge)) return null
    return this.appendWalletEntries_(
      account,
      [
        {
          type: "adjustment",
          amount: charged.minus(input.charge).toString(),
          call_id: reservation.call_id,
          call_record_id: input.call_record_id,
          reservation_id: reservationId,
          note: `call ${reservation.call_id} rated ${input.charge} by its CDR, ${charged.toString()} by its report`,
        },
      ],
      sharedContext
    )
  }

  /**
   * Debits the calls an import stored for prepaid accounts: one ledger entry
   * per stored call, never two (a unique index on the call row; a call id
   * alone may repeat across sources). Calls that settled or matched a
   * reservation (see `listReservationsSettledByImport`) are charged there.
   * Set-based: one INSERT … SELECT from the metering module's call table
   * (same database; the import's hot path, DESIGN.md principle 6), so
   * 100,000 calls never pass through Node. The accounts are locked in id
   * order (no deadlocks); postpaid accounts are not touched.
   *
   * @example
   * const moves = await billing.debitImportedCalls("ijob_1")
   */
  @InjectTransactionManager()
  async debitImportedCalls(jobId: string, @MedusaContext() sharedContext: Context = {}): Promise<WalletMovement[]> {
    const manager = this.manager_(sharedContext)
    const accounts: LockedAccount[] = await manager.execute(
      `SELECT a.id, a.status, a.payment_mode, a.credit_limit::text AS credit_limit, a.wallet_balance::text AS wallet_balance,
              a.low_balance_threshold::text AS low_balance_threshold, a.currency_code
       FROM call_billing_billing_account a
       WHERE a.payment_mode = 'prepaid' AND a.deleted_at IS NULL
         AND EXISTS (SELECT 1 FROM call_billing_call c WHERE c.import_job_id = ? AND c.account_id = a.id AND c.deleted_at IS NULL)
       ORDER BY a.id FOR UPDATE OF a`,
      [jobId]
    )
    if (!accounts.length) return []
    const ids = accounts.map((a) => a.id)
    // each stored call once (the unique debit per call row: a retried step writes nothing
    // twice); a call whose reservation it settled or matched is charged there already.
    // The debit's id is the call row's behind the ledger's prefix (bwal_call_01…): call
    // rows are numbered in import order, so the ledger's primary key grows at its right
    // edge instead of at random pages (a quarter of this statement's time at 250,000
    // calls). It is unique because a call row is debited once, and it cannot meet a
    // generated id (bwal_ + a ULID: no underscore).
    const debits: Array<{ account_id: string; amount: string }> = await manager.execute(
      `WITH debits AS (
         INSERT INTO call_billing_wallet_entry
           (id, account_id, currency_code, type, amount, raw_amount, call_id, call_record_id, created_at, updated_at)
         SELECT 'bwal_' || c.id, c.account_id, a.currency_code, 'debit',
                -c.charge, jsonb_build_object('value', (-c.charge)::text, 'precision', 20), c.call_id, c.id, now(), now()
         FROM call_billing_call c JOIN call_billing_billing_account a ON a.id = c.account_id
         WHERE c.import_job_id = ? AND c.account_id IN (${ids.map(() => "?").join(", ")}) AND c.deleted_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM call_billing_reservation r WHERE r.call_record_id = c.id AND r.deleted_at IS NULL)
         ON CONFLICT (call_record_id) WHERE deleted_at IS NULL AND type = 'debit' AND call_record_id IS NOT NULL DO NOTHING
         RETURNING account_id, amount
       )
       SELECT account_id, SUM(amount)::text AS amount FROM debits GROUP BY account_id`,
      [jobId, ...ids]
    )
    const deltas = new Map(debits.map((d) => [d.account_id, new Decimal(d.amount)]))
    const byId = new Map(accounts.map((a) => [a.id, a]))
    const moves: WalletMovement[] = []
    for (const id of [...deltas.keys()].sort()) moves.push(await this.moveBalance_(byId.get(id)!, deltas.get(id)!, sharedContext))
    return moves
  }

  /**
   * Adds entries to an account's wallet (top-up, refund, adjustment) under the
   * account lock; an entry whose (type, reference) exists is not added twice.
   *
   * @example
   * await billing.postWalletEntries("bacct_1", [{ type: "top_up", amount: "50", reference: "pi_123" }])
   */
  @InjectTransactionManager()
  async postWalletEntries(
    accountId: string,
    entries: WalletEntryInput[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<WalletMovement & { duplicates: number }> {
    const account = await this.lockAccount_(accountId, sharedContext)
    const refs = entries.filter((e) => e.reference).map((e) => e.reference!)
    const existing = refs.length
      ? await this.listWalletEntries({ account_id: accountId, reference: refs }, { select: ["type", "reference"] }, sharedContext)
      : []
    const seen = new Set(existing.map((e) => `${e.type}:${e.reference}`))
    const fresh = entries.filter((e) => !e.reference || !seen.has(`${e.type}:${e.reference}`))
    const move = await this.appendWalletEntries_(account, fresh, sharedContext)
    return { ...move, duplicates: entries.length - fresh.length }
  }

  /**
   * Takes the next gapless number of an entity's invoice or credit note
   * series for `year`, `PREFIX-YYYY-NNNNNN`, under a lock on the entity row.
   * Each (entity, kind, year) counts on its own and never restarts, so a year
   * taken after a later one (an account whose New Year has not come yet)
   * continues its own series. The entity's `next_*_number` / `sequence_year`
   * then show its most recent year with numbers. Call it inside the
   * transaction that finalizes the document: a rollback returns the number.
   *
   * @example
   * await billing.takeDocumentNumber("bent_1", "invoice", 2026) // "ACME-2026-000001"
   */
  @InjectTransactionManager()
  async takeDocumentNumber(
    entityId: string,
    kind: "invoice" | "credit_note",
    year: number,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string> {
    const manager = this.manager_(sharedContext)
    const [row] = await manager.execute(
      `SELECT invoice_prefix, credit_note_prefix FROM call_billing_issuing_entity WHERE id = ? AND deleted_at IS NULL FOR UPDATE`,
      [entityId]
    )
    if (!row) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Issuing entity ${entityId} was not found`)
    const [taken] = await manager.execute(
      `INSERT INTO call_billing_document_sequence (id, entity_id, kind, year, next_number) VALUES (?, ?, ?, ?, 2)
       ON CONFLICT (entity_id, kind, year) WHERE deleted_at IS NULL
       DO UPDATE SET next_number = call_billing_document_sequence.next_number + 1, updated_at = now()
       RETURNING next_number - 1 AS n`,
      [generateEntityId(undefined, "bdseq"), entityId, kind, year]
    )
    await manager.execute(
      `UPDATE call_billing_issuing_entity e
       SET sequence_year = s.year, next_invoice_number = COALESCE(s.invoice_next, 1),
         next_credit_note_number = COALESCE(s.credit_note_next, 1), updated_at = now()
       FROM (
         SELECT year, MAX(next_number) FILTER (WHERE kind = 'invoice') AS invoice_next,
           MAX(next_number) FILTER (WHERE kind = 'credit_note') AS credit_note_next
         FROM call_billing_document_sequence WHERE entity_id = ? AND deleted_at IS NULL
         GROUP BY year ORDER BY year DESC LIMIT 1
       ) s
       WHERE e.id = ?`,
      [entityId, entityId]
    )
    const prefix = kind === "invoice" ? row.invoice_prefix : row.credit_note_prefix
    return `${prefix}-${year}-${String(taken.n).padStart(6, "0")}`
  }

  /**
   * What an account still owes on its finalized invoices and debit notes:
   * Σ (total − paid − credited) over those not paid, void or uncollectible.
   *
   * @example
   * await billing.sumAmountDue("bacct_1") // "120.50"
   */
  @InjectManager()
  async sumAmountDue(accountId: string, @MedusaContext() sharedContext: Context = {}): Promise<string> {
    const [row] = await (sharedContext.manager as SqlEntityManager).execute(
      `SELECT COALESCE(SUM(total - amount_paid - amount_credited), 0)::text AS due FROM call_billing_invoice
       WHERE account_id = ? AND status IN ('finalized', 'partially_paid') AND deleted_at IS NULL`,
      [accountId]
    )
    return row.due
  }

  /**
   * The accounts, of those given, whose wallet has paid for calls (debits):
   * their closes tell calls the wallet paid from calls to invoice.
   *
   * @example
   * await billing.accountsWithWalletDebits(["bacct_1", "bacct_2"]) // Set { "bacct_2" }
   */
  @InjectManager()
  async accountsWithWalletDebits(accountIds: string[], @MedusaContext() sharedContext: Context = {}): Promise<Set<string>> {
    if (!accountIds.length) return new Set()
    const rows = await (sharedContext.manager as SqlEntityManager).execute(
      `SELECT a.id FROM call_billing_billing_account a WHERE a.id IN (${accountIds.map(() => "?").join(", ")})
          AND EXISTS (SELECT 1 FROM call_billing_wallet_entry w WHERE w.account_id = a.id AND w.type = 'debit' AND w.deleted_at IS NULL)`,
      accountIds
    )
    return new Set(rows.map((r: any) => r.id))
  }

  /**
   * What a postpaid account owes that is neither unbilled usage nor due on a
   * finalized document (BILLING.md §6, credit limits): the totals of its draft
   * invoices and debit notes (their calls are marked, so no longer unbilled),
   * amounts carried forward and not yet on an invoice, and calls settled by a
   * report whose CDR has not arrived (the CDR, once stored, counts as unbilled
   * usage instead). Reports older than the account's latest close no longer
   * count: a CDR that never came is not billed.
   *
   * @example
   * await billing.sumPendingCharges("bacct_1") // "36.40"
   */
  @InjectManager()
  async sumPendingCharges(accountId: string, @MedusaContext() sharedContext: Context = {}): Promise<string> {
    const [row] = await (sharedContext.manager as SqlEntityManager).execute(
      `SELECT (
         (SELECT COALESCE(SUM(total), 0) FROM call_billing_invoice
           WHERE account_id = ? AND status = 'draft' AND deleted_at IS NULL)
       + (SELECT COALESCE(SUM(amount), 0) FROM call_billing_billing_period
           WHERE account_id = ? AND outcome = 'carry_forward' AND carried_into_period_id IS NULL AND deleted_at IS NULL)
       + (SELECT COALESCE(SUM(settled_amount), 0) FROM call_billing_reservation
           WHERE account_id = ? AND status = 'settled' AND settled_by = 'report' AND call_record_id IS NULL AND deleted_at IS NULL
             AND settled_at > COALESCE((SELECT MAX(created_at) FROM call_billing_billing_period WHERE account_id = ? AND deleted_at IS NULL), '-infinity'))
       )::text AS pending`,
      [accountId, accountId, accountId, accountId]
    )
    return row.pending
  }

  /**
   * Writes period closes: per account, under an advisory lock on the account
   * and only if (account, period start) is not closed yet — so two workers,
   * or a retried job, write one close and one invoice per account-period.
   * Each record's period row, draft documents, subscription state, consumed
   * carry-forwards and account credit are written together.
   *
   * @example
   * const results = await billing.recordPeriodCloses([record])
   * // [{ account_id, period_start: "2026-11-01", created: true, period_id: "bper_…", invoice_id: "binv_…", … }]
   */
  @InjectTransactionManager()
  async recordPeriodCloses(
    records: PeriodCloseRecord[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<PeriodCloseResult[]> {
    const manager = this.manager_(sharedContext)
    const out: PeriodCloseResult[] = []
    if (!records.length) return out
    const sorted = [...records].sort((a, b) => (a.account_id < b.account_id ? -1 : a.account_id > b.account_id ? 1 : 0))
    const accountIds = [...new Set(sorted.map((r) => r.account_id))]
    // one lock per account, taken in id order (no deadlock between workers), held to commit; one round trip
    await manager.execute(
      `SELECT count(pg_advisory_xact_lock(hashtext('call_billing_close:' || id)))
         FROM (SELECT id FROM jsonb_array_elements_text(?::jsonb) WITH ORDINALITY AS u(id, n) ORDER BY n) ordered`,
      [JSON.stringify(accountIds)]
    )
    const existing = await manager.execute(
      `SELECT id, account_id, period_start, invoice_id, debit_note_id, outcome FROM call_billing_billing_period
        WHERE account_id IN (${accountIds.map(() => "?").join(", ")}) AND deleted_at IS NULL`,
      accountIds
    )
    const seen = new Map<string, any>(existing.map((e: any) => [`${e.account_id}\u0000${e.period_start}`, e]))
    const fresh: PeriodCloseRecord[] = []
    for (const r of sorted) {
      const e = seen.get(`${r.account_id}\u0000${r.period_start}`)
      if (e) out.push({ account_id: r.account_id, period_start: r.period_start, created: false, period_id: e.id, invoice_id: e.invoice_id, debit_note_id: e.debit_note_id, outcome: e.outcome })
      else fresh.push(r)
    }
    if (!fresh.length) return out
    // documents, lines, taxes and periods: set-based inserts (the hot path of a close; DESIGN.md principle 6)
    const knex = manager.getTransactionContext() as any
    const raw = rawValue
    const docIds = new Map<string, { invoice: string | null; debit_note: string | null }>()
    const drafts: Array<{ account_id: string; doc: DraftDocument; key: string }> = []
    for (const r of fresh) {
      const key = r.account_id + "\u0000" + r.period_start
      docIds.set(key, { invoice: null, debit_note: null })
      for (const d of [r.invoice, r.debit_note]) if (d) drafts.push({ account_id: r.account_id, doc: d, key })
    }
    const created = await insertDrafts(knex, drafts)
    drafts.forEach((d, i) => (docIds.get(d.key)![d.doc.kind] = created[i]))
    const idsOf = (r: PeriodCloseRecord) => docIds.get(r.account_id + "\u0000" + r.period_start)!
    const now = new Date()
    const periods = fresh.map((r) => {
      const delta = new Decimal(r.credit_applied).minus(r.credit_added).toFixed()
      return {
        id: bulkEntityId("bper"), account_id: r.account_id, period_start: r.period_start, period_end: r.period_end, outcome: r.outcome,
        amount: r.amount, raw_amount: raw(r.amount), currency_code: r.currency_code, invoice_id: idsOf(r).invoice, debit_note_id: idsOf(r).debit_note,
        // a reopen puts these back; `ended`: subscriptions that ended in the period and were billed with it
        subscription_before: r.subscription
          ? {
              id: r.subscription.id,
              ...r.subscription.before,
              ...(r.ended_subscriptions?.length ? { ended: r.ended_subscriptions.map((e) => ({ id: e.id, ...e.before })) } : {}),
            }
          : null,
        credit_delta: delta, raw_credit_delta: raw(delta), closed_at: now,
      }
    })
    await insertRows(knex, "call_billing_billing_period", periods)
    const subs = fresh.flatMap((r) => [r.subscription, ...(r.ended_subscriptions ?? [])].filter((u) => !!u).map((u) => ({ id: u!.id, ...u!.after })))
    if (subs.length) {
      await knex.raw(
        `UPDATE call_billing_subscription s SET setup_billed = u.setup_billed, billed_through = u.billed_through, status = u.status, updated_at = now()
           FROM jsonb_to_recordset(?::jsonb) AS u(id text, setup_billed boolean, billed_through text, status text)
          WHERE s.id = u.id AND s.deleted_at IS NULL`,
        [JSON.stringify(subs)]
      )
    }
    for (let i = 0; i < fresh.length; i++) {
      const r = fresh[i]
      const period = periods[i]
      if (r.carried_period_ids.length) {
        await manager.execute(
          `UPDATE call_billing_billing_period SET carried_into_period_id = ?, updated_at = now()
            WHERE id IN (${r.carried_period_ids.map(() => "?").join(", ")}) AND carried_into_period_id IS NULL`,
          [period.id, ...r.carried_period_ids]
        )
      }
      const delta = new Decimal(r.credit_applied).minus(r.credit_added)
      if (!delta.isZero()) await this.moveCredit_(r.account_id, delta.neg(), sharedContext)
      out.push({ account_id: r.account_id, period_start: r.period_start, created: true, period_id: period.id, invoice_id: idsOf(r).invoice, debit_note_id: idsOf(r).debit_note, outcome: r.outcome })
    }
    return out
  }

  /**
   * Writes draft debit notes that correct finalized invoices (a re-rate that
   * raised invoiced calls' charges). Returns their ids in input order.
   *
   * @example
   * const [id] = await billing.createCorrectionDrafts([{ account_id, corrects_invoice_id: "binv_1", doc }])
   */
  @InjectTransactionManager()
  async createCorrectionDrafts(
    drafts: Array<{ account_id: string; corrects_invoice_id: string; doc: DraftDocument }>,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    const knex = this.manager_(sharedContext).getTransactionContext() as any
    return insertDrafts(knex, drafts.map((d) => ({ account_id: d.account_id, doc: d.doc, corrects_invoice_id: d.corrects_invoice_id })))
  }

  /**
   * Adds to an account's credit (e.g. the part of a correction a credit note
   * could not take because the invoice was already paid).
   *
   * @example
   * await billing.addAccountCredit("bacct_1", "12.50")
   */
  @InjectTransactionManager()
  async addAccountCredit(accountId: string, amount: string, @MedusaContext() sharedContext: Context = {}) {
    await this.lockAccount_(accountId, sharedContext)
    await this.moveCredit_(accountId, new Decimal(amount), sharedContext)
  }

  /**
   * Undoes a close whose documents are all still drafts, so it can be run
   * again (regenerate): the subscription's billing state, carried amounts and
   * account credit go back to what they were. Refused once a document is
   * finalized.
   *
   * @example
   * await billing.reopenPeriodClose("bper_1")
   */
  @InjectTransactionManager()
  async reopenPeriodClose(periodId: string, @MedusaContext() sharedContext: Context = {}) {
    const period = await this.retrieveBillingPeriod(periodId, {}, sharedContext)
    const manager = this.manager_(sharedContext)
    await manager.execute(`SELECT pg_advisory_xact_lock(hashtext('call_billing_close:' || ?))`, [period.account_id])
    const docIds = [period.invoice_id, period.debit_note_id].filter((x): x is string => !!x)
    const docs = docIds.length ? await this.listInvoices({ id: docIds }, { select: ["id", "status", "number"] }, sharedContext) : []
    const final = docs.find((d) => d.status !== "draft")
    if (final) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `invoice ${final.number ?? final.id} is ${final.status}; a finalized invoice is corrected with a credit note`)
    }
    const later = await this.listBillingPeriods({ account_id: period.account_id, period_start: { $gt: period.period_start } }, { select: ["id"] }, sharedContext)
    if (later.length) throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `a later period of the account is closed; reopen it first`)
    if (docIds.length) await this.deleteInvoices(docIds, sharedContext)
    await manager.execute(`UPDATE call_billing_billing_period SET carried_into_period_id = NULL, updated_at = now() WHERE carried_into_period_id = ?`, [periodId])
    const before = period.subscription_before as any
    if (before?.id) {
      const { id, ended, ...state } = before
      await this.updateSubscriptions([{ id, ...state }, ...((ended as any[]) ?? [])] as any, sharedContext)
    }
    const delta = exactOf(period, "credit_delta")
    if (!delta.isZero()) await this.moveCredit_(period.account_id, delta, sharedContext)
    await this.deleteBillingPeriods([periodId], sharedContext)
    return { period_id: periodId, document_ids: docIds, account_id: period.account_id, period_start: period.period_start, period_end: period.period_end }
  }

  /**
   * Finalizes drafts: each takes the next gapless number of its entity's
   * sequence inside this transaction (BILLING.md §4), an issue date and a due
   * date (issue + the account's net days). A zero total is paid at once.
   *
   * @example
   * const [inv] = await billing.finalizeInvoices(["binv_1"]) // { number: "ACME-2026-000001", status: "finalized", … }
   * // an invoice no longer a draft (read under its row lock) is skipped, or with `strict` refused
   */
  @InjectTransactionManager()
  async finalizeInvoices(ids: string[], options: { strict?: boolean } = {}, @MedusaContext() sharedContext: Context = {}) {
    // the rows' locks first (one statement, in id order), then the invoices read under them: two finalizes of one
    // draft at once number it once
    if (ids.length) {
      await this.manager_(sharedContext).execute(`SELECT id FROM call_billing_invoice WHERE id IN (${ids.map(() => "?").join(", ")}) ORDER BY id FOR UPDATE`, ids)
    }
    const invoices = await this.listInvoices({ id: ids }, {}, sharedContext)
    const missing = ids.filter((id) => !invoices.find((i) => i.id === id))
    if (missing.length) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Invoice with id: ${missing.join(", ")} was not found`)
    const accounts = await this.listBillingAccounts({ id: [...new Set(invoices.map((i) => i.account_id))] }, { select: ["id", "net_days", "timezone"] }, sharedContext)
    const done: string[] = []
    const now = new Date()
    // numbers are handed out in period order, then id, so a batch numbers deterministically
    for (const inv of [...invoices].sort((a, b) => (a.period_start + a.id < b.period_start + b.id ? -1 : 1))) {
      if (inv.status !== "draft") {
        if (options.strict) throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `invoice ${inv.number ?? inv.id} is ${inv.status}; only a draft can be finalized`)
        continue
      }
      const account = accounts.find((a) => a.id === inv.account_id)!
      const issueDate = localDate(now, account.timezone)
      const number = await this.takeDocumentNumber(inv.entity_id, "invoice", Number(issueDate.slice(0, 4)), sharedContext)
      const zero = exactOf(inv, "total").lte(0)
      await this.updateInvoices(
        {
          id: inv.id,
          number,
          status: zero ? "paid" : "finalized",
          issued_at: now,
          finalized_at: now,
          due_date: addDaysLocal(issueDate, account.net_days),
        } as any,
        sharedContext
      )
      done.push(inv.id)
    }
    return this.listInvoices({ id: done }, {}, sharedContext)
  }

  /**
   * Records money received: allocated to the account's open invoices oldest
   * first (or as `allocations` say), each invoice `paid` once nothing remains
   * due and `partially_paid` before; the rest becomes account credit
   * (BILLING.md §5). A reference already recorded for the account is refused
   * (the same bank line twice). `wallet` payments are taken from the prepaid
   * wallet, which must cover them. Under the account's row lock.
   *
   * @example
   * const { payment, paid_invoice_ids } = await billing.recordPayment({ account_id, amount: "150.00", method: "bank_transfer", reference: "BANK-7" })
   */
  @InjectTransactionManager()
  async recordPayment(
    input: {
      account_id: string
      amount: string
      method: "bank_transfer" | "card" | "cash" | "wallet" | "stripe" | "other"
      currency_code?: string
      reference?: string | null
      received_at?: Date | string | null
      allocations?: Array<{ invoice_id: string; amount?: string | null }> | null
      note?: string | null
      created_by?: string | null
    },
    @MedusaContext() sharedContext: Context = {}
  ) {
    const account = await this.lockAccount_(input.account_id, sharedContext)
    if (input.currency_code && input.currency_code !== account.currency_code) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `currency_code: the account bills in ${account.currency_code}, not ${input.currency_code}`)
    }
    // as for a credit note: never more decimals than the currency has (nothing here rounds)
    const invalid = (problem: string | null) => {
      if (problem) throw new MedusaError(MedusaError.Types.INVALID_DATA, problem)
    }
    invalid(moneyScaleError("amount", input.amount, account.currency_code))
    input.allocations?.forEach((a, i) => {
      if (a.amount === null || a.amount === undefined) return
      invalid(new Decimal(a.amount).lte(0) ? `allocations[${i}].amount: must be more than 0` : moneyScaleError(`allocations[${i}].amount`, a.amount, account.currency_code))
    })
    if (input.reference) {
      const [dup] = await this.listAccountPayments({ account_id: account.id, reference: input.reference }, { select: ["id"] }, sharedContext)
      if (dup) throw new MedusaError(MedusaError.Types.DUPLICATE_ERROR, `reference: payment ${dup.id} already recorded "${input.reference}" for this account`)
    }
    const open = await this.openInvoices_(account.id, sharedContext)
    const openIds = new Set(open.map((i) => i.id))
    input.allocations?.forEach((a, i) =>
      invalid(openIds.has(a.invoice_id) ? null : `allocations[${i}].invoice_id: ${a.invoice_id} is not an open invoice of this account (finalized or partially paid)`)
    )
    const plan = allocatePayment(
      new Decimal(input.amount).toFixed(),
      open.map((i) => ({ id: i.id, due_date: i.due_date, issued_at: i.issued_at, amount_due: i.due })),
      input.allocations ?? null
    )
    if (input.method === "wallet") {
      if (new Decimal(account.wallet_balance).lt(input.amount)) {
        throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `amount: the wallet holds ${account.wallet_balance} ${account.currency_code}, less than ${input.amount}`)
      }
    }
    const [payment] = await this.createAccountPayments(
      [
        {
          account_id: account.id,
          amount: input.amount,
          currency_code: account.currency_code,
          method: input.method,
          reference: input.reference ?? null,
          received_at: input.received_at ? new Date(input.received_at) : new Date(),
          unallocated: plan.unallocated,
          note: input.note ?? null,
          created_by: input.created_by ?? null,
          allocations: plan.allocations.map((a) => ({ invoice_id: a.invoice_id, amount: a.amount })),
        },
      ] as any[],
      sharedContext
    )
    const paid = await this.applyToInvoices_(open, plan.allocations, "amount_paid", sharedContext)
    if (new Decimal(plan.unallocated).gt(0)) await this.moveCredit_(account.id, new Decimal(plan.unallocated), sharedContext)
    if (input.method === "wallet") {
      await this.appendWalletEntries_(account, [{ type: "debit", amount: new Decimal(input.amount).neg().toFixed(), reference: `payment:${payment.id}`, note: "invoice payment from the wallet" }], sharedContext)
    }
    return { payment, allocations: plan.allocations, unallocated: plan.unallocated, paid_invoice_ids: paid }
  }

  /**
   * Issues a credit note against a finalized invoice, with a reason: never
   * more than remains on it (total − paid − credited). The tax share of a
   * partial credit follows the invoice's tax/total ratio, rounded to the
   * currency; numbered from the entity's credit note sequence.
   *
   * @example
   * await billing.issueCreditNote({ invoice_id: "binv_1", amount: "20.00", reason: "outage on 3 Nov" })
   */
  @InjectTransactionManager()
  async issueCreditNote(
    input: { invoice_id: string; amount?: string | null; reason: string; created_by?: string | null },
    @MedusaContext() sharedContext: Context = {}
  ) {
    const invoice = await this.retrieveInvoice(input.invoice_id, {}, sharedContext)
    await this.lockAccount_(invoice.account_id, sharedContext)
    const [row] = await this.manager_(sharedContext).execute(
      `SELECT status, total::text AS total, tax_total::text AS tax_total, amount_paid::text AS paid, amount_credited::text AS credited
         FROM call_billing_invoice WHERE id = ? FOR UPDATE`,
      [invoice.id]
    )
    if (!["finalized", "partially_paid", "paid"].includes(row.status)) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `invoice ${invoice.number ?? invoice.id} is ${row.status}; credit notes apply to finalized invoices`)
    }
    const remaining = new Decimal(row.total).minus(row.paid).minus(row.credited)
    const amount = input.amount ? new Decimal(input.amount) : remaining
    if (amount.lte(0)) throw new MedusaError(MedusaError.Types.INVALID_DATA, `amount: must be more than 0 (${remaining.toFixed()} remains on the invoice)`)
    if (amount.gt(remaining)) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `amount: ${amount.toFixed()} is more than the ${remaining.toFixed()} that remains on invoice ${invoice.number}`)
    }
    const scale = moneyScaleError("amount", amount.toFixed(), invoice.currency_code)
    if (scale) throw new MedusaError(MedusaError.Types.INVALID_DATA, scale)
    const dp = currencyDecimals(invoice.currency_code)
    const total = new Decimal(row.total)
    const tax = total.isZero() ? new Decimal(0) : amount.mul(row.tax_total).div(total).toDecimalPlaces(dp, Decimal.ROUND_HALF_UP)
    const number = await this.takeDocumentNumber(invoice.entity_id, "credit_note", new Date().getUTCFullYear(), sharedContext)
    const [note] = await this.createCreditNotes(
      [
        {
          account_id: invoice.account_id,
          invoice_id: invoice.id,
          entity_id: invoice.entity_id,
          number,
          currency_code: invoice.currency_code,
          reason: input.reason,
          subtotal: amount.minus(tax).toFixed(dp),
          tax_total: tax.toFixed(dp),
          total: amount.toFixed(dp),
          lines: [{ description: input.reason, amount: amount.minus(tax).toFixed(dp) }],
          created_by: input.created_by ?? null,
          issued_at: new Date(),
        },
      ] as any[],
      sharedContext
    )
    const open = await this.openInvoices_(invoice.account_id, sharedContext, [invoice.id])
    const settled = await this.applyToInvoices_(open, [{ invoice_id: invoice.id, amount: amount.toFixed() }], "amount_credited", sharedContext)
    return { credit_note: note, settled_invoice_ids: settled }
  }

  /**
   * Voids a finalized invoice nothing has been paid or credited on (issued in
   * error), or writes one off as uncollectible. Its number stays used.
   *
   * @example
   * await billing.closeInvoice("binv_1", "void")
   */
  @InjectTransactionManager()
  async closeInvoice(id: string, status: "void" | "uncollectible", @MedusaContext() sharedContext: Context = {}) {
    const [row] = await this.manager_(sharedContext).execute(
      `SELECT status, number, amount_paid::text AS paid, amount_credited::text AS credited FROM call_billing_invoice WHERE id = ? AND deleted_at IS NULL FOR UPDATE`,
      [id]
    )
    if (!row) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Invoice with id: ${id} was not found`)
    const label = row.number ?? id
    if (status === "void" && row.status === "draft") {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `invoice ${label} is a draft: regenerate it or finalize it; only finalized invoices are voided`)
    }
    if (!["finalized", "partially_paid"].includes(row.status) && !(status === "void" && row.status === "uncollectible")) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `invoice ${label} is ${row.status}`)
    }
    if (status === "void" && (!new Decimal(row.paid).isZero() || !new Decimal(row.credited).isZero())) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `invoice ${label} has payments or credit notes; issue a credit note for the rest instead of voiding`)
    }
    await this.updateInvoices({ id, status, ...(status === "void" ? { voided_at: new Date() } : { written_off_at: new Date() }) } as any, sharedContext)
    return this.retrieveInvoice(id, {}, sharedContext)
  }

  /**
   * The account statement (BILLING.md §5): finalized invoices and debit notes
   * (debits), payments, credit notes and write-offs of uncollectible invoices
   * (credits) in date order with a
   * running balance from the opening balance, what is open by age (days past
   * due: current, 1–30, 31–60, 61–90, 90+), and the account credit.
   *
   * @example
   * const st = await billing.accountStatement("bacct_1", { from: new Date("2026-01-01"), as_of: new Date() })
   * // { opening_balance: "0.00", entries: [{ type: "invoice", debit: "120.00", balance: "120.00", … }], aging: { current: "120.00", … } }
   */
  @InjectManager()
  async accountStatement(
    accountId: string,
    options: { from?: Date | null; to?: Date | null; as_of?: Date } = {},
    @MedusaContext() sharedContext: Context = {}
  ) {
    const account = await this.retrieveBillingAccount(accountId, {}, sharedContext)
    const dp = currencyDecimals(account.currency_code)
    const knex = (sharedContext.manager as SqlEntityManager).getKnex()
    const rows = (
      await knex.raw(
        `SELECT * FROM (
           SELECT issued_at AS at, CASE kind WHEN 'debit_note' THEN 'debit_note' ELSE 'invoice' END AS type, id AS document_id,
                  number AS reference, 'Invoice ' || period_start || ' – ' || period_end AS description, total AS debit, 0 AS credit
             FROM call_billing_invoice WHERE account_id = ? AND status NOT IN ('draft', 'void') AND deleted_at IS NULL
           UNION ALL
           SELECT received_at, 'payment', id, COALESCE(reference, id), 'Payment (' || method || ')', 0, amount
             FROM call_billing_payment WHERE account_id = ? AND deleted_at IS NULL
           UNION ALL
           SELECT issued_at, 'credit_note', id, number, 'Credit note: ' || reason, 0, total
             FROM call_billing_credit_note WHERE account_id = ? AND deleted_at IS NULL
           UNION ALL
           -- what was still due when an invoice was written off leaves the balance then
           SELECT written_off_at, 'write_off', id, number, 'Written off as uncollectible', 0, total - amount_paid - amount_credited
             FROM call_billing_invoice WHERE account_id = ? AND status = 'uncollectible' AND written_off_at IS NOT NULL AND deleted_at IS NULL
         ) x ORDER BY at, type, document_id`,
        [accountId, accountId, accountId, accountId]
      )
    ).rows as Array<{ at: Date; type: string; document_id: string; reference: string; description: string; debit: string; credit: string }>
    const from = options.from?.getTime() ?? -Infinity
    const to = options.to?.getTime() ?? Infinity
    let opening = new Decimal(0)
    let balance = new Decimal(0)
    const entries: Array<Record<string, unknown>> = []
    for (const r of rows) {
      const t = new Date(r.at).getTime()
      const move = new Decimal(r.debit).minus(r.credit)
      if (t < from) {
        opening = opening.plus(move)
        balance = opening
        continue
      }
      if (t >= to) break
      balance = balance.plus(move)
      entries.push({
        date: new Date(r.at).toISOString(),
        type: r.type,
        reference: r.reference,
        description: r.description,
        debit: new Decimal(r.debit).toFixed(dp),
        credit: new Decimal(r.credit).toFixed(dp),
        balance: balance.toFixed(dp),
        document_id: r.document_id,
      })
    }
    const asOf = localDate(options.as_of ?? new Date(), account.timezone)
    const aging: Record<string, Decimal> = { current: new Decimal(0), "1_30": new Decimal(0), "31_60": new Decimal(0), "61_90": new Decimal(0), "90_plus": new Decimal(0) }
    const open = (
      await knex.raw(
        `SELECT due_date, (total - amount_paid - amount_credited)::text AS due FROM call_billing_invoice
          WHERE account_id = ? AND status IN ('finalized', 'partially_paid') AND deleted_at IS NULL`,
        [accountId]
      )
    ).rows as Array<{ due_date: string; due: string }>
    for (const o of open) aging[agingBucket(o.due_date, asOf)] = aging[agingBucket(o.due_date, asOf)].plus(o.due)
    return {
      account_id: accountId,
      currency_code: account.currency_code,
      timezone: account.timezone,
      as_of: asOf,
      opening_balance: opening.toFixed(dp),
      entries,
      closing_balance: balance.toFixed(dp),
      aging: Object.fromEntries(Object.entries(aging).map(([k, v]) => [k, v.toFixed(dp)])),
      credit_balance: exactOf(account, "credit_balance").toFixed(dp),
    }
  }

  /** Finalized, unpaid documents of an account, with what each still owes. */
  protected async openInvoices_(accountId: string, sharedContext: Context, ids?: string[]) {
    const rows = await this.manager_(sharedContext).execute(
      `SELECT id, number, due_date, issued_at, total::text AS total, amount_paid::text AS paid, amount_credited::text AS credited
         FROM call_billing_invoice
        WHERE account_id = ? AND status IN ('finalized', 'partially_paid', 'paid') AND deleted_at IS NULL
          ${ids ? `AND id IN (${ids.map(() => "?").join(", ")})` : "AND status <> 'paid'"}
        ORDER BY due_date, issued_at, id FOR UPDATE`,
      [accountId, ...(ids ?? [])]
    )
    return rows.map((r: any) => ({
      id: r.id as string,
      due_date: r.due_date as string,
      issued_at: new Date(r.issued_at).toISOString(),
      total: r.total as string,
      paid: r.paid as string,
      credited: r.credited as string,
      due: new Decimal(r.total).minus(r.paid).minus(r.credited).toFixed(),
    }))
  }

  /** Adds allocations to invoices' paid or credited amounts and moves their status; returns those now settled. */
  protected async applyToInvoices_(
    open: Array<{ id: string; total: string; paid: string; credited: string }>,
    allocations: Array<{ invoice_id: string; amount: string }>,
    field: "amount_paid" | "amount_credited",
    sharedContext: Context
  ): Promise<string[]> {
    const settled: string[] = []
    for (const a of allocations) {
      const inv = open.find((i) => i.id === a.invoice_id)!
      const paid = new Decimal(inv.paid).plus(field === "amount_paid" ? a.amount : 0)
      const credited = new Decimal(inv.credited).plus(field === "amount_credited" ? a.amount : 0)
      const nothingDue = paid.plus(credited).gte(inv.total)
      const status = nothingDue ? "paid" : paid.gt(0) ? "partially_paid" : "finalized"
      await this.updateInvoices({ id: inv.id, amount_paid: paid.toFixed(), amount_credited: credited.toFixed(), status } as any, sharedContext)
      if (nothingDue) settled.push(inv.id)
    }
    return settled
  }

  protected async moveCredit_(accountId: string, delta: Decimal, sharedContext: Context) {
    await this.manager_(sharedContext).execute(
      `UPDATE call_billing_billing_account SET credit_balance = credit_balance + ?::numeric,
         raw_credit_balance = jsonb_build_object('value', (credit_balance + ?::numeric)::text, 'precision', 20), updated_at = now()
       WHERE id = ?`,
      [delta.toString(), delta.toString(), accountId]
    )
  }

  /**
   * Queues records for a provider: one sync row per provider and record
   * (a row that exists is kept as it is, with its provider id), returned in
   * input order.
   *
   * @example
   * const [row] = await billing.queueSyncRecords([{ provider: "stripe", record_type: "invoice", record_id: "binv_1", account_id: "bacct_1" }])
   */
  @InjectTransactionManager()
  async queueSyncRecords(
    rows: Array<{ provider: "stripe" | "xero"; record_type: "account" | "invoice" | "credit_note" | "payment"; record_id: string; account_id: string }>,
    @MedusaContext() sharedContext: Context = {}
  ) {
    if (!rows.length) return []
    const manager = this.manager_(sharedContext)
    await manager.execute(
      `INSERT INTO call_billing_sync_record (id, provider, record_type, record_id, account_id, status, attempts, created_at, updated_at)
       VALUES ${rows.map(() => "(?, ?, ?, ?, ?, 'pending', 0, now(), now())").join(", ")}
       ON CONFLICT (provider, record_type, record_id) WHERE deleted_at IS NULL DO NOTHING`,
      rows.flatMap((r) => [bulkEntityId("bsync"), r.provider, r.record_type, r.record_id, r.account_id])
    )
    const found = await this.listSyncRecords({ record_id: [...new Set(rows.map((r) => r.record_id))] }, {}, sharedContext)
    return rows.map((r) => found.find((f) => f.provider === r.provider && f.record_type === r.record_type && f.record_id === r.record_id)!)
  }

  /**
   * Claims sync rows for one attempt: counts the attempt and leases the row
   * for `leaseSeconds`, so two workers never push the same record at once.
   * Synced rows and rows another worker holds are left out.
   *
   * @example
   * const claimed = await billing.claimSyncRecords(["bsync_1"]) // the rows this worker may push now
   */
  @InjectTransactionManager()
  async claimSyncRecords(ids: string[], leaseSeconds = 120, @MedusaContext() sharedContext: Context = {}) {
    if (!ids.length) return []
    const rows: Array<{ id: string }> = await this.manager_(sharedContext).execute(
      `UPDATE call_billing_sync_record SET attempts = attempts + 1, last_attempt_at = now(), updated_at = now()
       WHERE id IN (${ids.map(() => "?").join(", ")}) AND deleted_at IS NULL AND status <> 'synced'
         AND (last_attempt_at IS NULL OR last_attempt_at < now() - make_interval(secs => ?))
       RETURNING id`,
      [...ids, leaseSeconds]
    )
    if (!rows.length) return []
    return this.listSyncRecords({ id: rows.map((r) => r.id) }, { order: { created_at: "ASC" } }, sharedContext)
  }

  /**
   * The sync rows a retry should take now: pending ones, and failed ones
   * below `maxAttempts` whose backoff has passed; oldest first.
   *
   * @example
   * const due = await billing.listDueSyncRecords({ limit: 200, max_attempts: 8 })
   */
  @InjectManager()
  async listDueSyncRecords(input: { limit: number; max_attempts: number; provider?: string }, @MedusaContext() sharedContext: Context = {}) {
    const rows: Array<{ id: string }> = await this.manager_(sharedContext).execute(
      `SELECT id FROM call_billing_sync_record
       WHERE deleted_at IS NULL ${input.provider ? "AND provider = ?" : ""}
         AND ((status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= now()))
           OR (status = 'failed' AND attempts < ? AND next_attempt_at <= now()))
       ORDER BY created_at LIMIT ?`,
      [...(input.provider ? [input.provider] : []), input.max_attempts, input.limit]
    )
    return rows.map((r) => r.id)
  }

  /**
   * Pending webhook deliveries that are due (`next_attempt_at` unset or
   * passed, so not leased by a worker sending them) to an active endpoint,
   * oldest due first; optionally only among `ids`.
   *
   * @example
   * const ids = await billing.listDueWebhookDeliveries({ limit: 500 })
   */
  @InjectManager()
  async listDueWebhookDeliveries(input: { ids?: string[]; limit: number }, @MedusaContext() sharedContext: Context = {}): Promise<string[]> {
    if (input.ids && !input.ids.length) return []
    const rows: Array<{ id: string }> = await this.manager_(sharedContext).execute(
      `SELECT d.id FROM call_billing_webhook_delivery d JOIN call_billing_webhook_endpoint e ON e.id = d.endpoint_id
       WHERE e.deleted_at IS NULL AND e.active AND d.deleted_at IS NULL AND d.status = 'pending'
         AND (d.next_attempt_at IS NULL OR d.next_attempt_at <= now())
         ${input.ids ? `AND d.id IN (${input.ids.map(() => "?").join(", ")})` : ""}
       ORDER BY d.next_attempt_at ASC NULLS FIRST, d.created_at ASC, d.id ASC LIMIT ?`,
      [...(input.ids ?? []), Math.max(1, input.limit)]
    )
    return rows.map((r) => r.id)
  }

  /**
   * Takes a webhook delivery for this worker: counts the attempt and leases
   * the row (`next_attempt_at` moved ahead, so listing and claiming elsewhere
   * skip it) in one UPDATE that only matches a due, pending row of an active
   * endpoint; a second worker racing for it gets null.
   *
   * @example
   * const row = await billing.claimWebhookDelivery("bwhd_1", 60) // { id, event, payload, attempts, url, secret } | null
   */
  @InjectTransactionManager()
  async claimWebhookDelivery(
    id: string,
    leaseSeconds: number,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ id: string; event: string; payload: unknown; attempts: number; url: string; secret: string } | null> {
    const rows = await this.manager_(sharedContext).execute(
      `UPDATE call_billing_webhook_delivery AS d
          SET attempts = d.attempts + 1, last_attempt_at = now(), next_attempt_at = now() + make_interval(secs => ?), updated_at = now()
         FROM call_billing_webhook_endpoint AS e
        WHERE d.id = ? AND d.status = 'pending' AND d.deleted_at IS NULL
          AND (d.next_attempt_at IS NULL OR d.next_attempt_at <= now())
          AND e.id = d.endpoint_id AND e.deleted_at IS NULL AND e.active
    RETURNING d.id, d.event, d.payload, d.attempts, e.url, e.secret`,
      [leaseSeconds, id]
    )
    return (rows[0] as any) ?? null
  }

  /**
   * Moves accounts from one status to another only where they still are in
   * the `from` state (and suspension reason), returning the ids it changed:
   * two workers suspending or reactivating the same account at once change
   * it once, and only the one that changed it reports it.
   *
   * @example
   * const lifted = await billing.changeAccountStatus(["bacct_1"], { status: "suspended", suspension_reason: "dunning" }, { status: "active", suspension_reason: null })
   */
  @InjectTransactionManager()
  async changeAccountStatus(
    ids: string[],
    from: { status: string; suspension_reason?: string | null },
    to: { status: string; suspension_reason: string | null },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    if (!ids.length) return []
    const byReason = from.suspension_reason === undefined ? "" : "AND suspension_reason IS NOT DISTINCT FROM ?"
    const rows: Array<{ id: string }> = await this.manager_(sharedContext).execute(
      `UPDATE call_billing_billing_account SET status = ?, suspension_reason = ?, updated_at = now()
       WHERE id IN (${ids.map(() => "?").join(", ")}) AND deleted_at IS NULL AND status = ? ${byReason}
       RETURNING id`,
      [to.status, to.suspension_reason, ...ids, from.status, ...(from.suspension_reason === undefined ? [] : [from.suspension_reason])]
    )
    return rows.map((r) => r.id)
  }

  /**
   * Finalized documents a provider has no sync row for: invoices and debit
   * notes (not void), credit notes, and payments allocated to invoices. A subscriber queues them as they happen; this finds what a
   * lost event or a crash left out, and what existed before the provider
   * was configured.
   *
   * @example
   * const missing = await billing.listUnsyncedDocuments("xero", 500) // [{ record_type: "invoice", id, account_id }, …]
   */
  @InjectManager()
  async listUnsyncedDocuments(
    provider: "stripe" | "xero",
    limit: number,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<Array<{ record_type: "invoice" | "credit_note" | "payment"; id: string; account_id: string }>> {
    const none = (type: string, alias: string) =>
      `NOT EXISTS (SELECT 1 FROM call_billing_sync_record s WHERE s.provider = '${provider}' AND s.record_type = '${type}' AND s.record_id = ${alias}.id AND s.deleted_at IS NULL)`
    const parts = [
      `SELECT 'invoice' AS record_type, i.id, i.account_id, i.finalized_at AS at FROM call_billing_invoice i
        WHERE i.deleted_at IS NULL AND i.number IS NOT NULL AND i.status <> 'void' AND ${none("invoice", "i")}`,
      `SELECT 'credit_note', c.id, c.account_id, c.issued_at FROM call_billing_credit_note c WHERE c.deleted_at IS NULL AND ${none("credit_note", "c")}`,
    ]
    {
      parts.push(
        `SELECT 'payment', p.id, p.account_id, p.received_at FROM call_billing_payment p
          WHERE p.deleted_at IS NULL AND EXISTS (SELECT 1 FROM call_billing_payment_allocation a WHERE a.payment_id = p.id AND a.deleted_at IS NULL)
            AND ${none("payment", "p")}`
      )
    }
    return await this.manager_(sharedContext).execute(`SELECT record_type, id, account_id FROM (${parts.join(" UNION ALL ")}) d ORDER BY at NULLS FIRST, id LIMIT ?`, [limit])
  }

  /**
   * Sync rows by provider and status, for the integrations page.
   *
   * @example
   * await billing.countSyncRecords() // [{ provider: "xero", status: "failed", count: 2 }, …]
   */
  @InjectManager()
  async countSyncRecords(@MedusaContext() sharedContext: Context = {}): Promise<Array<{ provider: string; status: string; count: number }>> {
    const rows: Array<{ provider: string; status: string; count: string }> = await this.manager_(sharedContext).execute(
      `SELECT provider, status, count(*)::text AS count FROM call_billing_sync_record WHERE deleted_at IS NULL GROUP BY provider, status`
    )
    return rows.map((r) => ({ provider: r.provider, status: r.status, count: Number(r.count) }))
  }

  /**
   * Records provider webhook events that were acted on; returns the ids that
   * were new. Called after the event's effects are written, so an event
   * whose handling failed is handled again when the provider resends it.
   *
   * @example
   * await billing.recordProviderEvents([{ provider: "stripe", event_id: "evt_1", type: "invoice.paid" }])
   */
  @InjectTransactionManager()
  async recordProviderEvents(
    events: Array<{ provider: "stripe" | "xero"; event_id: string; type: string; outcome: "processed" | "ignored"; detail?: string | null }>,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    if (!events.length) return []
    const rows: Array<{ event_id: string }> = await this.manager_(sharedContext).execute(
      `INSERT INTO call_billing_provider_event (id, provider, event_id, type, outcome, detail, received_at, created_at, updated_at)
       VALUES ${events.map(() => "(?, ?, ?, ?, ?, ?, now(), now(), now())").join(", ")}
       ON CONFLICT (provider, event_id) WHERE deleted_at IS NULL DO NOTHING RETURNING event_id`,
      events.flatMap((e) => [generateEntityId(undefined, "bpev"), e.provider, e.event_id, e.type, e.outcome, e.detail ?? null])
    )
    return rows.map((r) => r.event_id)
  }

  /**
   * Writes dunning timeline entries; an invoice's step is written once
   * however often the job runs (unique per invoice and step). Returns the
   * entries that are new.
   *
   * @example
   * const fresh = await billing.recordDunningEvents([{ account_id, invoice_id, step: "overdue", action: "overdue", detail: { days: 1 } }])
   */
  @InjectTransactionManager()
  async recordDunningEvents(
    events: Array<{ account_id: string; invoice_id?: string | null; step: string; action: string; occurred_at?: Date; detail?: Record<string, unknown> | null }>,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<Array<{ id: string; account_id: string; invoice_id: string | null; step: string; action: string; occurred_at: Date; detail: any }>> {
    if (!events.length) return []
    return await this.manager_(sharedContext).execute(
      `INSERT INTO call_billing_dunning_event (id, account_id, invoice_id, step, action, occurred_at, detail, created_at, updated_at)
       VALUES ${events.map(() => "(?, ?, ?, ?, ?, ?, ?::jsonb, now(), now())").join(", ")}
       ON CONFLICT (invoice_id, step) WHERE deleted_at IS NULL AND invoice_id IS NOT NULL AND step <> 'payment_failed' DO NOTHING
       RETURNING id, account_id, invoice_id, step, action, occurred_at, detail`,
      events.flatMap((e) => [
        generateEntityId(undefined, "bdune"),
        e.account_id,
        e.invoice_id ?? null,
        e.step,
        e.action,
        e.occurred_at ?? new Date(),
        e.detail ? JSON.stringify(e.detail) : null,
      ])
    )
  }

  protected manager_(sharedContext: Context): SqlEntityManager {
    return (sharedContext.transactionManager ?? sharedContext.manager) as SqlEntityManager
  }

  protected async lockAccount_(accountId: string, sharedContext: Context): Promise<LockedAccount> {
    const [row] = await this.manager_(sharedContext).execute(
      `SELECT id, status, payment_mode, credit_limit::text AS credit_limit, wallet_balance::text AS wallet_balance,
              low_balance_threshold::text AS low_balance_threshold, currency_code
       FROM call_billing_billing_account WHERE id = ? AND deleted_at IS NULL FOR UPDATE`,
      [accountId]
    )
    if (!row) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Billing account ${accountId} was not found`)
    return row as LockedAccount
  }

  protected async lockReservation_(id: string, sharedContext: Context) {
    const [row] = await this.manager_(sharedContext).execute(
      `SELECT id, status, granted_seconds, amount::text AS amount, expires_at FROM call_billing_reservation WHERE id = ? FOR UPDATE`,
      [id]
    )
    return { ...row, expires_at: new Date(row.expires_at) } as {
      id: string
      status: string
      granted_seconds: number
      amount: string
      expires_at: Date
    }
  }

  /** What a refusal ran out of: the prepaid wallet or the postpaid credit limit. */
  protected creditSource_(account: LockedAccount): string {
    return account.payment_mode === "prepaid" ? "wallet credit" : "credit under the limit"
  }

  protected refuseInactive_(account: LockedAccount): CreditDecision | null {
    if (account.status === "active") return null
    return {
      granted: false,
      reason: account.status === "suspended" ? "account_suspended" : "account_closed",
      detail: `account ${account.id} is ${account.status}`,
      available: "0",
    }
  }

  /** null = unlimited (postpaid without a credit limit). */
  protected async availableCredit_(account: LockedAccount, committed: string, sharedContext: Context): Promise<Decimal | null> {
    if (account.payment_mode === "prepaid") return Decimal.max(0, account.wallet_balance)
    if (account.credit_limit === null) return null
    const [row] = await this.manager_(sharedContext).execute(
      `SELECT COALESCE(SUM(amount), 0)::text AS held FROM call_billing_reservation
       WHERE account_id = ? AND status = 'open' AND deleted_at IS NULL`,
      [account.id]
    )
    return Decimal.max(0, new Decimal(account.credit_limit).minus(committed).minus(row.held))
  }

  protected async debitEntries_(
    accountId: string,
    calls: Array<{ call_id: string | null; call_record_id?: string | null; charge: string; reservation_id?: string }>,
    sharedContext: Context
  ): Promise<WalletEntryInput[]> {
    const ids = calls.filter((c) => c.call_id).map((c) => c.call_id!)
    const prior: any[] = []
    for (let i = 0; i < ids.length; i += 5000) {
      const chunk = ids.slice(i, i + 5000)
      prior.push(
        ...(await this.manager_(sharedContext).execute(
          `SELECT call_id, SUM(amount)::text AS amount FROM call_billing_wallet_entry
           WHERE account_id = ? AND call_id IN (${chunk.map(() => "?").join(", ")}) AND type IN ('debit', 'adjustment') AND deleted_at IS NULL
           GROUP BY call_id`,
          [accountId, ...chunk]
        ))
      )
    }
    const charged = new Map<string, Decimal>(prior.map((r: any) => [r.call_id, new Decimal(r.amount).neg()]))
    const out: WalletEntryInput[] = []
    for (const c of calls) {
      const before = c.call_id ? charged.get(c.call_id) : undefined
      if (before === undefined) {
        out.push({
          type: "debit",
          amount: new Decimal(c.charge).neg().toString(),
          call_id: c.call_id,
          call_record_id: c.call_record_id ?? null,
          reservation_id: c.reservation_id ?? null,
        })
        if (c.call_id) charged.set(c.call_id, new Decimal(c.charge))
      } else if (!before.eq(c.charge)) {
        out.push({
          type: "adjustment",
          amount: before.minus(c.charge).toString(),
          call_id: c.call_id,
          call_record_id: c.call_record_id ?? null,
          reservation_id: c.reservation_id ?? null,
          note: `call ${c.call_id} rated ${c.charge}, debited ${before.toString()} before`,
        })
        charged.set(c.call_id!, new Decimal(c.charge))
      }
    }
    return out
  }

  /** Writes ledger entries and moves the cached balance with them (same lock, same transaction). */
  protected async appendWalletEntries_(
    account: LockedAccount,
    entries: WalletEntryInput[],
    sharedContext: Context
  ): Promise<WalletMovement> {
    await this.insertWalletEntries_(account, entries, sharedContext)
    return this.moveBalance_(account, entries.reduce((s, e) => s.plus(e.amount), new Decimal(0)), sharedContext)
  }

  /** Writes ledger entries set-based; the caller moves the balance. */
  protected async insertWalletEntries_(account: LockedAccount, entries: WalletEntryInput[], sharedContext: Context) {
    if (entries.length) {
      const knex = this.manager_(sharedContext).getTransactionContext() as any
      const rows = entries.map((e) => ({
        id: generateEntityId(undefined, "bwal"),
        account_id: account.id,
        currency_code: account.currency_code,
        type: e.type,
        amount: e.amount,
        raw_amount: rawJson(e.amount),
        reservation_id: e.reservation_id ?? null,
        call_id: e.call_id ?? null,
        call_record_id: e.call_record_id ?? null,
        reference: e.reference ?? null,
        note: e.note ?? null,
        created_by: e.created_by ?? null,
      }))
      for (let i = 0; i < rows.length; i += 1000) await knex("call_billing_wallet_entry").insert(rows.slice(i, i + 1000))
    }
  }

  /** Moves a locked account's cached wallet balance by the entries just written (same lock, same transaction). */
  protected async moveBalance_(account: LockedAccount, delta: Decimal, sharedContext: Context): Promise<WalletMovement> {
    const before = new Decimal(account.wallet_balance)
    const after = before.plus(delta)
    if (!delta.isZero()) {
      await this.manager_(sharedContext).execute(
        `UPDATE call_billing_billing_account SET wallet_balance = ?::numeric,
           raw_wallet_balance = jsonb_build_object('value', ?::text, 'precision', 20), updated_at = now()
         WHERE id = ?`,
        [after.toString(), after.toString(), account.id]
      )
      account.wallet_balance = after.toString()
    }
    return {
      account_id: account.id,
      before: before.toString(),
      after: after.toString(),
      low_balance_threshold: account.low_balance_threshold,
      currency_code: account.currency_code,
    }
  }
}

export default BillingModuleService
