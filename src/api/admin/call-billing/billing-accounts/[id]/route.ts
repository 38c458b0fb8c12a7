import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import {
  deleteBillingAccountsWorkflow,
  updateBillingAccountsWorkflow,
} from "../../../../../workflows/billing"
import { refetchOrNotFound } from "../../../../utils/refetch"
import { accountView } from "../account-view"
import { AdminUpdateBillingAccountType } from "../validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const billing_account = await refetchOrNotFound(
    req.scope,
    "billing_account",
    "Billing account",
    { id: req.params.id },
    req.queryConfig.fields
  )
  res.json({ billing_account: accountView(billing_account) })
}

export const POST = async (
  req: AuthenticatedMedusaRequest<AdminUpdateBillingAccountType>,
  res: MedusaResponse
) => {
  await refetchOrNotFound(req.scope, "billing_account", "Billing account", { id: req.params.id }, ["id"])
  await updateBillingAccountsWorkflow(req.scope).run({
    input: {
      billing_accounts: [
        {
          ...(req.validatedBody as any),
          // an admin's own suspension is not dunning's: a payment does not lift it
          ...(req.validatedBody.status ? { suspension_reason: req.validatedBody.status === "suspended" ? "admin" : null } : {}),
          id: req.params.id,
        },
      ],
    },
  })
  const billing_account = await refetchOrNotFound(
    req.scope,
    "billing_account",
    "Billing account",
    { id: req.params.id },
    req.queryConfig.fields
  )
  res.json({ billing_account: accountView(billing_account) })
}

export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await refetchOrNotFound(req.scope, "billing_account", "Billing account", { id: req.params.id }, ["id"])
  await deleteBillingAccountsWorkflow(req.scope).run({ input: { ids: [req.params.id] } })
  res.json({ id: req.params.id, object: "billing_account", deleted: true })
}
