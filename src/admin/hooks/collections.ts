import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import type {
  AccountDunning,
  BuiltInDunningPolicy,
  BuiltInTemplates,
  CollectionsStatus,
  DunningPolicy,
  DunningPolicyInput,
  DunningRunResult,
  NotificationTemplate,
  NotificationTemplateInput,
  Reconciliation,
  RetryResult,
  SyncProvider,
  SyncRecord,
  SyncRecordsParams,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEndpointInput,
} from "../components/collections/types"
import { sdk } from "../lib/sdk"
import { billingAccountKeys } from "./billing-accounts"
import { billingKeys } from "./billing"

export * from "../components/collections/types"

type Page<K extends string, T> = { [key in K]: T[] } & { count: number; offset?: number; limit?: number }

const ROOT = "/admin/call-billing"

export const collectionKeys = {
  all: ["call-billing", "collections"] as const,
  status: () => [...collectionKeys.all, "status"] as const,
  syncRecords: (q: Record<string, unknown>) => [...collectionKeys.all, "sync-records", q] as const,
  reconciliation: (q: Record<string, unknown>) => [...collectionKeys.all, "reconciliation", q] as const,
  policies: () => [...collectionKeys.all, "dunning-policies"] as const,
  templates: () => [...collectionKeys.all, "notification-templates"] as const,
  accountDunning: (accountId: string) => [...collectionKeys.all, "account-dunning", accountId] as const,
}

export const webhookKeys = {
  all: ["call-billing", "webhooks"] as const,
  endpoints: (q: Record<string, unknown>) => [...webhookKeys.all, "endpoints", q] as const,
  endpoint: (id: string) => [...webhookKeys.all, "endpoint", id] as const,
  deliveries: (endpointId: string, q: Record<string, unknown>) => [...webhookKeys.all, "deliveries", endpointId, q] as const,
}

/** Drops empty values so that `status=""` etc. are not sent. */
function query(params: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== ""))
}

/** After a collections change: every collections query. */
function useInvalidateCollections() {
  const qc = useQueryClient()
  return () => qc.invalidateQueries({ queryKey: collectionKeys.all })
}

/** After dunning ran or was paused: collections, and the accounts and invoices (a suspension changes an account's status). */
function useInvalidateDunning() {
  const qc = useQueryClient()
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: collectionKeys.all }),
      qc.invalidateQueries({ queryKey: billingAccountKeys.all }),
      qc.invalidateQueries({ queryKey: billingKeys.all }),
    ])
}

/* Integrations */

/**
 * What is configured for Stripe, Xero and notifications (never a secret), and the sync counts.
 *
 * @example
 * const { data } = useCollectionsStatus() // data.stripe.sync.failed
 */
export const useCollectionsStatus = () =>
  useQuery({
    queryKey: collectionKeys.status(),
    queryFn: () => sdk.client.fetch<CollectionsStatus>(`${ROOT}/collections`),
  })

/**
 * Sync rows (Stripe, Xero), filtered and paged on the server.
 *
 * @example
 * const { data } = useSyncRecords({ provider: "xero", status: "failed,pending", limit: 20, offset: 0 }) // data.sync_records
 */
export const useSyncRecords = (params: SyncRecordsParams, enabled = true) =>
  useQuery({
    queryKey: collectionKeys.syncRecords(params),
    queryFn: () => sdk.client.fetch<Page<"sync_records", SyncRecord>>(`${ROOT}/collections/sync-records`, { query: query(params) }),
    placeholderData: keepPreviousData,
    enabled,
  })

/**
 * Retries sync rows now: the given ids, or every failed row of a provider.
 *
 * @example
 * const { synced, failed } = await useRetrySyncRecords().mutateAsync({ provider: "xero" })
 */
export const useRetrySyncRecords = () => {
  const invalidate = useInvalidateCollections()
  return useMutation({
    mutationFn: (body: { ids: string[] } | { provider: SyncProvider }) =>
      sdk.client.fetch<RetryResult>(`${ROOT}/collections/sync-records/retry`, { method: "POST", body }),
    onSuccess: invalidate,
  })
}

/**
 * Retries one sync row now; answers the row as it ends up (synced, or failed with its error).
 *
 * @example
 * const { sync_record } = await useRetrySyncRecord().mutateAsync("bsync_1")
 */
export const useRetrySyncRecord = () => {
  const invalidate = useInvalidateCollections()
  return useMutation({
    mutationFn: (id: string) => sdk.client.fetch<{ sync_record: SyncRecord }>(`${ROOT}/collections/sync-records/${id}/retry`, { method: "POST" }),
    onSuccess: invalidate,
  })
}

