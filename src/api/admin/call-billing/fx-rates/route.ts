import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createFxRatesWorkflow } from "../../../../workflows/billing/workflows/create-fx-rates"
import { refetchOrNotFound } from "../../../utils/refetch"
import { presentFxRate } from "./helpers"
import { AdminCreateFxRateType } from "./validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data, metadata } = await query.graph({
    entity: "fx_rate",
    fields: req.queryConfig.fields,
    filters: req.filterableFields,
    pagination: req.queryConfig.pagination,
  })
  res.json({ fx_rates: data.map(presentFxRate), count: metadata!.count, offset: metadata!.skip, limit: metadata!.take })
}

export const POST = async (req: AuthenticatedMedusaRequest<AdminCreateFxRateType>, res: MedusaResponse) => {
  const { result } = await createFxRatesWorkflow(req.scope).run({
    input: { fx_rates: [req.validatedBody as any] },
  })
  const fx_rate = await refetchOrNotFound(req.scope, "fx_rate", "FX rate", { id: result[0].id }, req.queryConfig.fields)
  res.status(201).json({ fx_rate: presentFxRate(fx_rate) })
}
