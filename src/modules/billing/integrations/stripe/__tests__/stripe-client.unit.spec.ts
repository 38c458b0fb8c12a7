import fc from "fast-check"
import type Stripe from "stripe"
import { parseStripeForm, startStripeStandIn, type StripeStandIn } from "../../../../../../integration-tests/stand-ins/stripe"
import {
  daysUntilDue,
  createStripeClient,
  createStripeTopUp,
  ensureStripeCustomer,
  pushStripeCreditNote,
  pushStripeInvoice,
  StripeWebhookSignatureError,
  verifyStripeWebhook,
  type StripeIntegrationOptions,
  type StripeInvoiceInput,
} from ".."
import { fromMinorUnits, stripeCurrencyScale, toMinorUnits } from "../minor-units"

// The real SDK against the stand-in over loopback: nothing here mocks Stripe.

const WEBHOOK_SECRET = "whsec_unit_test"
const ACCOUNT = { id: "bacct_1", code: "ACME", name: "Acme Calls", email: "ap@acme.test", currency_code: "USD" }

let standIn: StripeStandIn
beforeAll(async () => {
  standIn = await startStripeStandIn({ webhookSecret: WEBHOOK_SECRET })
})
afterAll(async () => {
  await standIn?.close()
})
beforeEach(() => standIn.reset())

/** stripe-node waits at least 0.5 s before a retry and has no option for it; keep the tests fast. */
function client(options: Partial<StripeIntegrationOptions> = {}): Stripe {
  const stripe = createStripeClient({ secret_key: "sk_test_stand_in", api: standIn.api, ...options })
  Object.assign(stripe as any, { getInitialNetworkRetryDelay: () => 0.01, getMaxNetworkRetryDelay: () => 0.02 })
  return stripe
}

const posts = (path: string | RegExp) =>
  standIn.requests.filter((r) => r.method === "POST" && (typeof path === "string" ? r.path === path : path.test(r.path)))
const fresh = (path: string | RegExp) => posts(path).filter((r) => !r.replayed && r.status < 300)

/** 100.00 − 10.00 + 0.05 net, VAT 18.01: 108.06 USD. */
function invoiceInput(customer_id: string, over: Partial<StripeInvoiceInput["invoice"]> = {}): StripeInvoiceInput {
  return {
    invoice: { id: "binv_1", number: "INV-2026-0001", currency_code: "USD", total: "108.06", due_date: "2026-12-31", days_until_due: 14, tax_inclusive: false, ...over },
    customer_id,
    lines: [
      { id: "bil_1", description: "Platform fee", amount: "100.00" },
      { id: "bil_2", description: "Volume discount", amount: "-10.00" },
      { id: "bil_3", description: "Calls to mobiles", amount: "0.05" },
    ],
    taxes: [{ id: "btax_1", name: "VAT 20%", amount: "18.01" }],
  }
}