/**
 * The reconciliation of invoices issued from `from` to `to` (YYYY-MM-DD) against Xero and Stripe.
 *
 * @example
 * const { data } = useReconciliation({ from: "2026-10-01", to: "2026-10-31" }) // data.rows, data.xero_error
 */
export const useReconciliation = (range: { from: string; to: string }, enabled = true) =>
  useQuery({
    queryKey: collectionKeys.reconciliation(range),
    queryFn: () => sdk.client.fetch<Reconciliation>(`${ROOT}/collections/reconciliation`, { query: range }),
    placeholderData: keepPreviousData,
    enabled,
  })

/* Dunning */

/**
 * Dunning policies, and the built-in default that applies where none is stored.
 *
 * @example
 * const { data } = useDunningPolicies() // data.dunning_policies, data.built_in_default
 */
export const useDunningPolicies = () =>
  useQuery({
    queryKey: collectionKeys.policies(),
    queryFn: () =>
      sdk.client.fetch<Page<"dunning_policies", DunningPolicy> & { built_in_default: BuiltInDunningPolicy }>(`${ROOT}/collections/dunning-policies`),
  })

/**
 * Creates a dunning policy, or updates the one with `id` (name, steps, grace days, active).
 *
 * @example
 * await useSaveDunningPolicy().mutateAsync({ name: "Strict", steps: [{ code: "overdue", action: "overdue", days: 1 }] })
 */
export const useSaveDunningPolicy = (id?: string) => {
  const invalidate = useInvalidateCollections()
  return useMutation({
    mutationFn: (body: DunningPolicyInput) =>
      sdk.client.fetch<{ dunning_policy: DunningPolicy }>(id ? `${ROOT}/collections/dunning-policies/${id}` : `${ROOT}/collections/dunning-policies`, {
        method: "POST",
        body,
      }),
    onSuccess: invalidate,
  })
}

/**
 * Deletes a dunning policy (its accounts fall back to the next policy in force).
 *
 * @example
 * await useDeleteDunningPolicy().mutateAsync("bdunp_1")
 */
export const useDeleteDunningPolicy = () => {
  const invalidate = useInvalidateCollections()
  return useMutation({
    mutationFn: (id: string) => sdk.client.fetch(`${ROOT}/collections/dunning-policies/${id}`, { method: "DELETE" }),
    onSuccess: invalidate,
  })
}

/**
 * Runs a dunning round now (the scheduled job's work): steps taken and accounts suspended.
 *
 * @example
 * const { taken, suspended } = await useRunDunning().mutateAsync()
 */
export const useRunDunning = () => {
  const invalidate = useInvalidateDunning()
  return useMutation({
    mutationFn: () => sdk.client.fetch<DunningRunResult>(`${ROOT}/collections/dunning/run`, { method: "POST", body: {} }),
    onSuccess: invalidate,
  })
}

/**
 * An account's dunning: status, pause, policy in force, open invoices with their next step, timeline.
 *
 * @example
 * const { data } = useAccountDunning("bacct_1") // data.dunning.open_invoices
 */
export const useAccountDunning = (accountId: string) =>
  useQuery({
    queryKey: collectionKeys.accountDunning(accountId),
    queryFn: () => sdk.client.fetch<{ dunning: AccountDunning }>(`${ROOT}/billing-accounts/${accountId}/dunning`),
    enabled: !!accountId,
  })

/**
 * Pauses or resumes an account's dunning, with an optional note for the timeline.
 *
 * @example
 * await useSetDunningPaused("bacct_1").mutateAsync({ paused: true, note: "Promised to pay on Friday" })
 */
export const useSetDunningPaused = (accountId: string) => {
  const invalidate = useInvalidateDunning()
  return useMutation({
    mutationFn: (body: { paused: boolean; note?: string }) =>
      sdk.client.fetch<{ dunning: AccountDunning }>(`${ROOT}/billing-accounts/${accountId}/dunning`, { method: "POST", body }),
    onSuccess: invalidate,
  })
}

/* Notification templates */

/**
 * Notification templates, and the built-in wording of each kind.
 *
 * @example
 * const { data } = useNotificationTemplates() // data.notification_templates, data.built_in.reminder.subject
 */
export const useNotificationTemplates = () =>
  useQuery({
    queryKey: collectionKeys.templates(),
    queryFn: () =>
      sdk.client.fetch<Page<"notification_templates", NotificationTemplate> & { built_in: BuiltInTemplates }>(`${ROOT}/collections/notification-templates`),
  })

/**
 * Sets the wording of one kind for one entity (or all); replaces the existing one.
 *
 * @example
 * await useSaveNotificationTemplate().mutateAsync({ entity_id: null, kind: "reminder", subject: "…", body: "…" })
 */
