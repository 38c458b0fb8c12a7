import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { BILLING_MODULE } from "../../../../modules/billing"
import { verifyStripeWebhook } from "../../../../modules/billing/integrations/stripe"
import type BillingModuleService from "../../../../modules/billing/service"
import { handleStripeEventWorkflow } from "../../../../workflows/collections"

/**
 * Stripe's webhook. A missing, bad or stale signature is a 400 and changes
 * nothing; a verified event is handled once (a resent one answers 200 with
 * `action: "duplicate"`).
 */
export const POST = async (req: MedusaRequest, res: MedusaResponse) => {
  const billing: BillingModuleService = req.scope.resolve(BILLING_MODULE)
  const secret = billing.collectionsOptions().stripe?.webhook_secret
  if (!secret) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "Stripe webhooks are not configured: set the plugin option stripe.webhook_secret")
  }
  const raw = (req as any).rawBody as Buffer | string | undefined
  if (!raw) throw new MedusaError(MedusaError.Types.INVALID_DATA, "body: empty; Stripe sends the event as JSON")
  let event: any
  try {
    event = verifyStripeWebhook(raw, req.headers["stripe-signature"] as string | undefined, secret)
  } catch (e: any) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `stripe-signature: ${e.message}`)
  }
  const { result } = await handleStripeEventWorkflow(req.scope).run({
    input: { id: event.id, type: event.type, created: event.created, data: { object: event.data?.object } },
  })
  res.json({ received: true, event_id: event.id, ...result })
}
