import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { authorizeCallWorkflow } from "../../../workflows/billing"
import { AuthorizeCallType } from "./validators"

/**
 * May this call start, and for how long (BILLING.md §6)? Always 200 with a
 * decision: `{ granted: true, reservation_id, granted_seconds, amount,
 * currency_code, expires_at }` or `{ granted: false, reason, detail }` where
 * reason is account_suspended | account_closed | insufficient_credit (the
 * wallet, or a postpaid credit limit; `detail` says which) | invalid_number |
 * no_rate. 400 for a malformed
 * request, 404 for an unknown account.
 */
export const POST = async (req: AuthenticatedMedusaRequest<AuthorizeCallType>, res: MedusaResponse) => {
  const body = req.validatedBody
  let accountId = body.account_id
  if (!accountId) {
    const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({ entity: "billing_account", fields: ["id"], filters: { code: body.account_code } })
    if (!data[0]) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Billing account with code ${body.account_code} was not found`)
    accountId = data[0].id
  }
  const { result } = await authorizeCallWorkflow(req.scope).run({
    input: {
      account_id: accountId!,
      number: body.number,
      direction: body.direction,
      requested_seconds: body.requested_seconds,
      call_id: body.call_id ?? null,
    },
  })
  const d = result.decision
  res.json(
    d.granted
      ? {
          granted: true,
          reservation_id: d.reservation_id,
          granted_seconds: d.granted_seconds,
          amount: d.amount,
          currency_code: d.currency_code,
          expires_at: d.expires_at,
          number: result.number,
          destination: result.terms?.destination ?? null,
          rate: result.terms?.rate ?? null,
        }
      : { granted: false, reason: d.reason, detail: d.detail, number: result.number }
  )
}
