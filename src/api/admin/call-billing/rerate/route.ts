import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { rerateUsageWorkflow } from "../../../../workflows/metering/workflows/rerate-usage"
import type { AdminRerateUsageType } from "./validators"

/** Re-rates an account's calls answered in [from, to) against the cards as they are now; answers what moved. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminRerateUsageType>, res: MedusaResponse) => {
  const { account_id, from, to } = req.validatedBody
  const { result } = await rerateUsageWorkflow(req.scope).run({
    input: { account_id, from, to, actor: req.auth_context?.actor_id ?? null, adjust_invoiced: req.validatedBody.adjust_invoiced ?? false },
  })
  res.json(result)
}
