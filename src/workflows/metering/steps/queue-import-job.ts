import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { METERING_MODULE } from "../../../modules/metering"
import type MeteringModuleService from "../../../modules/metering/service"
import type { ImportChannel } from "../../../modules/metering/types"
import type { UsageFileFormat } from "../types"

export type QueueImportJobStepInput = {
  source: string
  channel: ImportChannel
  format: UsageFileFormat
  filename?: string | null
  sha256?: string | null
  size_bytes?: number | null
  timezone?: string | null
  created_by?: string | null
  metadata?: Record<string, unknown> | null
}

export const queueImportJobStepId = "queue-import-job"
/**
 * Creates an import job in status `queued` for a file that has been received
 * and saved but not read yet; `importUsageWorkflow` takes it over (`job_id`).
 * Compensation deletes the job.
 *
 * @example
 * const job = queueImportJobStep({ source: "pbx-1", channel: "upload", format: "asterisk", filename: "Master.csv", sha256, size_bytes })
 */
export const queueImportJobStep = createStep(
  queueImportJobStepId,
  async (input: QueueImportJobStepInput, { container }) => {
    const metering: MeteringModuleService = container.resolve(METERING_MODULE)
    const job = await metering.createImportJobs({
      source: input.source,
      channel: input.channel,
      format: input.format,
      kind: input.format === "events" ? "events" : "calls",
      filename: input.filename ?? null,
      sha256: input.sha256 ?? null,
      size_bytes: input.size_bytes ?? null,
      timezone: input.timezone ?? null,
      created_by: input.created_by ?? null,
      metadata: input.metadata ?? null,
      status: "queued",
    })
    return new StepResponse(job, job.id)
  },
  async (jobId, { container }) => {
    if (!jobId) {
      return
    }
    const metering: MeteringModuleService = container.resolve(METERING_MODULE)
    await metering.deleteImportJobs(jobId)
  }
)
