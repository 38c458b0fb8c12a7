import { createWorkflow, parallelize, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitUsageThresholdsStep } from "../../billing/steps/emit-usage-thresholds"
import { emitWalletThresholdsStep } from "../../billing/steps/emit-wallet-thresholds"
import { settleImportedCallsStep } from "../../billing/steps/settle-imported-calls"
import { createImportJobStep } from "../steps/create-import-job"
import { ingestUsageStep } from "../steps/ingest-usage"
import type { ImportUsageWorkflowInput } from "../types"

export const importUsageWorkflowId = "import-usage"
/**
 * Imports usage: a file (generic, Asterisk or FreeSWITCH CDRs, meter events)
 * or JSON records. Creates (or takes over) the import job, then reads, rates
 * and stores everything in one transaction; returns the job and its counters
 * (received = inserted + duplicates + exceptions).
 *
 * @example
 * const { result } = await importUsageWorkflow(container).run({
 *   input: { source: "pbx-1", channel: "upload", filename: "Master.csv", file: { path, format: "asterisk", timezone: "Europe/London" } },
 * })
 */
export const importUsageWorkflow = createWorkflow(importUsageWorkflowId, (input: ImportUsageWorkflowInput) => {
  const job = createImportJobStep(input)
  const ingestInput = transform({ input, job }, ({ input, job }) => ({ ...input, job_id: job.id }))
  const counts = ingestUsageStep(ingestInput)
  // Prepaid wallets and open reservations learn about the stored calls, and
  // postpaid credit limits (80 % / 100 %) crossed by this import's calls are
  // announced. The two touch different accounts (prepaid, postpaid) and only
  // read the calls: they run side by side, each on its own connection.
  const [settled] = parallelize(
    settleImportedCallsStep(transform({ job, counts }, ({ job, counts }) => ({ job_id: job.id, inserted: counts.inserted }))),
    emitUsageThresholdsStep(transform({ job, counts }, ({ job, counts }) => ({ job_id: job.id, inserted: counts.inserted })))
  )
  emitWalletThresholdsStep(transform({ settled }, ({ settled }) => settled.moves))
  const result = transform({ job, counts }, ({ job, counts }) => ({ job_id: job.id, ...counts }))
  return new WorkflowResponse(result)
})
