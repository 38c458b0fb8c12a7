import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { METERING_MODULE } from "../../../modules/metering"
import type { CdrRecord, MeterEventRecord } from "../../../modules/metering/formats"
import type MeteringModuleService from "../../../modules/metering/service"
import type { IngestBatch, StagedCall, StagedEvent, StagedException } from "../../../modules/metering/types"
import {
  assertPatch,
  patchedRecord,
  rebuildCall,
  rebuildEvent,
  unreadable,
  type ExceptionFilter,
  type ExceptionPatch,
  type StoredException,
} from "../utils/reprocess"
import {
  markResolved,
  markStillFailing,
  pgConnection,
  policyBlindRater,
  storedCalls,
  storedEvents,
  type FailedAgain,
  type Knex,
  type Resolution,
} from "../utils/reprocess-sql"
import { cdrJson, UsageRater } from "../utils/usage-rater"
import { containerRaterSource } from "../utils/rater-source"

export type ReprocessExceptionsStepInput = {
  /** these open exceptions (at most 1,000) … */
  ids?: string[]
  /** … or every open exception matching the filter (all: true with no filter: every open one) */
  filter?: ExceptionFilter
  all?: boolean
  patch?: ExceptionPatch
  /** store calls that rate out of policy as rated anyway: an explicit admin decision, noted on the exception */
  accept_out_of_policy?: boolean
  actor?: string | null
}

export type ReprocessExceptionsResult = {
  /** exceptions taken */
  reprocessed: number
  /** of which now stored as a call or event (or found already stored) */
  resolved: number
  /** the first 1,000 still open, with their reason now */
  still_failing: Array<{ id: string; reason: string; details: string | null }>
  still_failing_count: number
  /** the import jobs the stored records belong to, one per source */
  job_ids: string[]
}

type Snapshot = Pick<StoredException, "id" | "reason" | "details" | "record" | "account_code" | "account_id" | "attempts">
type Compensation = { job_ids: string[]; snapshots: Snapshot[] }

const CHUNK = 1000
const MAX_LISTED = 1000
const COLUMNS = ["id", "kind", "source", "record_key", "account_code", "account_id", "reason", "details", "record", "format", "status", "attempts", "line", "request_id"]

export const reprocessExceptionsStepId = "reprocess-exceptions"
/**
 * Checks, rates and stores open exceptions again, after a fix: an account
 * assigned, fields overwritten, a card or account created since. Records are
 * rebuilt as generic-format JSON and go through the same checks and the same
 * rater as an import, then through the metering module's `ingest` (one job
 * per source, same COPY and dedupe). Those stored are resolved by the actor;
 * the rest stay open with one more attempt and their reason now.
 * The compensation removes what was stored and reopens the exceptions.
 *
 * @example
 * const result = reprocessExceptionsStep({ filter: { reason: "no_rate" }, all: true, actor: "user_1" })
 * // { reprocessed: 3, resolved: 2, still_failing: [{ id: "uexc_…", reason: "no_rate", details: "…" }], … }
 */