describe("minor units", () => {
  it("converts exactly, with Stripe's exponent for the currency", () => {
    expect(toMinorUnits("12.30", "USD")).toBe(1230)
    expect(toMinorUnits("0.29", "usd")).toBe(29) // 0.29 * 100 is 28.999999999999996 in floats
    expect(toMinorUnits("-0.05", "EUR")).toBe(-5)
    expect(toMinorUnits("12.3000", "USD")).toBe(1230) // trailing zeros are not decimals that matter
    expect(toMinorUnits("0", "USD")).toBe(0)
    expect(Object.is(toMinorUnits("-0.00", "USD"), -0)).toBe(false)
    expect(toMinorUnits("500", "JPY")).toBe(500)
    expect(toMinorUnits("500.0", "KRW")).toBe(500)
    expect(toMinorUnits("1.234", "BHD")).toBe(1234)
    expect(toMinorUnits("-7.5", "KWD")).toBe(-7500)
    // ICU prints HUF without decimals, but Stripe takes it as two-decimal
    expect(toMinorUnits("175", "HUF")).toBe(17500)
    // Stripe's special cases: whole krónur/shillings, sent ×100
    expect(toMinorUnits("5", "ISK")).toBe(500)
    expect(toMinorUnits("5", "UGX")).toBe(500)
    expect(toMinorUnits("90071992547409.91", "USD")).toBe(Number.MAX_SAFE_INTEGER)
  })

  it("refuses more decimals than the currency has, naming the amount and currency, and never rounds", () => {
    expect(() => toMinorUnits("12.345", "USD")).toThrow(/12\.345 USD has more than 2 decimals/)
    expect(() => toMinorUnits("500.5", "JPY")).toThrow(/500\.5 JPY has more than 0 decimals/)
    expect(() => toMinorUnits("1.2345", "BHD")).toThrow(/1\.2345 BHD has more than 3 decimals/)
    expect(() => toMinorUnits("5.50", "ISK")).toThrow(/5\.50 ISK/)
    // beyond decimal.js's default 20 significant digits: still refused, not rounded into a whole
    expect(() => toMinorUnits("1.0000000000000000000001", "USD")).toThrow(/more than 2 decimals/)
    expect(() => toMinorUnits("90071992547409.92", "USD")).toThrow(/too large/)
    for (const bad of ["1e3", "12,30", "", " 1", "+1", ".5"]) expect(() => toMinorUnits(bad, "USD")).toThrow(/not a decimal string/)
    expect(() => toMinorUnits(12.3 as any, "USD")).toThrow(/not a decimal string/)
    expect(() => toMinorUnits("1", "US")).toThrow(/three-letter/)
  })

  it("converts back with the currency's decimals", () => {
    expect(fromMinorUnits(1230, "USD")).toBe("12.30")
    expect(fromMinorUnits(-5, "eur")).toBe("-0.05")
    expect(fromMinorUnits(0, "USD")).toBe("0.00")
    expect(fromMinorUnits(500, "JPY")).toBe("500")
    expect(fromMinorUnits(1234, "BHD")).toBe("1.234")
    expect(fromMinorUnits(500, "ISK")).toBe("5")
    expect(fromMinorUnits(501, "ISK")).toBe("5.01") // exact, even where Stripe breaks its own rule
    expect(() => fromMinorUnits(1.5, "USD")).toThrow(/not an integer/)
    expect(stripeCurrencyScale("isk")).toEqual({ decimals: 0, exponent: 2 })
  })

  it("round-trips every integer amount", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.constantFrom("USD", "JPY", "BHD", "KWD", "EUR", "VND", "TND"), (units, currency) => {
        expect(toMinorUnits(fromMinorUnits(units, currency), currency)).toBe(units)
      })
    )
    fc.assert(fc.property(fc.integer({ min: -1e10, max: 1e10 }), (whole) => expect(toMinorUnits(fromMinorUnits(whole * 100, "ISK"), "ISK")).toBe(whole * 100)))
  })
})

describe("the stand-in", () => {
  it("reads nested form keys as the SDK writes them", () => {
    expect(parseStripeForm("lines[0][type]=custom_line_item&lines[0][unit_amount]=1200&metadata[a%20b]=c+d&expand[]=x&__proto__[y]=1")).toEqual({
      lines: [{ type: "custom_line_item", unit_amount: "1200" }],
      metadata: { "a b": "c d" },
      expand: ["x"],
    })
  })

  it("pages lists newest first, as the SDK's auto-pagination expects", async () => {
    const stripe = client()
    const ids: string[] = []
    for (const name of ["A", "B", "C"]) ids.push((await stripe.customers.create({ name })).id)
    const all = await stripe.customers.list({ limit: 2 }).autoPagingToArray({ limit: 10 })
    expect(all.map((c) => c.id)).toEqual(ids.reverse())
    expect(standIn.requests.filter((r) => r.method === "GET").map((r) => r.params.starting_after ?? null)).toEqual([null, all[1].id])
  })

  it("refuses an idempotency key reused with other parameters, like Stripe", async () => {
    const stripe = client()
    await stripe.customers.create({ name: "A" }, { idempotencyKey: "k1" })
    await expect(stripe.customers.create({ name: "B" }, { idempotencyKey: "k1" })).rejects.toMatchObject({ type: "StripeIdempotencyError", statusCode: 400 })
    expect(standIn.state.customers.size).toBe(1)
  })
})

