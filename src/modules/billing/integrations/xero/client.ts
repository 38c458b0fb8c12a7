/**
 * The Xero gateway: what the sync workflows call to push contacts, invoices,
 * payments and credit notes to one Xero organisation (tenant), and to read
 * invoice balances back for the reconciliation report.
 *
 * - Real `xero-node` underneath (`XeroClient.accountingApi`), with our own
 *   token provider (its OAuth URLs are hard-coded) and `basePath` pointed at
 *   `api_base`.
 * - Every API call goes through the tenant's `XeroRateLimiter`.
 * - Batches of at most 50, `summarizeErrors=false`, so one bad record fails
 *   alone; results come back per input, in order, never as a thrown batch.
 * - Never creates twice: existing invoices / credit notes are looked up by
 *   number first, and each write carries an `Idempotency-Key` derived from
 *   its content.
 * - Money: decimal strings in and out. xero-node's models and Xero's JSON use
 *   numbers, so amounts become JSON numbers only for the wire, after a check
 *   that the number prints back as exactly the same decimal.
 */
import { createHash } from "crypto"
import Decimal from "decimal.js"
import type { XeroClient } from "xero-node"
import { lazyModule } from "../../../../lib/lazy-module"
import { currencyDecimals } from "../../calc"
import type {
  XeroAllocationPayload,
  XeroContactPayload,
  XeroCreditNotePayload,
  XeroInvoicePayload,
  XeroPaymentPayload,
} from "./mapping"
import { XeroMappingError } from "./mapping"
import { XeroDailyLimitError, sharedXeroRateLimiter, xeroErrorInfo, type XeroCallLimiter } from "./rate-limiter"
import { sharedRedisXeroRateLimiter } from "./redis-rate-limiter"
import { XeroAuthError, XeroTokenProvider } from "./token-provider"

/** xero-node, loaded when the first gateway is made (see lazyModule) */
const xeroNode = lazyModule(() => require("xero-node") as typeof import("xero-node"))

export type XeroIntegrationOptions = {
  client_id: string
  client_secret: string
  tenant_id: string
  /** defaults: https://identity.xero.com/connect/token and https://api.xero.com/api.xro/2.0; tests point them at the stand-in */
  token_url?: string
  api_base?: string
  /** account code for sales lines (default "200") and for payments received (bank account code, default "090") */
  sales_account_code?: string
  payment_account_code?: string
  /** our tax code (invoice tax row `code`, e.g. "VAT20") → Xero TaxType (e.g. "OUTPUT2"); lines without tax → `tax_type_exempt` (default "NONE") */
  tax_types?: Record<string, string>
  tax_type_exempt?: string
  limits?: { per_minute?: number /*60*/; concurrent?: number /*5*/; per_day?: number /*5000*/ }
  /** how long one API call may take before it is given up (and the record retried later); default 30 000 ms */
  timeout_ms?: number
  /**
   * Count the tenant's limits in this Redis, shared by every process of the
   * deployment (server and workers); without it each process counts its own
   * calls, which is right only when one process talks to Xero.
   */
  redis_url?: string
}

/** A Xero API call gives up after this long unless `timeout_ms` says otherwise. */
export const DEFAULT_XERO_TIMEOUT_MS = 30_000

export const DEFAULT_XERO_API_BASE = "https://api.xero.com/api.xro/2.0"
/** Xero's documented maximum of records per create request. */
export const XERO_BATCH_SIZE = 50
/** Records a page of GET /Invoices (Xero's default page size). */
export const XERO_PAGE_SIZE = 100

/** Why one record did not make it to Xero. */
export type XeroRecordError = {
  code:
    | "validation" // Xero refused the record (400 / HasErrors); fix the data
    | "mapping" // our record could not be turned into a payload
    | "rate_limited" // 429 after the limiter's retries
    | "daily_limit" // the tenant's daily allowance is used up; see resume_at
    | "unavailable" // network error or 5xx
    | "unauthorized" // 401 even with a fresh token, or the token endpoint refused
    | "forbidden" // 403: the tenant is not connected to this app
    | "not_found"
    | "failed"
  message: string
  /** HTTP status, 0 when Xero could not be reached, null when no HTTP answer is involved */
  status: number | null
  /** whether the same call may succeed later unchanged */
  retryable: boolean
  validation_errors?: string[]
  /** ISO timestamp: when calls resume (daily_limit) */
  resume_at?: string
}

export type XeroInvoiceResult =
  | {
      ok: true
      number: string
      invoice_id: string
      status: string
      total: string
      amount_paid: string
      /** found in Xero by number instead of being created by this call */
      already_existed: boolean
    }
  | { ok: false; number: string; error: XeroRecordError }

export type XeroVoidResult = { ok: true; status: string; already: boolean } | { ok: false; error: XeroRecordError }

