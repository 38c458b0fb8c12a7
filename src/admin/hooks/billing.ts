import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "../lib/sdk"
import type {
  AccountBilling,
  CloseResult,
  AccountBillingInput,
  CancelAt,
  ChangeSubscriptionInput,
  CreditNoteInput,
  Invoice,
  InvoiceAction,
  InvoiceSummary,
  IssuingEntity,
  IssuingEntityInput,
  PaymentInput,
  PaymentResult,
  Plan,
  PlanInput,
  Statement,
  SubscribeInput,
  Subscription,
  TaxProfile,
  TaxProfileInput,
  Wallet,
  WalletEntryInput,
} from "../components/billing/types"
import { billingAccountKeys } from "./billing-accounts"

export * from "../components/billing/types"

type Page<K extends string, T> = { [key in K]: T[] } & { count: number; offset?: number; limit?: number }

const ROOT = "/admin/call-billing"

export const billingKeys = {
  all: ["call-billing", "billing"] as const,
  entities: (q: Record<string, unknown>) => [...billingKeys.all, "entities", q] as const,
  taxProfiles: (q: Record<string, unknown>) => [...billingKeys.all, "tax-profiles", q] as const,
  plans: (q: Record<string, unknown>) => [...billingKeys.all, "plans", q] as const,
  plan: (id: string) => [...billingKeys.all, "plan", id] as const,
  invoices: (q: Record<string, unknown>) => [...billingKeys.all, "invoices", q] as const,
  invoice: (id: string) => [...billingKeys.all, "invoice", id] as const,
  subscription: (accountId: string) => [...billingKeys.all, "subscription", accountId] as const,
  wallet: (accountId: string, limit: number) => [...billingKeys.all, "wallet", accountId, limit] as const,
  statement: (accountId: string, q: Record<string, unknown>) => [...billingKeys.all, "statement", accountId, q] as const,
}

/** Drops empty values so that `q=""` etc. are not sent. */
function query(params: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== ""))
}

/** After any billing change: every billing query, and the accounts (balances live on them). */
function useInvalidateBilling() {
  const qc = useQueryClient()
  return () =>
    Promise.all([qc.invalidateQueries({ queryKey: billingKeys.all }), qc.invalidateQueries({ queryKey: billingAccountKeys.all })])
}

/* Issuing entities */

/**
 * Issuing entities (a page; 100 by default).
 *
 * @example
 * const { data } = useEntities({ limit: 1000 }) // data.issuing_entities
 */
export const useEntities = (params: { q?: string; limit?: number; offset?: number } = {}) =>
  useQuery({
    queryKey: billingKeys.entities(params),
    queryFn: () => sdk.client.fetch<Page<"issuing_entities", IssuingEntity>>(`${ROOT}/entities`, { query: query({ limit: 100, ...params }) }),
    placeholderData: keepPreviousData,
  })

/**
 * Creates an entity, or updates the one with `id`.
 *
 * @example
 * const save = useSaveEntity(entity?.id); await save.mutateAsync(toEntityInput(form))
 */
export const useSaveEntity = (id?: string) => {
  const invalidate = useInvalidateBilling()
  return useMutation({
    mutationFn: (body: Partial<IssuingEntityInput>) =>
      sdk.client.fetch<{ issuing_entity: IssuingEntity }>(id ? `${ROOT}/entities/${id}` : `${ROOT}/entities`, { method: "POST", body }),
    onSuccess: invalidate,
  })
}

/**
 * Deletes an entity (refused once it issued documents).
 *
 * @example
 * await useDeleteEntity().mutateAsync("ent_1")
 */
export const useDeleteEntity = () => {
  const invalidate = useInvalidateBilling()
  return useMutation({
    mutationFn: (id: string) => sdk.client.fetch(`${ROOT}/entities/${id}`, { method: "DELETE" }),
    onSuccess: invalidate,
  })
}

/* Tax profiles */

/**
 * Tax profiles (a page; 100 by default).
 *
 * @example
 * const { data } = useTaxProfiles({ limit: 1000 }) // data.tax_profiles
 */
export const useTaxProfiles = (params: { q?: string; limit?: number; offset?: number } = {}) =>
  useQuery({
    queryKey: billingKeys.taxProfiles(params),
    queryFn: () => sdk.client.fetch<Page<"tax_profiles", TaxProfile>>(`${ROOT}/tax-profiles`, { query: query({ limit: 100, ...params }) }),
    placeholderData: keepPreviousData,
  })

/**
 * Creates a tax profile, or updates the one with `id`.
 *
 * @example
 * await useSaveTaxProfile(profile?.id).mutateAsync(toTaxProfileInput(form))
 */
