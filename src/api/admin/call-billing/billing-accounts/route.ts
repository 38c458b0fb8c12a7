import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createBillingAccountsWorkflow } from "../../../../workflows/billing"
import { refetchOrNotFound } from "../../../utils/refetch"
import { accountView } from "./account-view"
import { AdminCreateBillingAccountType } from "./validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: billing_accounts, metadata } = await query.graph({
    entity: "billing_account",
    fields: req.queryConfig.fields,
    filters: req.filterableFields,
    pagination: req.queryConfig.pagination,
  })
  res.json({ billing_accounts: billing_accounts.map(accountView), count: metadata!.count, offset: metadata!.skip, limit: metadata!.take })
}

export const POST = async (
  req: AuthenticatedMedusaRequest<AdminCreateBillingAccountType>,
  res: MedusaResponse
) => {
  const { result } = await createBillingAccountsWorkflow(req.scope).run({
    input: { billing_accounts: [req.validatedBody as any] },
  })
  const billing_account = await refetchOrNotFound(
    req.scope,
    "billing_account",
    "Billing account",
    { id: result[0].id },
    req.queryConfig.fields
  )
  res.status(201).json({ billing_account: accountView(billing_account) })
}
