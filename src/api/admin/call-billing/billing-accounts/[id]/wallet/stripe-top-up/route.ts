import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { stripeTopUpWorkflow } from "../../../../../../../workflows/collections"
import type { AdminStripeTopUpType } from "../../../../collections/validators"

/**
 * A wallet top-up paid through Stripe: a payment intent for the tenant to
 * confirm (its client secret), or with `payment_method` a charge of a saved
 * card now. The wallet is credited when Stripe reports it succeeded (the
 * webhook), or at once for a saved card that succeeded.
 */
export const POST = async (req: AuthenticatedMedusaRequest<AdminStripeTopUpType>, res: MedusaResponse) => {
  const { result } = await stripeTopUpWorkflow(req.scope).run({
    input: {
      account_id: req.params.id,
      amount: req.validatedBody.amount,
      payment_method: req.validatedBody.payment_method ?? null,
      key: (req.headers["idempotency-key"] as string | undefined) ?? null,
    },
  })
  res.json({ top_up: result })
}
