import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { pullUsageSourcesStep, type PullUsageSourcesStepInput } from "../steps/pull-usage"

export type PullUsageSourcesWorkflowInput = PullUsageSourcesStepInput

export const pullUsageSourcesWorkflowId = "pull-usage-sources"
/**
 * Pulls usage files from the configured SFTP and S3 sources (plugin option
 * `usage_sources`, or `CALL_BILLING_USAGE_SOURCES`) and imports each new file
 * once; see `pullUsageSourcesStep`. Returns what happened per source and file.
 *
 * @example
 * const { result } = await pullUsageSourcesWorkflow(container).run({ input: {} })
 * // [{ name: "pbx-1", type: "sftp", status: "pulled", files: [{ name: "Master.csv", status: "imported", job_id: "ijob_…" }] }]
 */
export const pullUsageSourcesWorkflow = createWorkflow(pullUsageSourcesWorkflowId, (input: PullUsageSourcesWorkflowInput) => {
  const results = pullUsageSourcesStep(input)
  return new WorkflowResponse(results)
})