export type XeroInvoiceSummary = {
  number: string
  invoice_id: string
  status: string
  currency_code: string | null
  total: string
  amount_paid: string
  amount_credited: string
  amount_due: string
}

export type XeroContactResult =
  | { ok: true; contact_number: string; contact_id: string }
  | { ok: false; contact_number: string; error: XeroRecordError }

/** A payment to send, with our payment id (the idempotency key is derived from it). */
export type XeroPaymentRequest = { id: string; payment: XeroPaymentPayload }

export type XeroPaymentResult =
  | {
      ok: true
      id: string
      payment_id: string
      invoice_id: string | null
      amount: string
      status: string | null
      /** found in Xero (same reference, invoice, amount, date) instead of being created by this call */
      already_existed: boolean
    }
  | { ok: false; id: string; error: XeroRecordError }

export type XeroCreditNoteResult =
  | {
      ok: true
      number: string
      credit_note_id: string
      status: string
      total: string
      remaining_credit: string
      already_existed: boolean
    }
  | { ok: false; number: string; error: XeroRecordError }

export type XeroAllocationResult =
  | { ok: true; allocation_id: string | null; amount: string }
  | { ok: false; error: XeroRecordError }

/**
 * Some contacts could not be upserted; `results` says which.
 *
 * @example
 * try { await xero.upsertContacts(payloads) } catch (e) {
 *   if (e instanceof XeroContactsError) e.results.filter((r) => !r.ok) // [{ ok: false, contact_number, error }]
 * }
 */
export class XeroContactsError extends Error {
  readonly results: XeroContactResult[]
  constructor(results: XeroContactResult[]) {
    const bad = results.filter((r): r is Extract<XeroContactResult, { ok: false }> => !r.ok)
    super(
      `${bad.length} of ${results.length} Xero contacts failed: ` +
        bad.slice(0, 3).map((r) => `${r.contact_number}: ${r.error.message}`).join("; ")
    )
    this.name = "XeroContactsError"
    this.results = results
  }
}

// ------------------------------------------------------------ errors

/**
 * What went wrong with a call, as stored on a sync record.
 *
 * @example
 * toXeroRecordError('{"response":{"statusCode":503,"headers":{}}}')
 * // { code: "unavailable", status: 503, retryable: true, message: "Xero answered 503" }
 */
export function toXeroRecordError(err: unknown): XeroRecordError {
  if (err instanceof XeroDailyLimitError) {
    return { code: "daily_limit", message: err.message, status: 429, retryable: true, resume_at: err.resume_at.toISOString() }
  }
  if (err instanceof XeroAuthError) {
    return { code: "unauthorized", message: err.message, status: err.status, retryable: err.retryable }
  }
  if (err instanceof XeroMappingError) return { code: "mapping", message: err.message, status: null, retryable: false }
  const info = xeroErrorInfo(err)
  const s = info.status
  if (s === null) return { code: "failed", message: info.message, status: null, retryable: false }
  if (s === 0 || s >= 500) return { code: "unavailable", message: info.message, status: s, retryable: true }
  if (s === 429) return { code: "rate_limited", message: info.message, status: s, retryable: true }
  if (s === 401) return { code: "unauthorized", message: info.message, status: s, retryable: false }
  if (s === 403) return { code: "forbidden", message: info.message, status: s, retryable: false }
  if (s === 404) return { code: "not_found", message: info.message, status: s, retryable: false }
  if (s === 400) {
    const messages = validationMessages(info.body)
    return {
      code: "validation",
      message: messages.length ? `Xero refused it: ${messages.join("; ")}` : info.message,
      status: s,
      retryable: false,
      validation_errors: messages,
    }
  }
  return { code: "failed", message: info.message, status: s, retryable: false }
}

function validationMessages(body: any): string[] {
  if (!body || typeof body !== "object") return []
  const out: string[] = []
  for (const el of Array.isArray(body.Elements) ? body.Elements : []) {
    for (const v of el?.ValidationErrors ?? []) if (v?.Message) out.push(String(v.Message))
  }
  if (!out.length && body.Message) out.push(String(body.Message))
  return out
}

/** Validation errors on one element of a summarizeErrors=false answer (xero-node model), or null when it is fine. */
function elementError(el: any): XeroRecordError | null {
  if (!el) return { code: "failed", message: "Xero answered without this record", status: null, retryable: true }
  const messages: string[] = (el.validationErrors ?? []).map((v: any) => String(v?.message ?? "")).filter(Boolean)
  const failed = el.hasErrors === true || el.hasValidationErrors === true || el.statusAttributeString === "ERROR" || messages.length > 0
  if (!failed) return null
  return {
    code: "validation",
    message: messages.length ? `Xero refused it: ${messages.join("; ")}` : "Xero refused it",
    status: 200,
    retryable: false,
    validation_errors: messages,
  }
}

