import Decimal from "decimal.js"
import { XeroClient } from "xero-node"
import { startXeroStandIn, type XeroStandIn } from "../../../../../../integration-tests/stand-ins/xero"
import { XeroGateway, XeroContactsError, type XeroIntegrationOptions } from "../client"
import {
  toXeroContact,
  toXeroCreditNote,
  toXeroCreditNoteAllocation,
  toXeroInvoice,
  toXeroPayment,
  type XeroInvoiceInput,
  type XeroInvoicePayload,
} from "../mapping"
import { XeroRateLimiter } from "../rate-limiter"

const TENANT = "tenant-gateway"

describe("XeroGateway (real xero-node against the stand-in)", () => {
  let xero: XeroStandIn
  let options: XeroIntegrationOptions
  let gw: XeroGateway
  let contactId: string

  beforeAll(async () => {
    xero = await startXeroStandIn()
  })
  afterAll(async () => {
    await xero.close()
  })
  beforeEach(async () => {
    xero.reset()
    options = {
      client_id: "test-client",
      client_secret: "test-secret",
      tenant_id: TENANT,
      token_url: xero.token_url,
      api_base: xero.api_base,
      tax_types: { VAT20: "OUTPUT2" },
    }
    gw = new XeroGateway(options, { limiter: new XeroRateLimiter({ name: TENANT }) })
    ;[contactId] = await gw.upsertContacts([toXeroContact({ id: "bacc_1", code: "ACME", name: "Acme Ltd" })])
    xero.requests.length = 0
  })

  /** An invoice like the calculator makes: 3 call lines whose per-line tax would drift, one untaxed fee. */
  function ourInvoice(n: number, contact = contactId): XeroInvoiceInput {
    const cents = 1001 + ((n - 1) % 7)
    const line = (cents / 100).toFixed(2)
    const sub = new Decimal(line).mul(3).plus("5.00")
    const tax = new Decimal(line).mul(3).mul("0.2").toDecimalPlaces(2)
    return {
      invoice: {
        id: `inv_${n}`,
        number: `INV-${String(n).padStart(4, "0")}`,
        currency_code: "GBP",
        issued_at: "2026-01-31T12:00:00Z",
        due_date: "2026-02-14",
        subtotal: sub.toFixed(2),
        tax_total: tax.toFixed(2),
        total: sub.plus(tax).toFixed(2),
        tax_inclusive: false,
      },
      contact_id: contact,
      lines: [
        { id: "a", description: "UK landline minutes", quantity: "1001", unit_price: "0.01", amount: line, taxable: true },
        { id: "b", description: "UK mobile minutes", quantity: "1", amount: line, taxable: true },
        { id: "c", description: "Numbers", quantity: "1", amount: line, taxable: true },
        { id: "d", description: "Regulatory fee", quantity: "1", amount: "5.00", taxable: false },
      ],
      taxes: [{ code: "VAT20", name: "VAT", rate: "0.2", taxable_amount: new Decimal(line).mul(3).toFixed(2), amount: tax.toFixed(2) }],
    }
  }
  const payload = (n: number, contact?: string): XeroInvoicePayload => toXeroInvoice(ourInvoice(n, contact), options)

  it("upserts contacts: ids in order, and a retry updates instead of duplicating", async () => {
    const accounts = [
      { id: "bacc_2", code: "BETA", name: "Beta plc", email: "ap@beta.test", address: { line1: "1 Road", city: "York", country: "GB" } },
      { id: "bacc_3", code: "GAMMA", name: "Gamma GmbH", tax_id: "DE123" },
    ]
    const ids = await gw.upsertContacts(accounts.map(toXeroContact))
    expect(ids).toHaveLength(2)
    expect(xero.state.contacts.get(ids[0])).toMatchObject({ ContactNumber: "BETA", Name: "Beta plc", EmailAddress: "ap@beta.test" })
    expect(xero.state.contacts.get(ids[0]).Addresses[0]).toMatchObject({ AddressType: "POBOX", AddressLine1: "1 Road", City: "York" })
    // a retry without the ids (e.g. they were never saved) finds them by ContactNumber
    const again = await gw.upsertContacts(accounts.map((a) => toXeroContact({ ...a, name: a.name + " (renamed)" })))
    expect(again).toEqual(ids)
    expect(xero.state.contacts.size).toBe(3) // Acme + these two
    expect(xero.state.contacts.get(ids[1]).Name).toBe("Gamma GmbH (renamed)")
    const posts = xero.apiRequests("/Contacts", "POST")
    expect(posts.every((r) => r.idempotencyKey)).toBe(true)

    // a name clash fails that contact alone and is reported
    const err = await gw.upsertContacts([toXeroContact({ id: "x", code: "DUP", name: "Acme Ltd" })]).catch((e) => e)
    expect(err).toBeInstanceOf(XeroContactsError)
    expect(err.results[0]).toMatchObject({ ok: false, error: { code: "validation", retryable: false } })
    expect(err.results[0].error.validation_errors[0]).toMatch(/already assigned to another contact/)
  })

  it("sends 120 invoices in 3 requests of ≤ 50, with Xero's totals equal to ours; a retry creates none twice", async () => {
    const ours = Array.from({ length: 120 }, (_, i) => ourInvoice(i + 1))
    const payloads = ours.map((o) => toXeroInvoice(o, options))
    const results = await gw.createInvoices(payloads)
    expect(results.every((r) => r.ok)).toBe(true)
    const puts = xero.apiRequests("/Invoices", "PUT")
    expect(puts.map((r) => r.items)).toEqual([50, 50, 20])
    expect(puts.every((r) => r.status === 200 && typeof r.idempotencyKey === "string")).toBe(true)
    expect(new Set(puts.map((r) => r.idempotencyKey)).size).toBe(3)
    expect(xero.state.invoices.size).toBe(120)
    results.forEach((r, i) => {
      if (!r.ok) throw new Error("unreachable")
      expect(r).toMatchObject({ number: ours[i].invoice.number, status: "AUTHORISED", amount_paid: "0.00", already_existed: false })
      expect(r.total).toBe(ours[i].invoice.total) // stand-in total = Σ UnitAmount × Quantity + Σ TaxAmount, as Xero
      expect(xero.state.invoices.get(r.invoice_id)).toMatchObject({ Reference: ours[i].invoice.id, LineAmountTypes: "Exclusive" })
    })

    const retry = await gw.createInvoices(payloads)
    expect(xero.apiRequests("/Invoices", "PUT")).toHaveLength(3) // no new writes
    expect(xero.state.invoices.size).toBe(120)
    retry.forEach((r, i) => {
      expect(r).toMatchObject({ ok: true, already_existed: true, number: ours[i].invoice.number })
      if (r.ok && results[i].ok) expect(r.invoice_id).toBe((results[i] as any).invoice_id)
    })

    // a partial retry: 10 old + 5 new → only the 5 are written
    const mixed = await gw.createInvoices([...payloads.slice(0, 10), ...[121, 122, 123, 124, 125].map((n) => payload(n))])
    expect(mixed.filter((r) => r.ok && !r.already_existed)).toHaveLength(5)
    expect(xero.apiRequests("/Invoices", "PUT").at(-1)!.items).toBe(5)
    expect(xero.state.invoices.size).toBe(125)
  })

  it("sends the same number twice in one call once", async () => {
    const p = payload(1)
    const [a, b] = await gw.createInvoices([p, p])
    expect(a).toEqual(b)
    expect(xero.state.invoices.size).toBe(1)
  })

  it("one invalid invoice in a batch fails alone", async () => {
    const batch = Array.from({ length: 10 }, (_, i) => payload(i + 1))
    batch[4] = payload(5, "00000000-dead-beef-0000-000000000000") // unknown contact
    const results = await gw.createInvoices(batch)
    expect(results.filter((r) => r.ok)).toHaveLength(9)
    expect(results[4]).toMatchObject({
      ok: false,
      number: "INV-0005",
      error: { code: "validation", retryable: false },
    })
    expect((results[4] as any).error.validation_errors[0]).toMatch(/could not be found/)
    expect(xero.apiRequests("/Invoices", "PUT")).toHaveLength(1)
    expect(xero.state.invoices.size).toBe(9)

    // fixed, it goes through on its own (a new Idempotency-Key since the content changed)
    const [fixed] = await gw.createInvoices([payload(5)])
    expect(fixed).toMatchObject({ ok: true, already_existed: false })
    const keys = xero.apiRequests("/Invoices", "PUT").map((r) => r.idempotencyKey)
    expect(keys[0]).not.toBe(keys[1])
  })

  it("an outage surfaces as a retryable error per record; after it the same call succeeds", async () => {
    const batch = [payload(1), payload(2), payload(3)]
    xero.down(true)
    const during = await gw.createInvoices(batch)
    for (const r of during) expect(r).toMatchObject({ ok: false, error: { code: "unavailable", status: 503, retryable: true } })
    expect(xero.state.invoices.size).toBe(0)
    xero.down(false)
    const after = await gw.createInvoices(batch)
    expect(after.every((r) => r.ok && !r.already_existed)).toBe(true)
    expect(xero.state.invoices.size).toBe(3)
  })

  it("a write that failed mid-way is retried under the same Idempotency-Key, and the stand-in replays keys", async () => {
    xero.fail({ method: "PUT", path: "/Invoices", status: 500 })
    const first = await gw.createInvoices([payload(1), payload(2)])
    expect(first.every((r) => !r.ok && r.error.code === "unavailable")).toBe(true)
    const second = await gw.createInvoices([payload(1), payload(2)])
    expect(second.every((r) => r.ok)).toBe(true)
    const [failed, ok] = xero.apiRequests("/Invoices", "PUT")
    expect(failed.status).toBe(500)
    expect(ok.idempotencyKey).toBe(failed.idempotencyKey)

    // replay: the same key again answers the first answer and creates nothing
    const client = new XeroClient()
    client.accountingApi.basePath = xero.api_base
    const tok = await gw.tokens.getToken()
    client.setTokenSet({ access_token: tok.access_token, token_type: "Bearer", expires_at: tok.expires_at })
    const again = await client.accountingApi.createInvoices(TENANT, { invoices: [] }, false, 4, ok.idempotencyKey)
    expect(again.body.invoices?.map((i) => i.invoiceNumber)).toEqual(["INV-0001", "INV-0002"])
    expect(xero.state.invoices.size).toBe(2)
    expect(xero.apiRequests("/Invoices", "PUT").at(-1)!.replayed).toBe(true)
  })

  it("a summarized 400 ValidationException is reported per record", async () => {
    xero.fail({ method: "PUT", path: "/Invoices", status: 400 })
    const [r] = await gw.createInvoices([payload(1)])
    expect(r).toMatchObject({ ok: false, error: { code: "validation", status: 400 } })
  })

  it("payments update AmountPaid, then PAID; an overpayment fails alone", async () => {
    const [inv] = await gw.createInvoices([payload(1)])
    if (!inv.ok) throw new Error(inv.error.message)
    expect(inv.total).toBe("41.04")
    const pay = (id: string, amount: string) => ({
      id,
      payment: toXeroPayment({ payment: { id, amount, received_at: "2026-02-10T09:00:00Z" }, invoice_id_in_xero: inv.invoice_id }, options),
    })
    const first = await gw.createPayments([pay("pay_1", "20.00"), pay("pay_2", "500.00")])
    expect(first[0]).toMatchObject({ ok: true, id: "pay_1", invoice_id: inv.invoice_id, amount: "20.00", already_existed: false })
    expect(first[1]).toMatchObject({ ok: false, id: "pay_2", error: { code: "validation" } })
    expect((first[1] as any).error.validation_errors[0]).toMatch(/exceeds the amount outstanding/)
    expect(xero.apiRequests("/Payments", "PUT")[0].idempotencyKey).toBeTruthy()

    let [state] = await gw.getInvoicesByNumbers(["INV-0001"])
    expect(state).toMatchObject({ status: "AUTHORISED", total: "41.04", amount_paid: "20.00", amount_due: "21.04" })
    await gw.createPayments([pay("pay_3", "21.04")])
    ;[state] = await gw.getInvoicesByNumbers(["INV-0001"])
    expect(state).toMatchObject({ status: "PAID", amount_paid: "41.04", amount_due: "0.00" })
    const stored = [...xero.state.payments.values()].map((p) => [p.Reference, p.Amount, p.Account.Code])
    expect(stored).toEqual([
      ["pay_1", 20, "090"],
      ["pay_3", 21.04, "090"],
    ])

    // a retry of pay_1 (its answer was lost, say) finds it in Xero and writes nothing
    const putsBefore = xero.apiRequests("/Payments", "PUT").length
    const [retried] = await gw.createPayments([pay("pay_1", "20.00")])
    expect(retried).toMatchObject({ ok: true, id: "pay_1", already_existed: true, amount: "20.00" })
    expect(xero.apiRequests("/Payments", "PUT")).toHaveLength(putsBefore)
    expect(xero.state.payments.size).toBe(2)
  })

  it("credit notes: created once, allocated to the invoice", async () => {
    const [inv] = await gw.createInvoices([payload(1)])
    if (!inv.ok) throw new Error(inv.error.message)
    const credit_note = {
      id: "cn_1",
      number: "CN-0001",
      currency_code: "GBP",
      issued_at: "2026-02-03T10:00:00Z",
      subtotal: "10.00",
      tax_total: "2.00",
      total: "12.00",
      reason: "Dropped calls",
    }
    const cnPayload = toXeroCreditNote({ credit_note, contact_id: contactId, tax_type: "OUTPUT2" }, options)
    const [cn] = await gw.createCreditNotes([cnPayload])
    expect(cn).toMatchObject({ ok: true, number: "CN-0001", status: "AUTHORISED", total: "12.00", remaining_credit: "12.00", already_existed: false })
    const [again] = await gw.createCreditNotes([cnPayload])
    expect(again).toMatchObject({ ok: true, already_existed: true })
    expect(xero.state.credit_notes.size).toBe(1)
    if (!cn.ok) throw new Error("unreachable")

    const alloc = await gw.allocateCreditNote(cn.credit_note_id, toXeroCreditNoteAllocation({ credit_note, invoice_id_in_xero: inv.invoice_id }))
    expect(alloc).toMatchObject({ ok: true, amount: "12.00" })
    const [state] = await gw.getInvoicesByNumbers(["INV-0001"])
    expect(state).toMatchObject({ amount_credited: "12.00", amount_due: "29.04", status: "AUTHORISED" })
    const over = await gw.allocateCreditNote(cn.credit_note_id, { Amount: "1.00", Invoice: { InvoiceID: inv.invoice_id }, Date: "2026-02-03" })
    expect(over).toMatchObject({ ok: false, error: { code: "validation" } })
  })

  it("getInvoicesByNumbers reads totals back as decimal strings (reconciliation)", async () => {
    const results = await gw.createInvoices([payload(1), payload(2), payload(3)])
    expect(results.every((r) => r.ok)).toBe(true)
    xero.setInvoice("INV-0002", { AmountPaid: 20.5 })
    xero.setInvoice("INV-0003", { Total: 100, AmountPaid: 100 })
    const found = await gw.getInvoicesByNumbers(["INV-0003", "INV-0002", "INV-0001", "INV-9999"])
    expect(found).toEqual([
      expect.objectContaining({ number: "INV-0003", total: "100.00", amount_paid: "100.00", amount_due: "0.00", status: "PAID", currency_code: "GBP" }),
      expect.objectContaining({ number: "INV-0002", total: "41.07", amount_paid: "20.50", amount_due: "20.57", amount_credited: "0.00" }),
      expect.objectContaining({ number: "INV-0001", total: "41.04", amount_paid: "0.00" }),
    ])
    const gets = xero.apiRequests("/Invoices", "GET")
    expect(gets.at(-1)!.path).toBe("/api.xro/2.0/Invoices")
    expect(typeof found[0].total).toBe("string")
  })

  it("getInvoicesByNumbers follows Xero's pages", async () => {
    const paged = await startXeroStandIn({ maxPageSize: 20 })
    try {
      const o = { ...options, token_url: paged.token_url, api_base: paged.api_base }
      const g = new XeroGateway(o, { limiter: new XeroRateLimiter() })
      const [c] = await g.upsertContacts([toXeroContact({ id: "bacc_1", code: "ACME", name: "Acme Ltd" })])
      const numbers = Array.from({ length: 60 }, (_, i) => ourInvoice(i + 1, c))
      expect((await g.createInvoices(numbers.map((n) => toXeroInvoice(n, o)))).every((r) => r.ok)).toBe(true)
      paged.requests.length = 0
      const found = await g.getInvoicesByNumbers(numbers.map((n) => n.invoice.number))
      expect(found.map((f) => f.number)).toEqual(numbers.map((n) => n.invoice.number))
      // 50 numbers a request, 20 a page: pages 1–3 for the first 50, then 1 for the last 10
      expect(paged.apiRequests("/Invoices", "GET").map((r) => new URLSearchParams(r.query).get("page"))).toEqual(["1", "2", "3", "1"])
    } finally {
      await paged.close()
    }
  })

  it("tax-inclusive invoices keep Xero's total equal to ours", async () => {
    const input: XeroInvoiceInput = {
      invoice: { id: "inv_incl", number: "INV-INCL", currency_code: "GBP", issued_at: "2026-01-31", due_date: null, subtotal: "100.00", tax_total: "16.67", total: "100.00", tax_inclusive: true },
      contact_id: contactId,
      lines: ["33.33", "33.33", "33.34"].map((amount, i) => ({ id: `l${i}`, description: "Calls", quantity: "1", amount, taxable: true })),
      taxes: [{ code: "VAT20", name: "VAT", rate: "0.2", taxable_amount: "83.33", amount: "16.67" }],
    }
    const [r] = await gw.createInvoices([toXeroInvoice(input, options)])
    expect(r).toMatchObject({ ok: true, total: "100.00" })
    const stored = [...xero.state.invoices.values()][0]
    expect(stored).toMatchObject({ SubTotal: 83.33, TotalTax: 16.67, Total: 100, DueDate: stored.Date })
  })
})