describe("ensureStripeCustomer", () => {
  it("creates the customer once, however often it is called", async () => {
    const stripe = client()
    const first = await ensureStripeCustomer(stripe, ACCOUNT)
    const again = await ensureStripeCustomer(stripe, ACCOUNT, null) // a retried job that never stored the id
    const known = await ensureStripeCustomer(stripe, ACCOUNT, first)
    expect(again).toBe(first)
    expect(known).toBe(first)
    expect(first).toMatch(/^cus_/)
    expect(standIn.state.customers.size).toBe(1)
    expect(standIn.state.customers.get(first)).toMatchObject({
      name: "Acme Calls",
      email: "ap@acme.test",
      metadata: { call_billing_account_id: "bacct_1", call_billing_account_code: "ACME" },
    })
    expect(posts("/v1/customers").map((r) => [r.idempotencyKey, r.replayed])).toEqual([
      ["cb-customer-bacct_1", false],
      ["cb-customer-bacct_1", true],
    ])
  })

  it("lets Stripe's error through for a known id Stripe does not have", async () => {
    await expect(ensureStripeCustomer(client(), ACCOUNT, "cus_gone")).rejects.toMatchObject({
      type: "StripeInvalidRequestError",
      statusCode: 404,
      code: "resource_missing",
    })
  })
})

