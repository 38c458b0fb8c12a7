import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { exactOf } from "../../../lib/big-number"
import { OutgoingWebhookEvents, type OutgoingWebhookEvent } from "../../../lib/constants"
import { currencyDecimals } from "../../../modules/billing/calc"
import { webhookEventId } from "../../../modules/billing/integrations/webhooks/sign"

export type BuildWebhookPayloadStepInput = {
  event: OutgoingWebhookEvent
  event_key: string
  /** the internal event's data, kept as it is in `payload.data` */
  data: Record<string, unknown>
}

/** What a receiver gets as the request body. */
export type WebhookPayload = {
  /** the event's id: the same in every delivery and retry of it */
  id: string
  type: OutgoingWebhookEvent
  created_at: string
  data: Record<string, unknown> & {
    invoice?: WebhookInvoice | null
    account?: WebhookAccount | null
  }
}

export type WebhookInvoice = {
  id: string
  number: string | null
  account_id: string
  status: string
  currency_code: string
  total: string
  amount_paid: string
  due_date: string | null
}

export type WebhookAccount = { id: string; code: string; name: string; status: string; suspension_reason: string | null }

/** The invoice an event is about, if any: invoice.* carry `id`, payment.failed `invoice_id` (null for a top-up). */
function invoiceIdOf(event: OutgoingWebhookEvent, data: Record<string, unknown>): string | null {
  if (event === "invoice.finalized" || event === "invoice.paid") return typeof data.id === "string" ? data.id : null
  if (event === "payment.failed") return typeof data.invoice_id === "string" ? data.invoice_id : null
  return null
}

/**
 * Asserts an event name is one webhooks are sent for.
 *
 * @example
 * assertWebhookEventType("invoice.voided") // throws INVALID_DATA
 */
export function assertWebhookEventType(event: string): asserts event is OutgoingWebhookEvent {
  if (!Object.prototype.hasOwnProperty.call(OutgoingWebhookEvents, event)) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `event: ${event} is not an event webhooks are sent for; use ${Object.keys(OutgoingWebhookEvents).join(", ")}`
    )
  }
}

export const buildWebhookPayloadStepId = "build-webhook-payload"
/**
 * Builds what endpoints receive for an event: `{ id, type, created_at, data }`
 * where `data` is the internal event's data with the invoice (`invoice`:
 * number, status, total, amount paid, due date; money as strings in the
 * currency's decimals) and the account (`account`: code, name, status,
 * suspension reason) it is about, read through Query. An invoice or account
 * that is gone is `null`. Reads only.
 *
 * @example
 * const payload = buildWebhookPayloadStep({ event: "invoice.paid", event_key, data: { id: "binv_1", account_id: "bacct_1" } })
 * // { id: "evt_…", type: "invoice.paid", created_at: "2026-…", data: { id: "binv_1", account_id: "bacct_1", invoice: { … }, account: { … } } }
 */
export const buildWebhookPayloadStep = createStep(
  buildWebhookPayloadStepId,
  async (input: BuildWebhookPayloadStepInput, { container }) => {
    assertWebhookEventType(input.event)
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const data: WebhookPayload["data"] = { ...(input.data ?? {}) }

    const invoiceId = invoiceIdOf(input.event, data)
    let accountId = typeof data.account_id === "string" ? data.account_id : null
    if (invoiceId) {
      const { data: [inv] } = await query.graph({
        entity: "invoice",
        fields: ["id", "number", "account_id", "status", "currency_code", "total", "raw_total", "amount_paid", "raw_amount_paid", "due_date"],
        filters: { id: invoiceId },
      })
      const dp = inv ? currencyDecimals(inv.currency_code) : 2
      data.invoice = inv
        ? {
            id: inv.id,
            number: inv.number ?? null,
            account_id: inv.account_id,
            status: inv.status,
            currency_code: inv.currency_code,
            total: exactOf(inv, "total").toFixed(dp),
            amount_paid: exactOf(inv, "amount_paid").toFixed(dp),
            due_date: inv.due_date ?? null,
          }
        : null
      accountId ??= inv?.account_id ?? null
    }
    if (accountId) {
      const { data: [acc] } = await query.graph({
        entity: "billing_account",
        fields: ["id", "code", "name", "status", "suspension_reason"],
        filters: { id: accountId },
      })
      data.account = acc
        ? { id: acc.id, code: acc.code, name: acc.name, status: acc.status, suspension_reason: acc.suspension_reason ?? null }
        : null
    }
    const payload: WebhookPayload = {
      id: webhookEventId(input.event_key),
      type: input.event,
      created_at: new Date().toISOString(),
      data,
    }
    return new StepResponse(payload)
  }
)
