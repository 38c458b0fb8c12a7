import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createIssuingEntitiesWorkflow } from "../../../../workflows/billing/workflows/create-issuing-entities"
import { refetchOrNotFound } from "../../../utils/refetch"
import { AdminCreateIssuingEntityType } from "./validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: issuing_entities, metadata } = await query.graph({
    entity: "issuing_entity",
    fields: req.queryConfig.fields,
    filters: req.filterableFields,
    pagination: req.queryConfig.pagination,
  })
  res.json({ issuing_entities, count: metadata!.count, offset: metadata!.skip, limit: metadata!.take })
}

export const POST = async (
  req: AuthenticatedMedusaRequest<AdminCreateIssuingEntityType>,
  res: MedusaResponse
) => {
  const { result } = await createIssuingEntitiesWorkflow(req.scope).run({
    input: { issuing_entities: [req.validatedBody as any] },
  })
  const issuing_entity = await refetchOrNotFound(
    req.scope,
    "issuing_entity",
    "Issuing entity",
    { id: result[0].id },
    req.queryConfig.fields
  )
  res.status(201).json({ issuing_entity })
}
