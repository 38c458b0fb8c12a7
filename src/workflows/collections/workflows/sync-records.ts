import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { pushSyncRecordsStep } from "../steps/push-sync-records"
import { queueSyncRecordsStep, type QueueSyncRecordsStepInput } from "../steps/queue-sync-records"

export const syncRecordsWorkflowId = "sync-records"
/**
 * Sends records to every configured provider (Stripe, Xero): queues a sync
 * row per provider and record, then pushes them. What fails stays `failed`
 * with its error and is retried by the `sync-collections` job.
 *
 * @example
 * const { result } = await syncRecordsWorkflow(container).run({
 *   input: { record_type: "invoice", records: [{ id: "binv_1", account_id: "bacct_1" }] },
 * })
 * // { synced: ["bsync_1", "bsync_2"], failed: [], skipped: [] }
 */
export const syncRecordsWorkflow = createWorkflow(syncRecordsWorkflowId, (input: QueueSyncRecordsStepInput) => {
  const ids = queueSyncRecordsStep(input)
  const out = pushSyncRecordsStep(transform({ ids }, ({ ids }) => ({ ids })))
  return new WorkflowResponse(out)
})
