/**
 * Pushing our billing records to Stripe with the official SDK: customers,
 * invoices (with their lines and taxes as invoice items), credit notes,
 * wallet top-ups; and checking Stripe's webhook signatures.
 *
 * Exactly once: every mutating call carries an idempotency key made from our
 * ids (`cb-…`), so the SDK's own retries and a retried job replay Stripe's
 * stored answer instead of creating a second object; and a Stripe id we
 * stored earlier (`known`) resumes where an earlier attempt stopped. Keys
 * only hold for Stripe's 24 hours, so invoices and credit notes are also
 * looked up by our id in their metadata before one is created.
 *
 * Money goes to Stripe as integer minor units converted exactly
 * (./minor-units), and an invoice is never finalized unless Stripe's total
 * equals ours to the minor unit.
 */
import type Stripe from "stripe"
import { lazyModule } from "../../../../lib/lazy-module"
import { fromMinorUnits, toMinorUnits } from "./minor-units"
import { daysBetween, localDateOf } from "../../calc/periods"

/** the Stripe SDK, loaded on first use (see lazyModule) */
const stripeSdk = lazyModule(() => {
  const m = require("stripe")
  return (m.default ?? m) as typeof Stripe
})

export type StripeIntegrationOptions = {
  secret_key: string
  webhook_secret?: string
  /** how Stripe collects a pushed invoice (default "send_invoice": Stripe emails it) */
  mode?: "send_invoice" | "charge_automatically"
  /** for send_invoice (default 30) */
  days_until_due?: number
  /** where the SDK connects; tests point it at the stand-in */
  api?: { host: string; port: number; protocol: "http" | "https" }
  /** the SDK's own retries of a failed request, same idempotency key (default 2) */
  max_network_retries?: number
  /** per request (default 20000) */
  timeout_ms?: number
}

export type StripeAccountInput = { id: string; code: string; name: string; email?: string | null; currency_code: string }

export type StripeInvoiceInput = {
  invoice: {
    id: string
    number: string
    currency_code: string
    /** decimal string, major units */
    total: string
    /** YYYY-MM-DD */
    due_date?: string | null
    /** the invoice's payment terms (`daysUntilDue`); Stripe's default 30 without, unless the plugin option sets one */
    days_until_due?: number | null
    /** lines are gross: taxes are inside them, not added */
    tax_inclusive: boolean
  }
  customer_id: string
  /** net amounts in major units; may be negative */
  lines: Array<{ id: string; description: string; amount: string }>
  taxes: Array<{ id: string; name: string; amount: string }>
}

export type StripeInvoiceResult = { id: string; status: string; number: string | null; hosted_invoice_url: string | null; amount_due: number }

export type StripeCreditNoteInput = {
  credit_note: { id: string; number: string; currency_code: string; total: string; reason: string }
  stripe_invoice_id: string
}

export type StripeTopUpInput = {
  account_id: string
  customer_id: string
  /** decimal string, major units */
  amount: string
  currency_code: string
  /** our idempotency key for this top-up (the request's, or account + last ledger entry) */
  key: string
  /** a saved card: charged at once, off session (automatic top-up) */
  payment_method?: string
}

export type StripeTopUpResult = {
  id: string
  status: string
  client_secret: string | null
  declined?: { code: string; message: string }
}

const DEFAULT_DAYS_UNTIL_DUE = 30
/** Invoice metadata: how we collected it ("sent", "charged", "declined: <code>"). */
export const COLLECTION_MARK = "call_billing_collection"

/** A card error (decline, authentication required): an outcome, not a failure of the push. */
const isCardError = (e: unknown): e is Stripe.errors.StripeCardError =>
  !!e && typeof e === "object" && ((e as any).type === "StripeCardError" || (e as any).rawType === "card_error")

/**
 * A Stripe SDK instance for the plugin's options: no telemetry, bounded
 * timeout, a couple of automatic retries (safe: our calls carry idempotency
 * keys), and optionally another host (the tests' stand-in).
 *
 * @example
 * const stripe = createStripeClient({ secret_key: process.env.STRIPE_API_KEY! })
 * const local = createStripeClient({ secret_key: "sk_test_x", api: { host: "127.0.0.1", port: 12111, protocol: "http" } })
 */
