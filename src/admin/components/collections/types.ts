/**
 * Shapes of the collections admin API (Stripe, Xero, dunning, notifications,
 * outgoing webhooks), and the fixed lists the pages offer. Money is exact
 * decimal strings, shown as sent. No imports with side effects: the pure
 * form models and their tests use this file.
 */

export const SYNC_PROVIDERS = ["stripe", "xero"] as const
export type SyncProvider = (typeof SYNC_PROVIDERS)[number]
export const SYNC_STATUSES = ["pending", "synced", "failed"] as const
export type SyncStatus = (typeof SYNC_STATUSES)[number]
export const SYNC_RECORD_TYPES = ["account", "invoice", "credit_note", "payment"] as const
export type SyncRecordType = (typeof SYNC_RECORD_TYPES)[number]

export type SyncCounts = Record<SyncStatus, number>

export type CollectionsStatus = {
  stripe: {
    configured: boolean
    mode: string
    days_until_due: number
    webhook_configured: boolean
    webhook_path: string
    sync: SyncCounts
  }
  xero: { configured: boolean; tenant_id: string | null; tax_types: Record<string, string>; sync: SyncCounts }
  notifications: { channel: string; enabled: boolean }
  dunning: { policies: number; suspended_accounts: number }
}

export type SyncRecord = {
  id: string
  provider: SyncProvider
  record_type: SyncRecordType
  record_id: string
  account_id: string
  status: SyncStatus
  external_id: string | null
  attempts: number
  last_error: string | null
  last_attempt_at: string | null
  next_attempt_at: string | null
  synced_at: string | null
  data: Record<string, unknown> | null
}

export type SyncRecordsParams = {
  provider?: SyncProvider | ""
  /** one status or several, comma-separated ("failed,pending") */
  status?: string
  record_type?: SyncRecordType | ""
  record_id?: string
  account_id?: string
  offset?: number
  limit?: number
}

export type RetryResult = { synced: string[]; failed: Array<{ id: string; error: string }>; skipped: string[] }

export type ReconciliationRow = {
  invoice_id: string
  number: string
  account_id: string
  status: string
  currency_code: string
  total: string
  paid: string
  credited: string
  xero: { sync: string | null; invoice_id: string | null; status: string | null; total: string | null; paid: string | null; credited: string | null; error: string | null }
  stripe: { sync: string | null; invoice_id: string | null; status: string | null }
  mismatch: boolean
  reasons: string[]
}

export type Reconciliation = {
  from: string
  to: string
  xero_configured: boolean
  stripe_configured: boolean
  xero_error: string | null
  summary: { invoices: number; mismatches: number }
  rows: ReconciliationRow[]
}

export const DUNNING_ACTIONS = ["reminder", "overdue", "warning", "suspend"] as const
export type DunningAction = (typeof DUNNING_ACTIONS)[number]
export type DunningStep = { code: string; action: DunningAction; days: number }

export type DunningPolicy = {
  id: string
  name: string
  account_id: string | null
  entity_id: string | null
  steps: DunningStep[]
  grace_days: number
  active: boolean
}
export type BuiltInDunningPolicy = { steps: DunningStep[]; grace_days: number }
export type DunningPolicyInput = {
  name?: string
  account_id?: string | null
  entity_id?: string | null
  steps?: DunningStep[]
  grace_days?: number
  active?: boolean
}

export type DunningRunResult = {
  taken: Array<{ id: string; account_id: string; invoice_id: string | null; step: string; action: string }>
  suspended: string[]
}

export type DunningEvent = {
  id: string
  invoice_id: string | null
  step: string
  action: string
  occurred_at: string
  detail: Record<string, unknown> | null
}

export type AccountDunning = {
  account_id: string
  status: "active" | "suspended" | "closed"
  suspension_reason: string | null
  paused: boolean
  policy: { id: string | null; name?: string; steps: DunningStep[]; grace_days: number }
  open_invoices: Array<{
    id: string
    number: string | null
    due_date: string
    amount_due: string
    currency_code: string
    days_past_due: number
    steps_due_now: string[]
    next_step: (DunningStep & { on: string | null }) | null
  }>
  timeline: DunningEvent[]
}

export const NOTIFICATION_KINDS = [
  "invoice_issued",
  "payment_received",
  "payment_failed",
  "reminder",
  "overdue",
  "warning",
  "suspension",
  "reactivation",
  "low_balance",
] as const
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]

export type NotificationTemplate = { id: string; entity_id: string | null; kind: NotificationKind; subject: string; body: string }
export type NotificationTemplateInput = { entity_id: string | null; kind: NotificationKind; subject: string; body: string }
export type BuiltInTemplates = Partial<Record<NotificationKind, { subject: string; body: string }>>

export const WEBHOOK_EVENTS = [
  "invoice.finalized",
  "invoice.paid",
  "payment.failed",
  "usage.threshold_reached",
  "balance.low",
  "account.suspended",
  "account.reactivated",
] as const
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number]

export type WebhookEndpoint = { id: string; url: string; description: string | null; events: string[]; active: boolean; created_at: string }
export type WebhookEndpointInput = { url?: string; description?: string | null; events?: string[]; active?: boolean }

export const DELIVERY_STATUSES = ["pending", "delivered", "failed"] as const
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number]

export type WebhookDelivery = {
  id: string
  endpoint_id: string
  event: string
  event_key: string
  status: DeliveryStatus
  attempts: number
  next_attempt_at: string | null
  last_attempt_at: string | null
  response_status: number | null
  last_error: string | null
  delivered_at: string | null
  created_at: string
  payload: unknown
}
