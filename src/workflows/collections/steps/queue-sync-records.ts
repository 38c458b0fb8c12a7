import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../../modules/billing"
import type BillingModuleService from "../../../modules/billing/service"

export type QueueSyncRecordsStepInput = {
  record_type: "account" | "invoice" | "credit_note" | "payment"
  records: Array<{ id: string; account_id: string }>
  /** defaults to every configured provider that takes the record type */
  providers?: Array<"stripe" | "xero">
}

/**
 * Which configured providers take a record type. Payments go to Xero; for
 * Stripe a payment received elsewhere marks the invoices it settled as paid
 * out of band, so Stripe stops collecting them.
 */
export function providersFor(billing: BillingModuleService, recordType: QueueSyncRecordsStepInput["record_type"]) {
  const o = billing.collectionsOptions()
  const out: Array<"stripe" | "xero"> = []
  if (o.stripe) out.push("stripe")
  if (o.xero) out.push("xero")
  return out
}

export const queueSyncRecordsStepId = "queue-sync-records"
/**
 * Queues records for each configured provider (`pending` sync rows; rows that
 * exist are kept). Not compensated: a queued row is what lets the retry job
 * finish a push that failed later in the workflow.
 *
 * @example
 * const rows = queueSyncRecordsStep({ record_type: "invoice", records: [{ id: "binv_1", account_id: "bacct_1" }] })
 */
export const queueSyncRecordsStep = createStep(queueSyncRecordsStepId, async (input: QueueSyncRecordsStepInput, { container }) => {
  const billing: BillingModuleService = container.resolve(BILLING_MODULE)
  const providers = input.providers ?? providersFor(billing, input.record_type)
  const rows = await billing.queueSyncRecords(
    providers.flatMap((provider) =>
      input.records.map((r) => ({ provider, record_type: input.record_type, record_id: r.id, account_id: r.account_id }))
    )
  )
  return new StepResponse(rows.map((r) => r.id))
})