export function createStripeClient(options: StripeIntegrationOptions): Stripe {
  if (!options?.secret_key) throw new Error("stripe.secret_key is not set")
  return new (stripeSdk())(options.secret_key, {
    ...(options.api ? { host: options.api.host, port: options.api.port, protocol: options.api.protocol } : {}),
    maxNetworkRetries: options.max_network_retries ?? 2,
    timeout: options.timeout_ms ?? 20000,
    telemetry: false,
  })
}

/**
 * The Stripe customer of a billing account: `known` is retrieved (and must
 * still exist); otherwise one is created with our account id and code in its
 * metadata, keyed `cb-customer-<account id>` so a retry cannot make two.
 *
 * @example
 * const customerId = await ensureStripeCustomer(stripe, { id: "bacct_1", code: "ACME", name: "Acme", email: "ap@acme.test", currency_code: "USD" })
 * await ensureStripeCustomer(stripe, account, customerId) // same id, nothing created
 */
export async function ensureStripeCustomer(stripe: Stripe, account: StripeAccountInput, known?: string | null): Promise<string> {
  if (known) {
    const found = await stripe.customers.retrieve(known)
    if ((found as Stripe.DeletedCustomer).deleted) {
      throw new Error(`Stripe customer ${known} of account ${account.code} was deleted in Stripe; clear it to create a new one`)
    }
    return found.id
  }
  const created = await stripe.customers.create(
    {
      name: account.name,
      ...(account.email ? { email: account.email } : {}),
      metadata: { call_billing_account_id: account.id, call_billing_account_code: account.code },
    },
    { idempotencyKey: `cb-customer-${account.id}` }
  )
  return created.id
}

type PlannedItem = { id: string; description: string; amount: number }

/**
 * The invoice's own payment terms in days (its due date less its local issue
 * date: the account's net days), for Stripe's `days_until_due`, so Stripe
 * asks for payment when the invoice says. Fixed for an invoice, so a retried
 * create sends the same parameters. At least 1, as Stripe needs; without a
 * due date, the default 30.
 *
 * @example
 * daysUntilDue("2026-12-07", "2026-11-23T22:30:00Z", "Europe/London") // 14
 */
export function daysUntilDue(dueDate: string | null | undefined, issuedAt: string | Date | null | undefined, timezone: string): number {
  if (!dueDate || !issuedAt) return DEFAULT_DAYS_UNTIL_DUE
  return Math.max(1, daysBetween(localDateOf(new Date(issuedAt), timezone), dueDate))
}

/**
 * Pushes a finalized invoice to Stripe and has Stripe collect it; resumable
 * at every step, so a retried job never creates anything twice:
 *
 * 1. `known` (the Stripe id stored earlier) is retrieved, else the
 *    customer's invoice carrying our id in its metadata, else a draft is
 *    created with our number (`cb-invoice-<id>`);
 * 2. while it is a draft, each of our lines, then each tax (unless the lines
 *    are tax-inclusive), that is not already an item on it is added
 *    (`cb-invoice-item-<id>-<line id>`, matched by `metadata.call_billing_line_id`);
 * 3. the draft's total is checked against ours to the minor unit, and only
 *    then finalized (`cb-invoice-finalize-<id>`);
 * 4. `send_invoice`: Stripe emails it (`cb-invoice-send-<id>`);
 *    `charge_automatically`: it is paid with the saved card
 *    (`cb-invoice-pay-<id>`), and a decline returns the open invoice instead
 *    of throwing (dunning takes it from there). Done once: the outcome is
 *    marked in its metadata (`call_billing_collection`). A zero total is
 *    finalized only.
 *
 * Throws before sending anything if our lines (and taxes) do not add up to
 * our total, or for a negative total (that is a credit note). Other Stripe
 * errors propagate as the SDK's errors.
 *
 * @example
 * const out = await pushStripeInvoice(stripe, { mode: "send_invoice" }, {
 *   invoice: { id: "binv_1", number: "INV-2026-0001", currency_code: "USD", total: "120.00", tax_inclusive: false },
 *   customer_id: "cus_123",
 *   lines: [{ id: "bil_1", description: "Platform fee", amount: "100.00" }],
 *   taxes: [{ id: "btax_1", name: "VAT 20%", amount: "20.00" }],
 * }, knownStripeInvoiceId)
 * // { id: "in_…", status: "open", number: "INV-2026-0001", hosted_invoice_url: "https://…", amount_due: 12000 }
 */
