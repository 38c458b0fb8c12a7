/**
 * A small local HTTP server standing in for Stripe's API, for tests: the real
 * `stripe` SDK talks to it over loopback (`new Stripe(key, { ...standIn.api })`).
 *
 * It keeps customers, invoice items, invoices, credit notes and payment
 * intents in memory, with Stripe's object shapes, id prefixes, state rules
 * (no items on a finalized invoice, no re-finalizing, …) and error shapes.
 * Idempotency works like Stripe's: a repeated `Idempotency-Key` replays the
 * stored answer (`Idempotent-Replayed: true`) with no side effect, and a key
 * reused with other parameters is an `idempotency_error`. `fail()` injects
 * failures, including the one that matters most for exactly-once pushes: the
 * operation is done but its answer is lost (`after_commit`).
 *
 * @example
 * const stripe = await startStripeStandIn({ webhookSecret: "whsec_test" })
 * const client = createStripeClient({ secret_key: "sk_test_x", api: stripe.api })
 * stripe.fail({ method: "POST", path: "/v1/invoices", status: 500, after_commit: true })
 * // … push an invoice, then: expect(stripe.state.invoices.size).toBe(1)
 * await stripe.close()
 */
import { createHmac, randomBytes } from "node:crypto"
import http from "node:http"
import type { AddressInfo } from "node:net"

export type StripeStandInRequest = {
  method: string
  /** the path without the query string */
  path: string
  idempotencyKey?: string
  /** the decoded form body (POST) or query (GET), nested as Stripe reads it */
  params: Record<string, any>
  /** no side effect: answered from the idempotency store (or an injected failure on a stored key) */
  replayed: boolean
  status: number
}

export type StripeStandInFailure = {
  /** any method if left out */
  method?: string
  /** the path without the query string; a string must match exactly */
  path: RegExp | string
  status: 500 | 429 | 402 | 400
  /** how many matching requests fail (default 1) */
  times?: number
  /** do the operation (and store it under the idempotency key), then answer the failure: a lost response */
  after_commit?: boolean
  /** wait this long before answering (past the client's timeout, to make it give up) */
  delay_ms?: number
  /** the error's `code` (default: card_declined for 402, rate_limit for 429, parameter_invalid for 400) */
  code?: string
}

export type StripeStandInState = {
  customers: Map<string, any>
  invoices: Map<string, any>
  invoiceitems: Map<string, any>
  credit_notes: Map<string, any>
  payment_intents: Map<string, any>
}

export interface StripeStandIn {
  port: number
  /** http://127.0.0.1:<port> */
  url: string
  /** pass as StripeIntegrationOptions.api */
  api: { host: "127.0.0.1"; port: number; protocol: "http" }
  /** where the hosted invoice page sends `invoice.paid` when a customer pays (null: nowhere) */
  setWebhookUrl(url: string | null): void
  /** the secret `signedEvent` signs with unless told otherwise */
  webhookSecret: string
  /** every request, in order of arrival */
  requests: StripeStandInRequest[]
  /** objects by kind (Map id → object, as the API last returned it) */
  state: StripeStandInState
  /** inject failures into the next matching requests (rules are tried in the order given) */
  fail(rule: StripeStandInFailure): void
  /** a signed webhook for the given event type and object, as Stripe would deliver it */
  signedEvent(type: string, object: any, opts?: { id?: string; secret?: string; timestamp?: number }): { body: string; signature: string; event: any }
  /** forget the stored idempotency keys, as Stripe does after 24 hours (objects stay) */
  expireIdempotencyKeys(): void
  /** forget every object, request, key and injected failure */
  reset(): void
  close(): Promise<void>
}

export const STRIPE_STAND_IN_API_VERSION = "2025-09-30.clover"
const DEFAULT_WEBHOOK_SECRET = "whsec_stand_in"

type Answer = { status: number; body: any; headers?: Record<string, string> }
type Stored = { fingerprint: string; status: number; body: string }

// ---------------------------------------------------------------- form bodies

const UNSAFE_KEYS = new Set(["__proto__", "constructor", "prototype"])

const decodeComponent = (s: string) => {
  const plus = s.replace(/\+/g, " ")
  try {
    return decodeURIComponent(plus)
  } catch {
    return plus
  }
}

/**
 * Decodes a form-encoded body (or query string) the way Stripe reads the
 * SDK's: `a[b][c]=1` → `{ a: { b: { c: "1" } } }`, `a[0][b]=1` → `{ a: [{ b: "1" }] }`.
 * Values stay strings.
 *
 * @example
 * parseStripeForm("lines[0][type]=custom_line_item&metadata[k]=v")
 * // { lines: [{ type: "custom_line_item" }], metadata: { k: "v" } }
 */
export function parseStripeForm(text: string): Record<string, any> {
  const out: Record<string, any> = {}
  if (!text) return out
  for (const pair of text.split("&")) {
    if (!pair) continue
    const eq = pair.indexOf("=")
    const key = decodeComponent(eq < 0 ? pair : pair.slice(0, eq))
    const value = eq < 0 ? "" : decodeComponent(pair.slice(eq + 1))
    const m = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key)
    const segments = m ? [m[1], ...[...m[2].matchAll(/\[([^[\]]*)\]/g)].map((x) => x[1])] : [key]
    assign(out, segments, value)
  }
  return out
}

