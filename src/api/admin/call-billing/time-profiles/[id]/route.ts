import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import {
  deleteTimeProfilesWorkflow,
  updateTimeProfilesWorkflow,
} from "../../../../../workflows/rating"
import { refetchOrNotFound } from "../../../../utils/refetch"
import { AdminUpdateTimeProfileType } from "../validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const time_profile = await refetchOrNotFound(
    req.scope,
    "time_profile",
    "Time profile",
    { id: req.params.id },
    req.queryConfig.fields
  )
  res.json({ time_profile })
}

export const POST = async (
  req: AuthenticatedMedusaRequest<AdminUpdateTimeProfileType>,
  res: MedusaResponse
) => {
  await refetchOrNotFound(req.scope, "time_profile", "Time profile", { id: req.params.id }, ["id"])
  await updateTimeProfilesWorkflow(req.scope).run({
    input: { time_profiles: [{ ...(req.validatedBody as any), id: req.params.id }] },
  })
  const time_profile = await refetchOrNotFound(
    req.scope,
    "time_profile",
    "Time profile",
    { id: req.params.id },
    req.queryConfig.fields
  )
  res.json({ time_profile })
}

export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await refetchOrNotFound(req.scope, "time_profile", "Time profile", { id: req.params.id }, ["id"])
  await deleteTimeProfilesWorkflow(req.scope).run({ input: { ids: [req.params.id] } })
  res.json({ id: req.params.id, object: "time_profile", deleted: true })
}
