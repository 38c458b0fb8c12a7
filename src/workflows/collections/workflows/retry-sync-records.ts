import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { pushSyncRecordsStep } from "../steps/push-sync-records"
import { resetSyncRecordsStep } from "../steps/reset-sync-records"

export const retrySyncRecordsWorkflowId = "retry-sync-records"
/**
 * The admin's retry: failed sync rows go back to pending and are pushed at
 * once; the outcome is on the rows.
 *
 * @example
 * const { result } = await retrySyncRecordsWorkflow(container).run({ input: { ids: ["bsync_1"] } })
 */
export const retrySyncRecordsWorkflow = createWorkflow(retrySyncRecordsWorkflowId, (input: { ids: string[] }) => {
  const ids = resetSyncRecordsStep(input)
  return new WorkflowResponse(pushSyncRecordsStep({ ids }))
})