export const useSaveTaxProfile = (id?: string) => {
  const invalidate = useInvalidateBilling()
  return useMutation({
    mutationFn: (body: Partial<TaxProfileInput>) =>
      sdk.client.fetch<{ tax_profile: TaxProfile }>(id ? `${ROOT}/tax-profiles/${id}` : `${ROOT}/tax-profiles`, { method: "POST", body }),
    onSuccess: invalidate,
  })
}

/**
 * Deletes a tax profile.
 *
 * @example
 * await useDeleteTaxProfile().mutateAsync("tp_1")
 */
export const useDeleteTaxProfile = () => {
  const invalidate = useInvalidateBilling()
  return useMutation({
    mutationFn: (id: string) => sdk.client.fetch(`${ROOT}/tax-profiles/${id}`, { method: "DELETE" }),
    onSuccess: invalidate,
  })
}

/* Plans */

/**
 * Plans with their components, filtered and paged on the server.
 *
 * @example
 * const { data } = usePlans({ status: "active", limit: 20, offset: 0 }) // data.plans, data.count
 */
export const usePlans = (params: { q?: string; status?: string; currency_code?: string; limit?: number; offset?: number } = {}) =>
  useQuery({
    queryKey: billingKeys.plans(params),
    queryFn: () => sdk.client.fetch<Page<"plans", Plan>>(`${ROOT}/plans`, { query: query(params) }),
    placeholderData: keepPreviousData,
  })

/**
 * One plan with its components.
 *
 * @example
 * const { data } = usePlan("bplan_1") // data.plan
 */
export const usePlan = (id: string | null | undefined) =>
  useQuery({
    queryKey: billingKeys.plan(id ?? ""),
    queryFn: () => sdk.client.fetch<{ plan: Plan }>(`${ROOT}/plans/${id}`),
    enabled: !!id,
  })

/**
 * Creates a plan, or updates the one with `id` (components replace the list).
 *
 * @example
 * await useSavePlan(plan?.id).mutateAsync(toPlanInput(form))
 */
export const useSavePlan = (id?: string) => {
  const invalidate = useInvalidateBilling()
  return useMutation({
    mutationFn: (body: PlanInput) => sdk.client.fetch<{ plan: Plan }>(id ? `${ROOT}/plans/${id}` : `${ROOT}/plans`, { method: "POST", body }),
    onSuccess: invalidate,
  })
}

/**
 * Archives or restores a plan.
 *
 * @example
 * await useSetPlanStatus().mutateAsync({ id: "bplan_1", status: "archived" })
 */
export const useSetPlanStatus = () => {
  const invalidate = useInvalidateBilling()
  return useMutation({
    mutationFn: ({ id, status }: { id: string; status: Plan["status"] }) =>
      sdk.client.fetch<{ plan: Plan }>(`${ROOT}/plans/${id}`, { method: "POST", body: { status } }),
    onSuccess: invalidate,
  })
}

/* Invoices */

export type InvoicesParams = { account_id?: string; status?: string; kind?: string; q?: string; limit: number; offset: number }

/**
 * Invoices and debit notes, filtered and paged on the server.
 *
 * @example
 * const { data } = useInvoices({ account_id: "bacct_1", status: "finalized", limit: 20, offset: 0 })
 */
export const useInvoices = (params: InvoicesParams, enabled = true) =>
  useQuery({
    queryKey: billingKeys.invoices(params),
    queryFn: () => sdk.client.fetch<Page<"invoices", InvoiceSummary>>(`${ROOT}/invoices`, { query: query(params) }),
    placeholderData: keepPreviousData,
    enabled,
  })

/**
 * One invoice with lines, taxes, payments and credit notes.
 *
 * @example
 * const { data } = useInvoice("binv_1") // data.invoice.lines
 */
export const useInvoice = (id: string) =>
  useQuery({
    queryKey: billingKeys.invoice(id),
    queryFn: () => sdk.client.fetch<{ invoice: Invoice }>(`${ROOT}/invoices/${id}`),
    enabled: !!id,
  })

/**
 * Finalizes, voids, writes off or regenerates an invoice; regenerate answers a new draft (a new id).
 *
 * @example
 * const { invoice } = await useInvoiceAction("binv_1").mutateAsync("finalize") // invoice.number
 */
