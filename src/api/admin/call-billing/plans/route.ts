import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createPlansWorkflow } from "../../../../workflows/billing/workflows/create-plans"
import { refetchOrNotFound } from "../../../utils/refetch"
import { presentPlan } from "./helpers"
import { AdminCreatePlanType } from "./validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data, metadata } = await query.graph({
    entity: "plan",
    fields: req.queryConfig.fields,
    filters: req.filterableFields,
    pagination: req.queryConfig.pagination,
  })
  res.json({ plans: data.map(presentPlan), count: metadata!.count, offset: metadata!.skip, limit: metadata!.take })
}

export const POST = async (req: AuthenticatedMedusaRequest<AdminCreatePlanType>, res: MedusaResponse) => {
  const { result } = await createPlansWorkflow(req.scope).run({
    input: { plans: [req.validatedBody as any] },
  })
  const plan = await refetchOrNotFound(req.scope, "plan", "Plan", { id: result[0].id }, req.queryConfig.fields)
  res.status(201).json({ plan: presentPlan(plan) })
}