export const reprocessExceptionsStep = createStep(
  reprocessExceptionsStepId,
  async (input: ReprocessExceptionsStepInput, { container }) => {
    const knex = pgConnection(container)
    await assertSelection(container, input)
    const where = selection(input)

    const groups = await knex("call_billing_usage_exception").where(where).distinct("source", "kind")
    assertPatch(input.patch, groups.map((g: { kind: "call" | "event" }) => g.kind))
    const sources = [...new Set<string>(groups.map((g: { source: string }) => g.source))].sort()

    const run = new Reprocess(container, knex, input)
    const compensation: Compensation = { job_ids: [], snapshots: [] }
    for (const source of sources) {
      await run.source(source, where, compensation)
    }
    return new StepResponse(run.result(), compensation)
  },
  async (compensation: Compensation | undefined, { container }) => {
    if (!compensation?.job_ids.length && !compensation?.snapshots.length) return
    const knex = pgConnection(container)
    await knex.transaction(async (trx: Knex) => {
      if (compensation.job_ids.length) {
        await trx("call_billing_call").whereIn("import_job_id", compensation.job_ids).delete()
        await trx("call_billing_meter_event").whereIn("import_job_id", compensation.job_ids).delete()
        await trx("call_billing_import_job")
          .whereIn("id", compensation.job_ids)
          .update({ status: "failed", error: "rolled back: the reprocess was undone", inserted: 0, duplicates: 0, exceptions: 0, updated_at: new Date() })
      }
      for (const s of compensation.snapshots) {
        await trx("call_billing_usage_exception").where({ id: s.id }).update({
          status: "open",
          resolved_by: null,
          resolved_at: null,
          resolved_record_id: null,
          note: null,
          reason: s.reason,
          details: s.details,
          record: JSON.stringify(s.record),
          account_code: s.account_code,
          account_id: s.account_id,
          attempts: s.attempts,
          updated_at: new Date(),
        })
      }
    })
  }
)

/** Named ids must exist and be open; a selection must be given. */
async function assertSelection(container: MedusaContainer, input: ReprocessExceptionsStepInput) {
  if (input.ids?.length) {
    if (input.all || input.filter) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "Give either ids or all/filter, not both")
    }
    const metering: MeteringModuleService = container.resolve(METERING_MODULE)
    const found = await metering.listUsageExceptions({ id: input.ids }, { select: ["id", "status"], take: input.ids.length })
    const byId = new Map(found.map((x: any) => [x.id, x.status]))
    const missing = input.ids.filter((id) => !byId.has(id))
    if (missing.length) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Usage exceptions not found: ${missing.slice(0, 20).join(", ")}`)
    }
    const closed = input.ids.filter((id) => byId.get(id) !== "open")
    if (closed.length) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Only open exceptions can be reprocessed: ${closed.slice(0, 20).map((id) => `${id} is ${byId.get(id)}`).join(", ")}`
      )
    }
  } else if (!input.all && !input.filter) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "Say which exceptions to reprocess: ids, or all: true with an optional filter")
  }
}

/** The open exceptions a request selects, as a knex where-builder. */
export function selection(input: { ids?: string[]; filter?: ExceptionFilter }) {
  return (q: any) => {
    q.where("status", "open").whereNull("deleted_at")
    if (input.ids?.length) q.whereIn("id", input.ids)
    const f = input.filter ?? {}
    if (f.reason) q.where("reason", f.reason)
    if (f.source) q.where("source", f.source)
    if (f.account_code) q.where("account_code", f.account_code)
    if (f.import_job_id) q.where("import_job_id", f.import_job_id)
  }
}

type Outcome = { x: StoredException; kind: "call" | "event" }

/** One reprocess run: its raters, counters and the exceptions it resolves. */
class Reprocess {
  private rater: UsageRater
  private blind: UsageRater | null = null
  private metering: MeteringModuleService
  private at = new Date()
  private reprocessed = 0
  private resolved = 0
  private failing: ReprocessExceptionsResult["still_failing"] = []
  private failingCount = 0
  private jobIds: string[] = []

  constructor(
    private container: MedusaContainer,
    private knex: Knex,
    private input: ReprocessExceptionsStepInput
  ) {
    this.rater = new UsageRater(containerRaterSource(container))
    this.metering = container.resolve(METERING_MODULE)
  }

  result(): ReprocessExceptionsResult {
    return {
      reprocessed: this.reprocessed,
      resolved: this.resolved,
      still_failing: this.failing,
      still_failing_count: this.failingCount,
      job_ids: this.jobIds,
    }
  }

