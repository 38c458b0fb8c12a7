import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { createSubscriptionWorkflow } from "../../../../../../workflows/billing"
import { refetchOrNotFound } from "../../../../../utils/refetch"
import { subscriptionView } from "../../subscription-view"
import { AdminCreateSubscriptionType } from "../../validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await refetchOrNotFound(req.scope, "billing_account", "Billing account", { id: req.params.id }, ["id"])
  res.json({ subscription: await subscriptionView(req.scope, req.params.id) })
}

/** Subscribes the account to a plan (one live subscription per account). */
export const POST = async (req: AuthenticatedMedusaRequest<AdminCreateSubscriptionType>, res: MedusaResponse) => {
  await refetchOrNotFound(req.scope, "billing_account", "Billing account", { id: req.params.id }, ["id"])
  await createSubscriptionWorkflow(req.scope).run({
    input: { account_id: req.params.id, ...req.validatedBody, created_by: req.auth_context.actor_id },
  })
  res.status(201).json({ subscription: await subscriptionView(req.scope, req.params.id) })
}