export async function pushStripeInvoice(
  stripe: Stripe,
  options: Pick<StripeIntegrationOptions, "mode" | "days_until_due">,
  input: StripeInvoiceInput,
  known?: string | null
): Promise<StripeInvoiceResult> {
  const { invoice } = input
  const code = invoice.currency_code.toUpperCase()
  const currency = code.toLowerCase()
  const mode = options.mode ?? "send_invoice"
  const total = toMinorUnits(invoice.total, code)
  const items = planItems(input, code)
  checkPlan(invoice.number, code, invoice.tax_inclusive, items, total)

  // 1. the draft (or what became of it)
  let inv: Stripe.Invoice
  const earlier = known ? null : await findByMetadata(stripe.invoices.list({ customer: input.customer_id, limit: 100 }), "call_billing_invoice_id", invoice.id)
  if (known || earlier) {
    inv = await stripe.invoices.retrieve((known ?? earlier!.id) as string)
  } else {
    const created = await stripe.invoices.create(
      {
        customer: input.customer_id,
        collection_method: mode,
        ...(mode === "send_invoice" ? { days_until_due: options.days_until_due ?? invoice.days_until_due ?? DEFAULT_DAYS_UNTIL_DUE } : {}),
        auto_advance: false,
        pending_invoice_items_behavior: "exclude",
        number: invoice.number,
        currency,
        ...(invoice.tax_inclusive && input.taxes.length ? { description: includedTaxText(input.taxes, code) } : {}),
        metadata: { call_billing_invoice_id: invoice.id, call_billing_invoice_number: invoice.number },
      },
      { idempotencyKey: `cb-invoice-${invoice.id}` }
    )
    // A replayed create answers with the draft as it was then; read what it is now.
    inv = await stripe.invoices.retrieve(created.id as string)
  }
  const id = inv.id as string
  if (inv.metadata?.call_billing_invoice_id && inv.metadata.call_billing_invoice_id !== invoice.id) {
    throw new Error(`Stripe invoice ${id} belongs to invoice ${inv.metadata.call_billing_invoice_id}, not ${invoice.id} (${invoice.number})`)
  }

  // 2–3. the items, the check, finalization
  if (inv.status === "draft") {
    const present = new Set<string>()
    for await (const item of stripe.invoiceItems.list({ invoice: id, limit: 100 })) {
      const lineId = item.metadata?.call_billing_line_id
      if (lineId) present.add(lineId)
    }
    for (const item of items) {
      if (present.has(item.id)) continue
      await stripe.invoiceItems.create(
        {
          customer: input.customer_id,
          invoice: id,
          amount: item.amount,
          currency,
          description: item.description,
          metadata: { call_billing_invoice_id: invoice.id, call_billing_line_id: item.id },
        },
        { idempotencyKey: `cb-invoice-item-${invoice.id}-${item.id}` }
      )
    }
    const draft = await stripe.invoices.retrieve(id)
    if (draft.total !== total) {
      throw new Error(
        `Stripe draft ${id} for invoice ${invoice.number} totals ${fromMinorUnits(draft.total, code)} ${code}, ` +
          `ours is ${fromMinorUnits(total, code)} ${code}; it was not finalized`
      )
    }
    inv = await stripe.invoices.finalizeInvoice(id, {}, { idempotencyKey: `cb-invoice-finalize-${invoice.id}` })
  }

  // 4. collection, once: the mark outlives the keys, so a push days later neither re-emails nor re-charges
  if (inv.status === "open" && total > 0 && !inv.metadata?.[COLLECTION_MARK]) {
    let outcome: string
    if (inv.collection_method === "send_invoice") {
      await stripe.invoices.sendInvoice(id, {}, { idempotencyKey: `cb-invoice-send-${invoice.id}` })
      outcome = "sent"
    } else {
      try {
        await stripe.invoices.pay(id, {}, { idempotencyKey: `cb-invoice-pay-${invoice.id}` })
        outcome = "charged"
      } catch (e) {
        if (!isCardError(e)) throw e
        // declined: the invoice stays open and the caller feeds dunning
        outcome = `declined: ${e.code ?? "card_error"}`
      }
    }
    inv = await stripe.invoices.update(id, { metadata: { [COLLECTION_MARK]: outcome } }, { idempotencyKey: `cb-invoice-collected-${invoice.id}` })
  }
  return {
    id,
    status: inv.status ?? "draft",
    number: inv.number ?? null,
    hosted_invoice_url: inv.hosted_invoice_url ?? null,
    amount_due: inv.amount_due,
  }
}

