import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { ignoreExceptionsWorkflow } from "../../../../../workflows/metering/workflows/ignore-exceptions"
import { defaultAdminUsageExceptionFields } from "../query-config"
import type { AdminIgnoreExceptionsType } from "../validators"

/** Closes open exceptions without billing them, with a note saying why. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminIgnoreExceptionsType>, res: MedusaResponse) => {
  const { result } = await ignoreExceptionsWorkflow(req.scope).run({
    input: { ids: req.validatedBody.ids, note: req.validatedBody.note, actor: req.auth_context?.actor_id ?? null },
  })
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: exceptions } = await query.graph({
    entity: "usage_exception",
    fields: defaultAdminUsageExceptionFields,
    filters: { id: result.ids },
  })
  res.json({ ignored: result.ids.length, exceptions })
}
