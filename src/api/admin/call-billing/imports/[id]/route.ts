import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { refetchOrNotFound } from "../../../../utils/refetch"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const import_job = await refetchOrNotFound(req.scope, "import_job", "Import job", { id: req.params.id }, req.queryConfig.fields)
  res.json({ import_job })
}
