import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../../modules/billing"
import type BillingModuleService from "../../../modules/billing/service"
import { WEBHOOK_CLAIM_LEASE_SECONDS } from "./webhook-send-deliveries"

export const resetWebhookDeliveriesStepId = "reset-webhook-deliveries"
/**
 * The admin's retry: failed (or waiting) deliveries go back to `pending`,
 * due at once. A delivered one is refused. The attempt count is kept, so a
 * retry of an exhausted delivery that fails again is `failed` again. The
 * compensation restores the rows.
 *
 * @example
 * resetWebhookDeliveriesStep({ ids: ["bwhd_1"] })
 */
export const resetWebhookDeliveriesStep = createStep(
  resetWebhookDeliveriesStepId,
  async (input: { ids: string[] }, { container }) => {
    const billing: BillingModuleService = container.resolve(BILLING_MODULE)
    const rows = await billing.listWebhookDeliveries({ id: input.ids }, { select: ["id", "status", "next_attempt_at", "last_attempt_at"] })
    const missing = input.ids.filter((id) => !rows.some((r) => r.id === id))
    if (missing.length) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Webhook delivery with id: ${missing.join(", ")} was not found`)
    }
    const delivered = rows.filter((r) => r.status === "delivered")
    if (delivered.length) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Webhook delivery ${delivered.map((r) => r.id).join(", ")} was delivered already; only a failed or pending delivery can be retried`
      )
    }
    // a claimed row is leased for exactly WEBHOOK_CLAIM_LEASE_SECONDS from its attempt
    const inFlight = rows.filter(
      (r) =>
        r.status === "pending" &&
        r.next_attempt_at &&
        r.last_attempt_at &&
        new Date(r.next_attempt_at).getTime() > Date.now() &&
        new Date(r.next_attempt_at).getTime() - new Date(r.last_attempt_at).getTime() === WEBHOOK_CLAIM_LEASE_SECONDS * 1000
    )
    if (inFlight.length) {
      throw new MedusaError(
        MedusaError.Types.CONFLICT,
        `Webhook delivery ${inFlight.map((r) => r.id).join(", ")} is being sent right now; see its outcome before retrying`
      )
    }
    const before = rows.map((r) => ({ id: r.id, status: r.status, next_attempt_at: r.next_attempt_at }))
    // null is "due now" whatever the clocks of this process and the database say
    await billing.updateWebhookDeliveries(rows.map((r) => ({ id: r.id, status: "pending" as const, next_attempt_at: null })))
    return new StepResponse(input.ids, before)
  },
  async (before, { container }) => {
    if (!before?.length) return
    const billing: BillingModuleService = container.resolve(BILLING_MODULE)
    await billing.updateWebhookDeliveries(before as any)
  }
)
