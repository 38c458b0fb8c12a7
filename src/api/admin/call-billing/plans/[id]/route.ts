import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { updatePlansWorkflow } from "../../../../../workflows/billing/workflows/update-plans"
import { refetchOrNotFound } from "../../../../utils/refetch"
import { presentPlan } from "../helpers"
import { AdminUpdatePlanType } from "../validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const plan = await refetchOrNotFound(req.scope, "plan", "Plan", { id: req.params.id }, req.queryConfig.fields)
  res.json({ plan: presentPlan(plan) })
}

/** Updates the plan; `components`, when given, replaces its whole component list. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminUpdatePlanType>, res: MedusaResponse) => {
  await refetchOrNotFound(req.scope, "plan", "Plan", { id: req.params.id }, ["id"])
  await updatePlansWorkflow(req.scope).run({
    input: { plans: [{ ...(req.validatedBody as any), id: req.params.id }] },
  })
  const plan = await refetchOrNotFound(req.scope, "plan", "Plan", { id: req.params.id }, req.queryConfig.fields)
  res.json({ plan: presentPlan(plan) })
}