/** Per-element errors of a 400 ValidationException (summarizeErrors=true, or a server that ignored the flag). */
function elementsOf400(err: unknown): any[] | null {
  const info = xeroErrorInfo(err)
  const body: any = info.body
  return info.status === 400 && body && Array.isArray(body.Elements) ? body.Elements : null
}

// ------------------------------------------------------------ money on the wire

const D = Decimal.clone({ precision: 64, toExpNeg: -1000, toExpPos: 1000 })

// Fields that xero-node's models type as numbers (Quantity is not money but travels the same way)
const WIRE_NUMBER_KEYS = new Set(["Quantity", "UnitAmount", "TaxAmount", "LineAmount", "Amount", "DiscountRate", "CurrencyRate"])

/**
 * A decimal string as the JSON number Xero reads, only when the number
 * prints back as exactly that decimal (≤ 15 significant digits); otherwise
 * throws rather than send a rounded amount.
 *
 * @example
 * wireNumber("120.50") // 120.5
 * wireNumber("0.1")    // 0.1
 */
export function wireNumber(value: string, what = "amount"): number {
  if (typeof value !== "string" || !/^-?\d+(?:\.\d+)?$/.test(value)) {
    throw new XeroMappingError(`${what}: ${JSON.stringify(value)} is not a decimal string`)
  }
  const n = Number(value)
  if (!Number.isFinite(n) || !new D(value).eq(new D(String(n)))) {
    throw new XeroMappingError(`${what}: ${value} cannot travel as a JSON number without rounding`)
  }
  return n
}

function toWire(value: any, key = ""): any {
  if (Array.isArray(value)) return value.map((v) => toWire(v, key))
  if (value && typeof value === "object") {
    const out: any = {}
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toWire(v, k)
    return out
  }
  if (typeof value === "string" && WIRE_NUMBER_KEYS.has(key)) return wireNumber(value, key)
  return value
}

/** PascalCase payload → xero-node model instance (camelCase), which the SDK serialises back to Xero's JSON. */
function toModel<T>(payload: object, type: string): T {
  return xeroNode().ObjectSerializer.deserialize(toWire(payload), type) as T
}

/**
 * An amount xero-node parsed as a JS number, back to a decimal string with
 * the currency's decimals (more if Xero sent more; never fewer digits).
 *
 * @example
 * moneyFromXero(120.5, "GBP") // "120.50"
 * moneyFromXero(1000, "JPY")  // "1000"
 */
export function moneyFromXero(value: unknown, currency?: string | null): string {
  if (value === undefined || value === null || value === "") return fixedMoney(new D(0), currency)
  const d = new D(typeof value === "number" ? String(value) : String(value))
  return fixedMoney(d, currency)
}

function fixedMoney(d: Decimal, currency?: string | null): string {
  let dp = 2
  if (currency) {
    try {
      dp = currencyDecimals(String(currency))
    } catch {
      dp = 2
    }
  }
  return d.toFixed(Math.max(dp, d.decimalPlaces()))
}

// ------------------------------------------------------------ helpers

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/** The Idempotency-Key of a write: what it is, for whom, and exactly what it sends (so a corrected record gets a new key). */
function idempotencyKey(kind: string, tenant: string, entries: Array<[string, unknown]>): string {
  const sorted = [...entries].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
  const hash = createHash("sha256").update(JSON.stringify([kind, tenant, sorted])).digest("hex").slice(0, 48)
  return `call-billing-${kind}-${hash}`
}

const whereAnyOf = (field: string, values: string[]) => values.map((v) => `${field}==${JSON.stringify(v)}`).join(" OR ")

const str = (v: unknown): string => (v === undefined || v === null ? "" : String(v))

// ------------------------------------------------------------ the gateway

export type XeroGatewayDeps = {
  /** defaults to a provider of its own built from the options */
  tokens?: XeroTokenProvider
  /** defaults to the tenant's limiter in Redis with `redis_url`, else the process-wide one (see `sharedXeroRateLimiter`) */
  limiter?: XeroCallLimiter
  /** defaults to a fresh `new XeroClient()` */
  client?: XeroClient
}

/**
 * One Xero organisation (tenant), through xero-node, throttled and
 * idempotent. See the module comment for the guarantees.
 *
 * @example
 * const xero = new XeroGateway({ client_id, client_secret, tenant_id, tax_types: { VAT20: "OUTPUT2" } })
 * const [contactId] = await xero.upsertContacts([toXeroContact(account)])
 * const [res] = await xero.createInvoices([toXeroInvoice({ invoice, contact_id: contactId, lines, taxes }, options)])
 * if (res.ok) save(res.invoice_id) else if (res.error.retryable) retryLater() else flag(res.error)
 */
export class XeroGateway {
  readonly options: XeroIntegrationOptions
  readonly tokens: XeroTokenProvider
  readonly limiter: XeroCallLimiter
  readonly xero: XeroClient
  private readonly tenant: string

