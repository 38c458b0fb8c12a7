import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createTimeProfilesWorkflow } from "../../../../workflows/rating"
import { refetchOrNotFound } from "../../../utils/refetch"
import { AdminCreateTimeProfileType } from "./validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: time_profiles, metadata } = await query.graph({
    entity: "time_profile",
    fields: req.queryConfig.fields,
    filters: req.filterableFields,
    pagination: req.queryConfig.pagination,
  })
  res.json({ time_profiles, count: metadata!.count, offset: metadata!.skip, limit: metadata!.take })
}

export const POST = async (
  req: AuthenticatedMedusaRequest<AdminCreateTimeProfileType>,
  res: MedusaResponse
) => {
  const { result } = await createTimeProfilesWorkflow(req.scope).run({
    input: { time_profiles: [req.validatedBody as any] },
  })
  const time_profile = await refetchOrNotFound(
    req.scope,
    "time_profile",
    "Time profile",
    { id: result[0].id },
    req.queryConfig.fields
  )
  res.status(201).json({ time_profile })
}
