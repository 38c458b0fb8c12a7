import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { mkdtemp, rm } from "fs/promises"
import { tmpdir } from "os"
import { basename, join } from "path"
import { openUsageFileSource, readUsageSources, type RemoteFile, type UsageFileSource, type UsageSourceConfig } from "../../../lib/usage-pull"
import { METERING_MODULE } from "../../../modules/metering"
import type MeteringModuleService from "../../../modules/metering/service"
import { importUsageWorkflow } from "../workflows/import-usage"

export type PullUsageSourcesStepInput = {
  /** names of the configured sources to pull; all when unset */
  sources?: string[]
}

export type PulledFile = {
  name: string
  sha256: string | null
  size_bytes: number | null
  /** imported: a new job ran; already_imported: a completed job had this name and hash, the file was only marked done; failed: left in place for the next run */
  status: "imported" | "already_imported" | "failed"
  job_id: string | null
  error: string | null
}

export type PullSourceResult = {
  name: string
  type: "sftp" | "s3"
  /** pulled: listed and handled its files; busy: another worker is pulling it; failed: could not reach or list it */
  status: "pulled" | "busy" | "failed"
  files: PulledFile[]
  error: string | null
}

/** Seconds to wait for a source another worker is pulling before leaving it to that worker. */
const LOCK_WAIT_SECONDS = 2

export const pullUsageSourcesStepId = "pull-usage-sources"
/**
 * Pulls the configured SFTP / S3 sources, one at a time and each under a lock
 * so two workers never pull the same source at once. Every matching file is
 * streamed to a temp file and hashed; a file whose name and hash a completed
 * import already has is only marked done; any other runs `importUsageWorkflow`
 * and is marked done (moved or tagged) once that succeeded. A failed import
 * leaves the file where it is (its job says why) for the next run; a source
 * that cannot be reached is logged and recorded as a failed job, and the
 * other sources are still pulled.
 *
 * Nothing to compensate: imported files are committed imports, and the
 * remote files are only moved after their import committed.
 *
 * @example
 * const results = pullUsageSourcesStep({ sources: ["pbx-1"] })
 */
export const pullUsageSourcesStep = createStep(pullUsageSourcesStepId, async (input: PullUsageSourcesStepInput, { container }) => {
  const logger: Logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const wanted = input.sources ? new Set(input.sources) : null
  const sources = readUsageSources(container).filter((s) => !wanted || wanted.has(s.name))
  const results: PullSourceResult[] = []
  for (const source of sources) {
    results.push(await pullSourceLocked(container, source, logger))
  }
  return new StepResponse(results)
})

async function pullSourceLocked(container: MedusaContainer, config: UsageSourceConfig, logger: Logger): Promise<PullSourceResult> {
  const locking = container.resolve(Modules.LOCKING)
  let started = false
  try {
    return await locking.execute(
      `call-billing:usage-pull:${config.name}`,
      async () => {
        started = true
        return pullSource(container, config, logger)
      },
      { timeout: LOCK_WAIT_SECONDS }
    )
  } catch (e: any) {
    if (started) throw e
    logger.info(`call-billing: usage pull "${config.name}" is running elsewhere; left to it`)
    return { name: config.name, type: config.type, status: "busy", files: [], error: null }
  }
}

async function pullSource(container: MedusaContainer, config: UsageSourceConfig, logger: Logger): Promise<PullSourceResult> {
  const result: PullSourceResult = { name: config.name, type: config.type, status: "pulled", files: [], error: null }
  let remote: UsageFileSource | null = null
  let files: RemoteFile[]
  try {
    remote = await openUsageFileSource(config)
    files = await remote.list()
  } catch (e: any) {
    await remote?.close().catch(() => {})
    result.status = "failed"
    result.error = `usage pull "${config.name}": ${e?.message ?? e}`
    logger.error(`call-billing: ${result.error}`)
    await recordSourceFailure(container, config, result.error)
    return result
  }
  try {
    for (const file of files) {
      const pulled = await pullFile(container, config, remote, file)
      result.files.push(pulled)
      if (pulled.status === "failed") {
        logger.error(`call-billing: usage pull "${config.name}": ${file.name} failed, left in place: ${pulled.error}`)
      } else if (pulled.status === "imported") {
        logger.info(`call-billing: usage pull "${config.name}": imported ${file.name} (job ${pulled.job_id})`)
      }
    }
  } finally {
    await remote.close().catch(() => {})
  }
  return result
}

async function pullFile(container: MedusaContainer, config: UsageSourceConfig, remote: UsageFileSource, file: RemoteFile): Promise<PulledFile> {
  const metering: MeteringModuleService = container.resolve(METERING_MODULE)
  const out: PulledFile = { name: file.name, sha256: null, size_bytes: null, status: "failed", job_id: null, error: null }
  const dir = await mkdtemp(join(tmpdir(), "call-billing-pull-"))
  try {
    const local = join(dir, basename(file.name) || "usage.csv")
    const { sha256, size } = await remote.download(file, local)
    out.sha256 = sha256
    out.size_bytes = size
    const key = { channel: config.type, source: config.source, filename: file.name, sha256 }

    const [done] = await metering.listImportJobs({ ...key, status: "completed" }, { select: ["id"], take: 1 })
    if (done) {
      await remote.markDone(file)
      return { ...out, status: "already_imported", job_id: done.id }
    }

    const { result, errors } = await importUsageWorkflow(container).run({
      input: {
        ...key,
        size_bytes: size,
        file: { path: local, format: config.format, timezone: config.timezone, default_account: config.default_account },
      },
      throwOnError: false,
    })
    if (errors?.length) {
      const [failed] = await metering.listImportJobs({ ...key, status: "failed" }, { select: ["id"], order: { created_at: "DESC" }, take: 1 })
      return { ...out, job_id: failed?.id ?? null, error: errors[0].error?.message ?? String(errors[0].error) }
    }
    out.job_id = result.job_id
    await remote.markDone(file)
    return { ...out, status: "imported" }
  } catch (e: any) {
    // a failed download or move: the file stays; the next run takes it (or only moves it, once imported)
    return { ...out, error: e?.message ?? String(e) }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/**
 * A source that cannot be reached shows in the imports as a failed job, once
 * per distinct error (not every five minutes while a server is down).
 */
async function recordSourceFailure(container: MedusaContainer, config: UsageSourceConfig, error: string) {
  const metering: MeteringModuleService = container.resolve(METERING_MODULE)
  const [last] = await metering.listImportJobs(
    { channel: config.type, source: config.source },
    { select: ["id", "status", "filename", "error"], order: { created_at: "DESC" }, take: 1 }
  )
  if (last && last.status === "failed" && last.filename === null && last.error === error) return
  const now = new Date()
  await metering.createImportJobs({
    source: config.source,
    channel: config.type,
    format: config.format,
    kind: config.format === "events" ? "events" : "calls",
    status: "failed",
    started_at: now,
    finished_at: now,
    error,
    metadata: { usage_pull: config.name },
  })
}
