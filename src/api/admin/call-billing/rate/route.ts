import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { simulateCallWorkflow } from "../../../../workflows/rating"
import { AdminRateCallType } from "./validators"

/** Rates one call for an account, as ingestion would, and returns the full trace. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminRateCallType>, res: MedusaResponse) => {
  const body = req.validatedBody
  const { result } = await simulateCallWorkflow(req.scope).run({
    input: {
      account_id: body.account_id,
      call: {
        direction: body.direction,
        number: body.number,
        answer_time: body.answer_time,
        billsec: body.billsec,
        disposition: body.disposition,
        carrier: body.carrier ?? null,
      },
    },
  })
  res.json({
    account: { id: result.account.id, code: result.account.code, timezone: result.account.timezone },
    cards_tried: result.cards,
    result: result.result,
  })
}