describe("pushStripeInvoice", () => {
  const stripeInvoices = () => [...standIn.state.invoices.values()]

  it("pushes lines and taxes so Stripe's total is ours, with our number, then sends it", async () => {
    const stripe = client()
    const customer = await ensureStripeCustomer(stripe, ACCOUNT)
    const out = await pushStripeInvoice(stripe, {}, invoiceInput(customer))

    expect(stripeInvoices()).toHaveLength(1)
    const inv = standIn.state.invoices.get(out.id)
    expect(inv).toMatchObject({
      number: "INV-2026-0001",
      total: 10806,
      amount_due: 10806,
      currency: "usd",
      status: "open",
      collection_method: "send_invoice",
      // the invoice's own terms, not Stripe's default 30
      days_until_due: 14,
      auto_advance: false,
      customer,
      metadata: { call_billing_invoice_id: "binv_1", call_billing_invoice_number: "INV-2026-0001" },
    })
    expect(inv.total).toBe(toMinorUnits("108.06", "USD"))
    expect(out).toEqual({ id: inv.id, status: "open", number: "INV-2026-0001", hosted_invoice_url: inv.hosted_invoice_url, amount_due: 10806 })
    expect(out.hosted_invoice_url).toMatch(/^http/)
    const items = [...standIn.state.invoiceitems.values()]
    expect(items.map((i) => [i.metadata.call_billing_line_id, i.description, i.amount, i.invoice])).toEqual([
      ["bil_1", "Platform fee", 10000, inv.id],
      ["bil_2", "Volume discount", -1000, inv.id],
      ["bil_3", "Calls to mobiles", 5, inv.id],
      ["btax_1", "VAT 20%", 1801, inv.id],
    ])
    expect(fresh(`/v1/invoices/${inv.id}/send`)).toHaveLength(1)
    // every write carried one of our keys
    for (const r of standIn.requests.filter((r) => r.method === "POST")) expect(r.idempotencyKey).toMatch(/^cb-/)
    expect(posts("/v1/invoiceitems").map((r) => r.idempotencyKey)).toEqual([
      "cb-invoice-item-binv_1-bil_1",
      "cb-invoice-item-binv_1-bil_2",
      "cb-invoice-item-binv_1-bil_3",
      "cb-invoice-item-binv_1-btax_1",
    ])
  })

  it("creates nothing twice when the same invoice is pushed again, with or without the stored id", async () => {
    const stripe = client()
    const customer = await ensureStripeCustomer(stripe, ACCOUNT)
    const first = await pushStripeInvoice(stripe, {}, invoiceInput(customer))
    const lost = await pushStripeInvoice(stripe, {}, invoiceInput(customer), null) // the id was never stored
    const known = await pushStripeInvoice(stripe, {}, invoiceInput(customer), first.id)
    expect(lost).toEqual(first)
    expect(known).toEqual(first)
    expect(stripeInvoices()).toHaveLength(1)
    expect(standIn.state.invoiceitems.size).toBe(4)
    expect(fresh("/v1/invoices")).toHaveLength(1)
    expect(fresh(`/v1/invoices/${first.id}/finalize`)).toHaveLength(1)
    expect(fresh(`/v1/invoices/${first.id}/send`)).toHaveLength(1) // the customer got one email
  })

  it("finds the invoice an earlier attempt made even after Stripe has forgotten the keys", async () => {
    const stripe = client()
    const customer = await ensureStripeCustomer(stripe, ACCOUNT)
    // another invoice of the same customer, and ours, whose id was never stored
    await pushStripeInvoice(stripe, {}, invoiceInput(customer, { id: "binv_0", number: "INV-2026-0000" }))
    const first = await pushStripeInvoice(stripe, {}, invoiceInput(customer))
    standIn.expireIdempotencyKeys()
    const later = await pushStripeInvoice(stripe, {}, invoiceInput(customer), null)
    expect(later).toEqual(first)
    expect(stripeInvoices()).toHaveLength(2)
    expect(standIn.state.invoiceitems.size).toBe(8)
    expect(fresh(/\/send$/)).toHaveLength(2) // one email each: the mark on the invoice outlives the keys
    expect(standIn.state.invoices.get(first.id).metadata).toMatchObject({ call_billing_collection: "sent" })
  })

  it("resumes a draft from the items already on it", async () => {
    const stripe = client({ max_network_retries: 0 })
    const customer = await ensureStripeCustomer(stripe, ACCOUNT)
    // the first item is created but its answer is lost: the job stops with a draft of one item
    standIn.fail({ method: "POST", path: "/v1/invoiceitems", status: 500, after_commit: true })
    await expect(pushStripeInvoice(stripe, {}, invoiceInput(customer))).rejects.toMatchObject({ type: "StripeAPIError" })
    const [draft] = stripeInvoices()
    expect(draft).toMatchObject({ status: "draft", total: 10000 })
    expect(standIn.state.invoiceitems.size).toBe(1)

    const out = await pushStripeInvoice(stripe, {}, invoiceInput(customer), draft.id)
    expect(out).toMatchObject({ id: draft.id, status: "open", amount_due: 10806 })
    expect(standIn.state.invoiceitems.size).toBe(4)
    // found on the draft by its metadata: not even asked for again
    expect(posts("/v1/invoiceitems").filter((r) => r.idempotencyKey === "cb-invoice-item-binv_1-bil_1")).toHaveLength(1)
  })

  it("never makes a second invoice when Stripe created one but the answer was lost, past the SDK's retries", async () => {
    const stripe = client() // 2 retries: three attempts, all answered 500
    const customer = await ensureStripeCustomer(stripe, ACCOUNT)
    standIn.fail({ method: "POST", path: "/v1/invoices", status: 500, times: 3, after_commit: true })
    await expect(pushStripeInvoice(stripe, {}, invoiceInput(customer))).rejects.toMatchObject({ type: "StripeAPIError", statusCode: 500 })
    expect(stripeInvoices()).toHaveLength(1)
    expect(stripeInvoices()[0].status).toBe("draft")
    expect(posts("/v1/invoices").map((r) => [r.idempotencyKey, r.replayed, r.status])).toEqual([
      ["cb-invoice-binv_1", false, 500],
      ["cb-invoice-binv_1", true, 500],
      ["cb-invoice-binv_1", true, 500],
    ])

    // the job retries, without the Stripe id it never received
    const out = await pushStripeInvoice(stripe, {}, invoiceInput(customer), null)
    expect(stripeInvoices()).toHaveLength(1)
    expect(out).toMatchObject({ id: stripeInvoices()[0].id, status: "open", amount_due: 10806 })
    expect(standIn.state.invoiceitems.size).toBe(4)
  })

  it("lets the SDK retry a 500 and a 429 itself, with the same key", async () => {
    const stripe = client()
    const customer = await ensureStripeCustomer(stripe, ACCOUNT)
    standIn.fail({ method: "POST", path: "/v1/invoices", status: 500 })
    standIn.fail({ method: "POST", path: "/v1/invoiceitems", status: 429 })
    const out = await pushStripeInvoice(stripe, {}, invoiceInput(customer))
    expect(out.status).toBe("open")
    expect(posts("/v1/invoices").map((r) => [r.idempotencyKey, r.status])).toEqual([
      ["cb-invoice-binv_1", 500],
      ["cb-invoice-binv_1", 200],
    ])
    expect(posts("/v1/invoiceitems").slice(0, 2).map((r) => [r.idempotencyKey, r.status])).toEqual([
      ["cb-invoice-item-binv_1-bil_1", 429],
      ["cb-invoice-item-binv_1-bil_1", 200],
    ])
    expect(stripeInvoices()).toHaveLength(1)
    expect(standIn.state.invoiceitems.size).toBe(4)
  })

  it("makes one invoice when a request times out after Stripe did it, retried by the SDK or by the job", async () => {
    const customer = await ensureStripeCustomer(client(), ACCOUNT)
    // the SDK's own retry
    standIn.fail({ method: "POST", path: "/v1/invoices", status: 500, after_commit: true, delay_ms: 1000 })
    const out = await pushStripeInvoice(client({ timeout_ms: 150 }), {}, invoiceInput(customer))
    expect(out.status).toBe("open")
    expect(stripeInvoices()).toHaveLength(1)
    expect(posts("/v1/invoices").map((r) => r.replayed)).toEqual([false, true])

    // no SDK retries: the push fails, the job's retry finds the same invoice
    const second = invoiceInput(customer, { id: "binv_2", number: "INV-2026-0002" })
    standIn.fail({ method: "POST", path: "/v1/invoices", status: 500, after_commit: true, delay_ms: 1000 })
    const impatient = client({ timeout_ms: 150, max_network_retries: 0 })
    await expect(pushStripeInvoice(impatient, {}, second)).rejects.toMatchObject({ type: "StripeConnectionError" })
    expect(stripeInvoices()).toHaveLength(2)
    const again = await pushStripeInvoice(impatient, {}, second, null)
    expect(stripeInvoices()).toHaveLength(2)
    expect(standIn.state.invoices.get(again.id)).toMatchObject({ number: "INV-2026-0002", status: "open", total: 10806 })
  })

  it("returns an open invoice, without throwing, when the card is declined in charge_automatically mode", async () => {
    const stripe = client()
    const customer = await ensureStripeCustomer(stripe, ACCOUNT)
    standIn.state.customers.get(customer).metadata.decline = "true"
    const out = await pushStripeInvoice(stripe, { mode: "charge_automatically" }, invoiceInput(customer))
    expect(out).toMatchObject({ status: "open", amount_due: 10806, number: "INV-2026-0001" })
    expect(standIn.state.invoices.get(out.id)).toMatchObject({ collection_method: "charge_automatically", days_until_due: null, attempt_count: 1, amount_paid: 0 })
    expect(posts(`/v1/invoices/${out.id}/pay`)).toEqual([expect.objectContaining({ status: 402, idempotencyKey: "cb-invoice-pay-binv_1" })])
    expect(posts(/\/send$/)).toHaveLength(0)

    // a retried job does not charge the card again: the decline is marked on the invoice, dunning takes over
    expect(standIn.state.invoices.get(out.id).metadata).toMatchObject({ call_billing_collection: "declined: card_declined" })
    await expect(pushStripeInvoice(stripe, { mode: "charge_automatically" }, invoiceInput(customer), out.id)).resolves.toMatchObject({ status: "open" })
    expect(standIn.state.invoices.get(out.id).attempt_count).toBe(1)
    expect(posts(/\/pay$/)).toHaveLength(1)

    // an injected 402 is a decline too; a good card pays
    const ok = await ensureStripeCustomer(stripe, { ...ACCOUNT, id: "bacct_2", code: "GOOD" })
    standIn.fail({ method: "POST", path: /\/pay$/, status: 402 })
    const declined = await pushStripeInvoice(stripe, { mode: "charge_automatically" }, invoiceInput(ok, { id: "binv_2", number: "INV-2026-0002" }))
    expect(declined.status).toBe("open")
    const paid = await pushStripeInvoice(stripe, { mode: "charge_automatically" }, invoiceInput(ok, { id: "binv_3", number: "INV-2026-0003" }))
    expect(paid).toMatchObject({ status: "paid", amount_due: 10806 })
    expect(standIn.state.invoices.get(paid.id).amount_paid).toBe(10806)
  })

  it("only finalizes a zero-total invoice", async () => {
    const stripe = client()
    const customer = await ensureStripeCustomer(stripe, ACCOUNT)
    const out = await pushStripeInvoice(stripe, {}, {
      invoice: { id: "binv_0", number: "INV-2026-0000", currency_code: "USD", total: "0.00", tax_inclusive: false },
      customer_id: customer,
      lines: [{ id: "bil_0", description: "No calls this month", amount: "0.00" }],
      taxes: [],
    })
    expect(out).toMatchObject({ status: "paid", amount_due: 0 })
    expect(posts(/\/(send|pay)$/)).toHaveLength(0)
  })

  it("keeps taxes out of the items of a tax-inclusive invoice, and names them in its description", async () => {
    const stripe = client()
    const customer = await ensureStripeCustomer(stripe, ACCOUNT)
    const out = await pushStripeInvoice(stripe, {}, {
      invoice: { id: "binv_g", number: "INV-2026-0010", currency_code: "USD", total: "120.00", tax_inclusive: true },
      customer_id: customer,
      lines: [{ id: "bil_g", description: "Platform fee (incl. VAT)", amount: "120.00" }],
      taxes: [{ id: "btax_g", name: "VAT 20%", amount: "20.00" }],
    })
    expect(standIn.state.invoices.get(out.id)).toMatchObject({ total: 12000, description: "Prices include tax: VAT 20% 20.00 USD." })
    expect([...standIn.state.invoiceitems.values()].map((i) => i.amount)).toEqual([12000])
  })

  it("sends nothing when our lines do not add up to our total", async () => {
    const input = invoiceInput("cus_x", { total: "108.07" })
    await expect(pushStripeInvoice(client(), {}, input)).rejects.toThrow(/add up to 108\.06 USD, not its total 108\.07 USD/)
    await expect(pushStripeInvoice(client(), {}, { ...input, invoice: { ...input.invoice, total: "108.065" } })).rejects.toThrow(/108\.065 USD/)
    expect(standIn.requests).toHaveLength(0)
  })

  it("never finalizes a draft whose Stripe total differs from ours", async () => {
    const stripe = client()
    const customer = await ensureStripeCustomer(stripe, ACCOUNT)
    // a draft someone added a line to in the Stripe dashboard
    const draft = await stripe.invoices.create({ customer, collection_method: "send_invoice", days_until_due: 30, currency: "usd" })
    await stripe.invoiceItems.create({ customer, invoice: draft.id, amount: 999, currency: "usd", description: "Manual" })
    await expect(pushStripeInvoice(stripe, {}, invoiceInput(customer), draft.id)).rejects.toThrow(/totals 118\.05 USD, ours is 108\.06 USD; it was not finalized/)
    expect(standIn.state.invoices.get(draft.id as string).status).toBe("draft")
    expect(posts(/\/finalize$/)).toHaveLength(0)
  })

  it("is exact in a zero-decimal and a three-decimal currency", async () => {
    const stripe = client()
    const customer = await ensureStripeCustomer(stripe, ACCOUNT)
    const jpy = await pushStripeInvoice(stripe, {}, {
      invoice: { id: "binv_j", number: "INV-J-1", currency_code: "JPY", total: "1100", tax_inclusive: false },
      customer_id: customer,
      lines: [{ id: "l1", description: "Calls", amount: "1000" }],
      taxes: [{ id: "t1", name: "JCT 10%", amount: "100" }],
    })
    const bhd = await pushStripeInvoice(stripe, {}, {
      invoice: { id: "binv_b", number: "INV-B-1", currency_code: "BHD", total: "10.123", tax_inclusive: false },
      customer_id: customer,
      lines: [{ id: "l1", description: "Calls", amount: "9.203" }],
      taxes: [{ id: "t1", name: "VAT 10%", amount: "0.920" }],
    })
    expect(standIn.state.invoices.get(jpy.id)).toMatchObject({ currency: "jpy", total: 1100 })
    expect(standIn.state.invoices.get(bhd.id)).toMatchObject({ currency: "bhd", total: 10123 })
  })
})

