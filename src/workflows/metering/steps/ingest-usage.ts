import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { compactBeforeImport } from "../../../lib/collect-garbage"
import { METERING_MODULE } from "../../../modules/metering"
import { readCdrs, readMeterEvents } from "../../../modules/metering/formats"
import type MeteringModuleService from "../../../modules/metering/service"
import type { IngestBatch, IngestCounts } from "../../../modules/metering/types"
import type { ImportUsageWorkflowInput } from "../types"
import { exactQuantities, jsonCallRecord, jsonEventRecord } from "../utils/json-records"
import { importWorkerAvailable, workerImport } from "../utils/import-thread"
import { heldRecords, type HandedRecords } from "../utils/record-handoff"
import { UsageRater } from "../utils/usage-rater"
import { containerRaterSource } from "../utils/rater-source"

export type IngestUsageStepInput = ImportUsageWorkflowInput & { job_id: string }

/** Progress is written at most this often (ms), outside the import's transaction. */
const PROGRESS_EVERY_MS = 500
/**
 * Records read and rated at a time. Small, so their objects mostly die in
 * V8's young generation (with 10,000-record batches more of them were
 * promoted: ~20 % more scavenges and mark-compacts at 300k calls); the
 * metering module gathers them into bigger batches for Postgres.
 */
const READ_BATCH = 1000

export const ingestUsageStepId = "ingest-usage"
/**
 * Reads, rates and stores one import: a file streamed in batches (memory
 * stays flat; CDR files on a worker thread, see import-thread.ts) or JSON
 * records. Every record ends up a stored call or event,
 * a duplicate, or an exception; the whole import commits at once with the
 * job's counters, so a failure or a killed process leaves nothing behind.
 * A failure marks the job `failed` with its message and rethrows.
 *
 * @example
 * const counts = ingestUsageStep({ job_id, source: "pbx-1", channel: "upload", file: { path, format: "asterisk", timezone: "Europe/London" } })
 */
export const ingestUsageStep = createStep(
  ingestUsageStepId,
  async (input: IngestUsageStepInput, { container }) => {
    const metering: MeteringModuleService = container.resolve(METERING_MODULE)
    const rater = new UsageRater(containerRaterSource(container))
    const ctx = { source: input.source, format: input.file?.format ?? "json", request_id: input.request_id ?? null }
    let lastProgress = 0
    const onProgress = async (received: number) => {
      if (Date.now() - lastProgress < PROGRESS_EVERY_MS) return
      lastProgress = Date.now()
      await metering.reportProgress(input.job_id, received)
    }

    async function* batches(): AsyncGenerator<IngestBatch> {
      const file = input.file
      if (file?.format === "events") {
        for await (const batch of readMeterEvents(file.path, { batchSize: READ_BATCH })) yield await rater.meterEvents(batch, ctx)
      } else if (file) {
        const reader = readCdrs(file.path, {
          format: file.format,
          timezone: file.timezone ?? undefined,
          defaultAccount: file.default_account ?? undefined,
          batchSize: READ_BATCH,
        })
        for await (const batch of reader) yield await rater.rateCalls(batch, ctx)
      }
      const records: HandedRecords = input.records_handle
        ? { ...heldRecords(input.records_handle) }
        : { calls: input.calls, events: input.events }
      if (input.records_handle && records.events) records.events = exactQuantities(records.events)
      const calls = records.calls ?? []
      for (let i = 0; i < calls.length; i += READ_BATCH) {
        yield await rater.rateCalls(calls.slice(i, i + READ_BATCH).map((r, j) => jsonCallRecord(r, i + j)), ctx)
      }
      const events = records.events ?? []
      for (let i = 0; i < events.length; i += READ_BATCH) {
        yield await rater.meterEvents(events.slice(i, i + READ_BATCH).map((r, j) => jsonEventRecord(r, i + j)), ctx)
      }
    }

    // a CDR file is read, rated and encoded on a worker thread while this one feeds Postgres
    const file = input.file
    // a large file's garbage on this thread refills what a collection frees, not new heap
    if (file) compactBeforeImport(file.path)
    const source =
      file && file.format !== "events" && importWorkerAvailable()
        ? workerImport(container, {
            file: { path: file.path, format: file.format, timezone: file.timezone, default_account: file.default_account },
            ctx,
            rater: {},
            readBatch: READ_BATCH,
          })
        : batches()

    let counts: IngestCounts
    try {
      counts = await metering.ingest(input.job_id, source, { onProgress })
    } catch (e: any) {
      // what the job shows: no NUL (Postgres text cannot hold it), not a whole file's worth
      const message = String(e?.message ?? e).replace(/\u0000/g, "\uFFFD").slice(0, 4000)
      await metering
        .updateImportJobs({ id: input.job_id, status: "failed", finished_at: new Date(), error: message, inserted: 0, duplicates: 0, exceptions: 0 })
        .catch(() => {})
      throw e
    }
    return new StepResponse(counts)
  }
)
