import type { Context } from "@medusajs/framework/types"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { InjectManager, InjectTransactionManager, MedusaContext, MedusaService } from "@medusajs/framework/utils"
import { from as copyFrom } from "pg-copy-streams"
import { Readable } from "stream"
import { pipeline } from "stream/promises"
import CallRecord from "./models/call-record"
import ImportJob from "./models/import-job"
import MeterEvent from "./models/meter-event"
import UsageException from "./models/usage-exception"
import * as BQ from "./billing-queries"
import { copyField } from "../../lib/copy"
import type { ExceptionReason, IngestBatch, IngestCounts } from "./types"
import { EncodedBatchBuilder, encodeBatches, isEmptyBatch, type CallEncoding, type CountedBatch, type EncodedBatch } from "./utils/encoded-batch"
import { CALL_COLUMNS, STAGE_COLUMNS } from "./utils/stage"

/**
 * Batches encoded elsewhere (the file import's worker thread reads, rates
 * and encodes them): given what every call row shares, they come ready for
 * COPY, each with the number of records received up to its end. The last
 * one carries the total (it may hold no rows). `release` is called once a
 * batch is stored: its buffers can be used again.
 */
export type EncodedBatches = (encoding: CallEncoding) => AsyncIterable<CountedBatch & { release?: () => void }>

export type IngestOptions = {
  /** called after each batch is on its way to Postgres, with the records received so far */
  onProgress?: (received: number) => Promise<void> | void
}

/**
 * Usage records (calls and meter events), import jobs and the exception
 * queue. Bulk writes go through `ingest`: per batch a COPY into a staging
 * table and set-based INSERTs, all in one transaction with the job's final
 * counters, so an import is stored whole or not at all.
 */
