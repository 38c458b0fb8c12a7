import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { listDueSyncRecordsStep } from "../steps/list-due-sync-records"
import { pushSyncRecordsStep } from "../steps/push-sync-records"

export const pushDueSyncRecordsWorkflowId = "push-due-sync-records"
/**
 * One round of the retry job: pushes the sync rows that are due.
 *
 * @example
 * const { result } = await pushDueSyncRecordsWorkflow(container).run({ input: { limit: 200 } })
 * // { synced: […], failed: […], skipped: […] }
 */
export const pushDueSyncRecordsWorkflow = createWorkflow(pushDueSyncRecordsWorkflowId, (input: { limit: number }) => {
  const ids = listDueSyncRecordsStep(input)
  return new WorkflowResponse(pushSyncRecordsStep(transform({ ids }, ({ ids }) => ({ ids }))))
})