/**
 * The object an earlier attempt made, found by our id in its metadata: the
 * idempotency keys only last Stripe's 24 hours, this does not.
 */
async function findByMetadata<T extends { id?: string; metadata?: Stripe.Metadata | null }>(
  list: AsyncIterable<T>,
  key: string,
  value: string
): Promise<T | null> {
  for await (const candidate of list) if (candidate.metadata?.[key] === value) return candidate
  return null
}

/** Our lines, then our taxes unless the lines already include them, as Stripe invoice items. */
function planItems(input: StripeInvoiceInput, code: string): PlannedItem[] {
  const items: PlannedItem[] = input.lines.map((l) => ({ id: l.id, description: l.description, amount: toMinorUnits(l.amount, code) }))
  if (!input.invoice.tax_inclusive) {
    for (const t of input.taxes) items.push({ id: t.id, description: t.name, amount: toMinorUnits(t.amount, code) })
  }
  const seen = new Set<string>()
  for (const item of items) {
    if (seen.has(item.id)) throw new Error(`invoice ${input.invoice.number}: line or tax id ${item.id} appears twice`)
    seen.add(item.id)
  }
  return items
}

function checkPlan(number: string, code: string, taxInclusive: boolean, items: PlannedItem[], total: number) {
  if (total < 0) throw new Error(`invoice ${number} totals ${fromMinorUnits(total, code)} ${code}; a negative amount goes to Stripe as a credit note, not an invoice`)
  // BigInt: a sum of safe integers need not be one
  const sum = items.reduce((s, i) => s + BigInt(i.amount), 0n)
  if (sum !== BigInt(total)) {
    const what = taxInclusive ? "lines" : "lines and taxes"
    throw new Error(
      `invoice ${number}: its ${what} add up to ${fromMinorUnits(Number(sum), code)} ${code}, not its total ${fromMinorUnits(total, code)} ${code}; nothing was sent to Stripe`
    )
  }
}

/** For tax-inclusive invoices: the taxes inside the prices, as text on the Stripe invoice. */
function includedTaxText(taxes: StripeInvoiceInput["taxes"], code: string): string {
  const parts = taxes.map((t) => `${t.name} ${fromMinorUnits(toMinorUnits(t.amount, code), code)} ${code}`)
  return `Prices include tax: ${parts.join("; ")}.`
}

/**
 * Pushes a credit note against the Stripe invoice it credits, as one custom
 * line of its total, keyed `cb-credit-note-<id>`; `known`, or one already on
 * the invoice with our id in its metadata, is returned instead. Against a paid invoice the amount is marked as credited outside
 * Stripe (`out_of_band_amount`): our ledger holds the credit, and a Stripe
 * customer balance would take it off the next invoice a second time.
 *
 * @example
 * const { id } = await pushStripeCreditNote(stripe, {
 *   credit_note: { id: "bcn_1", number: "CN-2026-0001", currency_code: "USD", total: "12.00", reason: "Dropped calls" },
 *   stripe_invoice_id: "in_123",
 * })
 */