  constructor(options: XeroIntegrationOptions, deps: XeroGatewayDeps = {}) {
    if (!options?.tenant_id) throw new Error("XeroGateway: tenant_id is needed")
    this.options = options
    this.tenant = options.tenant_id
    this.tokens =
      deps.tokens ??
      new XeroTokenProvider({ client_id: options.client_id, client_secret: options.client_secret, token_url: options.token_url })
    this.limiter =
      deps.limiter ??
      (options.redis_url
        ? sharedRedisXeroRateLimiter(options.redis_url, options.tenant_id, options.limits ?? {})
        : sharedXeroRateLimiter(options.tenant_id, options.limits ?? {}))
    this.xero = deps.client ?? new (xeroNode().XeroClient)()
    this.xero.accountingApi.basePath = (options.api_base || DEFAULT_XERO_API_BASE).replace(/\/+$/, "")
    // xero-node sets no timeout (axios would wait forever): a hung Xero would hold a slot of the
    // tenant's queue for good. The generated client applies its default authentication to every
    // request's options, so that is where each call gets its timeout.
    const timeout = options.timeout_ms ?? DEFAULT_XERO_TIMEOUT_MS
    this.xero.accountingApi.setDefaultAuthentication({
      applyToRequest: (request: { timeout?: number }) => {
        request.timeout = timeout
      },
    })
  }

