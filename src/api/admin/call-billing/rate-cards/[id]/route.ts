import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { deleteRateCardsWorkflow, updateRateCardsWorkflow } from "../../../../../workflows/rating"
import { refetchOrNotFound } from "../../../../utils/refetch"
import { AdminUpdateRateCardType } from "../validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const rate_card = await refetchOrNotFound(
    req.scope,
    "rate_card",
    "Rate card",
    { id: req.params.id },
    req.queryConfig.fields
  )
  res.json({ rate_card })
}

export const POST = async (
  req: AuthenticatedMedusaRequest<AdminUpdateRateCardType>,
  res: MedusaResponse
) => {
  await updateRateCardsWorkflow(req.scope).run({
    input: { rate_cards: [{ ...(req.validatedBody as any), id: req.params.id }] },
  })
  const rate_card = await refetchOrNotFound(
    req.scope,
    "rate_card",
    "Rate card",
    { id: req.params.id },
    req.queryConfig.fields
  )
  res.json({ rate_card })
}

export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await deleteRateCardsWorkflow(req.scope).run({ input: { ids: [req.params.id] } })
  res.json({ id: req.params.id, object: "rate_card", deleted: true })
}
