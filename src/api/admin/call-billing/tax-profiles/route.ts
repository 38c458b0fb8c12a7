import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createTaxProfilesWorkflow } from "../../../../workflows/billing/workflows/create-tax-profiles"
import { refetchOrNotFound } from "../../../utils/refetch"
import { AdminCreateTaxProfileType } from "./validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: tax_profiles, metadata } = await query.graph({
    entity: "tax_profile",
    fields: req.queryConfig.fields,
    filters: req.filterableFields,
    pagination: req.queryConfig.pagination,
  })
  res.json({ tax_profiles, count: metadata!.count, offset: metadata!.skip, limit: metadata!.take })
}

export const POST = async (
  req: AuthenticatedMedusaRequest<AdminCreateTaxProfileType>,
  res: MedusaResponse
) => {
  const { result } = await createTaxProfilesWorkflow(req.scope).run({
    input: { tax_profiles: [req.validatedBody as any] },
  })
  const tax_profile = await refetchOrNotFound(
    req.scope,
    "tax_profile",
    "Tax profile",
    { id: result[0].id },
    req.queryConfig.fields
  )
  res.status(201).json({ tax_profile })
}
