/**
 * A local stand-in for Xero's identity server and Accounting API (the parts
 * the call-billing gateway uses), for tests without the internet. Real
 * xero-node talks to it over loopback: point `token_url` / `api_base` of the
 * integration options at it.
 *
 * What it does like Xero:
 * - `POST /connect/token` (client credentials, HTTP Basic) issues bearer
 *   tokens that expire after `tokenTtlSeconds`; API calls need a live token
 *   (401 otherwise) and a `xero-tenant-id` header (403 otherwise).
 * - `/api.xro/2.0/Contacts`, `/Invoices`, `/Payments`, `/CreditNotes`,
 *   `/CreditNotes/:id/Allocations` with Xero's JSON shapes (`/Date(ms+0000)/`
 *   dates, PascalCase, an envelope `{ Id, Status, ProviderName, DateTimeUTC }`),
 *   totals computed from the line items (Quantity × UnitAmount + TaxAmount),
 *   per-element `HasErrors` / `ValidationErrors` / `StatusAttributeString` with
 *   `summarizeErrors=false`, a 400 `ValidationException` otherwise (and, like
 *   Xero, the valid elements of such a request are still created).
 * - `Idempotency-Key`: the same key on the same endpoint replays the first answer.
 * - Optional enforcement of the rate limits (429 with `Retry-After` and
 *   `X-Rate-Limit-Problem: minute|concurrent|day`), injected failures, outages.
 *
 * Amounts are computed with decimal.js; they travel as JSON numbers, as in Xero.
 */
import http from "http"
import type { AddressInfo } from "net"
import { randomUUID } from "crypto"
import Decimal from "decimal.js"

export type XeroStandInRequest = {
  method: string
  path: string
  /** the query string, without "?" ("" when none) */
  query: string
  tenant?: string
  idempotencyKey?: string
  /** arrival, ms since epoch */
  at: number
  /** answer status (0 until answered) */
  status: number
  /** records in the request body (PUT/POST) */
  items?: number
  /** when the answer was finished */
  ended?: number
  /** whether the answer was an idempotent replay */
  replayed?: boolean
}

export type XeroStandInLimits = { per_minute?: number; concurrent?: number; per_day?: number; window_ms?: number }

export type XeroStandInFailRule = {
  method?: string
  path: RegExp | string
  status: 500 | 503 | 429 | 400
  /** how many matching requests fail (default 1) */
  times?: number
  /** Retry-After seconds for 429 (default 1) */
  retry_after?: number
  problem?: "minute" | "day" | "concurrent"
  /** answer this late */
  delay_ms?: number
}

export interface XeroStandIn {
  port: number
  token_url: string
  api_base: string
  requests: XeroStandInRequest[]
  tokensIssued: number
  state: {
    contacts: Map<string, any>
    invoices: Map<string, any>
    payments: Map<string, any>
    credit_notes: Map<string, any>
  }
  /** the highest number of calls for one tenant that arrived within any window (default: the enforced window, else 60 s) */
  maxPerMinute(tenant: string, windowMs?: number): number
  /** the highest number of calls for one tenant in flight at once */
  maxConcurrent(tenant: string): number
  /** make the server itself enforce Xero's limits (429 with Retry-After and X-Rate-Limit-Problem); `window_ms` scales the minute */
  enforceLimits(limits: XeroStandInLimits): void
  fail(rule: XeroStandInFailRule): void
  /** outage: every API call answers 503 */
  down(on: boolean): void
  /** mark an invoice paid etc. in Xero (reconciliation tests); AmountDue follows */
  setInvoice(number: string, patch: Partial<{ Total: number; AmountPaid: number; Status: string }>): void
  /** every token issued so far stops working (the next API call answers 401) */
  revokeTokens(): void
  /** delay every API answer by this long (to make concurrency observable) */
  setLatency(ms: number): void
  /** API requests only (no token requests), optionally for one path suffix */
  apiRequests(pathSuffix?: string, method?: string): XeroStandInRequest[]
  /** clears records, requests, counters, rules, limits, latency and the outage; issued tokens stay valid */
  reset(): void
  close(): Promise<void>
}

export type XeroStandInOptions = {
  clientId?: string
  clientSecret?: string
  tokenTtlSeconds?: number
  /** tenants the app is connected to; others get 403 (default: any non-empty id) */
  tenants?: string[]
  /** base currency for records without CurrencyCode (default "USD") */
  baseCurrency?: string
  latencyMs?: number
  /** cap on `pageSize` (Xero: 1000); lower it to make paging observable */
  maxPageSize?: number
}

const API_PREFIX = "/api.xro/2.0"
const ZERO_ID = "00000000-0000-0000-0000-000000000000"
const DAY_MS = 86_400_000
const D = Decimal.clone({ precision: 64, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -1000, toExpPos: 1000 })
type Dec = InstanceType<typeof D>

/** A few Xero tax types, to compute TaxAmount when a line leaves it out. */
const TAX_RATES: Record<string, string> = {
  NONE: "0",
  EXEMPTOUTPUT: "0",
  ZERORATEDOUTPUT: "0",
  OUTPUT: "0.15",
  OUTPUT2: "0.2",
  RROUTPUT: "0.05",
}

const dec = (v: unknown): Dec => {
  if (v === undefined || v === null || v === "") return new D(0)
  return new D(typeof v === "number" ? String(v) : String(v))
}
const num = (d: Dec) => Number(d.toFixed(Math.max(2, d.decimalPlaces())))
const msDate = (ms: number) => `/Date(${ms}+0000)/`
const dateString = (ms: number) => new Date(ms).toISOString().slice(0, 19)

