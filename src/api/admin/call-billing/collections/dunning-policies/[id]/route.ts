import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { BILLING_MODULE } from "../../../../../../modules/billing"
import type BillingModuleService from "../../../../../../modules/billing/service"
import { deleteDunningPoliciesWorkflow, updateDunningPoliciesWorkflow } from "../../../../../../workflows/collections"
import type { AdminUpdateDunningPolicyType } from "../../validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const billing: BillingModuleService = req.scope.resolve(BILLING_MODULE)
  res.json({ dunning_policy: await billing.retrieveDunningPolicy(req.params.id) })
}

export const POST = async (req: AuthenticatedMedusaRequest<AdminUpdateDunningPolicyType>, res: MedusaResponse) => {
  await updateDunningPoliciesWorkflow(req.scope).run({ input: { policies: [{ id: req.params.id, ...(req.validatedBody as any) }] } })
  const billing: BillingModuleService = req.scope.resolve(BILLING_MODULE)
  res.json({ dunning_policy: await billing.retrieveDunningPolicy(req.params.id) })
}

export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const billing: BillingModuleService = req.scope.resolve(BILLING_MODULE)
  await billing.retrieveDunningPolicy(req.params.id, { select: ["id"] })
  await deleteDunningPoliciesWorkflow(req.scope).run({ input: { ids: [req.params.id] } })
  res.json({ id: req.params.id, object: "dunning_policy", deleted: true })
}
