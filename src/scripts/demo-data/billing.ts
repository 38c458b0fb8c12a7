/**
 * The demo's billing world: one issuing entity, a tax profile per tenant
 * country, a plan per tenant currency, subscriptions with seats and a minute
 * bundle (ACME, SUNRISE) and a prepaid wallet (KOALA), then the first period
 * closed and its invoices finalized — so the admin opens on numbered
 * invoices. Everything through the plugin's workflows; idempotent (a second
 * run finds what it made).
 */
import type { ExecArgs } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { BILLING_MODULE } from "../../modules/billing"
import { addMonths, localDateOf, periodContaining } from "../../modules/billing/calc"
import type BillingModuleService from "../../modules/billing/service"
import {
  closePeriodsWorkflow,
  createIssuingEntitiesWorkflow,
  createPlansWorkflow,
  createSubscriptionWorkflow,
  createTaxProfilesWorkflow,
  changeSubscriptionWorkflow,
  finalizeInvoiceWorkflow,
  postWalletEntryWorkflow,
  updateBillingAccountsWorkflow,
} from "../../workflows/billing"

type Log = (msg: string) => void

const ENTITY = {
  code: "NORTHWIND",
  legal_name: "Northwind Contact Services Ltd",
  address: { line1: "1 Exchange Square", line2: null, city: "London", postal_code: "EC2A 2BR", region: null, country: "GB" },
  tax_id: "GB123456789",
  email: "billing@northwind.example",
  currency_code: "GBP",
  invoice_prefix: "NW",
  credit_note_prefix: "NWCN",
  primary_color: "#0f172a",
  accent_color: "#0ea5e9",
}

const TAX = [
  { code: "UK-VAT", name: "UK VAT 20 %", components: [{ code: "vat", name: "VAT", rate: "0.2" }] },
  {
    code: "US-EXEMPT-USF",
    name: "US: sales-tax exempt, USF surcharge",
    exempt: true,
    note: "Exempt from sales tax: telecommunications services resold (resale certificate on file).",
    components: [],
    surcharges: [{ code: "usf", name: "Universal Service Fund 3.4 %", percent: "3.4", taxable: false }],
  },
  { code: "AU-GST", name: "AU GST 10 %", components: [{ code: "gst", name: "GST", rate: "0.1" }] },
]

const plan = (code: string, name: string, currency: string, p: { base: string; seat: string; minutes: string; over: string }) => ({
  code,
  name,
  currency_code: currency,
  interval: "month" as const,
  components: [
    { code: "platform", name: "Contact-centre platform", type: "recurring" as const, price: p.base },
    { code: "seats", name: "Agent seat", type: "seat" as const, price: p.seat, default_quantity: "10" },
    { code: "minutes", name: `${p.minutes} included minutes`, type: "bundle" as const, included_quantity: p.minutes },
    { code: "channels", name: "Concurrent channels over 20", type: "concurrency" as const, included_quantity: "20", price: p.over },
    { code: "setup", name: "Onboarding and number porting", type: "setup" as const, price: p.base },
  ],
})

const PLANS = [
  plan("CC-PRO-GBP", "Contact Centre Pro (GBP)", "GBP", { base: "250", seat: "35", minutes: "1000", over: "5" }),
  plan("CC-PRO-USD", "Contact Centre Pro (USD)", "USD", { base: "300", seat: "42", minutes: "1000", over: "6" }),
  {
    code: "CC-PAYG-AUD",
    name: "Pay as you go (AUD, prepaid)",
    currency_code: "AUD",
    interval: "month" as const,
    components: [{ code: "platform", name: "Platform", type: "recurring" as const, price: "49" }],
  },
]

/** code → [tax profile, plan, payment mode, seats] */
const SETUP: Record<string, { tax: string; plan: string; mode: "prepaid" | "postpaid"; seats?: string }> = {
  ACME: { tax: "UK-VAT", plan: "CC-PRO-GBP", mode: "postpaid", seats: "25" },
  SUNRISE: { tax: "US-EXEMPT-USF", plan: "CC-PRO-USD", mode: "postpaid", seats: "12" },
  KOALA: { tax: "AU-GST", plan: "CC-PAYG-AUD", mode: "prepaid" },
}

