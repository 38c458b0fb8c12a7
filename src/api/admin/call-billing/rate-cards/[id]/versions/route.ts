import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { importRateDeckWorkflow } from "../../../../../../workflows/rating"
import { refetchOrNotFound } from "../../../../../utils/refetch"
import { AdminImportRateDeckType } from "../../validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await refetchOrNotFound(req.scope, "rate_card", "Rate card", { id: req.params.id }, ["id"])
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: versions, metadata } = await query.graph({
    entity: "rate_card_version",
    fields: req.queryConfig.fields,
    filters: { ...req.filterableFields, rate_card_id: req.params.id },
    pagination: req.queryConfig.pagination,
  })
  res.json({ versions, count: metadata!.count, offset: metadata!.skip, limit: metadata!.take })
}

/**
 * Imports a deck into a new draft version. The whole deck is validated
 * first; with any bad line nothing is written and the 400 lists them all.
 */
export const POST = async (
  req: AuthenticatedMedusaRequest<AdminImportRateDeckType>,
  res: MedusaResponse
) => {
  const { result } = await importRateDeckWorkflow(req.scope).run({
    input: {
      rate_card_id: req.params.id,
      csv: req.validatedBody.csv,
      filename: req.validatedBody.filename,
      notes: req.validatedBody.notes,
      created_by: req.auth_context?.actor_id ?? null,
    },
  })
  if (!result.version) {
    const shown = result.errors.slice(0, 3).map((e) => `line ${e.line}${e.column ? `, column ${e.column}` : ""}: ${e.reason}`)
    return res.status(400).json({
      type: "invalid_data",
      message: `Rate deck rejected, nothing was imported: ${result.errors.length} bad line(s). ${shown.join("; ")}${result.errors.length > 3 ? "; …" : ""}`,
      errors: result.errors,
    })
  }
  const version = await refetchOrNotFound(
    req.scope,
    "rate_card_version",
    "Rate card version",
    { id: result.version.id },
    req.queryConfig.fields
  )
  res.status(201).json({ version })
}