  /**
   * Runs one API call through the limiter with a current token; on 401 the
   * token is dropped and the call made once more with a fresh one.
   */
  private async call<T>(fn: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      let used: string | undefined
      try {
        return await this.limiter.run(async () => {
          const token = await this.tokens.getToken()
          used = token.access_token
          // the token is per XeroClient, not per call: set it right before the request
          this.xero.setTokenSet({ access_token: token.access_token, token_type: "Bearer", expires_at: token.expires_at })
          return fn()
        })
      } catch (err) {
        if (attempt === 0 && xeroErrorInfo(err).status === 401) {
          this.tokens.invalidate(used)
          continue
        }
        throw err
      }
    }
  }

  // ---------------------------------------------------------- contacts

  /**
   * Creates or updates contacts; answers their ContactIDs in input order.
   * Contacts without `ContactID` are first looked up by `ContactNumber` (our
   * account code) so a retry updates instead of duplicating. Throws
   * `XeroContactsError` (with per-contact results) if any fails.
   *
   * @example
   * const ids = await xero.upsertContacts(accounts.map(toXeroContact))
   */
  async upsertContacts(contacts: XeroContactPayload[]): Promise<string[]> {
    const results = await this.upsertContactsDetailed(contacts)
    if (results.some((r) => !r.ok)) throw new XeroContactsError(results)
    return results.map((r) => (r as Extract<XeroContactResult, { ok: true }>).contact_id)
  }

  /**
   * `upsertContacts` with a result per contact instead of throwing.
   *
   * @example
   * const results = await xero.upsertContactsDetailed([toXeroContact(account)])
   */
  async upsertContactsDetailed(contacts: XeroContactPayload[]): Promise<XeroContactResult[]> {
    const results: XeroContactResult[] = new Array(contacts.length)
    const first = new Map<string, number>()
    const unique: number[] = []
    contacts.forEach((c, i) => {
      const n = c?.ContactNumber
      if (!n) {
        results[i] = { ok: false, contact_number: str(n), error: toXeroRecordError(new XeroMappingError("ContactNumber is needed")) }
      } else if (!first.has(n)) {
        first.set(n, i)
        unique.push(i)
      }
    })

    for (const batch of chunk(unique, XERO_BATCH_SIZE)) {
      const payloads = batch.map((i) => ({ ...contacts[i] }))
      try {
        const missing = payloads.filter((p) => !p.ContactID).map((p) => p.ContactNumber)
        if (missing.length) {
          const { body } = await this.call(() => this.xero.accountingApi.getContacts(this.tenant, undefined, whereAnyOf("ContactNumber", missing)))
          const found = new Map<string, string>()
          for (const c of body.contacts ?? []) if (c.contactNumber && c.contactID) found.set(c.contactNumber, c.contactID)
          for (const p of payloads) if (!p.ContactID && found.has(p.ContactNumber)) p.ContactID = found.get(p.ContactNumber)
        }
      } catch (err) {
        const e = toXeroRecordError(err)
        batch.forEach((i) => (results[i] = { ok: false, contact_number: contacts[i].ContactNumber, error: e }))
        continue
      }
      const key = idempotencyKey("contacts", this.tenant, payloads.map((p) => [p.ContactNumber, p]))
      try {
        const models = payloads.map((p) => toModel<any>(p, "Contact"))
        const { body } = await this.call(() =>
          this.xero.accountingApi.updateOrCreateContacts(this.tenant, { contacts: models }, false, key)
        )
        const out = body.contacts ?? []
        batch.forEach((i, k) => {
          const el = out[k]
          const problem = elementError(el)
          results[i] = problem || !el?.contactID
            ? { ok: false, contact_number: contacts[i].ContactNumber, error: problem ?? elementError(undefined)! }
            : { ok: true, contact_number: contacts[i].ContactNumber, contact_id: el.contactID }
        })
      } catch (err) {
        const elements = elementsOf400(err)
        batch.forEach((i, k) => {
          const e = elements ? elementErrorFromRaw(elements[k]) : toXeroRecordError(err)
          results[i] = { ok: false, contact_number: contacts[i].ContactNumber, error: e ?? toXeroRecordError(err) }
        })
      }
    }
    contacts.forEach((c, i) => {
      if (!results[i]) results[i] = results[first.get(c.ContactNumber)!]
    })
    return results
  }

  // ---------------------------------------------------------- invoices

  /**
   * Creates AUTHORISED sales invoices, at most 50 a request, each failing
   * alone; answers one result per input, in order. Invoices already in Xero
   * (by number) are not sent again: they come back `already_existed: true`.
   * The same number twice in one call is sent once.
   *
   * @example
   * const results = await xero.createInvoices(payloads)
   * results.filter((r) => !r.ok) // e.g. [{ ok: false, number: "INV-7", error: { code: "validation", … } }]
   */
  async createInvoices(invoices: XeroInvoicePayload[]): Promise<XeroInvoiceResult[]> {
    const results: XeroInvoiceResult[] = new Array(invoices.length)
    const first = new Map<string, number>()
    const unique: number[] = []
    invoices.forEach((inv, i) => {
      const n = inv?.InvoiceNumber
      if (!n) {
        results[i] = { ok: false, number: str(n), error: toXeroRecordError(new XeroMappingError("InvoiceNumber is needed")) }
      } else if (!first.has(n)) {
        first.set(n, i)
        unique.push(i)
      }
    })
    for (const batch of chunk(unique, XERO_BATCH_SIZE)) await this.createInvoiceBatch(invoices, batch, results)
    invoices.forEach((inv, i) => {
      if (!results[i]) results[i] = results[first.get(inv.InvoiceNumber)!]
    })
    return results
  }

  private async createInvoiceBatch(invoices: XeroInvoicePayload[], batch: number[], results: XeroInvoiceResult[]) {
    const numberOf = (i: number) => invoices[i].InvoiceNumber
    let existing: Map<string, XeroInvoiceSummary>
    try {
      existing = new Map((await this.getInvoicesByNumbers(batch.map(numberOf))).map((s) => [s.number, s]))
    } catch (err) {
      const e = toXeroRecordError(err)
      for (const i of batch) results[i] = { ok: false, number: numberOf(i), error: e }
      return
    }
    const send: Array<{ i: number; model: any }> = []
    for (const i of batch) {
      const found = existing.get(numberOf(i))
      if (found) {
        results[i] = {
          ok: true,
          number: found.number,
          invoice_id: found.invoice_id,
          status: found.status,
          total: found.total,
          amount_paid: found.amount_paid,
          already_existed: true,
        }
        continue
      }
      try {
        send.push({ i, model: toModel(invoices[i], "Invoice") })
      } catch (err) {
        results[i] = { ok: false, number: numberOf(i), error: toXeroRecordError(err) }
      }
    }
    if (!send.length) return
    const key = idempotencyKey("invoices", this.tenant, send.map(({ i }) => [numberOf(i), invoices[i]]))
    try {
      const { body } = await this.call(() =>
        // summarizeErrors=false: one invalid invoice fails alone; unitdp=4 keeps unit amounts unrounded
        this.xero.accountingApi.createInvoices(this.tenant, { invoices: send.map((s) => s.model) }, false, 4, key)
      )
      const out = body.invoices ?? []
      send.forEach(({ i }, k) => {
        const el: any = out.find((o: any) => o?.invoiceNumber === numberOf(i) && o?.invoiceID) ?? out[k]
        const problem = elementError(el) ?? (el?.invoiceID ? null : elementError(undefined))
        const cur = el?.currencyCode ? String(el.currencyCode) : invoices[i].CurrencyCode
        results[i] = problem
          ? { ok: false, number: numberOf(i), error: problem }
          : {
              ok: true,
              number: numberOf(i),
              invoice_id: el.invoiceID,
              status: str(el.status),
              total: moneyFromXero(el.total, cur),
              amount_paid: moneyFromXero(el.amountPaid, cur),
              already_existed: false,
            }
      })
    } catch (err) {
      const elements = elementsOf400(err)
      send.forEach(({ i }, k) => {
        const e = (elements && elementErrorFromRaw(elements[k])) || toXeroRecordError(err)
        results[i] = { ok: false, number: numberOf(i), error: e }
      })
    }
  }

  /**
   * Sales invoices in Xero by number (reconciliation): one entry per number
   * found, totals as decimal strings. Asks 50 numbers a request and reads
   * every page. A number with several invoices (an old one voided) answers
   * the live one.
   *
   * @example
   * await xero.getInvoicesByNumbers(["INV-0001"])
   * // [{ number: "INV-0001", invoice_id: "…", status: "PAID", total: "120.00", amount_paid: "120.00", amount_credited: "0.00", … }]
   */
  async getInvoicesByNumbers(numbers: string[]): Promise<XeroInvoiceSummary[]> {
    const wanted = [...new Set(numbers.filter((n) => typeof n === "string" && n))]
    const byNumber = new Map<string, XeroInvoiceSummary>()
    const dead = (s: string) => s === "VOIDED" || s === "DELETED"
    for (const part of chunk(wanted, XERO_BATCH_SIZE)) {
      const want = new Set(part)
      for (let page = 1; ; page++) {
        const { body } = await this.call(() =>
          this.xero.accountingApi.getInvoices(
            this.tenant,
            undefined,
            'Type=="ACCREC"', // bills from suppliers can carry the same numbers
            undefined,
            undefined,
            part,
            undefined,
            undefined,
            page,
            undefined,
            undefined,
            undefined,
            undefined,
            XERO_PAGE_SIZE
          )
        )
        const list = body.invoices ?? []
        for (const inv of list) {
          const number = str(inv.invoiceNumber)
          if (!want.has(number) || !inv.invoiceID) continue
          const cur = inv.currencyCode ? String(inv.currencyCode) : null
          const s: XeroInvoiceSummary = {
            number,
            invoice_id: inv.invoiceID,
            status: str(inv.status),
            currency_code: cur,
            total: moneyFromXero(inv.total, cur),
            amount_paid: moneyFromXero(inv.amountPaid, cur),
            amount_credited: moneyFromXero(inv.amountCredited, cur),
            amount_due: moneyFromXero(inv.amountDue, cur),
          }
          const prev = byNumber.get(number)
          if (!prev || (dead(prev.status) && !dead(s.status))) byNumber.set(number, s)
        }
        const pageCount = body.pagination?.pageCount
        const more = typeof pageCount === "number" ? page < pageCount : list.length >= XERO_PAGE_SIZE
        if (!more) break
      }
    }
    return wanted.filter((n) => byNumber.has(n)).map((n) => byNumber.get(n)!)
  }

  /**
   * Voids a sales invoice in Xero that was voided here (issued in error), so
   * the receivable is gone there too. An invoice Xero already holds as
   * `VOIDED` or `DELETED` is answered as it is, without a write; the write
   * carries the Idempotency-Key `cb-invoice-void-<our invoice id>`. Xero
   * refuses to void an invoice with payments or allocated credit (ours cannot
   * have any: a void is refused here first): that comes back as an error.
   *
   * @example
   * await xero.voidInvoice("9b6c…", "binv_1") // { ok: true, status: "VOIDED", already: false }
   */
  async voidInvoice(xeroInvoiceId: string, invoiceId: string): Promise<XeroVoidResult> {
    try {
      const { body } = await this.call(() => this.xero.accountingApi.getInvoice(this.tenant, xeroInvoiceId))
      const current = str(body.invoices?.[0]?.status)
      if (current === "VOIDED" || current === "DELETED") return { ok: true, status: current, already: true }
      const model = toModel<any>({ InvoiceID: xeroInvoiceId, Status: "VOIDED" }, "Invoice")
      const { body: after } = await this.call(() =>
        this.xero.accountingApi.updateInvoice(this.tenant, xeroInvoiceId, { invoices: [model] }, undefined, `cb-invoice-void-${invoiceId}`)
      )
      const el = after.invoices?.[0]
      const problem = elementError(el)
      return problem ? { ok: false, error: problem } : { ok: true, status: str(el?.status), already: false }
    } catch (err) {
      const elements = elementsOf400(err)
      return { ok: false, error: (elements && elementErrorFromRaw(elements[0])) || toXeroRecordError(err) }
    }
  }

  // ---------------------------------------------------------- payments

  /**
   * Records payments against invoices, at most 50 a request, each failing
   * alone. Never twice: payments already in Xero with the same reference,
   * invoice, amount and date come back `already_existed: true` without a
   * write, and each write carries an Idempotency-Key from our payment ids
   * (and content).
   *
   * @example
   * await xero.createPayments([{ id: payment.id, payment: toXeroPayment({ payment, invoice_id_in_xero }, options) }])
   */
  async createPayments(payments: XeroPaymentRequest[]): Promise<XeroPaymentResult[]> {
    const results: XeroPaymentResult[] = new Array(payments.length)
    const fingerprint = (invoiceId: unknown, amount: string, date: string, reference: unknown) =>
      JSON.stringify([str(invoiceId), new D(amount).toString(), date, str(reference)])
    for (const batch of chunk(payments.map((_, i) => i), XERO_BATCH_SIZE)) {
      const send: Array<{ i: number; model: any }> = []
      for (const i of batch) {
        try {
          send.push({ i, model: toModel(payments[i].payment, "Payment") })
        } catch (err) {
          results[i] = { ok: false, id: payments[i].id, error: toXeroRecordError(err) }
        }
      }
      if (!send.length) continue

      // what Xero already has under these references (a write whose answer was lost, long ago)
      const existing = new Map<string, any[]>()
      const refs = [...new Set(send.map(({ i }) => payments[i].payment.Reference).filter(Boolean))]
      try {
        if (refs.length) {
          const { body } = await this.call(() =>
            this.xero.accountingApi.getPayments(this.tenant, undefined, `Status!="DELETED" AND (${whereAnyOf("Reference", refs)})`)
          )
          for (const p of body.payments ?? []) {
            if (!p.paymentID) continue
            const f = fingerprint(p.invoice?.invoiceID, String(p.amount ?? 0), xeroDay(p.date), p.reference)
            existing.set(f, [...(existing.get(f) ?? []), p])
          }
        }
      } catch (err) {
        const e = toXeroRecordError(err)
        for (const { i } of send) results[i] = { ok: false, id: payments[i].id, error: e }
        continue
      }
      const toSend = send.filter(({ i }) => {
        const p = payments[i].payment
        const same = existing.get(fingerprint(p.Invoice?.InvoiceID, p.Amount, p.Date, p.Reference))
        const hit = same?.shift() // each Xero payment answers for one of ours
        if (!hit) return true
        results[i] = paymentOk(payments[i].id, hit, true)
        return false
      })
      if (!toSend.length) continue

      const key = idempotencyKey("payments", this.tenant, toSend.map(({ i }) => [payments[i].id, payments[i].payment]))
      try {
        const { body } = await this.call(() =>
          this.xero.accountingApi.createPayments(this.tenant, { payments: toSend.map((s) => s.model) }, false, key)
        )
        const out = body.payments ?? []
        toSend.forEach(({ i }, k) => {
          const el: any = out[k]
          const problem = elementError(el) ?? (el?.paymentID ? null : elementError(undefined))
          results[i] = problem ? { ok: false, id: payments[i].id, error: problem } : paymentOk(payments[i].id, el, false)
        })
      } catch (err) {
        const elements = elementsOf400(err)
        toSend.forEach(({ i }, k) => {
          const e = (elements && elementErrorFromRaw(elements[k])) || toXeroRecordError(err)
          results[i] = { ok: false, id: payments[i].id, error: e }
        })
      }
    }
    return results
  }

  // ---------------------------------------------------------- credit notes

  /**
   * Creates AUTHORISED sales credit notes (at most 50 a request, each failing
   * alone); ones already in Xero by number come back `already_existed: true`.
   *
   * @example
   * const [cn] = await xero.createCreditNotes([toXeroCreditNote({ credit_note, contact_id, tax_type })])
   * if (cn.ok) await xero.allocateCreditNote(cn.credit_note_id, toXeroCreditNoteAllocation({ credit_note, invoice_id_in_xero }))
   */
  async createCreditNotes(creditNotes: XeroCreditNotePayload[]): Promise<XeroCreditNoteResult[]> {
    const results: XeroCreditNoteResult[] = new Array(creditNotes.length)
    const first = new Map<string, number>()
    const unique: number[] = []
    creditNotes.forEach((cn, i) => {
      const n = cn?.CreditNoteNumber
      if (!n) {
        results[i] = { ok: false, number: str(n), error: toXeroRecordError(new XeroMappingError("CreditNoteNumber is needed")) }
      } else if (!first.has(n)) {
        first.set(n, i)
        unique.push(i)
      }
    })
    for (const batch of chunk(unique, XERO_BATCH_SIZE)) {
      const numberOf = (i: number) => creditNotes[i].CreditNoteNumber
      const existing = new Map<string, any>()
      try {
        const { body } = await this.call(() =>
          this.xero.accountingApi.getCreditNotes(this.tenant, undefined, `Type=="ACCRECCREDIT" AND (${whereAnyOf("CreditNoteNumber", batch.map(numberOf))})`)
        )
        for (const cn of body.creditNotes ?? []) {
          if (cn.creditNoteNumber && cn.creditNoteID && String(cn.status) !== "DELETED" && String(cn.status) !== "VOIDED") {
            existing.set(cn.creditNoteNumber, cn)
          }
        }
      } catch (err) {
        const e = toXeroRecordError(err)
        for (const i of batch) results[i] = { ok: false, number: numberOf(i), error: e }
        continue
      }
      const send: Array<{ i: number; model: any }> = []
      for (const i of batch) {
        const found = existing.get(numberOf(i))
        if (found) {
          results[i] = creditNoteOk(found, numberOf(i), true)
          continue
        }
        try {
          send.push({ i, model: toModel(creditNotes[i], "CreditNote") })
        } catch (err) {
          results[i] = { ok: false, number: numberOf(i), error: toXeroRecordError(err) }
        }
      }
      if (!send.length) continue
      const key = idempotencyKey("credit-notes", this.tenant, send.map(({ i }) => [numberOf(i), creditNotes[i]]))
      try {
        const { body } = await this.call(() =>
          this.xero.accountingApi.createCreditNotes(this.tenant, { creditNotes: send.map((s) => s.model) }, false, 4, key)
        )
        const out = body.creditNotes ?? []
        send.forEach(({ i }, k) => {
          const el = out.find((o: any) => o?.creditNoteNumber === numberOf(i) && o?.creditNoteID) ?? out[k]
          const problem = elementError(el) ?? (el?.creditNoteID ? null : elementError(undefined))
          results[i] = problem ? { ok: false, number: numberOf(i), error: problem } : creditNoteOk(el, numberOf(i), false)
        })
      } catch (err) {
        const elements = elementsOf400(err)
        send.forEach(({ i }, k) => {
          const e = (elements && elementErrorFromRaw(elements[k])) || toXeroRecordError(err)
          results[i] = { ok: false, number: numberOf(i), error: e }
        })
      }
    }
    creditNotes.forEach((cn, i) => {
      if (!results[i]) results[i] = results[first.get(cn.CreditNoteNumber)!]
    })
    return results
  }

  /**
   * Applies a credit note to an invoice. Idempotent per (credit note,
   * invoice, amount, date): a retry of a call whose answer was lost is
   * replayed by Xero, not applied twice.
   *
   * @example
   * await xero.allocateCreditNote(creditNoteId, { Amount: "12.00", Invoice: { InvoiceID: invoiceId }, Date: "2026-02-03" })
   */
  async allocateCreditNote(creditNoteId: string, allocation: XeroAllocationPayload): Promise<XeroAllocationResult> {
    let model: any
    try {
      model = toModel(allocation, "Allocation")
    } catch (err) {
      return { ok: false, error: toXeroRecordError(err) }
    }
    const key = idempotencyKey("allocation", this.tenant, [[creditNoteId, allocation]])
    try {
      const { body } = await this.call(() =>
        this.xero.accountingApi.createCreditNoteAllocation(this.tenant, creditNoteId, { allocations: [model] }, false, key)
      )
      const el: any = body.allocations?.[0]
      const problem = elementError(el)
      if (problem) return { ok: false, error: problem }
      const cur = el?.invoice?.currencyCode ?? el?.creditNote?.currencyCode ?? null
      return { ok: true, allocation_id: el?.allocationID ?? null, amount: moneyFromXero(el?.amount ?? allocation.Amount, cur) }
    } catch (err) {
      const elements = elementsOf400(err)
      return { ok: false, error: (elements && elementErrorFromRaw(elements[0])) || toXeroRecordError(err) }
    }
  }
}

