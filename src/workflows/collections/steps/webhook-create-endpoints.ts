import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { OutgoingWebhookEvents, type OutgoingWebhookEvent } from "../../../lib/constants"
import { BILLING_MODULE } from "../../../modules/billing"
import { generateWebhookSecret } from "../../../modules/billing/integrations/webhooks/sign"
import type BillingModuleService from "../../../modules/billing/service"

/** The event names an endpoint may subscribe to (invoice.finalized, …). */
export const WEBHOOK_EVENT_TYPES = Object.keys(OutgoingWebhookEvents) as OutgoingWebhookEvent[]

export type CreateWebhookEndpointInput = {
  url: string
  description?: string | null
  events: OutgoingWebhookEvent[]
  active?: boolean
}

export type UpdateWebhookEndpointInput = Partial<CreateWebhookEndpointInput> & { id: string }

/** An endpoint as created: the only time its `secret` is handed out. */
export type CreatedWebhookEndpoint = {
  id: string
  url: string
  description: string | null
  events: OutgoingWebhookEvent[]
  active: boolean
  secret: string
}

/**
 * The rules on an endpoint's fields, wherever it comes from: an absolute
 * http(s) URL, and a non-empty list of known event names.
 *
 * @example
 * assertWebhookEndpointFields({ url: "ftp://example.com", events: ["invoice.paid"] })
 * // throws INVALID_DATA "url: must be an http or https URL (got ftp:)"
 */
export function assertWebhookEndpointFields(e: { url?: string; events?: readonly string[] }): void {
  const fail = (message: string) => {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, message)
  }
  if (e.url !== undefined) {
    let url: URL | null = null
    try {
      url = new URL(e.url)
    } catch {
      fail(`url: must be an absolute http or https URL such as https://example.com/webhooks (got "${e.url}")`)
    }
    if (url && url.protocol !== "http:" && url.protocol !== "https:") {
      fail(`url: must be an http or https URL (got ${url.protocol})`)
    }
  }
  if (e.events !== undefined) {
    if (!Array.isArray(e.events) || !e.events.length) {
      fail(`events: at least one event is required, from ${WEBHOOK_EVENT_TYPES.join(", ")}`)
    }
    const unknown = e.events.filter((ev) => !(WEBHOOK_EVENT_TYPES as string[]).includes(ev))
    if (unknown.length) {
      fail(`events: ${unknown.join(", ")} ${unknown.length > 1 ? "are not events" : "is not an event"} webhooks are sent for; use ${WEBHOOK_EVENT_TYPES.join(", ")}`)
    }
  }
}

export const createWebhookEndpointsStepId = "create-webhook-endpoints"
/**
 * Registers webhook endpoints, each with a new signing secret
 * (`whsec_…`), returned here and never again. The compensation deletes them.
 *
 * @example
 * const [endpoint] = createWebhookEndpointsStep([{ url: "https://erp.example.com/hooks", events: ["invoice.finalized", "invoice.paid"] }])
 * // endpoint.secret: "whsec_…"
 */
export const createWebhookEndpointsStep = createStep(
  createWebhookEndpointsStepId,
  async (data: CreateWebhookEndpointInput[], { container }) => {
    data.forEach(assertWebhookEndpointFields)
    const billing: BillingModuleService = container.resolve(BILLING_MODULE)
    const created = await billing.createWebhookEndpoints(
      data.map((d) => ({
        url: d.url,
        description: d.description ?? null,
        // a json column: a list of event names
        events: [...new Set(d.events)] as unknown as Record<string, unknown>,
        active: d.active ?? true,
        secret: generateWebhookSecret(),
      }))
    )
    const endpoints: CreatedWebhookEndpoint[] = created.map((e: any) => ({
      id: e.id,
      url: e.url,
      description: e.description ?? null,
      events: e.events,
      active: e.active,
      secret: e.secret,
    }))
    return new StepResponse(endpoints, endpoints.map((e) => e.id))
  },
  async (ids, { container }) => {
    if (!ids?.length) return
    const billing: BillingModuleService = container.resolve(BILLING_MODULE)
    await billing.deleteWebhookEndpoints(ids)
  }
)
