import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../../modules/billing"
import type BillingModuleService from "../../../modules/billing/service"
import { assertWebhookEndpointFields, type UpdateWebhookEndpointInput } from "./webhook-create-endpoints"

const FIELDS = ["url", "description", "events", "active"] as const

export const updateWebhookEndpointsStepId = "update-webhook-endpoints"
/**
 * Changes endpoints' URL, description, events or active flag (the secret is
 * never changed or returned here). Deliveries already queued keep going to
 * the endpoint; an inactive endpoint is sent nothing until it is active
 * again. The compensation restores the fields it changed.
 *
 * @example
 * updateWebhookEndpointsStep([{ id: "bwhe_1", active: false }])
 */
export const updateWebhookEndpointsStep = createStep(
  updateWebhookEndpointsStepId,
  async (data: UpdateWebhookEndpointInput[], { container }) => {
    data.forEach(assertWebhookEndpointFields)
    const billing: BillingModuleService = container.resolve(BILLING_MODULE)
    const before = await billing.listWebhookEndpoints({ id: data.map((d) => d.id) }, { select: ["id", ...FIELDS] })
    const byId = new Map(before.map((e: any) => [e.id, e]))
    const missing = data.filter((d) => !byId.has(d.id)).map((d) => d.id)
    if (missing.length) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Webhook endpoint with id: ${missing.join(", ")} was not found`)
    }
    const changes = data.map((d) => {
      const out: Record<string, unknown> = { id: d.id }
      for (const f of FIELDS) if (d[f] !== undefined) out[f] = f === "events" ? [...new Set(d.events)] : d[f]
      return out
    })
    const previous = changes.map((c) => Object.fromEntries(Object.keys(c).map((k) => [k, byId.get(c.id as string)[k]])))
    await billing.updateWebhookEndpoints(changes as any)
    return new StepResponse(
      changes.map((c) => c.id as string),
      previous
    )
  },
  async (previous, { container }) => {
    if (!previous?.length) return
    const billing: BillingModuleService = container.resolve(BILLING_MODULE)
    await billing.updateWebhookEndpoints(previous as any)
  }
)