export const useInvoiceAction = (id: string) => {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (action: InvoiceAction) =>
      sdk.client.fetch<{ invoice?: (Partial<Invoice> & { id: string }) | null }>(`${ROOT}/invoices/${id}/${action}`, { method: "POST" }),
    // a regenerated draft is gone: refetching it would only 404
    onSuccess: (_, action) => {
      const gone = action === "regenerate" ? JSON.stringify(billingKeys.invoice(id)) : null
      return Promise.all([
        qc.invalidateQueries({ queryKey: billingKeys.all, predicate: (q) => JSON.stringify(q.queryKey) !== gone }),
        qc.invalidateQueries({ queryKey: billingAccountKeys.all }),
      ])
    },
  })
}

/**
 * Issues a credit note: no amount credits all that remains.
 *
 * @example
 * await useIssueCreditNote("binv_1").mutateAsync({ amount: "10.00", reason: "Outage on 3 Nov" })
 */
export const useIssueCreditNote = (invoiceId: string) => {
  const invalidate = useInvalidateBilling()
  return useMutation({
    mutationFn: (body: CreditNoteInput) =>
      sdk.client.fetch<{ credit_note?: { id: string; number: string; total: string } }>(`${ROOT}/invoices/${invoiceId}/credit-notes`, {
        method: "POST",
        body,
      }),
    onSuccess: invalidate,
  })
}

/* An account's billing: settings, subscription, wallet, payments, statement, close */

/**
 * The account with its billing settings; the same query (and cache) as the account page's.
 *
 * @example
 * const { data } = useAccountBilling("bacct_1") // data.billing_account.payment_mode
 */
export const useAccountBilling = (accountId: string) =>
  useQuery({
    queryKey: billingAccountKeys.detail(accountId),
    queryFn: () => sdk.client.fetch<{ billing_account: AccountBilling }>(`${ROOT}/billing-accounts/${accountId}`),
    enabled: !!accountId,
  })

/**
 * Saves an account's billing settings.
 *
 * @example
 * await useUpdateAccountBilling("bacct_1").mutateAsync({ payment_mode: "prepaid" })
 */
export const useUpdateAccountBilling = (accountId: string) => {
  const invalidate = useInvalidateBilling()
  return useMutation({
    mutationFn: (body: AccountBillingInput) =>
      sdk.client.fetch<{ billing_account: AccountBilling }>(`${ROOT}/billing-accounts/${accountId}`, { method: "POST", body }),
    onSuccess: invalidate,
  })
}

/**
 * The account's subscription (the live one, else the latest), or null.
 *
 * @example
 * const { data } = useSubscription("bacct_1") // data.subscription?.quantities
 */
export const useSubscription = (accountId: string) =>
  useQuery({
    queryKey: billingKeys.subscription(accountId),
    queryFn: () => sdk.client.fetch<{ subscription: Subscription | null }>(`${ROOT}/billing-accounts/${accountId}/subscription`),
    enabled: !!accountId,
  })

/**
 * Subscribes the account to a plan.
 *
 * @example
 * await useSubscribe("bacct_1").mutateAsync({ plan_id: "bplan_1", start_date: "2026-10-01", quantities: { seats: "10" } })
 */
export const useSubscribe = (accountId: string) => {
  const invalidate = useInvalidateBilling()
  return useMutation({
    mutationFn: (body: SubscribeInput) =>
      sdk.client.fetch<{ subscription: Subscription }>(`${ROOT}/billing-accounts/${accountId}/subscription`, { method: "POST", body }),
    onSuccess: invalidate,
  })
}

/**
 * Changes seats, add-ons or the plan from a date.
 *
 * @example
 * await useChangeSubscription("bsub_1").mutateAsync({ effective_date: "2026-10-11", quantities: { seats: "15" } })
 */
export const useChangeSubscription = (subscriptionId: string) => {
  const invalidate = useInvalidateBilling()
  return useMutation({
    mutationFn: (body: ChangeSubscriptionInput) =>
      sdk.client.fetch<{ subscription: Subscription }>(`${ROOT}/subscriptions/${subscriptionId}`, { method: "POST", body }),
    onSuccess: invalidate,
  })
}

/**
 * Cancels at the period end, now, or on a date.
 *
 * @example
 * await useCancelSubscription("bsub_1").mutateAsync("period_end")
 */
export const useCancelSubscription = (subscriptionId: string) => {
  const invalidate = useInvalidateBilling()
  return useMutation({
    mutationFn: (at: CancelAt) =>
      sdk.client.fetch<{ subscription: Subscription }>(`${ROOT}/subscriptions/${subscriptionId}/cancel`, { method: "POST", body: { at } }),
    onSuccess: invalidate,
  })
}

/**
 * A prepaid account's wallet: balance, holds and the newest ledger entries.
 *
 * @example
 * const { data } = useWallet("bacct_1", 10) // data.balance, data.entries
 */
