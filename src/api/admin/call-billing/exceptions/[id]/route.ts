import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { refetchOrNotFound } from "../../../../utils/refetch"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const exception = await refetchOrNotFound(req.scope, "usage_exception", "Usage exception", { id: req.params.id }, req.queryConfig.fields)
  res.json({ exception })
}