function paymentOk(id: string, el: any, existed: boolean): XeroPaymentResult {
  const cur = el?.invoice?.currencyCode ? String(el.invoice.currencyCode) : null
  return {
    ok: true,
    id,
    payment_id: el.paymentID,
    invoice_id: el.invoice?.invoiceID ?? null,
    amount: moneyFromXero(el.amount, cur),
    status: el.status ? String(el.status) : null,
    already_existed: existed,
  }
}

/** A date xero-node handed back (a Date for "/Date(…)/" values, else a string) as YYYY-MM-DD. */
function xeroDay(v: unknown): string {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "" : v.toISOString().slice(0, 10)
  return typeof v === "string" ? v.slice(0, 10) : ""
}

function creditNoteOk(el: any, number: string, existed: boolean): XeroCreditNoteResult {
  const cur = el?.currencyCode ? String(el.currencyCode) : null
  return {
    ok: true,
    number,
    credit_note_id: el.creditNoteID,
    status: str(el.status),
    total: moneyFromXero(el.total, cur),
    remaining_credit: moneyFromXero(el.remainingCredit, cur),
    already_existed: existed,
  }
}

/** An element of a raw (PascalCase) 400 ValidationException body. */
function elementErrorFromRaw(el: any): XeroRecordError | null {
  if (!el || typeof el !== "object") return null
  const messages: string[] = (el.ValidationErrors ?? []).map((v: any) => String(v?.Message ?? "")).filter(Boolean)
  if (!messages.length) {
    // this element was fine; it failed only because the batch was refused
    return { code: "validation", message: "Xero refused the batch this record was in", status: 400, retryable: true }
  }
  return { code: "validation", message: `Xero refused it: ${messages.join("; ")}`, status: 400, retryable: false, validation_errors: messages }
}
