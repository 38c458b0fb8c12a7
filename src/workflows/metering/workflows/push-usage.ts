import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { recordPushRejectionsStep } from "../steps/push-record-rejections"
import { releaseFailedPushStep } from "../steps/push-release-failed-request"

/**
 * JSON numbers are binary floats: a quantity of `0.1` may not be what the
 * client meant, and one past 2^53 has already lost digits. A quantity must be
 * a decimal string or a safe integer; any other number is replaced by a value
 * the import rejects as `invalid_record`, with the reason in it.
 *
 * @example
 * exactQuantities([{ event_id: "e1", quantity: 3 }, { event_id: "e2", quantity: 0.5 }])
 * // [{ …, quantity: "3" }, { …, quantity: "0.5 (a JSON number that is not an integer: send the quantity as a decimal string)" }]
 */
export function exactQuantities(events: unknown[]): unknown[] {
  return events.map((e) => {
    if (!e || typeof e !== "object" || Array.isArray(e)) return e
    const q = (e as Record<string, unknown>).quantity
    if (typeof q !== "number") return e
    const quantity = Number.isSafeInteger(q)
      ? String(q)
      : `${String(q)} (a JSON number that is not ${Number.isInteger(q) ? "a safe integer" : "an integer"}: send the quantity as a decimal string)`
    return { ...(e as Record<string, unknown>), quantity }
  })
}

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