/** "2026-01-31", an ISO timestamp or "/Date(ms+0000)/" → ms at UTC midnight of that date; null if unreadable. */
function parseXeroDate(v: unknown): number | null {
  if (typeof v !== "string" || !v) return null
  const ms = /^\/Date\((-?\d+)/.exec(v)
  if (ms) return Math.floor(Number(ms[1]) / DAY_MS) * DAY_MS
  const d = /^(\d{4})-(\d{2})-(\d{2})/.exec(v)
  if (!d) return null
  const t = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]))
  return Number.isNaN(t) ? null : t
}

// ------------------------------------------------------------ where clauses

type Where = (rec: any) => boolean

/** Xero's `where` filter, the subset we need: `A.B=="x"`, `!=`, `<`…, AND / OR, parentheses, Guid("…"). */
function parseWhere(src: string): Where {
  const tokens: string[] = []
  const re = /\s*(\(|\)|==|!=|>=|<=|>|<|"(?:[^"\\]|\\.)*"|Guid\("[^"]*"\)|[A-Za-z_][\w.]*|-?\d+(?:\.\d+)?)/y
  let m: RegExpExecArray | null
  let pos = 0
  while (pos < src.length) {
    re.lastIndex = pos
    m = re.exec(src)
    if (!m) {
      if (/^\s*$/.test(src.slice(pos))) break
      throw new Error(`unreadable where clause near "${src.slice(pos, pos + 20)}"`)
    }
    tokens.push(m[1])
    pos = re.lastIndex
  }
  let i = 0
  const peek = () => tokens[i]
  const next = () => tokens[i++]
  const value = (t: string): unknown => {
    if (t.startsWith('"')) return JSON.parse(t)
    const g = /^Guid\("([^"]*)"\)$/.exec(t)
    if (g) return g[1]
    if (t === "true" || t === "false") return t === "true"
    if (/^-?\d/.test(t)) return new D(t)
    return t
  }
  const field = (rec: any, path: string) => path.split(".").reduce((o, k) => (o == null ? undefined : o[k]), rec)
  const compare = (a: unknown, op: string, b: unknown): boolean => {
    if (b instanceof D) {
      const x = dec(a as any)
      const c = x.comparedTo(b)
      return op === "==" ? c === 0 : op === "!=" ? c !== 0 : op === ">" ? c > 0 : op === "<" ? c < 0 : op === ">=" ? c >= 0 : c <= 0
    }
    const x = a === undefined || a === null ? "" : String(a)
    const y = String(b)
    return op === "==" ? x === y : op === "!=" ? x !== y : op === ">" ? x > y : op === "<" ? x < y : op === ">=" ? x >= y : x <= y
  }
  const factor = (): Where => {
    const t = next()
    if (t === "(") {
      const e = expr()
      if (next() !== ")") throw new Error("unbalanced parentheses in where clause")
      return e
    }
    const op = next()
    const rhs = next()
    if (!op || rhs === undefined) throw new Error("incomplete where clause")
    const v = value(rhs)
    return (rec) => compare(field(rec, t), op, v)
  }
  const term = (): Where => {
    let left = factor()
    while (peek() && peek()!.toUpperCase() === "AND") {
      next()
      const l = left
      const r = factor()
      left = (rec) => l(rec) && r(rec)
    }
    return left
  }
  const expr = (): Where => {
    let left = term()
    while (peek() && peek()!.toUpperCase() === "OR") {
      next()
      const l = left
      const r = term()
      left = (rec) => l(rec) || r(rec)
    }
    return left
  }
  const e = expr()
  if (i < tokens.length) throw new Error(`unexpected "${tokens[i]}" in where clause`)
  return e
}

// ------------------------------------------------------------ the server

/**
 * Starts the stand-in on 127.0.0.1 (a free port).
 *
 * @example
 * const xero = await startXeroStandIn()
 * const gateway = new XeroGateway({ client_id: "test-client", client_secret: "test-secret", tenant_id: "tenant-1",
 *                                   token_url: xero.token_url, api_base: xero.api_base })
 * // …
 * await xero.close()
 */