class MeteringModuleService extends MedusaService({
  ImportJob,
  CallRecord,
  MeterEvent,
  UsageException,
}) {
  /**
   * Stores an import. Calls are COPYed straight into their table, a batch at
   * a time: under a per-source advisory lock (held to commit) the batch's
   * call ids are looked up in the unique index and the ones already stored
   * (by an earlier import, or an earlier batch of this one) are left out, as
   * are repeats inside the batch. Meter events and exceptions go through a
   * staging table and INSERT … ON CONFLICT DO NOTHING. Postgres stores one
   * batch while the next is read and rated; at the end the job is marked
   * completed with its counters. All in one transaction: a failure (or a
   * killed process) leaves nothing, and a second run of the same input finds
   * everything a duplicate.
   *
   * @example
   * const counts = await metering.ingest(job.id, batchesOf(records))
   * // { received: 25, inserted: 22, duplicates: 0, exceptions: 3, exception_reasons: { no_rate: 1, … } }
   */
  @InjectTransactionManager()
  async ingest(
    jobId: string,
    batches: AsyncIterable<IngestBatch> | EncodedBatches,
    options: IngestOptions = {},
    @MedusaContext() sharedContext: Context = {}
  ): Promise<IngestCounts> {
    const trx = (sharedContext.transactionManager as SqlEntityManager).getTransactionContext()!
    // the pg client of this transaction: COPY must run inside it
    const connection = await (trx as any).client.acquireConnection()
    {
      // rated_at is the transaction's now(), as an INSERT … now() would write it
      const ratedAt: string = (await trx.raw(`SELECT now()::text AS now`)).rows[0].now
      const encoding: CallEncoding = { jobId: copyField(jobId), ratedAt }
      let inserted = 0
      let exceptionCount = 0
      let staging = false
      const locked = new Set<string>()
      // Calls are stored once per (source, call id) by a check-then-write, so
      // every writer of calls (they all come through here) first takes the
      // source's lock: a second import of the same source waits for the first
      // to commit, then finds its calls stored.
      const lock = async (sources: Iterable<string>) => {
        for (const source of [...new Set(sources)].filter((s) => !locked.has(s)).sort()) {
          await connection.query(`SELECT pg_advisory_xact_lock(hashtext('call_billing_call'), hashtext($1))`, [source])
          locked.add(source)
        }
      }
      /** One batch: calls straight into their table, once per key; events and exceptions through staging. */
      const store = async (batch: EncodedBatch) => {
        await lock(batch.lockSources)
        if (batch.calls) {
          const { rows, sources, keys } = batch.calls
          const skip = new Set<number>()
          for (const [source, at] of groupBySource(sources)) {
            const found = await connection.query(PROBE_SQL, [source, at.map((i) => keys[i]).sort()])
            if (!found.rows.length) continue
            const stored = new Set<string>(found.rows.map((r: { id: string }) => r.id))
            for (const i of at) if (stored.has(keys[i])) skip.add(i)
          }
          if (skip.size < rows.length) {
            const copy = connection.query(copyFrom(CALL_COPY))
            await pipeline(Readable.from(rows.chunks(skip)), copy)
            inserted += Number(copy.rowCount)
          }
        }
        if (!batch.staged) return
        if (!staging) {
          await trx.raw(`CREATE TEMP TABLE cb_stage (${STAGE_COLUMNS.map(([n, t]) => `"${n}" ${t}`).join(", ")}) ON COMMIT DROP`)
          staging = true
        }
        await pipeline(Readable.from(batch.staged), connection.query(copyFrom(STAGE_COPY)))
        if (batch.hasEvents) {
          const events = await trx.raw(
            `INSERT INTO call_billing_meter_event (id, source, event_id, account_id, account_code, metric, quantity, raw_quantity, "timestamp", properties, import_job_id, line, request_id)
             SELECT id, source, event_id, account_id, account_code, metric, quantity, raw_quantity, ts, metadata, ?, line, request_id
             FROM cb_stage WHERE k = 'e'
             ORDER BY account_id, event_id, seq
             ON CONFLICT DO NOTHING`,
            [jobId]
          )
          inserted += events.rowCount ?? 0
        }
        if (batch.hasExceptions) {
          // with statistics the planner probes the unique indexes for the few exception rows
          await trx.raw(`ANALYZE cb_stage`)
          // A bad copy of a record that is already stored as usage is a duplicate, not an exception.
          const exceptions = await trx.raw(
            `INSERT INTO call_billing_usage_exception (id, kind, source, record_key, account_code, account_id, reason, details, record, format, answer_time, import_job_id, line, request_id)
             SELECT s.id, s.x_kind, s.source, s.record_key, s.account_code, s.account_id, s.reason, s.details, s.record, s.format, s.answer_time, ?, s.line, s.request_id
             FROM cb_stage s
             WHERE s.k = 'x'
               AND NOT EXISTS (SELECT 1 FROM call_billing_call c WHERE s.x_kind = 'call' AND c.source = s.source AND c.call_id = s.record_key AND c.deleted_at IS NULL)
               AND NOT EXISTS (SELECT 1 FROM call_billing_meter_event e WHERE s.x_kind = 'event' AND e.account_id = s.account_id AND e.event_id = s.record_key AND e.deleted_at IS NULL)
             ORDER BY s.x_kind, s.source, s.record_key, s.seq
             ON CONFLICT DO NOTHING`,
            [jobId]
          )
          exceptionCount += exceptions.rowCount ?? 0
        }
        await trx.raw(`TRUNCATE cb_stage`)
      }

      const encoded = typeof batches === "function" ? batches(encoding) : encodeBatches(batches, new EncodedBatchBuilder(encoding))
      const received = await pipelineBatches(encoded, store, options)

      // Records that were exceptions (before, or earlier in this import) and have now arrived
      // rated close their exception: one probe of the (source, call_id) index per open exception.
      await trx.raw(
        `WITH hit AS (
           SELECT x.id AS xid,
                  (SELECT c.id FROM call_billing_call c
                    WHERE c.source = x.source AND c.call_id = x.record_key AND c.deleted_at IS NULL
                      AND c.import_job_id = ?) AS cid
             FROM call_billing_usage_exception x
            WHERE x.status = 'open' AND x.kind = 'call' AND x.deleted_at IS NULL
         )
         UPDATE call_billing_usage_exception x
            SET status = 'resolved', resolved_at = now(), resolved_by = 'import:' || ?::text,
                note = 'arrived again and was rated', resolved_record_id = hit.cid, updated_at = now()
           FROM hit
          WHERE x.id = hit.xid AND hit.cid IS NOT NULL`,
        [jobId, jobId]
      )

      const reasons = await trx.raw(
        `SELECT reason, count(*)::int AS n FROM call_billing_usage_exception WHERE import_job_id = ? GROUP BY reason`,
        [jobId]
      )
      const exception_reasons: Partial<Record<ExceptionReason, number>> = {}
      for (const r of reasons.rows) exception_reasons[r.reason as ExceptionReason] = r.n
      const counts: IngestCounts = {
        received,
        inserted,
        duplicates: received - inserted - exceptionCount,
        exceptions: exceptionCount,
        exception_reasons,
      }
      await trx("call_billing_import_job")
        .where({ id: jobId })
        .update({
          status: "completed",
          received: counts.received,
          inserted: counts.inserted,
          duplicates: counts.duplicates,
          exceptions: counts.exceptions,
          exception_reasons: JSON.stringify(exception_reasons),
          finished_at: new Date(),
          error: null,
          updated_at: new Date(),
        })
      return counts
    }
  }

  /**
   * Progress of a running job, written outside the import's transaction so
   * the admin's progress bar moves while the import is still uncommitted.
   */
  @InjectManager()
  async reportProgress(jobId: string, received: number, @MedusaContext() sharedContext: Context = {}) {
    const knex = (sharedContext.manager as SqlEntityManager).getKnex()
    await knex("call_billing_import_job").where({ id: jobId, status: "running" }).update({ received, updated_at: new Date() })
  }

  /**
   * Marks jobs that have been `running` without progress for longer than
   * `staleMs` as failed (their process died; their transaction rolled back,
   * so they stored nothing and can be run again), and `queued` jobs that
   * never started in that time (the process that accepted the file died).
   */
  @InjectManager()
  async failStaleJobs(staleMs: number, @MedusaContext() sharedContext: Context = {}): Promise<string[]> {
    const knex = (sharedContext.manager as SqlEntityManager).getKnex()
    const res = await knex.raw(
      `UPDATE call_billing_import_job
          SET status = 'failed', finished_at = now(), updated_at = now(),
              error = CASE status WHEN 'queued' THEN 'never started: the process that accepted it stopped; nothing from it was stored, send it again'
                                  ELSE 'interrupted: the process running it stopped; nothing from it was stored, run it again' END,
              inserted = 0, duplicates = 0, exceptions = 0
        WHERE status IN ('running', 'queued') AND deleted_at IS NULL AND updated_at < now() - (? || ' milliseconds')::interval
        RETURNING id`,
      [String(staleMs)]
    )
    return res.rows.map((r: { id: string }) => r.id)
  }

  // Reads for billing (billing-queries.ts): period aggregates, unbilled usage.

  /** Σ charge of an account's calls no invoice has billed yet. */
  @InjectManager()
  async sumUnbilledCharges(accountId: string, @MedusaContext() sharedContext: Context = {}) {
    return BQ.sumUnbilledCharges(knexOf(sharedContext), accountId)
  }

  /** Σ charge per account of one import's stored calls, for the given accounts (credit-limit thresholds). */
  @InjectManager()
  async sumImportCharges(jobId: string, accountIds: string[], @MedusaContext() sharedContext: Context = {}) {
    return BQ.sumImportCharges(knexOf(sharedContext), jobId, accountIds)
  }

  /** Calls, rated seconds and Σ charge per (account, direction, destination group, currency) in each window; per rate row too where a window asks for `fees`. */
  @InjectManager()
  async usageGroups(windows: BQ.UsageWindow[], @MedusaContext() sharedContext: Context = {}) {
    return BQ.usageGroups(knexOf(sharedContext), windows)
  }

  /** Peak concurrent calls per account in each window. */
  @InjectManager()
  async peakConcurrency(windows: BQ.PeriodWindow[], @MedusaContext() sharedContext: Context = {}) {
    return BQ.peakConcurrency(knexOf(sharedContext), windows)
  }

  /** Σ quantity per (account, metric) of meter events in each window. */
  @InjectManager()
  async metricTotals(windows: BQ.PeriodWindow[], @MedusaContext() sharedContext: Context = {}) {
    return BQ.metricTotals(knexOf(sharedContext), windows)
  }

  /** A page of the unbilled calls in the windows, per account in bundle order, after a keyset. */
  @InjectManager()
  async callsPage(windows: BQ.UsageWindow[], after: BQ.CallsPageKey | null, pageSize = 10_000, @MedusaContext() sharedContext: Context = {}) {
    return BQ.callsPage(knexOf(sharedContext), windows, after, pageSize)
  }

  /** Marks windows' unbilled calls and meter events as accounted for by a billing document; an account whose usage changed since the close counted it is left unmarked and its windows returned. */
  @InjectTransactionManager()
  async markBilled(marks: BQ.BillingMark[], @MedusaContext() sharedContext: Context = {}) {
    return BQ.markBilled(knexOf(sharedContext), marks)
  }

  /** Undoes markBilled for these documents. */
  @InjectTransactionManager()
  async unmarkBilled(billedBy: string[], @MedusaContext() sharedContext: Context = {}) {
    return BQ.unmarkBilled(knexOf(sharedContext), billedBy)
  }

  /** A page of the calls a billing document took, for its itemised statement. */
  @InjectManager()
  async billedCallsPage(billedBy: string, after: { t: string; id: string } | null, pageSize = 5_000, @MedusaContext() sharedContext: Context = {}) {
    return BQ.billedCallsPage(knexOf(sharedContext), billedBy, after, pageSize)
  }

  /** How many calls a billing document took. */
  @InjectManager()
  async countBilledCalls(billedBy: string, @MedusaContext() sharedContext: Context = {}) {
    return BQ.countBilledCalls(knexOf(sharedContext), billedBy)
  }

  /** Calls, minutes and charge by direction and destination group in a window. */
  @InjectManager()
  async usageSummary(window: BQ.PeriodWindow, @MedusaContext() sharedContext: Context = {}) {
    return BQ.usageSummary(knexOf(sharedContext), window)
  }

  /** Earliest unbilled usage per account. */
  @InjectManager()
  async firstUnbilledUsage(accountIds: string[], @MedusaContext() sharedContext: Context = {}) {
    return BQ.firstUnbilledUsage(knexOf(sharedContext), accountIds)
  }
}

