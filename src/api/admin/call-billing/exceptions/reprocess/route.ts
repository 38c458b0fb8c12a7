import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { reprocessExceptionsWorkflow } from "../../../../../workflows/metering/workflows/reprocess-exceptions"
import type { AdminReprocessExceptionsType } from "../validators"

/** Checks, rates and stores the chosen open exceptions again, after a fix; answers what became of them. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminReprocessExceptionsType>, res: MedusaResponse) => {
  const body = req.validatedBody
  const { result } = await reprocessExceptionsWorkflow(req.scope).run({
    input: {
      ids: body.ids,
      all: body.all,
      filter: body.filter as any,
      patch: body.patch,
      accept_out_of_policy: body.accept_out_of_policy,
      actor: req.auth_context?.actor_id ?? null,
    },
  })
  res.json(result)
}