describe("pushStripeCreditNote", () => {
  it("pushes a credit note once, against the Stripe invoice", async () => {
    const stripe = client()
    const customer = await ensureStripeCustomer(stripe, ACCOUNT)
    const inv = await pushStripeInvoice(stripe, {}, invoiceInput(customer))
    const input = {
      credit_note: { id: "bcn_1", number: "CN-2026-0001", currency_code: "USD", total: "12.00", reason: "Dropped calls" },
      stripe_invoice_id: inv.id,
    }
    const first = await pushStripeCreditNote(stripe, input)
    const lost = await pushStripeCreditNote(stripe, input, null)
    const known = await pushStripeCreditNote(stripe, input, first.id)
    expect(lost).toEqual(first)
    expect(known).toEqual(first)
    expect(standIn.state.credit_notes.size).toBe(1)
    expect(standIn.state.credit_notes.get(first.id)).toMatchObject({
      invoice: inv.id,
      total: 1200,
      memo: "Dropped calls",
      type: "pre_payment",
      metadata: { call_billing_credit_note_id: "bcn_1" },
      lines: { data: [expect.objectContaining({ type: "custom_line_item", description: "Credit note CN-2026-0001: Dropped calls", quantity: 1, unit_amount: 1200 })] },
    })
    expect(posts("/v1/credit_notes").map((r) => r.idempotencyKey)).toEqual(["cb-credit-note-bcn_1"]) // the retry found it on the invoice
    standIn.expireIdempotencyKeys()
    expect(await pushStripeCreditNote(stripe, input)).toEqual(first)
    expect(standIn.state.credit_notes.size).toBe(1)
    expect(standIn.state.invoices.get(inv.id).amount_due).toBe(10806 - 1200)
  })

  it("credits a paid invoice outside Stripe, so Stripe's customer balance does not credit it twice", async () => {
    const stripe = client()
    const customer = await ensureStripeCustomer(stripe, ACCOUNT)
    const inv = await pushStripeInvoice(stripe, { mode: "charge_automatically" }, invoiceInput(customer))
    expect(inv.status).toBe("paid")
    const { id } = await pushStripeCreditNote(stripe, {
      credit_note: { id: "bcn_2", number: "CN-2026-0002", currency_code: "USD", total: "5.00", reason: "Goodwill" },
      stripe_invoice_id: inv.id,
    })
    expect(standIn.state.credit_notes.get(id)).toMatchObject({ type: "post_payment", total: 500, out_of_band_amount: 500 })
    expect(standIn.state.customers.get(customer).balance).toBe(0)
  })
})

