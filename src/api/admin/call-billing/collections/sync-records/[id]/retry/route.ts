import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { BILLING_MODULE } from "../../../../../../../modules/billing"
import type BillingModuleService from "../../../../../../../modules/billing/service"
import { retrySyncRecordsWorkflow } from "../../../../../../../workflows/collections"

/** Retries one sync row now and answers with the row as it ends up. */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const billing: BillingModuleService = req.scope.resolve(BILLING_MODULE)
  await retrySyncRecordsWorkflow(req.scope).run({ input: { ids: [req.params.id] } })
  res.json({ sync_record: await billing.retrieveSyncRecord(req.params.id) })
}