export async function seedBilling(container: ExecArgs["container"], log: Log) {
  const billing: BillingModuleService = container.resolve(BILLING_MODULE)
  let [entity] = await billing.listIssuingEntities({ code: ENTITY.code })
  if (!entity) {
    const { result } = await createIssuingEntitiesWorkflow(container).run({ input: { issuing_entities: [ENTITY as any] } })
    entity = result[0] as any
    log(`billing: issuing entity ${ENTITY.legal_name} (invoices ${ENTITY.invoice_prefix}-YYYY-NNNNNN)`)
  }
  const haveTax = new Set((await billing.listTaxProfiles({ code: TAX.map((t) => t.code) })).map((t) => t.code))
  const newTax = TAX.filter((t) => !haveTax.has(t.code))
  if (newTax.length) await createTaxProfilesWorkflow(container).run({ input: { tax_profiles: newTax as any } })
  const havePlans = new Set((await billing.listPlans({ code: PLANS.map((p) => p.code) })).map((p) => p.code))
  const newPlans = PLANS.filter((p) => !havePlans.has(p.code))
  if (newPlans.length) await createPlansWorkflow(container).run({ input: { plans: newPlans as any } })
  const taxes = await billing.listTaxProfiles({ code: TAX.map((t) => t.code) })
  const plans = await billing.listPlans({ code: PLANS.map((p) => p.code) })

  const accounts = await billing.listBillingAccounts({ code: Object.keys(SETUP) })
  for (const a of accounts) {
    const s = SETUP[a.code]
    const [sub] = await billing.listSubscriptions({ account_id: a.id })
    if (sub) continue
    const today = localDateOf(new Date(), a.timezone)
    const thisPeriod = periodContaining(today, { interval: "month", anchor_day: 1 })
    const lastStart = addMonths(thisPeriod.start, -1)
    await updateBillingAccountsWorkflow(container).run({
      input: {
        billing_accounts: [
          {
            id: a.id,
            entity_id: entity.id,
            tax_profile_id: taxes.find((t) => t.code === s.tax)!.id,
            payment_mode: s.mode,
            anchor_day: 1,
            net_days: 14,
            ...(s.mode === "postpaid" ? { credit_limit: "5000" } : { low_balance_threshold: "2" }),
          } as any,
        ],
      },
    })
    const { result: created } = await createSubscriptionWorkflow(container).run({
      input: {
        account_id: a.id,
        plan_id: plans.find((p) => p.code === s.plan)!.id,
        start_date: lastStart,
        quantities: s.seats ? { seats: s.seats } : undefined,
        created_by: "demo-seed",
      },
    })
    if (a.code === "ACME") {
      // five more agents from the 15th: prorated on the first invoice
      await changeSubscriptionWorkflow(container).run({
        input: { subscription_id: created.id, effective_date: `${lastStart.slice(0, 8)}15`, quantities: { seats: "30" }, created_by: "demo-seed", note: "campaign ramp-up" },
      })
    }
    if (s.mode === "prepaid") {
      await postWalletEntryWorkflow(container).run({
        input: { account_id: a.id, type: "top_up", amount: "5.00", reference: "demo-top-up", created_by: "demo-seed" },
      })
    }
    log(`billing: ${a.code} on ${s.plan} from ${lastStart} (${s.mode}${s.seats ? `, ${s.seats} seats` : ", wallet topped up 5.00"})`)
  }

  // close last month for the demo tenants and finalize what it issued
  const { result } = await closePeriodsWorkflow(container).run({ input: { account_ids: accounts.map((a) => a.id) } })
  for (const c of result.closed) {
    for (const id of [c.invoice_id, c.debit_note_id].filter((x): x is string => !!x)) {
      const { result: inv } = await finalizeInvoiceWorkflow(container).run({ input: { id } })
      const code = accounts.find((a) => a.id === c.account_id)?.code
      log(`billing: ${code} ${c.period_start} closed → invoice ${inv.number} (${inv.status})`)
    }
  }
  for (const s of result.skipped) log(`billing: ${s.code} not closed: ${s.reason}`)

  // a secret key for the switch: authorize, settle, usage push
  const apiKeys = container.resolve(Modules.API_KEY)
  const [existing] = await apiKeys.listApiKeys({ title: "demo switch" })
  if (!existing) {
    const key = await apiKeys.createApiKeys({ title: "demo switch", type: "secret", created_by: "demo-seed" })
    log(`billing: secret API key for the switch (authorize / usage push): ${key.token}`)
  }
}