  /** Reprocesses one source's selected exceptions through one import job. */
  async source(source: string, where: (q: any) => void, compensation: Compensation) {
    const job = await this.metering.createImportJobs({
      source,
      channel: "upload",
      format: "reprocess",
      kind: "calls",
      status: "running",
      started_at: this.at,
      created_by: this.input.actor ?? null,
      metadata: { reprocess: true },
    } as any)
    this.jobIds.push(job.id)
    compensation.job_ids.push(job.id)

    const stored: Array<{ x: StoredException; kind: "call" | "event"; key: string; account_id: string; note: string; record: Record<string, unknown>; account_code: string }> = []
    const self = this
    async function* batches(): AsyncGenerator<IngestBatch> {
      let after = ""
      for (;;) {
        const rows: StoredException[] = await self
          .knex("call_billing_usage_exception")
          .select(COLUMNS)
          .where(where)
          .andWhere("source", source)
          .andWhere("id", ">", after)
          .orderBy("id")
          .limit(CHUNK)
        if (!rows.length) return
        after = rows[rows.length - 1].id
        for (const x of rows) {
          compensation.snapshots.push({
            id: x.id,
            reason: x.reason,
            details: x.details,
            record: x.record,
            account_code: x.account_code,
            account_id: x.account_id,
            attempts: x.attempts,
          })
        }
        yield await self.chunk(source, rows, stored)
        if (rows.length < CHUNK) return
      }
    }

    try {
      await this.metering.ingest(job.id, batches())
    } catch (e: any) {
      await this.metering
        .updateImportJobs({ id: job.id, status: "failed", finished_at: new Date(), error: e?.message ?? String(e), inserted: 0, duplicates: 0, exceptions: 0 } as any)
        .catch(() => {})
      throw e
    }

    // what each rated record became: the call or event stored now, or the one stored before it
    const resolutions: Resolution[] = []
    const lost: FailedAgain[] = []
    for (let i = 0; i < stored.length; i += CHUNK) {
      const part = stored.slice(i, i + CHUNK)
      const calls = await storedCalls(this.knex, source, part.filter((s) => s.kind === "call").map((s) => s.key))
      const events = await storedEvents(
        this.knex,
        part.filter((s) => s.kind === "event").map((s) => ({ account_id: s.account_id, event_id: s.key }))
      )
      for (const s of part) {
        const hit = s.kind === "call" ? calls.get(s.key) : events.get(`${s.account_id}|${s.key}`)
        const base = { id: s.x.id, account_code: s.account_code, account_id: s.account_id, record: s.record }
        if (!hit) {
          lost.push({ ...base, reason: s.x.reason, details: "rated but not stored; try again" })
          continue
        }
        const note = hit.import_job_id === job.id ? s.note : `${s.note}; a ${s.kind} with this id was already stored (${hit.id})`
        resolutions.push({ ...base, resolved_record_id: hit.id, note })
      }
    }
    this.resolved += await markResolved(this.knex, resolutions, this.input.actor ?? null, this.at)
    await markStillFailing(this.knex, lost)
    for (const l of lost) this.failed(l)
  }

