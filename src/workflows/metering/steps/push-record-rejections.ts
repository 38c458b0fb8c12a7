import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { METERING_MODULE } from "../../../modules/metering"
import type MeteringModuleService from "../../../modules/metering/service"
import type { ExceptionReason } from "../../../modules/metering/types"

/** One record of a pushed request that went to the exception queue. */
export type PushRejection = {
  /** position in the request's `calls` or `events` array */
  index: number
  kind: "call" | "event"
  /** its call_id or event_id, when it had one */
  id: string | null
  reason: ExceptionReason
  details: string | null
}

/** The answer to a push, the same on every replay of the request. */
export type PushUsageResponse = {
  job_id: string
  received: number
  inserted: number
  duplicates: number
  exceptions: number
  exception_reasons: Partial<Record<ExceptionReason, number>>
  rejected: PushRejection[]
}

/**
 * The answer of a pushed request from its completed job and rejections.
 * Reason keys are sorted, so a first answer and a replay (read back from
 * jsonb, which reorders keys) serialise the same.
 *
 * @example
 * pushUsageResponse(job, job.metadata.rejected)
 * // { job_id: "ijob_…", received: 3, inserted: 2, duplicates: 0, exceptions: 1, exception_reasons: { no_rate: 1 }, rejected: [{ index: 2, kind: "call", id: "c-3", reason: "no_rate", details: "…" }] }
 */
export function pushUsageResponse(job: any, rejected: PushRejection[]): PushUsageResponse {
  const reasons: Partial<Record<ExceptionReason, number>> = {}
  for (const k of Object.keys(job.exception_reasons ?? {}).sort()) reasons[k as ExceptionReason] = job.exception_reasons[k]
  return {
    job_id: job.id,
    received: job.received,
    inserted: job.inserted,
    duplicates: job.duplicates,
    exceptions: job.exceptions,
    exception_reasons: reasons,
    rejected,
  }
}

/**
 * The rejections of a pushed request: the exceptions its import job created,
 * in request order (calls, then events). A JSON record's `line` is its index + 1.
 *
 * @example
 * const rejected = await listPushRejections(metering, "ijob_…")
 */
export async function listPushRejections(metering: MeteringModuleService, jobId: string): Promise<PushRejection[]> {
  const rows = await metering.listUsageExceptions(
    { import_job_id: jobId },
    { select: ["id", "kind", "line", "reason", "details", "record"], take: null as any }
  )
  const out = rows.map((x: any): PushRejection => {
    const rec = (x.record ?? {}) as Record<string, unknown>
    const id = x.kind === "call" ? rec.call_id : rec.event_id
    return {
      index: (x.line ?? 0) - 1,
      kind: x.kind,
      id: typeof id === "string" && id.length ? id : null,
      reason: x.reason,
      details: x.details ?? null,
    }
  })
  out.sort((a, b) => (a.kind === b.kind ? a.index - b.index : a.kind === "call" ? -1 : 1))
  return out
}

export type RecordPushRejectionsStepInput = { job_id: string }

export const recordPushRejectionsStepId = "record-push-rejections"
/**
 * Keeps a pushed request's per-record rejections on its import job
 * (`metadata.rejected`, at most one per record), so a replay of the request
 * answers exactly what the first answer said even after the exceptions have
 * been worked on. Returns that answer.
 *
 * @example
 * const response = recordPushRejectionsStep({ job_id: "ijob_…" })
 */
export const recordPushRejectionsStep = createStep(
  recordPushRejectionsStepId,
  async (input: RecordPushRejectionsStepInput, { container }) => {
    const metering: MeteringModuleService = container.resolve(METERING_MODULE)
    const job = await metering.retrieveImportJob(input.job_id)
    const before = job.metadata ?? null
    const rejected = (before?.rejected as PushRejection[] | undefined) ?? (await listPushRejections(metering, job.id))
    if (!before?.rejected) {
      await metering.updateImportJobs({ id: job.id, metadata: { ...(before ?? {}), rejected } })
    }
    return new StepResponse(pushUsageResponse(job, rejected), { id: job.id, metadata: before })
  },
  async (prev, { container }) => {
    if (!prev) return
    const metering: MeteringModuleService = container.resolve(METERING_MODULE)
    await metering.updateImportJobs({ id: prev.id, metadata: prev.metadata })
  }
)
