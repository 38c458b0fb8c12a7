import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { reconcileInvoicesWorkflow } from "../../../../../workflows/collections"
import type { AdminGetReconciliationParamsType } from "../validators"

/**
 * Reconciliation for invoices issued from `from` to `to` (dates): each
 * invoice's total and paid amount here, in Xero and in Stripe, mismatches
 * first.
 */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminGetReconciliationParamsType>, res: MedusaResponse) => {
  const { result } = await reconcileInvoicesWorkflow(req.scope).run({ input: req.validatedQuery })
  res.json(result)
}
