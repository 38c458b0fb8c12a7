import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../../modules/billing"
import { nextAttemptDelay, signWebhook } from "../../../modules/billing/integrations/webhooks/sign"
import type BillingModuleService from "../../../modules/billing/service"

/** Per request. */
export const WEBHOOK_TIMEOUT_MS = 10_000
/** How long a claimed delivery is reserved for the worker sending it (s); well above the timeout. */
export const WEBHOOK_CLAIM_LEASE_SECONDS = 60
/** Requests in flight at once. */
const CONCURRENCY = 8
const ERROR_BODY_CHARS = 500

export type SendWebhookDeliveriesResult = {
  delivered: string[]
  /** failed this time, tried again at `next_attempt_at` */
  retrying: string[]
  /** failed for the last time: the schedule is exhausted */
  failed: string[]
  /** not sent: another worker has it, or it is not due, or its endpoint is inactive or gone */
  skipped: string[]
}

type Claimed = { id: string; event: string; payload: unknown; attempts: number; url: string; secret: string }

/** The start of a response body, without reading more of it than needed. */
async function bodyStart(res: Response): Promise<string> {
  if (!res.body) return ""
  const reader = res.body.getReader()
  const decoder = new TextDecoder()
  let text = ""
  try {
    while (text.length < ERROR_BODY_CHARS) {
      const { done, value } = await reader.read()
      if (done) break
      text += decoder.decode(value, { stream: true })
    }
  } catch {
    // a body cut off (timeout, reset) still gives what arrived
  } finally {
    reader.cancel().catch(() => undefined)
  }
  return text.slice(0, ERROR_BODY_CHARS)
}

function networkError(e: any): string {
  if (e?.name === "TimeoutError" || e?.name === "AbortError") return `no response within ${WEBHOOK_TIMEOUT_MS / 1000} s`
  const cause = e?.cause
  const detail = cause?.code ?? cause?.message
  return String(detail ? `${e?.message ?? e}: ${detail}` : e?.message ?? e).slice(0, 1000)
}

type Outcome = { ok: boolean; status: number | null; error: string | null }

/** POSTs the payload, signed; the body is the exact bytes signed. Redirects are not followed (a 3xx is a failure). */
async function post(row: Claimed): Promise<Outcome> {
  const body = JSON.stringify(row.payload)
  try {
    const res = await fetch(row.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "call-billing-webhooks",
        "x-call-billing-event": row.event,
        "x-call-billing-delivery": row.id,
        "x-call-billing-signature": signWebhook(body, row.secret),
      },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    })
    const text = await bodyStart(res)
    if (res.status >= 200 && res.status < 300) return { ok: true, status: res.status, error: null }
    return { ok: false, status: res.status, error: `HTTP ${res.status}${text ? `: ${text}` : ""}` }
  } catch (e) {
    return { ok: false, status: null, error: networkError(e) }
  }
}

export const sendWebhookDeliveriesStepId = "send-webhook-deliveries"
/**
 * Sends deliveries: claims each (so two workers never send the same one at
 * once), POSTs it signed (`x-call-billing-signature`), and records the
 * outcome — 2xx `delivered`; otherwise the status and the start of the body
 * (or the network error) and the next attempt from the backoff schedule, or
 * `failed` once it is exhausted. An endpoint's failure fails its delivery,
 * never the workflow. Not compensated: a request sent cannot be taken back,
 * and the row says what happened.
 *
 * @example
 * const { delivered, retrying, failed, skipped } = sendWebhookDeliveriesStep({ ids: ["bwhd_1", "bwhd_2"] })
 */
export const sendWebhookDeliveriesStep = createStep(
  sendWebhookDeliveriesStepId,
  async (input: { ids: string[] }, { container }) => {
    const billing: BillingModuleService = container.resolve(BILLING_MODULE)
    const out: SendWebhookDeliveriesResult = { delivered: [], retrying: [], failed: [], skipped: [] }
    const queue = [...new Set(input.ids ?? [])]
    const worker = async () => {
      for (let id = queue.shift(); id; id = queue.shift()) {
        const row: Claimed | null = await billing.claimWebhookDelivery(id, WEBHOOK_CLAIM_LEASE_SECONDS)
        if (!row) {
          out.skipped.push(id)
          continue
        }
        const r = await post(row)
        if (r.ok) {
          await billing.updateWebhookDeliveries({
            id: row.id,
            status: "delivered",
            response_status: r.status,
            last_error: null,
            next_attempt_at: null,
            delivered_at: new Date(),
          })
          out.delivered.push(row.id)
          continue
        }
        const delay = nextAttemptDelay(row.attempts)
        await billing.updateWebhookDeliveries({
          id: row.id,
          status: delay === null ? "failed" : "pending",
          response_status: r.status,
          last_error: r.error,
          next_attempt_at: delay === null ? null : new Date(Date.now() + delay),
        })
        ;(delay === null ? out.failed : out.retrying).push(row.id)
      }
    }
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, worker))
    return new StepResponse(out)
  }
)
