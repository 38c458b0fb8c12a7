import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { BILLING_MODULE } from "../../../../../../modules/billing"
import type BillingModuleService from "../../../../../../modules/billing/service"
import { retrySyncRecordsWorkflow } from "../../../../../../workflows/collections"
import type { AdminRetrySyncRecordsType } from "../../validators"

/** Retries sync rows now: the given ids, or every failed row of a provider. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminRetrySyncRecordsType>, res: MedusaResponse) => {
  const billing: BillingModuleService = req.scope.resolve(BILLING_MODULE)
  const ids =
    req.validatedBody.ids ??
    (await billing.listSyncRecords({ provider: req.validatedBody.provider!, status: "failed" }, { select: ["id"], take: 1000 })).map((r) => r.id)
  if (!ids.length) return res.json({ synced: [], failed: [], skipped: [] })
  const { result } = await retrySyncRecordsWorkflow(req.scope).run({ input: { ids } })
  res.json(result)
}
