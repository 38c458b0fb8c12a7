import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { rankCarriersWorkflow } from "../../../../workflows/rating"
import { AdminLcrParamsType } from "./validators"

/** Carriers able to carry a number, cheapest first (least-cost routing). */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const params = req.validatedQuery as unknown as AdminLcrParamsType
  const at = params.at ?? new Date()
  const { result } = await rankCarriersWorkflow(req.scope).run({
    input: {
      number: params.number,
      direction: params.direction,
      at,
      billsec: params.billsec,
      account_id: params.account_id ?? null,
      country_code: params.country_code ?? null,
    },
  })
  res.json({ number: result.number, at: at.toISOString(), billsec: params.billsec, carriers: result.entries })
}