export async function pushStripeCreditNote(stripe: Stripe, input: StripeCreditNoteInput, known?: string | null): Promise<{ id: string }> {
  const cn = input.credit_note
  if (known) {
    const found = await stripe.creditNotes.retrieve(known)
    return { id: found.id }
  }
  const earlier = await findByMetadata(stripe.creditNotes.list({ invoice: input.stripe_invoice_id, limit: 100 }), "call_billing_credit_note_id", cn.id)
  if (earlier) return { id: earlier.id }
  const code = cn.currency_code.toUpperCase()
  const minor = toMinorUnits(cn.total, code)
  if (minor <= 0) throw new Error(`credit note ${cn.number} totals ${cn.total} ${code}; only a positive credit goes to Stripe`)
  const invoice = await stripe.invoices.retrieve(input.stripe_invoice_id)
  if (invoice.currency !== code.toLowerCase()) {
    throw new Error(`credit note ${cn.number} is in ${code}, Stripe invoice ${invoice.id} in ${String(invoice.currency).toUpperCase()}`)
  }
  const created = await stripe.creditNotes.create(
    {
      invoice: input.stripe_invoice_id,
      lines: [{ type: "custom_line_item", description: `Credit note ${cn.number}: ${cn.reason}`, quantity: 1, unit_amount: minor }],
      ...(invoice.status === "paid" ? { out_of_band_amount: minor } : {}),
      memo: cn.reason,
      metadata: { call_billing_credit_note_id: cn.id, call_billing_credit_note_number: cn.number },
    },
    { idempotencyKey: `cb-credit-note-${cn.id}` }
  )
  return { id: created.id }
}

/**
 * A wallet top-up as a Stripe PaymentIntent, keyed `cb-topup-<key>`. Without
 * a payment method it waits for the customer (use `client_secret` with
 * Stripe.js); with a saved card it is confirmed at once, off session, and a
 * decline comes back as `{ status: "declined", declined }` rather than thrown.
 *
 * @example
 * await createStripeTopUp(stripe, { account_id: "bacct_1", customer_id: "cus_1", amount: "50.00", currency_code: "USD", key: "req-42" })
 * // { id: "pi_…", status: "requires_payment_method", client_secret: "pi_…_secret_…" }
 * await createStripeTopUp(stripe, { ...same, key: "auto-bacct_1-bwal_9", payment_method: "pm_123" })
 * // { id: "pi_…", status: "succeeded", client_secret: "…" } or { status: "declined", declined: { code: "card_declined", message: "…" } }
 */
export async function createStripeTopUp(stripe: Stripe, input: StripeTopUpInput): Promise<StripeTopUpResult> {
  const code = input.currency_code.toUpperCase()
  const amount = toMinorUnits(input.amount, code)
  if (amount <= 0) throw new Error(`top-up of ${input.amount} ${code}: the amount must be positive`)
  try {
    const pi = await stripe.paymentIntents.create(
      {
        amount,
        currency: code.toLowerCase(),
        customer: input.customer_id,
        description: "Wallet top-up",
        metadata: { call_billing_account_id: input.account_id, call_billing_purpose: "wallet_top_up" },
        ...(input.payment_method ? { payment_method: input.payment_method, off_session: true, confirm: true } : {}),
      },
      { idempotencyKey: `cb-topup-${input.key}` }
    )
    return { id: pi.id, status: pi.status, client_secret: pi.client_secret ?? null }
  } catch (e) {
    if (!isCardError(e)) throw e
    return {
      id: e.payment_intent?.id ?? "",
      status: "declined",
      client_secret: null,
      declined: { code: e.code ?? "card_declined", message: e.message },
    }
  }
}

/** A Stripe webhook whose signature is missing, wrong or stale: answer 400 and change nothing. */
/**
 * Tells Stripe an invoice was settled outside it (a bank transfer recorded
 * here): `paid_out_of_band`, so Stripe neither chases nor charges the card
 * again. An invoice Stripe already has paid, void or uncollectible is left
 * as it is. Keyed `cb-invoice-oob-<our invoice id>`.
 *
 * @example
 * await markStripeInvoicePaidOutOfBand(stripe, "in_123", "binv_1") // "paid"
 */
