import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { runDunningWorkflow } from "../../../../../../workflows/collections"
import type { AdminRunDunningType } from "../../validators"

/** Runs a dunning round now (the hourly job's work), optionally as of another instant or for some accounts. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminRunDunningType>, res: MedusaResponse) => {
  const { result } = await runDunningWorkflow(req.scope).run({
    input: { as_of: req.validatedBody.as_of ? req.validatedBody.as_of.toISOString() : null, account_ids: req.validatedBody.account_ids ?? null },
  })
  res.json(result)
}
