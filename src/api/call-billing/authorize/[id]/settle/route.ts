import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { settleCallWorkflow } from "../../../../../workflows/billing"
import { SettleCallType } from "../../validators"

/** The switch reports the seconds a call used: rated, debited once, the rest released. */
export const POST = async (req: AuthenticatedMedusaRequest<SettleCallType>, res: MedusaResponse) => {
  const { result } = await settleCallWorkflow(req.scope).run({
    input: { reservation_id: req.params.id, used_seconds: req.validatedBody.used_seconds, call_id: req.validatedBody.call_id ?? null },
  })
  res.json(result)
}
