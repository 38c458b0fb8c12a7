import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { recordPushRejectionsStep } from "../steps/push-record-rejections"
import { releaseFailedPushStep } from "../steps/push-release-failed-request"

export const releaseFailedPushWorkflowId = "release-failed-push"
/**
 * Frees the request key held by a failed push (it stored nothing), so the
 * retry can import under the same key.
 *
 * @example
 * await releaseFailedPushWorkflow(container).run({ input: { request_key } })
 */
export const releaseFailedPushWorkflow = createWorkflow(releaseFailedPushWorkflowId, (input: { request_key: string }) => {
  const released = releaseFailedPushStep(input)
  return new WorkflowResponse(released)
})

export const recordPushRejectionsWorkflowId = "record-push-rejections"
/**
 * After `importUsageWorkflow` has imported a pushed request (channel `rest`,
 * request key, quantities through `exactQuantities`): keeps its per-record
 * rejections on the import job and returns the request's answer, the same
 * one every replay gets. Kept apart from the import so the 10,000 records do
 * not pass through a second workflow's inputs.
 *
 * @example
 * const { result: imported } = await importUsageWorkflow(container).run({ input: { source: "pbx-1", channel: "rest", request_key, calls } })
 * const { result } = await recordPushRejectionsWorkflow(container).run({ input: { job_id: imported.job_id } })
 * // result: { job_id, received, inserted, duplicates, exceptions, exception_reasons, rejected: [{ index, kind, id, reason, details }] }
 */
export const recordPushRejectionsWorkflow = createWorkflow(recordPushRejectionsWorkflowId, (input: { job_id: string }) => {
  const response = recordPushRejectionsStep(input)
  return new WorkflowResponse(response)
})
