import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { BILLING_MODULE } from "../../../../../modules/billing"
import { moneyScaleError } from "../../../../../modules/billing/calc"
import type BillingModuleService from "../../../../../modules/billing/service"
import { stripeTopUpWorkflow } from "../../../../../workflows/collections"
import { tenantAccountId, type StoreTopUpType } from "../../middlewares"

/**
 * The tenant tops up its own prepaid wallet through Stripe: a payment intent
 * whose client secret the portal confirms with Stripe.js; the wallet is
 * credited when Stripe's `payment_intent.succeeded` arrives. An
 * `Idempotency-Key` header makes a retried request return the same intent.
 * The amount has at most the account currency's decimals (JPY 0, BHD 3).
 */
export const POST = async (req: MedusaRequest<StoreTopUpType>, res: MedusaResponse) => {
  const billing: BillingModuleService = req.scope.resolve(BILLING_MODULE)
  const { currency_code } = await billing.retrieveBillingAccount(tenantAccountId(req), { select: ["id", "currency_code"] })
  const scale = moneyScaleError("amount", req.validatedBody.amount, currency_code)
  if (scale) throw new MedusaError(MedusaError.Types.INVALID_DATA, scale)
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
