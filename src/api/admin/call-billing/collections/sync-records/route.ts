import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { BILLING_MODULE } from "../../../../../modules/billing"
import type BillingModuleService from "../../../../../modules/billing/service"
import type { AdminGetSyncRecordsParamsType } from "../validators"

/** Sync rows (Stripe, Xero): filter by provider, status, record, account; newest attempts first. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminGetSyncRecordsParamsType>, res: MedusaResponse) => {
  const billing: BillingModuleService = req.scope.resolve(BILLING_MODULE)
  const q = req.validatedQuery
  const filters: Record<string, unknown> = {}
  if (q.provider) filters.provider = q.provider
  if (q.status?.length) filters.status = q.status
  if (q.record_type) filters.record_type = q.record_type
  if (q.record_id?.length) filters.record_id = q.record_id
  if (q.account_id) filters.account_id = q.account_id
  const [sync_records, count] = await billing.listAndCountSyncRecords(filters, {
    skip: q.offset,
    take: q.limit,
    order: { updated_at: "DESC" },
  })
  res.json({ sync_records, count, offset: q.offset, limit: q.limit })
}
