import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { deleteTaxProfilesWorkflow } from "../../../../../workflows/billing/workflows/delete-tax-profiles"
import { updateTaxProfilesWorkflow } from "../../../../../workflows/billing/workflows/update-tax-profiles"
import { refetchOrNotFound } from "../../../../utils/refetch"
import { AdminUpdateTaxProfileType } from "../validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const tax_profile = await refetchOrNotFound(
    req.scope,
    "tax_profile",
    "Tax profile",
    { id: req.params.id },
    req.queryConfig.fields
  )
  res.json({ tax_profile })
}

export const POST = async (
  req: AuthenticatedMedusaRequest<AdminUpdateTaxProfileType>,
  res: MedusaResponse
) => {
  await refetchOrNotFound(req.scope, "tax_profile", "Tax profile", { id: req.params.id }, ["id"])
  await updateTaxProfilesWorkflow(req.scope).run({
    input: { tax_profiles: [{ ...(req.validatedBody as any), id: req.params.id }] },
  })
  const tax_profile = await refetchOrNotFound(
    req.scope,
    "tax_profile",
    "Tax profile",
    { id: req.params.id },
    req.queryConfig.fields
  )
  res.json({ tax_profile })
}

export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await refetchOrNotFound(req.scope, "tax_profile", "Tax profile", { id: req.params.id }, ["id"])
  await deleteTaxProfilesWorkflow(req.scope).run({ input: { ids: [req.params.id] } })
  res.json({ id: req.params.id, object: "tax_profile", deleted: true })
}
