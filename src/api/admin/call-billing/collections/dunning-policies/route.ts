import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { BILLING_MODULE } from "../../../../../modules/billing"
import { DEFAULT_DUNNING_POLICY } from "../../../../../modules/billing/dunning/policy"
import type BillingModuleService from "../../../../../modules/billing/service"
import { createDunningPoliciesWorkflow } from "../../../../../workflows/collections"
import type { AdminCreateDunningPolicyType } from "../validators"

/** Dunning policies, and the built-in default that applies where none is set. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const billing: BillingModuleService = req.scope.resolve(BILLING_MODULE)
  const dunning_policies = await billing.listDunningPolicies({}, { order: { created_at: "ASC" } })
  res.json({ dunning_policies, count: dunning_policies.length, built_in_default: DEFAULT_DUNNING_POLICY })
}

export const POST = async (req: AuthenticatedMedusaRequest<AdminCreateDunningPolicyType>, res: MedusaResponse) => {
  const { result } = await createDunningPoliciesWorkflow(req.scope).run({ input: { policies: [req.validatedBody as any] } })
  res.status(201).json({ dunning_policy: result[0] })
}
