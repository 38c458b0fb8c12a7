import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { METERING_MODULE } from "../../../modules/metering"
import type MeteringModuleService from "../../../modules/metering/service"
import {
  listPushRejections,
  pushUsageResponse,
  type PushRejection,
  type PushUsageResponse,
} from "../../../workflows/metering/steps/push-record-rejections"

/** How long a request waits for an identical one that is still running. */
const WAIT_MS = 120_000
const POLL_MS = 100
/** A completed job gets its rejections a moment later; past this, read them from the exceptions. */
const REJECTIONS_GRACE_MS = 5_000

const JOB_FIELDS = ["id", "status", "sha256", "error", "received", "inserted", "duplicates", "exceptions", "exception_reasons", "metadata", "finished_at"]

export async function findPushJob(scope: MedusaContainer, requestKey: string) {
  const metering: MeteringModuleService = scope.resolve(METERING_MODULE)
  const [job] = await metering.listImportJobs({ request_key: requestKey }, { select: JOB_FIELDS })
  return job ?? null
}

/**
 * Waits for the job of an identical request to finish. Resolves to its
 * answer, or to null when it failed (it stored nothing: run it again).
 */
export async function awaitPushJob(scope: MedusaContainer, jobId: string): Promise<PushUsageResponse | null> {
  const metering: MeteringModuleService = scope.resolve(METERING_MODULE)
  const deadline = Date.now() + WAIT_MS
  for (;;) {
    const [job] = await metering.listImportJobs({ id: jobId }, { select: JOB_FIELDS })
    if (!job || job.status === "failed") return null
    if (job.status === "completed") {
      const rejected = (job.metadata as any)?.rejected as PushRejection[] | undefined
      if (rejected) return pushUsageResponse(job, rejected)
      // the process that ran it stopped before keeping its rejections: derive them the same way
      const finished = job.finished_at ? new Date(job.finished_at as any).getTime() : 0
      if (Date.now() - finished > REJECTIONS_GRACE_MS) return pushUsageResponse(job, await listPushRejections(metering, job.id))
    }
    if (Date.now() > deadline) {
      throw new MedusaError(
        MedusaError.Types.CONFLICT,
        `The same request is still being processed (import job ${jobId}); retry it later with the same Idempotency-Key or body`
      )
    }
    await new Promise((r) => setTimeout(r, POLL_MS))
  }
}
