import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { deleteIssuingEntitiesWorkflow } from "../../../../../workflows/billing/workflows/delete-issuing-entities"
import { updateIssuingEntitiesWorkflow } from "../../../../../workflows/billing/workflows/update-issuing-entities"
import { refetchOrNotFound } from "../../../../utils/refetch"
import { AdminUpdateIssuingEntityType } from "../validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const issuing_entity = await refetchOrNotFound(
    req.scope,
    "issuing_entity",
    "Issuing entity",
    { id: req.params.id },
    req.queryConfig.fields
  )
  res.json({ issuing_entity })
}

export const POST = async (
  req: AuthenticatedMedusaRequest<AdminUpdateIssuingEntityType>,
  res: MedusaResponse
) => {
  await refetchOrNotFound(req.scope, "issuing_entity", "Issuing entity", { id: req.params.id }, ["id"])
  await updateIssuingEntitiesWorkflow(req.scope).run({
    input: { issuing_entities: [{ ...(req.validatedBody as any), id: req.params.id }] },
  })
  const issuing_entity = await refetchOrNotFound(
    req.scope,
    "issuing_entity",
    "Issuing entity",
    { id: req.params.id },
    req.queryConfig.fields
  )
  res.json({ issuing_entity })
}

export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await refetchOrNotFound(req.scope, "issuing_entity", "Issuing entity", { id: req.params.id }, ["id"])
  await deleteIssuingEntitiesWorkflow(req.scope).run({ input: { ids: [req.params.id] } })
  res.json({ id: req.params.id, object: "issuing_entity", deleted: true })
}