/** The transaction's knex when there is one, so writes join it. */
const knexOf = (sharedContext: Context) => {
  const manager = (sharedContext.transactionManager ?? sharedContext.manager) as SqlEntityManager
  return (manager.getTransactionContext() as any) ?? manager.getKnex()
}

const STAGE_COPY = `COPY cb_stage (${STAGE_COLUMNS.map(([n]) => `"${n}"`).join(", ")}) FROM STDIN`
const CALL_COPY = `COPY call_billing_call (${CALL_COLUMNS.map((c) => `"${c}"`).join(", ")}) FROM STDIN`

/**
 * The call ids of a batch (`$2`) already stored for source `$1`. First one
 * index descent: is any stored id of the source between the batch's lowest
 * and highest? (No, for a new source or ids that grow with time: then
 * nothing more is read.) Else one probe of the unique index per key, forced
 * by the LATERAL … LIMIT 1 whatever the planner's statistics say (the table
 * grows inside this transaction, unanalysed). Sorted keys walk the index in
 * order.
 */
const PROBE_SQL = `
  SELECT k.id FROM unnest($2::text[]) AS k(id),
    LATERAL (SELECT 1 FROM call_billing_call c WHERE c.source = $1 AND c.call_id = k.id AND c.deleted_at IS NULL LIMIT 1) hit
  WHERE EXISTS (
    SELECT 1 FROM call_billing_call c
     WHERE c.source = $1 AND c.deleted_at IS NULL
       AND c.call_id >= (SELECT min(id) FROM unnest($2::text[]) AS lo(id))
       AND c.call_id <= (SELECT max(id) FROM unnest($2::text[]) AS hi(id)))`

