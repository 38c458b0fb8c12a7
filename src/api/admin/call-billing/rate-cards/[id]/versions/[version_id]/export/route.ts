import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { RATING_MODULE } from "../../../../../../../../modules/rating"
import { serializeDeck } from "../../../../../../../../modules/rating/engine/deck"
import type RatingModuleService from "../../../../../../../../modules/rating/service"
import { findVersion } from "../../../../helpers"

/** The version as a deck CSV (FORMATS.md), values exactly as stored. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const version = await findVersion(req.scope, req.params.id, req.params.version_id)
  const service: RatingModuleService = req.scope.resolve(RATING_MODULE)
  const card = await service.retrieveRateCard(req.params.id, { select: ["code"] })
  const rows = await service.listVersionRows(version.id)
  res.setHeader("Content-Type", "text/csv; charset=utf-8")
  res.setHeader(
    "Content-Disposition",
    `attachment; filename="${card.code}-v${version.number}.csv"`
  )
  res.send(serializeDeck(rows))
}
