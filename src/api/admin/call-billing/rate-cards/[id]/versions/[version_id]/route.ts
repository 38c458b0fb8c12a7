import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { deleteRateCardVersionsWorkflow } from "../../../../../../../workflows/rating"
import { findVersion } from "../../../helpers"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const version = await findVersion(req.scope, req.params.id, req.params.version_id, req.queryConfig.fields)
  res.json({ version })
}

export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const version = await findVersion(req.scope, req.params.id, req.params.version_id)
  await deleteRateCardVersionsWorkflow(req.scope).run({ input: { ids: [version.id] } })
  res.json({ id: version.id, object: "rate_card_version", deleted: true })
}
