import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { publishRateCardVersionWorkflow } from "../../../../../../../../workflows/rating"
import { findVersion } from "../../../../helpers"
import { AdminPublishRateCardVersionType } from "../../../../validators"

export const POST = async (
  req: AuthenticatedMedusaRequest<AdminPublishRateCardVersionType>,
  res: MedusaResponse
) => {
  const version = await findVersion(req.scope, req.params.id, req.params.version_id)
  const { result } = await publishRateCardVersionWorkflow(req.scope).run({
    input: {
      version_id: version.id,
      effective_from: req.validatedBody.effective_from,
      published_by: req.auth_context?.actor_id ?? null,
    },
  })
  const published = await findVersion(req.scope, req.params.id, version.id, req.queryConfig.fields)
  res.json({ version: published, closed_version_id: result.closed?.id ?? null })
}
