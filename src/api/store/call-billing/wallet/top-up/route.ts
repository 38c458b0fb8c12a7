import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { stripeTopUpWorkflow } from "../../../../../workflows/collections"
import { tenantAccountId, type StoreTopUpType } from "../../middlewares"

/**
 * The tenant tops up its own prepaid wallet through Stripe: a payment intent
 * whose client secret the portal confirms with Stripe.js; the wallet is
 * credited when Stripe's `payment_intent.succeeded` arrives. An
 * `Idempotency-Key` header makes a retried request return the same intent.
 */
export const POST = async (req: MedusaRequest<StoreTopUpType>, res: MedusaResponse) => {
  const { result } = await stripeTopUpWorkflow(req.scope).run({
    input: {
      account_id: tenantAccountId(req),
      amount: req.validatedBody.amount,
      key: (req.headers["idempotency-key"] as string | undefined) ?? null,
    },
  })
  res.json({
    top_up: {
      payment_intent_id: result.payment_intent_id,
      status: result.status,
      client_secret: result.client_secret,
      amount: result.amount,
      currency_code: result.currency_code,
    },
  })
}