  /** Rebuilds, checks and rates one page of exceptions; returns what to store. */
  private async chunk(
    source: string,
    rows: StoredException[],
    stored: Array<{ x: StoredException; kind: "call" | "event"; key: string; account_id: string; note: string; record: Record<string, unknown>; account_code: string }>
  ): Promise<IngestBatch> {
    this.reprocessed += rows.length
    const patch = this.input.patch
    const failed: FailedAgain[] = []
    const cdrs: CdrRecord[] = []
    const events: MeterEventRecord[] = []
    const cdrAt = new Map<number, CdrRecord>()
    const eventAt = new Map<number, MeterEventRecord>()
    const byLine = new Map<number, Outcome>()
    rows.forEach((x, i) => {
      const why = unreadable(x, patch)
      if (why) {
        failed.push({ id: x.id, reason: x.reason, details: why, account_code: x.account_code, account_id: x.account_id, record: x.record })
        return
      }
      byLine.set(i + 1, { x, kind: x.kind })
      if (x.kind === "call") {
        const r = rebuildCall(x, patch, i)
        cdrs.push(r)
        cdrAt.set(i + 1, r)
      } else {
        const r = rebuildEvent(x, patch, i)
        events.push(r)
        eventAt.set(i + 1, r)
      }
    })

    const ctx = { source, format: "reprocess", request_id: null }
    const batch: IngestBatch = { calls: [], events: [] }
    const notePatch = describePatch(patch)
    const fail = (e: StagedException) => {
      const { x } = byLine.get(e.line!)!
      failed.push({
        id: x.id,
        reason: e.reason,
        details: e.details,
        account_code: e.account_code,
        account_id: e.account_id,
        record: patchedRecord(x, e.record, patch, this.input.actor ?? null, this.at),
      })
    }
    const keep = (c: StagedCall, note: string) => {
      const { x } = byLine.get(c.line!)!
      const cdr = cdrAt.get(c.line!)!
      stored.push({
        x,
        kind: "call",
        key: c.call_id,
        account_id: c.account_id,
        account_code: c.account_code,
        note,
        record: patchedRecord(x, cdrJson(cdr), patch, this.input.actor ?? null, this.at),
      })
      batch.calls!.push({ ...c, line: x.line, request_id: x.request_id })
    }

    if (cdrs.length) {
      const rated = await this.rater.rateCalls(cdrs, ctx)
      for (const c of rated.calls ?? []) keep(c, notePatch ?? "rated on reprocessing")
      const accepted: CdrRecord[] = []
      const policyDetails = new Map<number, string | null>()
      for (const e of rated.exceptions ?? []) {
        if (e.reason === "out_of_policy" && this.input.accept_out_of_policy) {
          accepted.push(cdrAt.get(e.line!)!)
          policyDetails.set(e.line!, e.details)
        } else fail(e)
      }
      if (accepted.length) {
        this.blind ??= policyBlindRater(this.container)
        const again = await this.blind.rateCalls(accepted, ctx)
        for (const c of again.calls ?? []) {
          const why = policyDetails.get(c.line!)
          keep(c, [notePatch, `accepted out of policy by ${this.input.actor ?? "an admin"}${why ? ` (${why})` : ""}`].filter(Boolean).join("; "))
        }
        for (const e of again.exceptions ?? []) fail(e)
      }
    }
    if (events.length) {
      const checked = await this.rater.meterEvents(events, ctx)
      for (const ev of checked.events ?? []) {
        const { x } = byLine.get(ev.line!)!
        const rec = eventAt.get(ev.line!)!
        stored.push({
          x,
          kind: "event",
          key: ev.event_id,
          account_id: ev.account_id,
          account_code: ev.account_code,
          note: notePatch ?? "stored on reprocessing",
          record: patchedRecord(x, eventRecordJson(rec), patch, this.input.actor ?? null, this.at),
        })
        batch.events!.push({ ...ev, line: x.line, request_id: x.request_id } as StagedEvent)
      }
      for (const e of checked.exceptions ?? []) fail(e)
    }

    await markStillFailing(this.knex, failed)
    for (const f of failed) this.failed(f)
    return batch
  }

  private failed(f: FailedAgain) {
    this.failingCount++
    if (this.failing.length < MAX_LISTED) this.failing.push({ id: f.id, reason: f.reason, details: f.details })
  }
}

/** The note a fix leaves on the exceptions it resolves. */
function describePatch(patch?: ExceptionPatch): string | null {
  const parts: string[] = []
  if (patch?.account_code !== undefined) parts.push(`account set to "${patch.account_code}"`)
  const fields = Object.keys(patch?.fields ?? {})
  if (fields.length) parts.push(`fixed ${fields.join(", ")}`)
  return parts.length ? `reprocessed: ${parts.join("; ")}` : null
}

function eventRecordJson(r: MeterEventRecord): Record<string, unknown> {
  return {
    event_id: r.event_id,
    account: r.account,
    metric: r.metric,
    quantity: r.quantity,
    timestamp: r.timestamp && !isNaN(r.timestamp.getTime()) ? r.timestamp.toISOString() : null,
    x: r.x,
    fields: r.fields,
  }
}
