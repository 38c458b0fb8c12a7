import { BILLING_MODULE } from "../../../src/modules/billing"
import { closePeriodsWorkflow, createSubscriptionWorkflow } from "../../../src/workflows/billing"
import { startXeroStandIn, type XeroStandIn } from "../../stand-ins/xero"
import { adminHeaders } from "../helpers"

/**
 * A tenant on a 100 USD/month plan with VAT 20 %, billed by entity "CC":
 * November closes into a draft of 120.00 USD (100 + 20 VAT), due 14 days
 * after issue.
 */
export async function draftInvoiceWorld(
  api: any,
  container: any,
  headers: Record<string, any>,
  opts: { code?: string; email?: string | null; payment_mode?: "prepaid" | "postpaid"; account?: any } = {}
) {
  const billing: any = container.resolve(BILLING_MODULE)
  const code = opts.code ?? `acme${Math.random().toString(36).slice(2, 7)}`
  if (!(await billing.listIssuingEntities({ code: "main" })).length) {
    await billing.createIssuingEntities({ code: "main", legal_name: "Call Centre Ltd", currency_code: "USD", invoice_prefix: "CC", credit_note_prefix: "CCN" })
  }
  let [tp] = await billing.listTaxProfiles({ code: "vat20" })
  if (!tp) tp = await billing.createTaxProfiles({ code: "vat20", name: "VAT 20 %", components: [{ code: "vat", name: "VAT", rate: "0.2" }] })
  const account =
    opts.account ??
    (
    await api.post(
      "/admin/call-billing/billing-accounts",
      {
        code,
        name: `${code} contact centre`,
        email: opts.email === undefined ? `billing@${code}.test` : opts.email,
        currency_code: "USD",
        timezone: "Europe/London",
        country_code: "44",
        ...(opts.payment_mode ? { payment_mode: opts.payment_mode } : {}),
      },
      { headers }
    )
  ).data.billing_account
  await billing.updateBillingAccounts({
    id: account.id,
    tax_profile_id: tp.id,
    anchor_day: 1,
    net_days: 14,
    ...(opts.account ? { email: opts.email === undefined ? `billing@${account.code}.test` : opts.email } : {}),
  })
  const plan = await billing.createPlans({
    code: `p-${account.code}`,
    name: "Contact centre",
    currency_code: "USD",
    interval: "month",
    components: [{ code: "base", name: "Platform", type: "recurring", price: "100", in_arrears: true }],
  })
  await createSubscriptionWorkflow(container).run({ input: { account_id: account.id, plan_id: plan.id, start_date: "2026-11-01" } })
  await closePeriodsWorkflow(container).run({ input: { account_ids: [account.id], as_of: "2026-12-01T02:00:00Z" } })
  const [invoice] = await billing.listInvoices({ account_id: account.id, kind: "invoice" })
  return { account, invoice, billing }
}

/**
 * A Xero stand-in for a spec file, started before the app boots (the app
 * reads its Xero options then) and pointed at by the plugin's environment
 * options; stopped after. Each spec file runs in its own module registry, so
 * its app has its own rate limiter: a file's calls do not count against
 * another's minute.
 */
export function useXeroStandIn(tenant: string, options: { timeoutMs?: number } = {}): { readonly xero: XeroStandIn } {
  const holder = {} as { xero: XeroStandIn }
  beforeAll(async () => {
    holder.xero = await startXeroStandIn({ clientId: "xero-client", clientSecret: "xero-secret", tenants: [tenant] })
    Object.assign(process.env, {
      CALL_BILLING_XERO_CLIENT_ID: "xero-client",
      CALL_BILLING_XERO_CLIENT_SECRET: "xero-secret",
      CALL_BILLING_XERO_TENANT_ID: tenant,
      CALL_BILLING_XERO_TOKEN_URL: holder.xero.token_url,
      CALL_BILLING_XERO_API_BASE: holder.xero.api_base,
      CALL_BILLING_XERO_TAX_TYPES: JSON.stringify({ vat: "OUTPUT2" }),
      ...(options.timeoutMs ? { CALL_BILLING_XERO_TIMEOUT_MS: String(options.timeoutMs) } : {}),
    })
  })
  afterAll(async () => {
    for (const k of Object.keys(process.env).filter((k) => k.startsWith("CALL_BILLING_XERO_"))) delete process.env[k]
    await holder.xero?.close()
  })
  return holder
}

/**
 * What a Xero spec does between its tests and asks of the app: before each
 * test the stand-in is reset and an admin signs in (`headers`, read it in a
 * later `beforeEach`); finalize an invoice, read a record's Xero sync row,
 * the stand-in's invoices, the reconciliation report.
 */
export function xeroSpecHelpers(api: any, getContainer: () => any, standIn: { readonly xero: XeroStandIn }) {
  const session = { headers: {} as Record<string, string> }
  beforeEach(async () => {
    standIn.xero.reset()
    session.headers = (await adminHeaders(getContainer())).headers
  })
  const headers = () => session.headers
  return {
    headers,
    finalize: async (id: string) => (await api.post(`/admin/call-billing/invoices/${id}/finalize`, {}, { headers: headers() })).data.invoice,
    syncRow: async (recordId: string) =>
      (await api.get(`/admin/call-billing/collections/sync-records?provider=xero&record_id=${recordId}`, { headers: headers() })).data.sync_records[0],
    xeroInvoices: () => [...standIn.xero.state.invoices.values()],
    report: async (from = "2026-01-01", to = "2027-12-31") =>
      (await api.get(`/admin/call-billing/collections/reconciliation?from=${from}&to=${to}`, { headers: headers() })).data,
  }
}
