import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { queueImportJobStep, type QueueImportJobStepInput } from "../steps/queue-import-job"

export type QueueImportWorkflowInput = QueueImportJobStepInput

export const queueImportWorkflowId = "queue-import"
/**
 * Records a received usage file as a `queued` import job, so the caller can
 * answer at once and run `importUsageWorkflow` with the job's id in the
 * background; the job's counters then show its progress.
 *
 * @example
 * const { result: job } = await queueImportWorkflow(container).run({
 *   input: { source: "pbx-1", channel: "upload", format: "generic", filename: "cdrs.csv", sha256, size_bytes },
 * })
 * importUsageWorkflow(container).run({ input: { job_id: job.id, source: "pbx-1", channel: "upload", file: { path, format: "generic" } } })
 */
export const queueImportWorkflow = createWorkflow(queueImportWorkflowId, (input: QueueImportWorkflowInput) => {
  const job = queueImportJobStep(input)
  return new WorkflowResponse(job)
})