describe("createStripeTopUp", () => {
  it("starts a top-up once per key, for the customer to confirm", async () => {
    const stripe = client()
    const customer = await ensureStripeCustomer(stripe, ACCOUNT)
    const input = { account_id: "bacct_1", customer_id: customer, amount: "50.00", currency_code: "USD", key: "req-1" }
    const out = await createStripeTopUp(stripe, input)
    expect(await createStripeTopUp(stripe, input)).toEqual(out)
    expect(out).toMatchObject({ status: "requires_payment_method", client_secret: expect.stringMatching(/^pi_.+_secret_/) })
    expect(standIn.state.payment_intents.size).toBe(1)
    expect(standIn.state.payment_intents.get(out.id)).toMatchObject({
      amount: 5000,
      currency: "usd",
      customer,
      metadata: { call_billing_account_id: "bacct_1", call_billing_purpose: "wallet_top_up" },
    })
    expect(posts("/v1/payment_intents").map((r) => r.idempotencyKey)).toEqual(["cb-topup-req-1", "cb-topup-req-1"])
  })

  it("charges a saved card off session, and reports a decline instead of throwing", async () => {
    const stripe = client()
    const customer = await ensureStripeCustomer(stripe, ACCOUNT)
    const base = { account_id: "bacct_1", customer_id: customer, currency_code: "USD" }
    const paid = await createStripeTopUp(stripe, { ...base, amount: "20.00", key: "auto-1", payment_method: "pm_card_visa" })
    expect(paid).toMatchObject({ status: "succeeded" })
    expect(standIn.state.payment_intents.get(paid.id)).toMatchObject({ amount_received: 2000 })
    expect(posts("/v1/payment_intents")[0].params).toMatchObject({ off_session: "true", confirm: "true", payment_method: "pm_card_visa" })

    const declined = await createStripeTopUp(stripe, { ...base, amount: "20.00", key: "auto-2", payment_method: "pm_card_chargeDeclined" })
    expect(declined).toEqual({
      id: expect.stringMatching(/^pi_/),
      status: "declined",
      client_secret: null,
      declined: { code: "card_declined", message: "Your card was declined." },
    })
    expect(standIn.state.payment_intents.get(declined.id)).toMatchObject({ status: "requires_payment_method", amount_received: 0 })
    await expect(createStripeTopUp(stripe, { ...base, amount: "20.005", key: "auto-3" })).rejects.toThrow(/20\.005 USD/)
    await expect(createStripeTopUp(stripe, { ...base, amount: "0.00", key: "auto-4" })).rejects.toThrow(/must be positive/)
    expect(standIn.state.payment_intents.size).toBe(2)
  })
})