function assign(target: any, segments: string[], value: string) {
  let cur = target
  for (let i = 0; i < segments.length; i++) {
    let seg = segments[i]
    if (UNSAFE_KEYS.has(seg)) return
    if (Array.isArray(cur) && seg === "") seg = String(cur.length)
    if (i === segments.length - 1) {
      cur[seg] = value
      return
    }
    const next = segments[i + 1]
    if (cur[seg] === undefined || typeof cur[seg] !== "object") cur[seg] = /^\d+$/.test(next) || next === "" ? [] : {}
    cur = cur[seg]
  }
}

/** Same parameters, whatever order they came in. */
const fingerprintOf = (method: string, path: string, params: unknown) => `${method} ${path} ${stableJson(params)}`
const stableJson = (v: unknown): string =>
  Array.isArray(v)
    ? `[${v.map(stableJson).join(",")}]`
    : v && typeof v === "object"
      ? `{${Object.keys(v)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${stableJson((v as any)[k])}`)
          .join(",")}}`
      : JSON.stringify(v)

// ---------------------------------------------------------------- the server

/**
 * Starts the stand-in on an ephemeral port of 127.0.0.1.
 *
 * @example
 * const stripe = await startStripeStandIn({ webhookSecret: "whsec_test" })
 * process.env.CALL_BILLING_STRIPE_API_URL = stripe.url
 */
export async function startStripeStandIn(opts: { webhookSecret?: string; webhookUrl?: string; port?: number } = {}): Promise<StripeStandIn> {
  const webhookSecret = opts.webhookSecret ?? DEFAULT_WEBHOOK_SECRET
  const state: StripeStandInState = {
    customers: new Map(),
    invoices: new Map(),
    invoiceitems: new Map(),
    credit_notes: new Map(),
    payment_intents: new Map(),
  }
  const requests: StripeStandInRequest[] = []
  const idempotency = new Map<string, Stored>()
  const rules: Array<StripeStandInFailure & { remaining: number }> = []
  const timers = new Set<NodeJS.Timeout>()
  let invoiceSeq = 0
  let baseUrl = ""

  const now = () => Math.floor(Date.now() / 1000)
  const newId = (prefix: string) => prefix + randomBytes(12).toString("hex")
  const clone = <T>(o: T): T => JSON.parse(JSON.stringify(o))
  const ok = (body: any, status = 200): Answer => ({ status, body: clone(body) })

  // ---- errors, shaped like Stripe's
  const invalid = (message: string, param?: string, code = "parameter_invalid"): Answer => ({
    status: 400,
    body: { error: { type: "invalid_request_error", code, message, ...(param ? { param } : {}) } },
  })
  const missingParam = (param: string) => invalid(`Missing required param: ${param}.`, param, "parameter_missing")
  const noSuch = (kind: string, id: string, param = "id", status = 404): Answer => ({
    status,
    body: { error: { type: "invalid_request_error", code: "resource_missing", message: `No such ${kind}: '${id}'`, param } },
  })
  const cardError = (code: string, extra: Record<string, any> = {}): Answer => ({
    status: 402,
    body: {
      error: {
        type: "card_error",
        code,
        ...(code === "card_declined" ? { decline_code: "generic_decline" } : {}),
        message: code === "authentication_required" ? "Your card was declined. This transaction requires authentication." : "Your card was declined.",
        doc_url: `https://stripe.com/docs/error-codes/${code.replace(/_/g, "-")}`,
        ...extra,
      },
    },
  })

  // ---- parameter readers
  const int = (v: any, param: string): number | Answer => {
    if (typeof v === "number" && Number.isSafeInteger(v)) return v
    if (typeof v !== "string" || !/^-?\d+$/.test(v) || !Number.isSafeInteger(Number(v))) return invalid(`Invalid integer: ${v}`, param)
    return Number(v)
  }
  const bool = (v: any) => v === true || v === "true"
  const isAnswer = (v: unknown): v is Answer => typeof v === "object" && v !== null && "status" in v && "body" in v
  const metadataOf = (v: any) => (v && typeof v === "object" && !Array.isArray(v) ? { ...v } : {})
  const list = (data: any[], url: string) => ({ object: "list", data: clone(data), has_more: false, url })
  // Stripe lists newest first
  const limited = (oldestFirst: any[], params: Record<string, any>) => {
    const data = [...oldestFirst].reverse()
    const limit = params.limit ? Math.max(1, Math.min(100, Number(params.limit))) : 10
    let from = 0
    if (params.starting_after) from = data.findIndex((o) => o.id === params.starting_after) + 1
    const page = data.slice(from, from + limit)
    return { page, has_more: from + limit < data.length }
  }

  // ---- invoices: totals follow their items
  const itemsOf = (invoiceId: string) => [...state.invoiceitems.values()].filter((ii) => ii.invoice === invoiceId)
  const refreshInvoice = (inv: any) => {
    const items = itemsOf(inv.id)
    inv.lines = {
      object: "list",
      data: items.map((ii) => ({
        id: "il_" + ii.id.slice(3),
        object: "line_item",
        amount: ii.amount,
        currency: ii.currency,
        description: ii.description,
        invoice: inv.id,
        livemode: false,
        metadata: ii.metadata,
        parent: { type: "invoice_item_details", invoice_item_details: { invoice_item: ii.id } },
        period: ii.period,
        quantity: ii.quantity,
      })),
      has_more: false,
      total_count: items.length,
      url: `/v1/invoices/${inv.id}/lines`,
    }
    if (inv.status === "draft") {
      const total = items.reduce((s, ii) => s + ii.amount, 0)
      inv.subtotal = total
      inv.subtotal_excluding_tax = total
      inv.total = total
      inv.total_excluding_tax = total
      inv.amount_due = Math.max(0, total)
      inv.amount_remaining = inv.amount_due
    }
  }
  const markPaid = (inv: any, outOfBand = false) => {
    inv.status = "paid"
    inv.amount_paid = outOfBand ? 0 : inv.amount_remaining
    inv.amount_remaining = 0
    inv.paid_out_of_band = outOfBand
    inv.status_transitions.paid_at = now()
  }

  // ---- payment intents: which test cards decline
  const declineFor = (paymentMethod: string | undefined, customer: any, offSession: boolean): string | null => {
    if (paymentMethod === "pm_card_chargeDeclined" || customer?.metadata?.decline === "true") return "card_declined"
    if (paymentMethod === "pm_card_chargeDeclinedInsufficientFunds") return "card_declined"
    if (paymentMethod === "pm_card_authenticationRequired" && offSession) return "authentication_required"
    return null
  }
  const confirmIntent = (pi: any, offSession: boolean): Answer => {
    if (!pi.payment_method) {
      return invalid(
        "You cannot confirm this PaymentIntent because it's missing a payment method. Update the payment_method and try again.",
        "payment_method",
        "payment_intent_unexpected_state"
      )
    }
    const declined = declineFor(pi.payment_method, pi.customer ? state.customers.get(pi.customer) : null, offSession)
    if (declined) {
      pi.status = "requires_payment_method"
      const err = cardError(declined)
      pi.last_payment_error = { ...err.body.error, payment_method: { id: pi.payment_method, object: "payment_method" } }
      err.body.error.payment_intent = clone(pi)
      err.body.error.payment_method = { id: pi.payment_method, object: "payment_method" }
      return err
    }
    pi.status = "succeeded"
    pi.amount_received = pi.amount
    pi.latest_charge = newId("ch_")
    pi.last_payment_error = null
    return ok(pi)
  }

  // ---------------------------------------------------------------- routes
  function route(method: string, path: string, p: Record<string, any>): Answer {
    const seg = path.split("/").filter(Boolean) // ["v1", kind, id?, action?]
    if (seg[0] !== "v1" || seg.length < 2 || seg.length > 4) return unknownUrl(method, path)
    const [, kind, id, action] = seg

    switch (kind) {
      case "customers": {
        if (!id && method === "POST") {
          const c = {
            id: newId("cus_"),
            object: "customer",
            address: null,
            balance: 0,
            created: now(),
            currency: null,
            default_source: null,
            delinquent: false,
            description: p.description ?? null,
            email: p.email ?? null,
            invoice_prefix: randomBytes(4).toString("hex").toUpperCase(),
            invoice_settings: { custom_fields: null, default_payment_method: p.invoice_settings?.default_payment_method ?? null, footer: null },
            livemode: false,
            metadata: metadataOf(p.metadata),
            name: p.name ?? null,
            phone: p.phone ?? null,
            preferred_locales: Array.isArray(p.preferred_locales) ? p.preferred_locales : [],
            shipping: null,
            tax_exempt: p.tax_exempt ?? "none",
          }
          state.customers.set(c.id, c)
          return ok(c)
        }
        if (!id && method === "GET") {
          const all = [...state.customers.values()].filter((c) => !p.email || c.email === p.email)
          const { page, has_more } = limited(all, p)
          return ok({ ...list(page, "/v1/customers"), has_more })
        }
        if (id && !action) {
          const c = state.customers.get(id)
          if (!c) return noSuch("customer", id)
          if (method === "GET") return ok(c)
          if (method === "POST") {
            for (const f of ["name", "email", "description", "phone"]) if (p[f] !== undefined) c[f] = p[f] === "" ? null : p[f]
            if (p.metadata) c.metadata = { ...c.metadata, ...metadataOf(p.metadata) }
            if (p.invoice_settings?.default_payment_method !== undefined) c.invoice_settings.default_payment_method = p.invoice_settings.default_payment_method || null
            return ok(c)
          }
        }
        return unknownUrl(method, path)
      }

      case "invoiceitems": {
        if (!id && method === "POST") {
          if (!p.customer) return missingParam("customer")
          const customer = state.customers.get(p.customer)
          if (!customer) return noSuch("customer", p.customer, "customer", 400)
          if (p.amount === undefined) return missingParam("amount")
          const amount = int(p.amount, "amount")
          if (isAnswer(amount)) return amount
          let inv: any = null
          if (p.invoice) {
            inv = state.invoices.get(p.invoice)
            if (!inv) return noSuch("invoice", p.invoice, "invoice", 400)
            if (inv.status !== "draft") {
              return invalid(`You can only add invoice items to draft invoices; invoice ${inv.id} is ${inv.status}.`, "invoice", "invoice_not_editable")
            }
            if (inv.customer !== customer.id) return invalid(`The invoice ${inv.id} belongs to another customer.`, "invoice")
          }
          const currency = String(p.currency ?? inv?.currency ?? customer.currency ?? "usd").toLowerCase()
          if (inv && currency !== inv.currency) {
            return invalid(`The currency of the invoice item (${currency}) must match the invoice's currency (${inv.currency}).`, "currency")
          }
          const t = now()
          const ii = {
            id: newId("ii_"),
            object: "invoiceitem",
            amount,
            currency,
            customer: customer.id,
            date: t,
            description: p.description ?? null,
            discountable: amount >= 0,
            invoice: inv?.id ?? null,
            livemode: false,
            metadata: metadataOf(p.metadata),
            period: { start: Number(p.period?.start ?? t), end: Number(p.period?.end ?? t) },
            proration: false,
            quantity: Number(p.quantity ?? 1),
          }
          state.invoiceitems.set(ii.id, ii)
          if (inv) refreshInvoice(inv)
          return ok(ii)
        }
        if (!id && method === "GET") {
          const all = [...state.invoiceitems.values()].filter(
            (ii) =>
              (!p.invoice || ii.invoice === p.invoice) &&
              (!p.customer || ii.customer === p.customer) &&
              (p.pending === undefined || (ii.invoice === null) === bool(p.pending))
          )
          const { page, has_more } = limited(all, p)
          return ok({ ...list(page, "/v1/invoiceitems"), has_more })
        }
        if (id && !action && method === "GET") {
          const ii = state.invoiceitems.get(id)
          return ii ? ok(ii) : noSuch("invoiceitem", id)
        }
        return unknownUrl(method, path)
      }

      case "invoices": {
        if (!id && method === "POST") {
          if (!p.customer) return missingParam("customer")
          const customer = state.customers.get(p.customer)
          if (!customer) return noSuch("customer", p.customer, "customer", 400)
          const collection = p.collection_method ?? "charge_automatically"
          if (collection !== "charge_automatically" && collection !== "send_invoice") return invalid(`Invalid collection_method: ${collection}`, "collection_method")
          let daysUntilDue: number | null = null
          let dueDate: number | null = null
          if (p.days_until_due !== undefined) {
            const d = int(p.days_until_due, "days_until_due")
            if (isAnswer(d)) return d
            daysUntilDue = d
          }
          if (p.due_date !== undefined) {
            const d = int(p.due_date, "due_date")
            if (isAnswer(d)) return d
            dueDate = d
          }
          if (collection === "charge_automatically" && (daysUntilDue !== null || dueDate !== null)) {
            return invalid("You can only set `days_until_due` or `due_date` if `collection_method` is `send_invoice`.", daysUntilDue !== null ? "days_until_due" : "due_date")
          }
          if (collection === "send_invoice" && daysUntilDue === null && dueDate === null) {
            return invalid("Either `days_until_due` or `due_date` is required when `collection_method` is `send_invoice`.", "days_until_due", "parameter_missing")
          }
          const behavior = p.pending_invoice_items_behavior ?? "exclude"
          if (behavior !== "exclude" && behavior !== "include") return invalid(`Invalid pending_invoice_items_behavior: ${behavior}`, "pending_invoice_items_behavior")
          const t = now()
          const inv: any = {
            id: newId("in_"),
            object: "invoice",
            account_country: "US",
            account_name: "Stand-in",
            amount_due: 0,
            amount_overpaid: 0,
            amount_paid: 0,
            amount_remaining: 0,
            attempt_count: 0,
            attempted: false,
            auto_advance: bool(p.auto_advance),
            collection_method: collection,
            created: t,
            currency: String(p.currency ?? customer.currency ?? "usd").toLowerCase(),
            customer: customer.id,
            customer_email: customer.email,
            customer_name: customer.name,
            days_until_due: daysUntilDue,
            description: p.description ?? null,
            due_date: dueDate,
            effective_at: null,
            footer: p.footer ?? null,
            hosted_invoice_url: null,
            invoice_pdf: null,
            last_finalization_error: null,
            lines: null,
            livemode: false,
            metadata: metadataOf(p.metadata),
            number: p.number ?? null,
            paid_out_of_band: false,
            period_end: t,
            period_start: t,
            post_payment_credit_notes_amount: 0,
            pre_payment_credit_notes_amount: 0,
            status: "draft",
            status_transitions: { finalized_at: null, marked_uncollectible_at: null, paid_at: null, voided_at: null },
            subtotal: 0,
            subtotal_excluding_tax: 0,
            total: 0,
            total_excluding_tax: 0,
          }
          state.invoices.set(inv.id, inv)
          if (behavior === "include") {
            for (const ii of state.invoiceitems.values()) if (ii.customer === customer.id && ii.invoice === null && ii.currency === inv.currency) ii.invoice = inv.id
          }
          refreshInvoice(inv)
          return ok(inv)
        }
        if (!id && method === "GET") {
          const all = [...state.invoices.values()].filter((i) => (!p.customer || i.customer === p.customer) && (!p.status || i.status === p.status))
          const { page, has_more } = limited(all, p)
          return ok({ ...list(page, "/v1/invoices"), has_more })
        }
        if (!id) return unknownUrl(method, path)
        const inv = state.invoices.get(id)
        if (!inv) return noSuch("invoice", id)
        if (!action && method === "GET") return ok(inv)
        if (method !== "POST") return unknownUrl(method, path)
        switch (action) {
          case undefined: {
            if (p.metadata) inv.metadata = { ...inv.metadata, ...metadataOf(p.metadata) }
            for (const f of ["description", "footer"]) if (p[f] !== undefined) inv[f] = p[f] === "" ? null : p[f]
            if (p.number !== undefined) {
              if (inv.status !== "draft") return invalid("You can only change the number of a draft invoice.", "number", "invoice_not_editable")
              inv.number = p.number || null
            }
            return ok(inv)
          }
          case "finalize": {
            if (inv.status !== "draft") {
              return invalid(`This invoice is already finalized, you can't re-finalize a non-draft invoice (${inv.status}).`, undefined, "invoice_not_editable")
            }
            refreshInvoice(inv)
            const t = now()
            if (!inv.number) inv.number = `${state.customers.get(inv.customer)?.invoice_prefix ?? "STANDIN"}-${String(++invoiceSeq).padStart(4, "0")}`
            inv.status = "open"
            inv.status_transitions.finalized_at = t
            inv.effective_at = t
            if (inv.collection_method === "send_invoice" && inv.due_date === null) inv.due_date = t + (inv.days_until_due ?? 0) * 86400
            inv.hosted_invoice_url = `${baseUrl}/i/${inv.id}`
            inv.invoice_pdf = `${baseUrl}/i/${inv.id}/pdf`
            if (inv.total < 0) {
              // a negative total goes to the customer's credit balance
              const c = state.customers.get(inv.customer)
              if (c) c.balance += inv.total
            }
            if (inv.amount_due === 0) markPaid(inv)
            if (p.auto_advance !== undefined) inv.auto_advance = bool(p.auto_advance)
            return ok(inv)
          }
          case "send": {
            if (inv.collection_method !== "send_invoice") return invalid("You can only send invoices whose `collection_method` is `send_invoice`.")
            if (inv.status !== "open") return invalid(`You can only send an open invoice; this invoice is ${inv.status}.`, undefined, "invoice_not_editable")
            return ok(inv)
          }
          case "pay": {
            if (inv.status === "paid") return invalid("Invoice is already paid", undefined, "invoice_already_paid")
            if (inv.status !== "open") return invalid(`You can only pay an open invoice; this invoice is ${inv.status}.`, undefined, "invoice_not_editable")
            if (bool(p.paid_out_of_band)) {
              markPaid(inv, true)
              return ok(inv)
            }
            inv.attempted = true
            inv.attempt_count += 1
            const customer = state.customers.get(inv.customer)
            if (customer?.metadata?.decline === "true") return cardError("card_declined", { invoice: inv.id })
            markPaid(inv)
            return ok(inv)
          }
          case "void": {
            if (inv.status !== "open" && inv.status !== "uncollectible") return invalid(`You can only void an open or uncollectible invoice; this invoice is ${inv.status}.`)
            inv.status = "void"
            inv.status_transitions.voided_at = now()
            inv.amount_remaining = 0
            return ok(inv)
          }
          case "mark_uncollectible": {
            if (inv.status !== "open") return invalid(`You can only mark an open invoice uncollectible; this invoice is ${inv.status}.`)
            inv.status = "uncollectible"
            inv.status_transitions.marked_uncollectible_at = now()
            return ok(inv)
          }
        }
        return unknownUrl(method, path)
      }

      case "credit_notes": {
        if (!id && method === "POST") {
          if (!p.invoice) return missingParam("invoice")
          const inv = state.invoices.get(p.invoice)
          if (!inv) return noSuch("invoice", p.invoice, "invoice", 400)
          if (inv.status !== "open" && inv.status !== "paid") {
            return invalid(`You can only create a credit note for an open or paid invoice; this invoice is ${inv.status}.`, "invoice")
          }
          const lines: any[] = []
          const given = Array.isArray(p.lines) ? p.lines : []
          for (const [i, l] of given.entries()) {
            if (l?.type === "custom_line_item") {
              const qty = int(l.quantity ?? "1", `lines[${i}][quantity]`)
              if (isAnswer(qty)) return qty
              if (l.unit_amount === undefined) return missingParam(`lines[${i}][unit_amount]`)
              const unit = int(l.unit_amount, `lines[${i}][unit_amount]`)
              if (isAnswer(unit)) return unit
              lines.push({ type: "custom_line_item", description: l.description ?? null, quantity: qty, unit_amount: unit, amount: qty * unit })
            } else if (l?.type === "invoice_line_item") {
              const line = inv.lines.data.find((x: any) => x.id === l.invoice_line_item)
              if (!line) return noSuch("invoice line item", String(l.invoice_line_item), `lines[${i}][invoice_line_item]`, 400)
              const amount = l.amount !== undefined ? int(l.amount, `lines[${i}][amount]`) : line.amount
              if (isAnswer(amount)) return amount
              lines.push({ type: "invoice_line_item", description: line.description, invoice_line_item: line.id, quantity: 1, amount })
            } else {
              return invalid(`Invalid lines[${i}][type]: ${l?.type}`, `lines[${i}][type]`)
            }
          }
          let total = lines.reduce((s, l) => s + l.amount, 0)
          if (!lines.length) {
            if (p.amount === undefined) return missingParam("lines")
            const a = int(p.amount, "amount")
            if (isAnswer(a)) return a
            total = a
          }
          if (total <= 0) return invalid("The credit note's total must be positive.", "lines")
          const credited = [...state.credit_notes.values()].filter((cn) => cn.invoice === inv.id && cn.status !== "void").reduce((s, cn) => s + cn.total, 0)
          if (credited + total > inv.total) {
            return invalid(`The credit note's total (${total}) is more than what is left to credit on invoice ${inv.id} (${inv.total - credited}).`, "lines")
          }
          const type = inv.status === "open" ? "pre_payment" : "post_payment"
          let outOfBand: number | null = null
          if (p.out_of_band_amount !== undefined) {
            const o = int(p.out_of_band_amount, "out_of_band_amount")
            if (isAnswer(o)) return o
            if (type === "pre_payment") return invalid("`out_of_band_amount` is only for credit notes on paid invoices.", "out_of_band_amount")
            if (o < 0 || o > total) return invalid(`out_of_band_amount (${o}) must be between 0 and the credit note's total (${total}).`, "out_of_band_amount")
            outOfBand = o
          }
          const cnId = newId("cn_")
          const seq = [...state.credit_notes.values()].filter((cn) => cn.invoice === inv.id).length + 1
          const cn = {
            id: cnId,
            object: "credit_note",
            amount: total,
            amount_shipping: 0,
            created: now(),
            currency: inv.currency,
            customer: inv.customer,
            customer_balance_transaction: null,
            discount_amount: 0,
            invoice: inv.id,
            lines: {
              object: "list",
              data: lines.map((l) => ({ id: newId("cnli_"), object: "credit_note_line_item", livemode: false, ...l })),
              has_more: false,
              url: `/v1/credit_notes/${cnId}/lines`,
            },
            livemode: false,
            memo: p.memo ?? null,
            metadata: metadataOf(p.metadata),
            number: `${inv.number}-CN-${String(seq).padStart(2, "0")}`,
            out_of_band_amount: outOfBand,
            pdf: `${baseUrl}/cn/${cnId}/pdf`,
            reason: p.reason ?? null,
            refunds: [],
            status: "issued",
            subtotal: total,
            subtotal_excluding_tax: total,
            total,
            total_excluding_tax: total,
            type,
            voided_at: null,
          }
          state.credit_notes.set(cn.id, cn)
          if (type === "pre_payment") {
            inv.pre_payment_credit_notes_amount += total
            inv.amount_due -= total
            inv.amount_remaining -= total
            if (inv.amount_remaining === 0) markPaid(inv)
          } else {
            inv.post_payment_credit_notes_amount += total
            // what is not credited outside Stripe goes to the customer's balance
            const c = state.customers.get(inv.customer)
            if (c) c.balance -= total - (outOfBand ?? 0)
          }
          return ok(cn)
        }
        if (!id && method === "GET") {
          const all = [...state.credit_notes.values()].filter((cn) => !p.invoice || cn.invoice === p.invoice)
          const { page, has_more } = limited(all, p)
          return ok({ ...list(page, "/v1/credit_notes"), has_more })
        }
        if (id && !action && method === "GET") {
          const cn = state.credit_notes.get(id)
          return cn ? ok(cn) : noSuch("credit_note", id)
        }
        return unknownUrl(method, path)
      }

      case "payment_intents": {
        if (!id && method === "POST") {
          if (p.amount === undefined) return missingParam("amount")
          const amount = int(p.amount, "amount")
          if (isAnswer(amount)) return amount
          if (amount < 1) return invalid("This value must be greater than or equal to 1.", "amount")
          if (!p.currency) return missingParam("currency")
          let customer: any = null
          if (p.customer) {
            customer = state.customers.get(p.customer)
            if (!customer) return noSuch("customer", p.customer, "customer", 400)
          }
          const confirm = bool(p.confirm)
          const offSession = bool(p.off_session)
          if (p.off_session !== undefined && !confirm) return invalid("You can only pass `off_session` when `confirm=true`.", "off_session")
          const id2 = newId("pi_")
          const pi: any = {
            id: id2,
            object: "payment_intent",
            amount,
            amount_capturable: 0,
            amount_received: 0,
            automatic_payment_methods: p.automatic_payment_methods ? { enabled: bool(p.automatic_payment_methods.enabled) } : null,
            canceled_at: null,
            capture_method: p.capture_method ?? "automatic",
            client_secret: `${id2}_secret_${randomBytes(12).toString("hex")}`,
            confirmation_method: p.confirmation_method ?? "automatic",
            created: now(),
            currency: String(p.currency).toLowerCase(),
            customer: customer?.id ?? null,
            description: p.description ?? null,
            last_payment_error: null,
            latest_charge: null,
            livemode: false,
            metadata: metadataOf(p.metadata),
            payment_method: p.payment_method ?? null,
            payment_method_types: Array.isArray(p.payment_method_types) ? p.payment_method_types : ["card"],
            receipt_email: p.receipt_email ?? null,
            setup_future_usage: p.setup_future_usage ?? null,
            status: p.payment_method ? "requires_confirmation" : "requires_payment_method",
          }
          if (confirm && !pi.payment_method) {
            return invalid(
              "You cannot confirm this PaymentIntent because it's missing a payment method. Update the payment_method and try again.",
              "payment_method",
              "payment_intent_unexpected_state"
            )
          }
          state.payment_intents.set(pi.id, pi)
          return confirm ? confirmIntent(pi, offSession) : ok(pi)
        }
        if (!id && method === "GET") {
          const all = [...state.payment_intents.values()].filter((pi) => !p.customer || pi.customer === p.customer)
          const { page, has_more } = limited(all, p)
          return ok({ ...list(page, "/v1/payment_intents"), has_more })
        }
        if (!id) return unknownUrl(method, path)
        const pi = state.payment_intents.get(id)
        if (!pi) return noSuch("payment_intent", id)
        if (!action && method === "GET") return ok(pi)
        if (method !== "POST") return unknownUrl(method, path)
        const settled = pi.status === "succeeded" || pi.status === "canceled"
        switch (action) {
          case undefined: {
            if (settled) return invalid(`This PaymentIntent's status is ${pi.status}; it can no longer be updated.`, undefined, "payment_intent_unexpected_state")
            if (p.amount !== undefined) {
              const a = int(p.amount, "amount")
              if (isAnswer(a)) return a
              pi.amount = a
            }
            if (p.metadata) pi.metadata = { ...pi.metadata, ...metadataOf(p.metadata) }
            if (p.description !== undefined) pi.description = p.description || null
            if (p.payment_method !== undefined) {
              pi.payment_method = p.payment_method || null
              pi.status = pi.payment_method ? "requires_confirmation" : "requires_payment_method"
            }
            return ok(pi)
          }
          case "confirm": {
            if (settled) return invalid(`This PaymentIntent's status is ${pi.status}; it cannot be confirmed.`, undefined, "payment_intent_unexpected_state")
            if (p.payment_method) pi.payment_method = p.payment_method
            return confirmIntent(pi, bool(p.off_session))
          }
          case "cancel": {
            if (settled) return invalid(`This PaymentIntent's status is ${pi.status}; it cannot be canceled.`, undefined, "payment_intent_unexpected_state")
            pi.status = "canceled"
            pi.canceled_at = now()
            pi.cancellation_reason = p.cancellation_reason ?? null
            return ok(pi)
          }
        }
        return unknownUrl(method, path)
      }
    }
    return unknownUrl(method, path)
  }

  function unknownUrl(method: string, path: string): Answer {
    return {
      status: 404,
      body: { error: { type: "invalid_request_error", message: `Unrecognized request URL (${method}: ${path}). The Stripe stand-in does not serve it.` } },
    }
  }

  // ---------------------------------------------------------------- failures

  const takeRule = (method: string, path: string) => {
    for (const r of rules) {
      if (r.remaining <= 0) continue
      if (r.method && r.method.toUpperCase() !== method) continue
      if (typeof r.path === "string" ? r.path !== path : !new RegExp(r.path.source, r.path.flags.replace("g", "")).test(path)) continue
      r.remaining -= 1
      return r
    }
    return null
  }
  const injected = (r: StripeStandInFailure): Answer => {
    switch (r.status) {
      case 402:
        return cardError(r.code ?? "card_declined")
      case 429:
        return {
          status: 429,
          body: { error: { type: "invalid_request_error", code: r.code ?? "rate_limit", message: "Too many requests hit the API too quickly (injected by the stand-in)." } },
          // stripe-node retries a 429 only when told to
          headers: { "Stripe-Should-Retry": "true" },
        }
      case 400:
        return invalid("Invalid request (injected by the stand-in).", undefined, r.code ?? "parameter_invalid")
      default:
        return { status: 500, body: { error: { type: "api_error", ...(r.code ? { code: r.code } : {}), message: "An unknown error occurred (injected by the stand-in)." } } }
    }
  }
  // Stripe keeps an idempotent result once the endpoint ran: successes and declines.
  const storable = (status: number) => (status >= 200 && status < 300) || status === 402

  // ---------------------------------------------------------------- http

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on("data", (c: Buffer) => chunks.push(c))
    req.on("end", () => {
      try {
        handle(req, Buffer.concat(chunks).toString("utf8"), res)
      } catch (e: any) {
        send(res, { status: 500, body: { error: { type: "api_error", message: `stand-in failure: ${e?.message ?? e}` } } })
      }
    })
  })

  function send(res: http.ServerResponse, answer: Answer | { status: number; raw: string; headers?: Record<string, string> }, delayMs = 0) {
    const write = () => {
      if (res.destroyed || res.writableEnded) return
      const text = "raw" in answer ? answer.raw : JSON.stringify(answer.body)
      res.writeHead(answer.status, {
        "Content-Type": "application/json",
        "Content-Length": Buffer.byteLength(text),
        "Request-Id": newId("req_"),
        "Stripe-Version": STRIPE_STAND_IN_API_VERSION,
        ...(answer.status >= 400 && answer.status < 500 && answer.status !== 409 && answer.status !== 429 ? { "Stripe-Should-Retry": "false" } : {}),
        ...(answer.headers ?? {}),
      })
      res.end(text)
    }
    if (delayMs > 0) {
      const t = setTimeout(() => {
        timers.delete(t)
        write()
      }, delayMs)
      timers.add(t)
    } else {
      write()
    }
  }

  /** Sends a signed event to `opts.webhookUrl` (when set), as Stripe's webhook delivery would. */
  async function deliver(type: string, object: any) {
    if (!opts.webhookUrl) return null
    const ev = api_.signedEvent(type, clone(object))
    const r = await fetch(opts.webhookUrl, { method: "POST", headers: { "content-type": "application/json", "stripe-signature": ev.signature }, body: ev.body })
    return { status: r.status, body: await r.text() }
  }

  function hostedPage(id: string, pay: boolean, res: http.ServerResponse) {
    const inv = state.invoices.get(id)
    const html = (body: string, status = 200) => {
      res.writeHead(status, { "Content-Type": "text/html; charset=utf-8" })
      res.end(`<!doctype html><meta charset="utf-8"><title>Invoice ${inv?.number ?? id}</title><body style="font-family:sans-serif;max-width:32rem;margin:3rem auto">${body}</body>`)
    }
    if (!inv) return html(`<p>No such invoice: ${id}</p>`, 404)
    const amount = `${(inv.amount_due / 100).toFixed(2)} ${String(inv.currency).toUpperCase()}`
    if (!pay) {
      return html(
        `<h1>Invoice ${inv.number}</h1><p>Status: <b id="status">${inv.status}</b></p><p>Amount due: <b>${amount}</b></p>` +
          (inv.status === "open" ? `<form method="post" action="/i/${id}/pay"><button id="pay" type="submit">Pay ${amount} (test card)</button></form>` : "") +
          `<p><small>Stripe stand-in (call-billing demo): no money moves.</small></p>`
      )
    }
    if (inv.status !== "open") return html(`<p>Invoice ${inv.number} is ${inv.status}.</p><p><a href="/i/${id}">Back</a></p>`, 400)
    markPaid(inv)
    deliver("invoice.paid", inv)
      .then((r) => html(`<h1>Paid</h1><p id="status">Invoice ${inv.number} is paid.</p><p>Webhook: ${r ? `HTTP ${r.status}` : "no webhook URL"}</p>`))
      .catch((e) => html(`<h1>Paid</h1><p id="status">Invoice ${inv.number} is paid.</p><p>Webhook failed: ${e.message}</p>`))
  }

  function handle(req: http.IncomingMessage, body: string, res: http.ServerResponse) {
    const method = (req.method ?? "GET").toUpperCase()
    const url = new URL(req.url ?? "/", "http://127.0.0.1")
    const path = url.pathname
    const params = method === "POST" ? parseStripeForm(body) : parseStripeForm(url.search.slice(1))
    const keyHeader = req.headers["idempotency-key"]
    const idempotencyKey = typeof keyHeader === "string" && keyHeader ? keyHeader : undefined
    const record = (status: number, replayed: boolean) => requests.push({ method, path, idempotencyKey, params, replayed, status })

    // the hosted invoice page (hosted_invoice_url): the customer pays here, and
    // Stripe tells the app through a signed invoice.paid webhook
    const hosted = /^\/i\/(in_[0-9a-f]+)(\/pay)?$/.exec(path)
    if (hosted) return hostedPage(hosted[1], method === "POST" && !!hosted[2], res)

    const auth = req.headers.authorization ?? ""
    if (!/^Bearer (sk|rk)_\S+$/.test(auth)) {
      record(401, false)
      return send(res, { status: 401, body: { error: { type: "invalid_request_error", message: "Invalid API Key provided (the stand-in takes any sk_… key)." } } })
    }

    const rule = takeRule(method, path)
    if (rule && !rule.after_commit) {
      // the request never ran; a decline is still a result Stripe keeps for the key
      const failure = injected(rule)
      if (method === "POST" && idempotencyKey && failure.status === 402 && !idempotency.has(idempotencyKey)) {
        idempotency.set(idempotencyKey, { fingerprint: fingerprintOf(method, path, params), status: 402, body: JSON.stringify(failure.body) })
      }
      record(failure.status, false)
      return send(res, failure, rule.delay_ms)
    }

    let answer: Answer | { status: number; raw: string; headers?: Record<string, string> }
    let replayed = false
    const stored = method === "POST" && idempotencyKey ? idempotency.get(idempotencyKey) : undefined
    if (stored) {
      if (stored.fingerprint !== fingerprintOf(method, path, params)) {
        answer = {
          status: 400,
          body: {
            error: {
              type: "idempotency_error",
              message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
            },
          },
        }
      } else {
        replayed = true
        answer = { status: stored.status, raw: stored.body, headers: { "Idempotent-Replayed": "true", "Original-Request": "req_stand_in" } }
      }
    } else {
      answer = route(method, path, params)
      if (method === "POST" && idempotencyKey && storable(answer.status)) {
        idempotency.set(idempotencyKey, { fingerprint: fingerprintOf(method, path, params), status: answer.status, body: JSON.stringify((answer as Answer).body) })
      }
    }

    if (rule?.after_commit) {
      // done and stored, but the answer is lost
      const failure = injected(rule)
      record(failure.status, replayed)
      return send(res, failure, rule.delay_ms)
    }
    record(answer.status, replayed)
    send(res, answer)
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  baseUrl = `http://127.0.0.1:${port}`

  const api_: StripeStandIn = {
    port,
    url: baseUrl,
    api: { host: "127.0.0.1", port, protocol: "http" },
    webhookSecret,
    requests,
    state,
    fail(rule) {
      rules.push({ ...rule, remaining: rule.times ?? 1 })
    },
    signedEvent(type, object, o = {}) {
      const timestamp = o.timestamp ?? now()
      const event = {
        id: o.id ?? newId("evt_"),
        object: "event",
        api_version: STRIPE_STAND_IN_API_VERSION,
        created: timestamp,
        data: { object },
        livemode: false,
        pending_webhooks: 1,
        request: { id: null, idempotency_key: null },
        type,
      }
      // compact JSON, signed over the exact bytes sent: `t=<ts>,v1=<HMAC-SHA256 of "<ts>.<body>">`
      const body = JSON.stringify(event)
      const v1 = createHmac("sha256", o.secret ?? webhookSecret).update(`${timestamp}.${body}`).digest("hex")
      return { body, signature: `t=${timestamp},v1=${v1}`, event }
    },
    expireIdempotencyKeys() {
      idempotency.clear()
    },
    setWebhookUrl(url) {
      opts.webhookUrl = url ?? undefined
    },
    reset() {
      for (const m of Object.values(state)) m.clear()
      requests.length = 0
      idempotency.clear()
      rules.length = 0
      invoiceSeq = 0
    },
    async close() {
      for (const t of timers) clearTimeout(t)
      timers.clear()
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
    },
  }
  return api_
}
