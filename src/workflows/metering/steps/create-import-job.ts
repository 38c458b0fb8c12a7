import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { METERING_MODULE } from "../../../modules/metering"
import type MeteringModuleService from "../../../modules/metering/service"
import type { ImportUsageWorkflowInput } from "../types"

export const createImportJobStepId = "create-import-job"
/**
 * Creates the import job (status `running`), or takes over a `queued` one
 * that a route created when it accepted a file. On a later failure the job
 * stays, marked `failed` with the error, so the admin sees what happened.
 *
 * @example
 * const job = createImportJobStep({ source: "pbx-1", channel: "upload", file: { path, format: "generic" } })
 */
export const createImportJobStep = createStep(
  createImportJobStepId,
  async (input: ImportUsageWorkflowInput, { container }) => {
    const metering: MeteringModuleService = container.resolve(METERING_MODULE)
    const now = new Date()
    if (input.job_id) {
      const job = await metering.updateImportJobs({ id: input.job_id, status: "running", started_at: now, error: null })
      return new StepResponse(job, job.id)
    }
    const job = await metering.createImportJobs({
      source: input.source,
      channel: input.channel,
      format: input.file?.format ?? "json",
      kind: input.file ? (input.file.format === "events" ? "events" : "calls") : input.events?.length && !input.calls?.length ? "events" : "calls",
      filename: input.filename ?? null,
      sha256: input.sha256 ?? null,
      size_bytes: input.size_bytes ?? null,
      timezone: input.file?.timezone ?? null,
      request_key: input.request_key ?? null,
      created_by: input.created_by ?? null,
      status: "running",
      started_at: now,
    })
    return new StepResponse(job, job.id)
  },
  async (jobId, { container }) => {
    if (!jobId) return
    const metering: MeteringModuleService = container.resolve(METERING_MODULE)
    const [job] = await metering.listImportJobs({ id: jobId }, { select: ["id", "status"] })
    if (job && job.status !== "completed") {
      await metering.updateImportJobs({ id: jobId, status: "failed", finished_at: new Date(), inserted: 0, duplicates: 0, exceptions: 0 })
    }
  }
)
