import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createRateCardsWorkflow } from "../../../../workflows/rating"
import { refetchOrNotFound } from "../../../utils/refetch"
import { AdminCreateRateCardType } from "./validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: rate_cards, metadata } = await query.graph({
    entity: "rate_card",
    fields: req.queryConfig.fields,
    filters: req.filterableFields,
    pagination: req.queryConfig.pagination,
  })
  res.json({
    rate_cards,
    count: metadata!.count,
    offset: metadata!.skip,
    limit: metadata!.take,
  })
}

export const POST = async (
  req: AuthenticatedMedusaRequest<AdminCreateRateCardType>,
  res: MedusaResponse
) => {
  const { result } = await createRateCardsWorkflow(req.scope).run({
    input: { rate_cards: [req.validatedBody as any] },
  })
  const rate_card = await refetchOrNotFound(
    req.scope,
    "rate_card",
    "Rate card",
    { id: result[0].id },
    req.queryConfig.fields
  )
  res.status(201).json({ rate_card })
}
