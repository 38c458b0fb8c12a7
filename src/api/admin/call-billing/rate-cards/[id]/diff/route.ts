import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { RATING_MODULE } from "../../../../../../modules/rating"
import { diffDecks } from "../../../../../../modules/rating/engine/deck"
import type RatingModuleService from "../../../../../../modules/rating/service"
import { findVersion } from "../../helpers"
import { AdminDiffRateCardVersionsParamsType } from "../../validators"

/** Added, removed and changed rows between two versions of a card (old → new values). */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const params = req.validatedQuery as unknown as AdminDiffRateCardVersionsParamsType
  const from = await findVersion(req.scope, req.params.id, params.from)
  const to = await findVersion(req.scope, req.params.id, params.to)
  const service: RatingModuleService = req.scope.resolve(RATING_MODULE)
  const [oldRows, newRows] = await Promise.all([
    service.listVersionRows(from.id),
    service.listVersionRows(to.id),
  ])
  const diff = diffDecks(oldRows, newRows)
  res.json({
    from: { id: from.id, number: from.number },
    to: { id: to.id, number: to.number },
    ...diff,
  })
}