/** Row indexes grouped by source (nearly always one). */
function groupBySource(sources: string[]): Map<string, number[]> {
  const out = new Map<string, number[]>()
  for (let i = 0; i < sources.length; i++) {
    let at = out.get(sources[i])
    if (!at) out.set(sources[i], (at = []))
    at.push(i)
  }
  return out
}

/**
 * Stores encoded batches, one in flight while the next one is being made
 * (on the other core: Postgres stores one while Node, or the import's
 * worker thread, reads, rates and encodes the next). Returns the number of
 * records. On a failure it waits for the batch in flight before throwing,
 * so the transaction is rolled back on an idle connection.
 */
async function pipelineBatches(
  batches: AsyncIterable<CountedBatch & { release?: () => void }>,
  store: (batch: EncodedBatch) => Promise<void>,
  options: IngestOptions
): Promise<number> {
  // assigned in the loop: typed wide so the checks below are not narrowed to null
  let inFlight = null as Promise<void> | null
  let received = 0
  try {
    for await (const batch of batches) {
      if (inFlight) await inFlight
      received = batch.received
      if (!isEmptyBatch(batch)) {
        inFlight = store(batch).then(() => batch.release?.())
        inFlight.catch(() => {}) // awaited above or below; never unhandled
      }
      await options.onProgress?.(received)
    }
    if (inFlight) await inFlight
  } catch (e) {
    if (inFlight) await inFlight.catch(() => {})
    throw e
  }
  return received
}

export default MeteringModuleService