export async function startXeroStandIn(opts: XeroStandInOptions = {}): Promise<XeroStandIn> {
  const clientId = opts.clientId ?? "test-client"
  const clientSecret = opts.clientSecret ?? "test-secret"
  const ttl = opts.tokenTtlSeconds ?? 1800
  const baseCurrency = opts.baseCurrency ?? "USD"

  const tokens = new Map<string, number>() // token → expires at (ms)
  const state = {
    contacts: new Map<string, any>(),
    invoices: new Map<string, any>(),
    payments: new Map<string, any>(),
    credit_notes: new Map<string, any>(),
  }
  const idempotent = new Map<string, { status: number; body: unknown }>()
  let rules: Array<XeroStandInFailRule & { left: number }> = []
  let limits: XeroStandInLimits | null = null
  let isDown = false
  let latency = opts.latencyMs ?? 0
  const inflight = new Map<string, number>()
  const maxInflight = new Map<string, number>()

  const api: XeroStandIn = {
    port: 0,
    token_url: "",
    api_base: "",
    requests: [],
    tokensIssued: 0,
    state,
    maxPerMinute(tenant, windowMs) {
      const w = windowMs ?? limits?.window_ms ?? 60_000
      const at = this.requests.filter((r) => r.tenant === tenant && r.path.startsWith(API_PREFIX)).map((r) => r.at).sort((a, b) => a - b)
      let best = 0
      for (let lo = 0, hi = 0; hi < at.length; hi++) {
        while (at[hi] - at[lo] >= w) lo++
        best = Math.max(best, hi - lo + 1)
      }
      return best
    },
    maxConcurrent(tenant) {
      return maxInflight.get(tenant) ?? 0
    },
    enforceLimits(l) {
      limits = { ...l }
    },
    fail(rule) {
      rules.push({ ...rule, left: rule.times ?? 1 })
    },
    down(on) {
      isDown = on
    },
    setInvoice(number, patch) {
      const inv = [...state.invoices.values()].find((i) => i.InvoiceNumber === number && i.Status !== "DELETED")
      if (!inv) throw new Error(`stand-in: no invoice ${number}`)
      if (patch.Total !== undefined) inv.Total = patch.Total
      if (patch.AmountPaid !== undefined) inv.AmountPaid = patch.AmountPaid
      inv.AmountDue = num(dec(inv.Total).minus(dec(inv.AmountPaid)).minus(dec(inv.AmountCredited)))
      if (patch.Status !== undefined) inv.Status = patch.Status
      else if (dec(inv.AmountDue).isZero() && inv.Status === "AUTHORISED") inv.Status = "PAID"
      inv.UpdatedDateUTC = msDate(Date.now())
    },
    revokeTokens() {
      tokens.clear()
    },
    setLatency(ms) {
      latency = ms
    },
    apiRequests(pathSuffix, method) {
      return this.requests.filter(
        (r) =>
          r.path.startsWith(API_PREFIX) &&
          (!pathSuffix || r.path.endsWith(pathSuffix)) &&
          (!method || r.method === method.toUpperCase())
      )
    },
    reset() {
      for (const m of Object.values(state)) m.clear()
      idempotent.clear()
      this.requests.length = 0
      this.tokensIssued = 0
      rules = []
      limits = null
      isDown = false
      latency = opts.latencyMs ?? 0
      maxInflight.clear()
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
    },
  }

  // ---------------------------------------------------------- records

  const envelope = (extra: Record<string, unknown>) => ({
    Id: randomUUID(),
    Status: "OK",
    ProviderName: "call-billing Xero stand-in",
    DateTimeUTC: msDate(Date.now()),
    ...extra,
  })
  const publicCopy = (rec: any) => {
    const out: any = {}
    for (const [k, v] of Object.entries(rec)) if (!k.startsWith("_")) out[k] = v
    return out
  }
  const ofTenant = <T extends { _tenant: string }>(m: Map<string, T>, tenant: string) =>
    [...m.values()].filter((r) => r._tenant === tenant)

  function computeLines(input: any, errors: string[], type: string) {
    const lat = ["Exclusive", "Inclusive", "NoTax"].includes(input.LineAmountTypes) ? input.LineAmountTypes : "Exclusive"
    const lines = Array.isArray(input.LineItems) ? input.LineItems : []
    let sumLines = new D(0)
    let sumTax = new D(0)
    const out = lines.map((l: any, k: number) => {
      if (!l || (!l.Description && !l.ItemCode)) errors.push(`Line item ${k + 1}: Description cannot be empty.`)
      if (input.Status === "AUTHORISED" && !l?.AccountCode && !l?.ItemCode) errors.push(`Line item ${k + 1}: Account code must be specified.`)
      const qty = l?.Quantity === undefined || l?.Quantity === null ? new D(1) : dec(l.Quantity)
      const unit = dec(l?.UnitAmount)
      const lineAmount = l?.LineAmount !== undefined && l?.UnitAmount === undefined ? dec(l.LineAmount) : qty.mul(unit).toDecimalPlaces(2)
      let tax: Dec
      if (lat === "NoTax") tax = new D(0)
      else if (l?.TaxAmount !== undefined && l?.TaxAmount !== null) tax = dec(l.TaxAmount)
      else {
        const rate = new D(TAX_RATES[String(l?.TaxType ?? "NONE")] ?? "0")
        tax = (lat === "Inclusive" ? lineAmount.mul(rate).div(rate.plus(1)) : lineAmount.mul(rate)).toDecimalPlaces(2)
      }
      sumLines = sumLines.plus(lineAmount)
      sumTax = sumTax.plus(tax)
      return {
        LineItemID: randomUUID(),
        Description: l?.Description ?? "",
        Quantity: num(qty),
        UnitAmount: num(unit),
        ...(l?.AccountCode ? { AccountCode: l.AccountCode } : {}),
        TaxType: l?.TaxType ?? "NONE",
        TaxAmount: num(tax),
        LineAmount: num(lineAmount),
      }
    })
    if (!out.length && input.Status === "AUTHORISED") errors.push(`${type} must have at least one line item.`)
    const total = lat === "Inclusive" ? sumLines : sumLines.plus(sumTax)
    const subTotal = lat === "Inclusive" ? sumLines.minus(sumTax) : sumLines
    if (total.isNegative()) errors.push(`The ${type.toLowerCase()} total must not be negative.`)
    return { lat, lines: out, subTotal, totalTax: sumTax, total }
  }

  function resolveContact(input: any, tenant: string, errors: string[]) {
    const c = input?.Contact
    if (c?.ContactID) {
      const hit = state.contacts.get(c.ContactID)
      if (!hit || hit._tenant !== tenant) errors.push(`The contact with ContactID ${c.ContactID} could not be found.`)
      return hit && hit._tenant === tenant ? hit : null
    }
    if (c?.Name) {
      const byName = ofTenant(state.contacts, tenant).find((x) => x.Name === c.Name)
      return byName ?? createContact({ Name: c.Name }, tenant, errors)
    }
    errors.push("A Contact must be specified for this type of transaction")
    return null
  }

  function createContact(input: any, tenant: string, errors: string[], existing?: any) {
    const name = typeof input?.Name === "string" ? input.Name.trim() : existing?.Name
    if (!name) {
      errors.push("The contact name cannot be empty.")
      return null
    }
    const clash = ofTenant(state.contacts, tenant).find(
      (x) => x.Name.toLowerCase() === name.toLowerCase() && x.ContactStatus === "ACTIVE" && x.ContactID !== existing?.ContactID
    )
    if (clash) {
      errors.push(`The contact name ${name} is already assigned to another contact. The contact name must be unique across all active contacts.`)
      return null
    }
    if (errors.length) return null
    const rec = existing ?? { _tenant: tenant, ContactID: randomUUID(), ContactStatus: "ACTIVE", IsCustomer: true, IsSupplier: false }
    rec.Name = name
    for (const k of ["ContactNumber", "EmailAddress", "TaxNumber", "FirstName", "LastName", "AccountNumber"]) {
      if (input[k] !== undefined) rec[k] = input[k]
    }
    if (Array.isArray(input.Addresses)) rec.Addresses = input.Addresses
    rec.UpdatedDateUTC = msDate(Date.now())
    rec.HasValidationErrors = false
    state.contacts.set(rec.ContactID, rec)
    return rec
  }

  function createInvoice(input: any, tenant: string, errors: string[]) {
    const type = input?.Type
    if (type !== "ACCREC" && type !== "ACCPAY") errors.push("Invoice Type must be ACCREC or ACCPAY.")
    const contact = resolveContact(input, tenant, errors)
    const status = input?.Status ?? "DRAFT"
    if (!["DRAFT", "SUBMITTED", "AUTHORISED"].includes(status)) errors.push(`Invoice status ${status} is not valid for a new invoice.`)
    const number = input?.InvoiceNumber
    if (type === "ACCREC" && number) {
      const dup = ofTenant(state.invoices, tenant).find(
        (i) => i.Type === "ACCREC" && i.InvoiceNumber === number && i.Status !== "DELETED" && i.Status !== "VOIDED"
      )
      if (dup) errors.push("Invoice # must be unique.")
    }
    const date = input?.Date === undefined ? Math.floor(Date.now() / DAY_MS) * DAY_MS : parseXeroDate(input.Date)
    if (date === null) errors.push("The Date is not valid.")
    const due = input?.DueDate === undefined ? null : parseXeroDate(input.DueDate)
    if (input?.DueDate !== undefined && due === null) errors.push("The DueDate is not valid.")
    if (status === "AUTHORISED" && due === null) errors.push("Due Date is mandatory.")
    const t = computeLines(input ?? {}, errors, "Invoice")
    if (errors.length) return null
    const currency = input.CurrencyCode ?? baseCurrency
    const rec = {
      _tenant: tenant,
      Type: type,
      InvoiceID: randomUUID(),
      InvoiceNumber: number ?? `INV-${String(state.invoices.size + 1).padStart(4, "0")}`,
      Reference: input.Reference ?? "",
      Contact: { ContactID: contact.ContactID, Name: contact.Name, ContactNumber: contact.ContactNumber },
      Date: msDate(date!),
      DateString: dateString(date!),
      ...(due !== null ? { DueDate: msDate(due), DueDateString: dateString(due) } : {}),
      Status: status,
      LineAmountTypes: t.lat,
      LineItems: t.lines,
      SubTotal: num(t.subTotal),
      TotalTax: num(t.totalTax),
      Total: num(t.total),
      AmountDue: num(t.total),
      AmountPaid: 0,
      AmountCredited: 0,
      CurrencyCode: currency,
      CurrencyRate: 1,
      IsDiscounted: false,
      HasAttachments: false,
      HasErrors: false,
      Payments: [] as any[],
      CreditNotes: [] as any[],
      UpdatedDateUTC: msDate(Date.now()),
    }
    state.invoices.set(rec.InvoiceID, rec)
    return rec
  }

  function createCreditNote(input: any, tenant: string, errors: string[]) {
    const type = input?.Type
    if (type !== "ACCRECCREDIT" && type !== "ACCPAYCREDIT") errors.push("Credit note Type must be ACCRECCREDIT or ACCPAYCREDIT.")
    const contact = resolveContact(input, tenant, errors)
    const status = input?.Status ?? "DRAFT"
    const number = input?.CreditNoteNumber
    if (type === "ACCRECCREDIT" && number) {
      const dup = ofTenant(state.credit_notes, tenant).find(
        (c) => c.Type === "ACCRECCREDIT" && c.CreditNoteNumber === number && c.Status !== "DELETED" && c.Status !== "VOIDED"
      )
      if (dup) errors.push("Credit Note # must be unique.")
    }
    const date = input?.Date === undefined ? Math.floor(Date.now() / DAY_MS) * DAY_MS : parseXeroDate(input.Date)
    if (date === null) errors.push("The Date is not valid.")
    const t = computeLines(input ?? {}, errors, "Credit note")
    if (errors.length) return null
    const rec = {
      _tenant: tenant,
      Type: type,
      CreditNoteID: randomUUID(),
      CreditNoteNumber: number ?? `CN-${String(state.credit_notes.size + 1).padStart(4, "0")}`,
      Reference: input.Reference ?? "",
      Contact: { ContactID: contact.ContactID, Name: contact.Name },
      Date: msDate(date!),
      DateString: dateString(date!),
      Status: status,
      LineAmountTypes: t.lat,
      LineItems: t.lines,
      SubTotal: num(t.subTotal),
      TotalTax: num(t.totalTax),
      Total: num(t.total),
      RemainingCredit: status === "AUTHORISED" ? num(t.total) : 0,
      CurrencyCode: input.CurrencyCode ?? baseCurrency,
      CurrencyRate: 1,
      Allocations: [] as any[],
      HasErrors: false,
      UpdatedDateUTC: msDate(Date.now()),
    }
    state.credit_notes.set(rec.CreditNoteID, rec)
    return rec
  }

  function findInvoiceRef(ref: any, tenant: string) {
    if (ref?.InvoiceID) {
      const i = state.invoices.get(ref.InvoiceID)
      return i && i._tenant === tenant ? i : null
    }
    if (ref?.InvoiceNumber) return ofTenant(state.invoices, tenant).find((i) => i.InvoiceNumber === ref.InvoiceNumber && i.Status !== "DELETED") ?? null
    return null
  }

  function settle(inv: any) {
    inv.AmountDue = num(dec(inv.Total).minus(dec(inv.AmountPaid)).minus(dec(inv.AmountCredited)))
    if (dec(inv.AmountDue).isZero() && inv.Status === "AUTHORISED") {
      inv.Status = "PAID"
      inv.FullyPaidOnDate = msDate(Date.now())
    }
    inv.UpdatedDateUTC = msDate(Date.now())
  }

  function createPayment(input: any, tenant: string, errors: string[]) {
    const inv = findInvoiceRef(input?.Invoice, tenant)
    if (!inv) errors.push("Invoice could not be found.")
    else if (inv.Status !== "AUTHORISED") errors.push("Payment can only be made against Authorised documents.")
    if (!input?.Account?.Code && !input?.Account?.AccountID) errors.push("Account code or AccountID must be specified.")
    const amount = dec(input?.Amount)
    if (!amount.gt(0)) errors.push("Payment amount must be greater than zero.")
    else if (inv && amount.gt(dec(inv.AmountDue))) errors.push("Payment amount exceeds the amount outstanding on this document.")
    const date = input?.Date === undefined ? Math.floor(Date.now() / DAY_MS) * DAY_MS : parseXeroDate(input.Date)
    if (date === null) errors.push("The Date is not valid.")
    if (errors.length) return null
    const rec = {
      _tenant: tenant,
      PaymentID: randomUUID(),
      Date: msDate(date!),
      Amount: num(amount),
      BankAmount: num(amount),
      Reference: input.Reference ?? "",
      CurrencyRate: 1,
      PaymentType: "ACCRECPAYMENT",
      Status: "AUTHORISED",
      IsReconciled: false,
      HasAccount: true,
      HasValidationErrors: false,
      Account: { Code: input.Account?.Code, AccountID: input.Account?.AccountID ?? randomUUID() },
      Invoice: { InvoiceID: inv.InvoiceID, InvoiceNumber: inv.InvoiceNumber, Type: inv.Type, CurrencyCode: inv.CurrencyCode },
      UpdatedDateUTC: msDate(Date.now()),
    }
    state.payments.set(rec.PaymentID, rec)
    inv.AmountPaid = num(dec(inv.AmountPaid).plus(amount))
    inv.Payments.push({ PaymentID: rec.PaymentID, Date: rec.Date, Amount: rec.Amount, Reference: rec.Reference })
    settle(inv)
    return rec
  }

  function allocate(cn: any, input: any, tenant: string, errors: string[]) {
    const inv = findInvoiceRef(input?.Invoice, tenant)
    if (!inv) errors.push("Invoice could not be found.")
    const amount = dec(input?.Amount)
    if (!amount.gt(0)) errors.push("The allocation amount must be greater than zero.")
    if (cn.Status !== "AUTHORISED") errors.push("Only authorised credit notes can be allocated.")
    if (amount.gt(dec(cn.RemainingCredit))) errors.push("The amount being allocated is greater than the remaining credit.")
    if (inv) {
      if (inv.Status !== "AUTHORISED") errors.push("Credit can only be allocated to authorised invoices.")
      if (inv.Contact.ContactID !== cn.Contact.ContactID) errors.push("The credit note and the invoice must belong to the same contact.")
      if (inv.CurrencyCode !== cn.CurrencyCode) errors.push("The credit note and the invoice must be in the same currency.")
      if (amount.gt(dec(inv.AmountDue))) errors.push("The amount being allocated exceeds the amount due on the invoice.")
    }
    if (errors.length) return null
    const date = parseXeroDate(input.Date) ?? Math.floor(Date.now() / DAY_MS) * DAY_MS
    const rec = {
      AllocationID: randomUUID(),
      Amount: num(amount),
      Date: msDate(date),
      Invoice: { InvoiceID: inv.InvoiceID, InvoiceNumber: inv.InvoiceNumber, CurrencyCode: inv.CurrencyCode },
      CreditNote: { CreditNoteID: cn.CreditNoteID, CreditNoteNumber: cn.CreditNoteNumber, CurrencyCode: cn.CurrencyCode },
    }
    cn.RemainingCredit = num(dec(cn.RemainingCredit).minus(amount))
    if (dec(cn.RemainingCredit).isZero()) cn.Status = "PAID"
    cn.Allocations.push(rec)
    inv.AmountCredited = num(dec(inv.AmountCredited).plus(amount))
    inv.CreditNotes.push({ CreditNoteID: cn.CreditNoteID, CreditNoteNumber: cn.CreditNoteNumber, AppliedAmount: rec.Amount })
    settle(inv)
    return rec
  }

  // ---------------------------------------------------------- batch writes

  type Built = { rec: any | null; errors: string[]; input: any }

  /** Runs `build` for each element; answers Xero's way for summarizeErrors true/false. */
  function batchAnswer(
    key: string,
    inputs: any[],
    build: (input: any, errors: string[]) => any | null,
    summarize: boolean,
    idField: string,
    /** Xero flags a refused invoice or credit note with HasErrors, a contact or payment with HasValidationErrors */
    errorFlag: "HasErrors" | "HasValidationErrors" = "HasErrors"
  ): { status: number; body: unknown } {
    const built: Built[] = inputs.map((input) => {
      const errors: string[] = []
      let rec: any = null
      try {
        rec = build(input, errors)
      } catch (e) {
        errors.push(String((e as Error)?.message ?? e))
      }
      return { rec: errors.length ? null : rec, errors, input }
    })
    const failed = built.some((b) => b.errors.length)
    const element = (b: Built, mark: boolean) =>
      b.errors.length
        ? {
            ...b.input,
            [idField]: ZERO_ID,
            [errorFlag]: true,
            ...(mark ? { StatusAttributeString: "ERROR" } : {}),
            ValidationErrors: b.errors.map((Message) => ({ Message })),
          }
        : { ...publicCopy(b.rec), ...(mark ? { StatusAttributeString: "OK" } : {}) }
    if (failed && summarize) {
      return {
        status: 400,
        body: {
          ErrorNumber: 10,
          Type: "ValidationException",
          Message: "A validation exception occurred",
          Elements: built.map((b) => ({ ...element(b, false), ValidationErrors: b.errors.map((Message) => ({ Message })) })),
        },
      }
    }
    return { status: 200, body: envelope({ [key]: built.map((b) => element(b, !summarize)) }) }
  }

  function list(key: string, records: any[], q: URLSearchParams): { status: number; body: unknown } {
    let out = records
    const where = q.get("where")
    if (where) {
      let w: Where
      try {
        w = parseWhere(where)
      } catch (e) {
        return { status: 400, body: { ErrorNumber: 16, Type: "QueryParseException", Message: String((e as Error).message) } }
      }
      out = out.filter(w)
    }
    const csv = (name: string) => (q.get(name) ?? "").split(",").map((s) => s.trim()).filter(Boolean)
    const ids = csv("IDs")
    if (ids.length) out = out.filter((r) => ids.includes(r.InvoiceID ?? r.ContactID ?? r.CreditNoteID ?? r.PaymentID))
    const numbers = csv("InvoiceNumbers")
    if (numbers.length) out = out.filter((r) => numbers.includes(r.InvoiceNumber))
    const contactIds = csv("ContactIDs")
    if (contactIds.length) out = out.filter((r) => contactIds.includes(r.Contact?.ContactID))
    const statuses = csv("Statuses")
    if (statuses.length) out = out.filter((r) => statuses.includes(r.Status))
    const pageParam = q.get("page")
    const extra: Record<string, unknown> = {}
    if (pageParam) {
      const page = Math.max(1, Number(pageParam) || 1)
      const size = Math.min(opts.maxPageSize ?? 1000, Math.max(1, Number(q.get("pageSize")) || 100))
      const itemCount = out.length
      extra.pagination = { page, pageSize: size, pageCount: Math.ceil(itemCount / size), itemCount }
      out = out.slice((page - 1) * size, page * size)
    }
    return { status: 200, body: envelope({ ...extra, [key]: out.map(publicCopy) }) }
  }

  // ---------------------------------------------------------- routing

  function route(method: string, path: string, q: URLSearchParams, body: any, tenant: string): { status: number; body: unknown } {
    const rel = path.slice(API_PREFIX.length)
    const summarize = (q.get("summarizeErrors") ?? q.get("SummarizeErrors") ?? "true").toLowerCase() !== "false"
    const items = (k: string) => (Array.isArray(body?.[k]) ? body[k] : body && typeof body === "object" && !Array.isArray(body) && !(k in body) ? [body] : [])

    if (rel === "/Contacts") {
      if (method === "GET") return list("Contacts", ofTenant(state.contacts, tenant), q)
      if (method === "PUT" || method === "POST") {
        return batchAnswer("Contacts", items("Contacts"), (input, errors) => {
          if (method === "POST" && input?.ContactID) {
            const hit = state.contacts.get(input.ContactID)
            if (!hit || hit._tenant !== tenant) {
              errors.push(`The contact with ContactID ${input.ContactID} could not be found.`)
              return null
            }
            return createContact(input, tenant, errors, hit)
          }
          return createContact(input, tenant, errors)
        }, summarize, "ContactID", "HasValidationErrors")
      }
    }
    if (rel === "/Invoices") {
      if (method === "GET") return list("Invoices", ofTenant(state.invoices, tenant), q)
      if (method === "PUT" || method === "POST") {
        return batchAnswer("Invoices", items("Invoices"), (input, errors) => createInvoice(input, tenant, errors), summarize, "InvoiceID")
      }
    }
    const oneInvoice = /^\/Invoices\/([^/]+)$/.exec(rel)
    if (oneInvoice && method === "GET") {
      const key = decodeURIComponent(oneInvoice[1])
      const inv = ofTenant(state.invoices, tenant).find((i) => i.InvoiceID === key || i.InvoiceNumber === key)
      return inv ? { status: 200, body: envelope({ Invoices: [publicCopy(inv)] }) } : notFound()
    }
    if (oneInvoice && method === "POST") {
      // an update; this stand-in takes the status changes the plugin makes (void, delete a draft)
      const inv = ofTenant(state.invoices, tenant).find((i) => i.InvoiceID === decodeURIComponent(oneInvoice[1]))
      if (!inv) return notFound()
      return batchAnswer("Invoices", items("Invoices").slice(0, 1), (input, errors) => {
        const to = input?.Status
        if (to !== "VOIDED" && to !== "DELETED") {
          errors.push(`this stand-in updates an invoice's Status to VOIDED or DELETED only (asked: ${JSON.stringify(input)})`)
          return null
        }
        if (to === "VOIDED" && !["AUTHORISED", "SUBMITTED"].includes(inv.Status)) errors.push(`Invoice not of valid status for modification (it is ${inv.Status}).`)
        if (to === "DELETED" && !["DRAFT", "SUBMITTED"].includes(inv.Status)) errors.push(`Invoice not of valid status for modification (it is ${inv.Status}).`)
        if (dec(inv.AmountPaid).gt(0) || dec(inv.AmountCredited).gt(0)) {
          errors.push("This document cannot be edited as it has a payment or credit note allocated to it.")
        }
        if (errors.length) return null
        inv.Status = to
        inv.AmountDue = 0
        inv.UpdatedDateUTC = msDate(Date.now())
        return inv
      }, summarize, "InvoiceID")
    }
    if (rel === "/Payments") {
      if (method === "GET") return list("Payments", ofTenant(state.payments, tenant), q)
      if (method === "PUT" || method === "POST") {
        return batchAnswer("Payments", items("Payments"), (input, errors) => createPayment(input, tenant, errors), summarize, "PaymentID", "HasValidationErrors")
      }
    }
    if (rel === "/CreditNotes") {
      if (method === "GET") return list("CreditNotes", ofTenant(state.credit_notes, tenant), q)
      if (method === "PUT" || method === "POST") {
        return batchAnswer("CreditNotes", items("CreditNotes"), (input, errors) => createCreditNote(input, tenant, errors), summarize, "CreditNoteID")
      }
    }
    const alloc = /^\/CreditNotes\/([^/]+)\/Allocations$/.exec(rel)
    if (alloc && (method === "PUT" || method === "POST")) {
      const cn = state.credit_notes.get(decodeURIComponent(alloc[1]))
      if (!cn || cn._tenant !== tenant) return notFound()
      return batchAnswer("Allocations", items("Allocations"), (input, errors) => allocate(cn, input, tenant, errors), summarize, "AllocationID")
    }
    return notFound()
  }

  const notFound = () => ({ status: 404, body: { Type: null, Title: "NotFound", Status: 404, Detail: "The resource you're looking for cannot be found" } })

  function ruleFor(method: string, path: string) {
    const rule = rules.find(
      (r) =>
        r.left > 0 &&
        (!r.method || r.method.toUpperCase() === method) &&
        (typeof r.path === "string" ? path === r.path || path.endsWith(r.path) : r.path.test(path))
    )
    if (rule) {
      rule.left--
      rules = rules.filter((r) => r.left > 0)
    }
    return rule
  }

  function limitProblem(tenant: string, now: number): { problem: "minute" | "concurrent" | "day"; retryAfter: number } | null {
    if (!limits) return null
    const mine = api.requests.filter((r) => r.tenant === tenant && r.path.startsWith(API_PREFIX))
    if (limits.per_day !== undefined) {
      const dayStart = Math.floor(now / DAY_MS) * DAY_MS
      if (mine.filter((r) => r.at >= dayStart).length > limits.per_day) {
        return { problem: "day", retryAfter: Math.ceil((dayStart + DAY_MS - now) / 1000) }
      }
    }
    if (limits.concurrent !== undefined && (inflight.get(tenant) ?? 0) > limits.concurrent) {
      return { problem: "concurrent", retryAfter: 1 }
    }
    if (limits.per_minute !== undefined) {
      const w = limits.window_ms ?? 60_000
      const recent = mine.filter((r) => r.at > now - w)
      if (recent.length > limits.per_minute) {
        return { problem: "minute", retryAfter: Math.max(1, Math.ceil((recent[0].at + w - now) / 1000)) }
      }
    }
    return null
  }

  // ---------------------------------------------------------- http

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on("data", (c: Buffer) => chunks.push(c))
    req.on("end", () => {
      void handle(req, res, Buffer.concat(chunks).toString("utf8")).catch((e) => {
        if (!res.headersSent) {
          res.writeHead(500, { "content-type": "application/json" })
          res.end(JSON.stringify({ Title: "Internal Server Error", Detail: String(e?.stack ?? e) }))
        }
      })
    })
  })

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, raw: string) {
    const url = new URL(req.url ?? "/", "http://127.0.0.1")
    const method = (req.method ?? "GET").toUpperCase()
    const path = url.pathname
    const isApi = path.startsWith(API_PREFIX)
    const tenantHeader = req.headers["xero-tenant-id"]
    const tenant = typeof tenantHeader === "string" && tenantHeader ? tenantHeader : undefined
    const keyHeader = req.headers["idempotency-key"]
    const idempotencyKey = typeof keyHeader === "string" && keyHeader ? keyHeader : undefined
    let parsed: any = undefined
    if (raw && (req.headers["content-type"] ?? "").includes("json")) {
      try {
        parsed = JSON.parse(raw)
      } catch {
        parsed = Symbol.for("unparseable")
      }
    }
    const itemCount = parsed && typeof parsed === "object" ? (Object.values(parsed).find(Array.isArray) as any[] | undefined)?.length : undefined
    const entry: XeroStandInRequest = { method, path, query: url.search.replace(/^\?/, ""), tenant, idempotencyKey, at: Date.now(), status: 0, ...(itemCount !== undefined ? { items: itemCount } : {}) }
    api.requests.push(entry)

    const counted = isApi && tenant !== undefined
    if (counted) {
      const n = (inflight.get(tenant!) ?? 0) + 1
      inflight.set(tenant!, n)
      maxInflight.set(tenant!, Math.max(maxInflight.get(tenant!) ?? 0, n))
    }
    let released = false
    const release = () => {
      if (released) return
      released = true
      entry.ended = Date.now()
      if (counted) inflight.set(tenant!, (inflight.get(tenant!) ?? 1) - 1)
    }
    res.on("finish", release)
    res.on("close", release)

    const send = async (status: number, body: unknown, headers: Record<string, string> = {}, delay = 0) => {
      const wait = delay + (isApi ? latency : 0)
      if (wait > 0) await new Promise((r) => setTimeout(r, wait))
      entry.status = status
      const text = typeof body === "string" ? body : JSON.stringify(body)
      res.writeHead(status, { "content-type": typeof body === "string" ? "text/plain" : "application/json; charset=utf-8", ...headers })
      res.end(text)
    }

    if (isApi && isDown) return send(503, { Title: "Service Unavailable", Status: 503, Detail: "The Xero API is temporarily unavailable" })
    if (counted) {
      const hit = limitProblem(tenant!, entry.at)
      if (hit) {
        return send(429, { Title: "Too Many Requests", Status: 429, Detail: `Rate limit exceeded (${hit.problem})` }, {
          "retry-after": String(hit.retryAfter),
          "x-rate-limit-problem": hit.problem,
        })
      }
    }
    const rule = ruleFor(method, path)
    if (rule) {
      const headers: Record<string, string> = {}
      if (rule.status === 429) {
        headers["retry-after"] = String(rule.retry_after ?? 1)
        headers["x-rate-limit-problem"] = rule.problem ?? "minute"
      }
      const body =
        rule.status === 400
          ? { ErrorNumber: 10, Type: "ValidationException", Message: "A validation exception occurred", Elements: [] }
          : { Title: rule.status === 429 ? "Too Many Requests" : "Service Unavailable", Status: rule.status, Detail: "injected failure" }
      return send(rule.status, body, headers, rule.delay_ms ?? 0)
    }

    if (path === "/connect/token") {
      if (method !== "POST") return send(405, { error: "method_not_allowed" })
      const auth = req.headers.authorization ?? ""
      const m = /^Basic\s+(.+)$/i.exec(auth)
      const [id, secret] = m ? Buffer.from(m[1], "base64").toString("utf8").split(":") : []
      if (id !== clientId || secret !== clientSecret) return send(401, { error: "invalid_client" })
      const form = new URLSearchParams(raw)
      if (form.get("grant_type") !== "client_credentials") return send(400, { error: "unsupported_grant_type" })
      const token = `standin.${randomUUID()}`
      tokens.set(token, Date.now() + ttl * 1000)
      api.tokensIssued++
      return send(200, { access_token: token, expires_in: ttl, token_type: "Bearer", scope: "accounting.transactions accounting.contacts" })
    }
    if (!isApi) return send(404, { Title: "NotFound", Status: 404 })

    const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? "")?.[1]
    const expiresAt = bearer ? tokens.get(bearer) : undefined
    if (!bearer || expiresAt === undefined || expiresAt <= Date.now()) {
      return send(401, { Type: null, Title: "Unauthorized", Status: 401, Detail: "AuthenticationUnsuccessful", Instance: randomUUID(), Extensions: {} }, {
        "www-authenticate": 'Bearer error="invalid_token"',
      })
    }
    if (!tenant || (opts.tenants && !opts.tenants.includes(tenant))) {
      return send(403, { Type: null, Title: "Forbidden", Status: 403, Detail: "AuthenticationUnsuccessful", Instance: randomUUID(), Extensions: {} })
    }
    if (parsed === Symbol.for("unparseable")) return send(400, { ErrorNumber: 14, Type: "PostDataInvalidException", Message: "JSON for post data was invalid" })

    const write = method !== "GET"
    const replayKey = write && idempotencyKey ? `${tenant}|${method}|${path}|${idempotencyKey}` : null
    if (replayKey && idempotent.has(replayKey)) {
      const prev = idempotent.get(replayKey)!
      entry.replayed = true
      return send(prev.status, prev.body)
    }
    const answer = route(method, path, url.searchParams, parsed, tenant)
    if (replayKey && answer.status < 500) idempotent.set(replayKey, answer)
    const remaining: Record<string, string> = {}
    if (limits?.per_day !== undefined) {
      const dayStart = Math.floor(entry.at / DAY_MS) * DAY_MS
      const used = api.requests.filter((r) => r.tenant === tenant && r.path.startsWith(API_PREFIX) && r.at >= dayStart).length
      remaining["x-daylimit-remaining"] = String(Math.max(0, limits.per_day - used))
    }
    return send(answer.status, answer.body, remaining)
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()))
  const port = (server.address() as AddressInfo).port
  api.port = port
  api.token_url = `http://127.0.0.1:${port}/connect/token`
  api.api_base = `http://127.0.0.1:${port}${API_PREFIX}`
  return api
}
