import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { cancelSubscriptionWorkflow } from "../../../../../../workflows/billing"
import { AdminCancelSubscriptionType } from "../../../billing-accounts/validators"
import { subscriptionView } from "../../../billing-accounts/subscription-view"

/** Cancels at the period's end (default), now, or on a date. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminCancelSubscriptionType>, res: MedusaResponse) => {
  const { result } = await cancelSubscriptionWorkflow(req.scope).run({
    input: { subscription_id: req.params.id, at: req.validatedBody.at, note: req.validatedBody.note ?? null, created_by: req.auth_context.actor_id },
  })
  res.json({ subscription: await subscriptionView(req.scope, result.account_id) })
}