export async function markStripeInvoicePaidOutOfBand(stripe: Stripe, stripeInvoiceId: string, invoiceId: string): Promise<string> {
  const inv = await stripe.invoices.retrieve(stripeInvoiceId)
  if (inv.status !== "open") return inv.status ?? "unknown"
  const paid = await stripe.invoices.pay(stripeInvoiceId, { paid_out_of_band: true }, { idempotencyKey: `cb-invoice-oob-${invoiceId}` })
  return paid.status ?? "paid"
}

/**
 * Voids an invoice in Stripe that was voided here (issued in error), so the
 * customer is no longer asked to pay it. Only an open invoice is voided; any
 * other status is answered as it is. Keyed `cb-invoice-void-<our invoice id>`.
 *
 * @example
 * await voidStripeInvoice(stripe, "in_123", "binv_1") // "void"
 */
export async function voidStripeInvoice(stripe: Stripe, stripeInvoiceId: string, invoiceId: string): Promise<string> {
  const inv = await stripe.invoices.retrieve(stripeInvoiceId)
  if (inv.status !== "open") return inv.status ?? "unknown"
  const voided = await stripe.invoices.voidInvoice(stripeInvoiceId, {}, { idempotencyKey: `cb-invoice-void-${invoiceId}` })
  return voided.status ?? "void"
}

export class StripeWebhookSignatureError extends Error {
  constructor(message: string) {
    super(message)
    this.name = "StripeWebhookSignatureError"
  }
}

/**
 * Checks a Stripe webhook's `Stripe-Signature` header against the raw body
 * (the exact bytes received) and returns the event. Throws
 * StripeWebhookSignatureError saying what was wrong: no header, a malformed
 * header, a signature that does not match (altered body or another secret),
 * or a timestamp more than `toleranceSeconds` away from now (a replay).
 *
 * @example
 * const event = verifyStripeWebhook(req.rawBody, req.headers["stripe-signature"], options.webhook_secret)
 * // event.type === "invoice.paid"
 */
export function verifyStripeWebhook(
  rawBody: string | Buffer,
  signature: string | undefined,
  secret: string,
  toleranceSeconds = 300
): Stripe.Event {
  if (!secret) throw new StripeWebhookSignatureError("no webhook secret is configured")
  if (!signature) throw new StripeWebhookSignatureError("missing Stripe-Signature header")
  if (rawBody === undefined || rawBody === null || rawBody.length === 0) throw new StripeWebhookSignatureError("empty body")
  // Stripe's check lets a timestamp from the future through; ours does not.
  const t = /(?:^|,)\s*t=(\d+)/.exec(signature)
  if (t && Number(t[1]) - Math.floor(Date.now() / 1000) > toleranceSeconds) {
    throw new StripeWebhookSignatureError(`timestamp ${t[1]} is outside the tolerance of ${toleranceSeconds} s`)
  }
  try {
    return stripeSdk().webhooks.constructEvent(rawBody, signature, secret, toleranceSeconds)
  } catch (e: any) {
    if (e?.type === "StripeSignatureVerificationError") {
      const message = String(e.message ?? "")
      if (/tolerance/i.test(message)) throw new StripeWebhookSignatureError(`timestamp ${t?.[1] ?? "?"} is outside the tolerance of ${toleranceSeconds} s`)
      if (/matching the expected signature/i.test(message)) {
        throw new StripeWebhookSignatureError("signature does not match the body: the body was altered or signed with another secret")
      }
      if (/expected scheme/i.test(message)) throw new StripeWebhookSignatureError("no v1 signature in the header")
      if (/extract timestamp/i.test(message)) throw new StripeWebhookSignatureError("malformed header: expected t=<timestamp>,v1=<signature>")
      throw new StripeWebhookSignatureError(message.split("\n")[0] || "invalid signature")
    }
    if (e instanceof SyntaxError) throw new StripeWebhookSignatureError("the signed body is not JSON")
    throw e
  }
}
