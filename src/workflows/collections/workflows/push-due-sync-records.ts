import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { listDueSyncRecordsStep } from "../steps/list-due-sync-records"
import { pushSyncRecordsStep } from "../steps/push-sync-records"
import { queueUnsyncedDocumentsStep } from "../steps/queue-unsynced-documents"

export const pushDueSyncRecordsWorkflowId = "push-due-sync-records"
/**
 * One round of the retry job: queues finalized documents a provider has no
 * row for yet (the sweep), then pushes the sync rows that are due.
 *
 * @example
 * const { result } = await pushDueSyncRecordsWorkflow(container).run({ input: { limit: 200 } })
 * // { synced: […], failed: […], skipped: […] }
 */
export const pushDueSyncRecordsWorkflow = createWorkflow(pushDueSyncRecordsWorkflowId, (input: { limit: number }) => {
  const swept = queueUnsyncedDocumentsStep(input)
  const ids = listDueSyncRecordsStep(transform({ input, swept }, ({ input }) => input))
  return new WorkflowResponse(pushSyncRecordsStep(transform({ ids }, ({ ids }) => ({ ids }))))
})
