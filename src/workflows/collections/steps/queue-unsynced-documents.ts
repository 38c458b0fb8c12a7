import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../../modules/billing"
import type BillingModuleService from "../../../modules/billing/service"

export const queueUnsyncedDocumentsStepId = "queue-unsynced-documents"
/**
 * The retry job's sweep: queues finalized invoices, credit notes and
 * (Xero) allocated payments that a configured provider has no sync row for —
 * an event lost to a crash, documents issued before the provider was set up
 * — so nothing finalized is left out of Stripe or Xero. Not compensated: a
 * queued row is harmless and is what the job pushes next.
 *
 * @example
 * const queued = queueUnsyncedDocumentsStep({ limit: 500 })
 */
export const queueUnsyncedDocumentsStep = createStep(queueUnsyncedDocumentsStepId, async (input: { limit: number }, { container }) => {
  const billing: BillingModuleService = container.resolve(BILLING_MODULE)
  const options = billing.collectionsOptions()
  let queued = 0
  for (const provider of ["stripe", "xero"] as const) {
    if (!options[provider]) continue
    const missing = await billing.listUnsyncedDocuments(provider, input.limit)
    if (!missing.length) continue
    const rows = await billing.queueSyncRecords(missing.map((m) => ({ provider, record_type: m.record_type, record_id: m.id, account_id: m.account_id })))
    queued += rows.length
  }
  return new StepResponse(queued)
})
