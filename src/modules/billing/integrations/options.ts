import type { StripeIntegrationOptions } from "./stripe"
import type { XeroIntegrationOptions } from "./xero"

/**
 * The plugin's options for collections (issue 6). Medusa passes a plugin's
 * `options` to each of its modules; the billing module keeps them and the
 * collection workflows read them from it.
 *
 * @example
 * plugins: [{ resolve: "call-billing", options: {
 *   stripe: { secret_key: process.env.STRIPE_API_KEY, webhook_secret: process.env.STRIPE_WEBHOOK_SECRET, mode: "send_invoice" },
 *   xero: { client_id: "…", client_secret: "…", tenant_id: "…", tax_types: { VAT20: "OUTPUT2" } },
 *   notifications: { channel: "email" },
 * } }]
 */
export type CollectionsOptions = {
  stripe?: StripeIntegrationOptions
  xero?: XeroIntegrationOptions
  notifications?: {
    /** the Notification Module channel the plugin sends on (default "email") */
    channel?: string
    /** set false to send nothing */
    enabled?: boolean
  }
  sync?: {
    /** give up (status failed, no automatic retry) after this many attempts; the admin can still retry */
    max_attempts?: number
  }
}

/** Where a sync record is retried next: 1, 5, 15, 60 minutes, then every 6 hours. */
export function syncRetryDelayMs(attempts: number): number {
  const minutes = [1, 5, 15, 60][attempts - 1] ?? 360
  return minutes * 60_000
}

/**
 * The update that fails a sync record with its error, due again after the
 * backoff for its attempts (the sync job retries it then; the admin sooner).
 *
 * @example
 * await billing.updateSyncRecords(syncFailure(row, "void in Xero failed: unavailable: …"))
 */
export function syncFailure(row: { id: string; attempts: number }, error: string) {
  return { id: row.id, status: "failed" as const, last_error: error.slice(0, 1000), next_attempt_at: new Date(Date.now() + syncRetryDelayMs(row.attempts)) }
}

/**
 * Reads the options from the environment, for the host app in this
 * repository (demo, tests): `CALL_BILLING_STRIPE_SECRET_KEY`,
 * `CALL_BILLING_STRIPE_WEBHOOK_SECRET`, `CALL_BILLING_STRIPE_MODE`,
 * `CALL_BILLING_STRIPE_API_URL` (e.g. http://127.0.0.1:12111 for a stand-in),
 * `CALL_BILLING_STRIPE_TIMEOUT_MS`,
 * `CALL_BILLING_XERO_CLIENT_ID`, `…_CLIENT_SECRET`, `…_TENANT_ID`,
 * `…_TOKEN_URL`, `…_API_BASE`, `…_TIMEOUT_MS`, `…_REDIS_URL`, `CALL_BILLING_XERO_TAX_TYPES` (JSON).
 */
export function collectionsOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): CollectionsOptions {
  const out: CollectionsOptions = {}
  if (env.CALL_BILLING_STRIPE_SECRET_KEY) {
    const url = env.CALL_BILLING_STRIPE_API_URL ? new URL(env.CALL_BILLING_STRIPE_API_URL) : null
    out.stripe = {
      secret_key: env.CALL_BILLING_STRIPE_SECRET_KEY,
      webhook_secret: env.CALL_BILLING_STRIPE_WEBHOOK_SECRET,
      mode: (env.CALL_BILLING_STRIPE_MODE as any) || "send_invoice",
      days_until_due: env.CALL_BILLING_STRIPE_DAYS_UNTIL_DUE ? Number(env.CALL_BILLING_STRIPE_DAYS_UNTIL_DUE) : undefined,
      timeout_ms: env.CALL_BILLING_STRIPE_TIMEOUT_MS ? Number(env.CALL_BILLING_STRIPE_TIMEOUT_MS) : undefined,
      api: url
        ? { host: url.hostname, port: Number(url.port || (url.protocol === "https:" ? 443 : 80)), protocol: url.protocol.replace(":", "") as "http" | "https" }
        : undefined,
    }
  }
  if (env.CALL_BILLING_XERO_CLIENT_ID) {
    out.xero = {
      client_id: env.CALL_BILLING_XERO_CLIENT_ID,
      client_secret: env.CALL_BILLING_XERO_CLIENT_SECRET ?? "",
      tenant_id: env.CALL_BILLING_XERO_TENANT_ID ?? "",
      token_url: env.CALL_BILLING_XERO_TOKEN_URL,
      api_base: env.CALL_BILLING_XERO_API_BASE,
      tax_types: env.CALL_BILLING_XERO_TAX_TYPES ? JSON.parse(env.CALL_BILLING_XERO_TAX_TYPES) : undefined,
      timeout_ms: env.CALL_BILLING_XERO_TIMEOUT_MS ? Number(env.CALL_BILLING_XERO_TIMEOUT_MS) : undefined,
      redis_url: env.CALL_BILLING_XERO_REDIS_URL || undefined,
    }
  }
  if (env.CALL_BILLING_NOTIFICATION_CHANNEL) out.notifications = { channel: env.CALL_BILLING_NOTIFICATION_CHANNEL }
  return out
}
