import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { closePeriodsWorkflow } from "../../../../../../workflows/billing"
import { refetchOrNotFound } from "../../../../../utils/refetch"
import { AdminClosePeriodsType } from "../../validators"

/**
 * Closes the account's due periods now (as the scheduled job would), oldest
 * first. `{ closed, skipped, next }`: `next` is the open period that is not
 * due yet and when it closes (its end + the account's grace), so an empty
 * `closed` says why.
 */
export const POST = async (req: AuthenticatedMedusaRequest<AdminClosePeriodsType>, res: MedusaResponse) => {
  await refetchOrNotFound(req.scope, "billing_account", "Billing account", { id: req.params.id }, ["id"])
  const asOf = req.validatedBody.as_of ?? new Date().toISOString()
  const closed: unknown[] = []
  let skipped: unknown[] = []
  let next: unknown = null
  // one period per run; an account several periods behind needs several
  for (let i = 0; i < 36; i++) {
    const { result } = await closePeriodsWorkflow(req.scope).run({ input: { account_ids: [req.params.id], as_of: asOf } })
    skipped = result.skipped
    next = result.not_due[0] ?? null
    if (!result.closed.length) break
    closed.push(...result.closed)
  }
  res.json({ closed, skipped, next })
}
