import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../../modules/billing"
import type BillingModuleService from "../../../modules/billing/service"

export const listDueSyncRecordsStepId = "list-due-sync-records"
/**
 * The sync rows due for an automatic attempt (pending, or failed with
 * attempts left and their backoff passed), oldest first.
 *
 * @example
 * const ids = listDueSyncRecordsStep({ limit: 200 })
 */
export const listDueSyncRecordsStep = createStep(listDueSyncRecordsStepId, async (input: { limit: number }, { container }) => {
  const billing: BillingModuleService = container.resolve(BILLING_MODULE)
  const max = billing.collectionsOptions().sync?.max_attempts ?? 8
  return new StepResponse(await billing.listDueSyncRecords({ limit: input.limit, max_attempts: max }))
})
