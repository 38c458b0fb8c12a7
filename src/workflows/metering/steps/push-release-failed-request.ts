import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { METERING_MODULE } from "../../../modules/metering"
import type MeteringModuleService from "../../../modules/metering/service"

export type ReleaseFailedPushStepInput = { request_key: string }

export const releaseFailedPushStepId = "release-failed-push"
/**
 * A pushed request whose import failed stored nothing, so its retry must run
 * again: this frees the request key the failed job holds (the unique index on
 * `request_key` lets one job own a key). The key stays in the failed job's
 * metadata (`released_request_key`) for the record. Nothing to do when no
 * failed job holds the key.
 *
 * @example
 * releaseFailedPushStep({ request_key: "rest:apk_01…:key:order-42" })
 */
export const releaseFailedPushStep = createStep(
  releaseFailedPushStepId,
  async (input: ReleaseFailedPushStepInput, { container }) => {
    const metering: MeteringModuleService = container.resolve(METERING_MODULE)
    const failed = await metering.listImportJobs(
      { request_key: input.request_key, status: "failed" },
      { select: ["id", "metadata"] }
    )
    if (!failed.length) return new StepResponse([] as string[], [])
    await metering.updateImportJobs(
      failed.map((j) => ({
        id: j.id,
        request_key: null,
        metadata: { ...(j.metadata ?? {}), released_request_key: input.request_key },
      }))
    )
    return new StepResponse(
      failed.map((j) => j.id),
      failed.map((j) => ({ id: j.id, request_key: input.request_key, metadata: j.metadata ?? null }))
    )
  },
  async (released, { container }) => {
    if (!released?.length) return
    const metering: MeteringModuleService = container.resolve(METERING_MODULE)
    for (const job of released) {
      // another run may own the key by now; then the failed job stays without it
      const [holder] = await metering.listImportJobs({ request_key: job.request_key }, { select: ["id"] })
      if (holder) continue
      await metering.updateImportJobs({ id: job.id, request_key: job.request_key, metadata: job.metadata }).catch(() => {})
    }
  }
)