export const useWallet = (accountId: string, limit = 10, enabled = true) =>
  useQuery({
    queryKey: billingKeys.wallet(accountId, limit),
    queryFn: () => sdk.client.fetch<Wallet>(`${ROOT}/billing-accounts/${accountId}/wallet`, { query: { limit, offset: 0 } }),
    enabled: !!accountId && enabled,
  })

/**
 * Posts a top-up, refund or adjustment; a known reference is reported as a duplicate.
 *
 * @example
 * const { balance, duplicate } = await usePostWalletEntry("bacct_1").mutateAsync({ type: "top_up", amount: "50.00", reference: "TOPUP-1" })
 */
export const usePostWalletEntry = (accountId: string) => {
  const invalidate = useInvalidateBilling()
  return useMutation({
    mutationFn: (body: WalletEntryInput) =>
      sdk.client.fetch<{ balance: string; duplicate: boolean }>(`${ROOT}/billing-accounts/${accountId}/wallet`, { method: "POST", body }),
    onSuccess: invalidate,
  })
}

/**
 * Records a payment, allocated as given or oldest first; the rest is account credit.
 *
 * @example
 * await useRecordPayment("bacct_1").mutateAsync({ amount: "120.00", method: "bank_transfer", allocations: [{ invoice_id: "binv_1" }] })
 */
export const useRecordPayment = (accountId: string) => {
  const invalidate = useInvalidateBilling()
  return useMutation({
    mutationFn: (body: PaymentInput) =>
      sdk.client.fetch<PaymentResult>(`${ROOT}/billing-accounts/${accountId}/payments`, { method: "POST", body }),
    onSuccess: invalidate,
  })
}

/**
 * The account's statement for a date range (server defaults when absent).
 *
 * @example
 * const { data } = useStatement("bacct_1", { from: "2026-01-01" }) // data.closing_balance, data.aging
 */
export const useStatement = (accountId: string, range: { from?: string; to?: string } = {}) =>
  useQuery({
    queryKey: billingKeys.statement(accountId, range),
    queryFn: () => sdk.client.fetch<Statement>(`${ROOT}/billing-accounts/${accountId}/statement`, { query: query(range) }),
    enabled: !!accountId,
  })

/**
 * Closes the account's ended periods now.
 *
 * @example
 * const { closed, skipped } = await useClosePeriod("bacct_1").mutateAsync({})
 */
export const useClosePeriod = (accountId: string) => {
  const invalidate = useInvalidateBilling()
  return useMutation({
    mutationFn: (body: { as_of?: string } = {}) =>
      sdk.client.fetch<CloseResult>(`${ROOT}/billing-accounts/${accountId}/close`, { method: "POST", body }),
    onSuccess: invalidate,
  })
}

/* Files */

/** The SDK's resolved base URL (its config is private in the types). */
function backendUrl(path: string) {
  const base = (sdk.client as unknown as { config?: { baseUrl?: string } }).config?.baseUrl ?? ""
  return `${base.replace(/\/$/, "")}${path}`
}

/** Paths of the documents the admin can download. */
export const billingFiles = {
  invoicePdf: (id: string, calls = false) => `${ROOT}/invoices/${id}/pdf${calls ? "?calls=true" : ""}`,
  invoiceCallsCsv: (id: string) => `${ROOT}/invoices/${id}/calls?format=csv`,
  invoiceCallsXlsx: (id: string) => `${ROOT}/invoices/${id}/calls?format=xlsx`,
  creditNotePdf: (id: string) => `${ROOT}/credit-notes/${id}/pdf`,
  receiptPdf: (paymentId: string) => `${ROOT}/payments/${paymentId}/receipt`,
  statementPdf: (accountId: string, range: { from?: string; to?: string } = {}) => {
    const q = new URLSearchParams({ ...query(range), format: "pdf" } as Record<string, string>)
    return `${ROOT}/billing-accounts/${accountId}/statement?${q}`
  },
}

/**
 * Downloads a document through the signed-in session and saves it under the
 * server's file name (Content-Disposition), else `fallbackName`. Throws with
 * the server's message on an error status.
 */
export async function downloadBillingFile(path: string, fallbackName: string) {
  const res = await fetch(backendUrl(path), { credentials: "include" })
  if (!res.ok) {
    const json = await res.json().catch(() => ({}) as { message?: string })
    throw new Error((json as { message?: string }).message || `${res.status} ${res.statusText}`)
  }
  const disposition = res.headers.get("Content-Disposition") ?? ""
  const filename = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1] ?? fallbackName
  const blob = await res.blob()
  const url = URL.createObjectURL(blob)
  const a = document.createElement("a")
  a.href = url
  a.download = decodeURIComponent(filename)
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
