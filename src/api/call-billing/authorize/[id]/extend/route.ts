import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { extendCallWorkflow } from "../../../../../workflows/billing"
import { ExtendCallType } from "../../validators"

/** More quota for a call in progress; the answer gives the reservation's totals. */
export const POST = async (req: AuthenticatedMedusaRequest<ExtendCallType>, res: MedusaResponse) => {
  const { result: d } = await extendCallWorkflow(req.scope).run({
    input: { reservation_id: req.params.id, requested_seconds: req.validatedBody.requested_seconds },
  })
  res.json(
    d.granted
      ? { granted: true, reservation_id: d.reservation_id, granted_seconds: d.granted_seconds, amount: d.amount, currency_code: d.currency_code, expires_at: d.expires_at }
      : { granted: false, reason: d.reason, detail: d.detail }
  )
}
