import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { changeSubscriptionWorkflow } from "../../../../../workflows/billing"
import { AdminChangeSubscriptionType } from "../../billing-accounts/validators"
import { subscriptionView } from "../../billing-accounts/subscription-view"

/** Changes seats, add-on units or the plan from a date (default today); prorated at the period close. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminChangeSubscriptionType>, res: MedusaResponse) => {
  const { result } = await changeSubscriptionWorkflow(req.scope).run({
    input: { subscription_id: req.params.id, ...req.validatedBody, created_by: req.auth_context.actor_id },
  })
  res.json({ subscription: await subscriptionView(req.scope, result.account_id) })
}