export const useSaveNotificationTemplate = () => {
  const invalidate = useInvalidateCollections()
  return useMutation({
    mutationFn: (body: NotificationTemplateInput) =>
      sdk.client.fetch<{ notification_template: NotificationTemplate }>(`${ROOT}/collections/notification-templates`, { method: "POST", body }),
    onSuccess: invalidate,
  })
}

/**
 * Deletes a template: its kind goes back to the built-in wording.
 *
 * @example
 * await useDeleteNotificationTemplate().mutateAsync("bntpl_1")
 */
export const useDeleteNotificationTemplate = () => {
  const invalidate = useInvalidateCollections()
  return useMutation({
    mutationFn: (id: string) => sdk.client.fetch(`${ROOT}/collections/notification-templates/${id}`, { method: "DELETE" }),
    onSuccess: invalidate,
  })
}

/* Outgoing webhooks */

/**
 * Webhook endpoints (a page; 100 by default), newest first.
 *
 * @example
 * const { data } = useWebhookEndpoints() // data.webhook_endpoints
 */
export const useWebhookEndpoints = (params: { limit?: number; offset?: number } = {}) =>
  useQuery({
    queryKey: webhookKeys.endpoints(params),
    queryFn: () => sdk.client.fetch<Page<"webhook_endpoints", WebhookEndpoint>>(`${ROOT}/webhook-endpoints`, { query: query({ limit: 100, ...params }) }),
    placeholderData: keepPreviousData,
  })

/**
 * One webhook endpoint (never its secret).
 *
 * @example
 * const { data } = useWebhookEndpoint("bwhe_1") // data.webhook_endpoint.events
 */
export const useWebhookEndpoint = (id: string | null | undefined) =>
  useQuery({
    queryKey: webhookKeys.endpoint(id ?? ""),
    queryFn: () => sdk.client.fetch<{ webhook_endpoint: WebhookEndpoint }>(`${ROOT}/webhook-endpoints/${id}`),
    enabled: !!id,
  })

/**
 * Creates an endpoint; the answer carries its signing secret, the only time it is shown.
 *
 * @example
 * const { webhook_endpoint } = await useCreateWebhookEndpoint().mutateAsync({ url: "https://example.com/hooks", events: ["invoice.paid"] })
 * webhook_endpoint.secret // "whsec_…"
 */
export const useCreateWebhookEndpoint = () => {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: WebhookEndpointInput) =>
      sdk.client.fetch<{ webhook_endpoint: WebhookEndpoint & { secret: string } }>(`${ROOT}/webhook-endpoints`, { method: "POST", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: webhookKeys.all }),
  })
}

/**
 * Updates an endpoint's URL, description, events or active flag.
 *
 * @example
 * await useUpdateWebhookEndpoint("bwhe_1").mutateAsync({ active: false })
 */
export const useUpdateWebhookEndpoint = (id: string) => {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: WebhookEndpointInput) =>
      sdk.client.fetch<{ webhook_endpoint: WebhookEndpoint }>(`${ROOT}/webhook-endpoints/${id}`, { method: "POST", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: webhookKeys.all }),
  })
}

/**
 * Deletes an endpoint.
 *
 * @example
 * await useDeleteWebhookEndpoint().mutateAsync("bwhe_1")
 */
export const useDeleteWebhookEndpoint = () => {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => sdk.client.fetch(`${ROOT}/webhook-endpoints/${id}`, { method: "DELETE" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: webhookKeys.all }),
  })
}

/**
 * An endpoint's deliveries, newest first, filtered by status and paged on the server.
 *
 * @example
 * const { data } = useWebhookDeliveries("bwhe_1", { status: "failed", limit: 20, offset: 0 }) // data.webhook_deliveries
 */
export const useWebhookDeliveries = (endpointId: string | null | undefined, params: { status?: string; limit: number; offset: number }) =>
  useQuery({
    queryKey: webhookKeys.deliveries(endpointId ?? "", params),
    queryFn: () =>
      sdk.client.fetch<Page<"webhook_deliveries", WebhookDelivery>>(`${ROOT}/webhook-endpoints/${endpointId}/deliveries`, { query: query(params) }),
    placeholderData: keepPreviousData,
    enabled: !!endpointId,
  })

/**
 * Sends a failed (or waiting) delivery again now; answers the delivery as it stands afterwards.
 *
 * @example
 * const { webhook_delivery } = await useRetryWebhookDelivery().mutateAsync("bwhd_1") // webhook_delivery.status
 */
export const useRetryWebhookDelivery = () => {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => sdk.client.fetch<{ webhook_delivery: WebhookDelivery }>(`${ROOT}/webhook-deliveries/${id}/retry`, { method: "POST" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: webhookKeys.all }),
  })
}
