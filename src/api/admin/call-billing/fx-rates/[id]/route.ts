import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { deleteFxRatesWorkflow } from "../../../../../workflows/billing/workflows/delete-fx-rates"
import { refetchOrNotFound } from "../../../../utils/refetch"
import { presentFxRate } from "../helpers"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const fx_rate = await refetchOrNotFound(req.scope, "fx_rate", "FX rate", { id: req.params.id }, req.queryConfig.fields)
  res.json({ fx_rate: presentFxRate(fx_rate) })
}

export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await refetchOrNotFound(req.scope, "fx_rate", "FX rate", { id: req.params.id }, ["id"])
  await deleteFxRatesWorkflow(req.scope).run({ input: { ids: [req.params.id] } })
  res.json({ id: req.params.id, object: "fx_rate", deleted: true })
}