describe("verifyStripeWebhook", () => {
  const object = { id: "in_1", object: "invoice", amount_paid: 12000 }

  it("accepts a good signature, from a string or a Buffer", () => {
    const { body, signature } = standIn.signedEvent("invoice.paid", object, { id: "evt_1" })
    expect(verifyStripeWebhook(body, signature, WEBHOOK_SECRET)).toMatchObject({ id: "evt_1", type: "invoice.paid", data: { object } })
    expect(verifyStripeWebhook(Buffer.from(body), signature, WEBHOOK_SECRET).id).toBe("evt_1")
  })

  it("refuses a tampered body, another secret, a stale or future timestamp, a missing or malformed header", () => {
    const now = Math.floor(Date.now() / 1000)
    const { body, signature } = standIn.signedEvent("invoice.paid", object)
    const refused = (b: string, s: string | undefined) => {
      try {
        verifyStripeWebhook(b, s, WEBHOOK_SECRET)
      } catch (e) {
        expect(e).toBeInstanceOf(StripeWebhookSignatureError)
        return (e as Error).message
      }
      throw new Error("accepted")
    }
    expect(refused(body.replace('"amount_paid":12000', '"amount_paid":99'), signature)).toMatch(/does not match the body/)
    expect(refused(body, standIn.signedEvent("invoice.paid", object, { secret: "whsec_other" }).signature)).toMatch(/does not match/)
    const stale = standIn.signedEvent("invoice.paid", object, { timestamp: now - 301 })
    expect(refused(stale.body, stale.signature)).toMatch(/outside the tolerance of 300 s/)
    const future = standIn.signedEvent("invoice.paid", object, { timestamp: now + 3600 })
    expect(refused(future.body, future.signature)).toMatch(/outside the tolerance/)
    expect(refused(body, undefined)).toMatch(/missing Stripe-Signature header/)
    expect(refused(body, "garbage")).toMatch(/malformed header/)
    // a wider tolerance takes the stale one
    expect(verifyStripeWebhook(stale.body, stale.signature, WEBHOOK_SECRET, 600).type).toBe("invoice.paid")
  })
})

describe("daysUntilDue", () => {
  it("is the invoice's own terms: its due date less its issue date in the account's zone, at least 1, 30 without", () => {
    expect(daysUntilDue("2026-12-07", "2026-11-23T10:00:00Z", "Europe/London")).toBe(14)
    // issued on the 24th in Sydney (the 23rd in UTC), due 14 days later
    expect(daysUntilDue("2026-12-08", "2026-11-23T21:00:00Z", "Australia/Sydney")).toBe(14)
    // issued on the 23rd in New York (the 24th in UTC)
    expect(daysUntilDue("2026-12-07", "2026-11-24T01:00:00Z", "America/New_York")).toBe(14)
    expect(daysUntilDue("2026-11-23", "2026-11-23T10:00:00Z", "UTC")).toBe(1)
    expect(daysUntilDue(null, "2026-11-23T10:00:00Z", "UTC")).toBe(30)
  })
})
