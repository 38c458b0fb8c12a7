import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { assignRateCardWorkflow } from "../../../../workflows/rating"
import { refetchOrNotFound } from "../../../utils/refetch"
import { defaultAdminCardAssignmentFields } from "./query-config"
import { AdminCreateCardAssignmentType } from "./validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: card_assignments, metadata } = await query.graph({
    entity: "card_assignment",
    fields: req.queryConfig.fields,
    filters: req.filterableFields,
    pagination: req.queryConfig.pagination,
  })
  res.json({ card_assignments, count: metadata!.count, offset: metadata!.skip, limit: metadata!.take })
}

/** Sets the system default card for a direction, or an account's card or override. */
export const POST = async (
  req: AuthenticatedMedusaRequest<AdminCreateCardAssignmentType>,
  res: MedusaResponse
) => {
  const { result } = await assignRateCardWorkflow(req.scope).run({
    input: req.validatedBody as any,
  })
  const card_assignment = await refetchOrNotFound(
    req.scope,
    "card_assignment",
    "Card assignment",
    { id: result.id },
    defaultAdminCardAssignmentFields
  )
  res.status(201).json({ card_assignment })
}
