import { MedusaError } from "@medusajs/framework/utils"
import { EVENT_COLUMNS, GENERIC_COLUMNS, type CdrRecord, type MeterEventRecord } from "../../../modules/metering/formats"
import type { ExceptionReason } from "../../../modules/metering/types"
import { jsonCallRecord, jsonEventRecord } from "./json-records"

/** What an admin changes on the records before they are checked and rated again. */
export type ExceptionPatch = {
  /** the billing account code the records belong to */
  account_code?: string
  /** generic-format columns (calls) or meter-event columns (events) to overwrite, `x_*` for metadata */
  fields?: Record<string, string>
}

/** Which open exceptions a reprocess or a list takes. */
export type ExceptionFilter = {
  reason?: ExceptionReason
  status?: "open"
  source?: string
  account_code?: string
  import_job_id?: string
}

/** The columns of a stored exception that reprocessing reads and writes. */
export type StoredException = {
  id: string
  kind: "call" | "event"
  source: string
  record_key: string
  account_code: string | null
  account_id: string | null
  reason: ExceptionReason
  details: string | null
  record: Record<string, any>
  format: string | null
  status: "open" | "resolved" | "ignored"
  attempts: number
  line: number | null
  request_id: string | null
}

const CALL_PATCHABLE = new Set<string>(GENERIC_COLUMNS)
const EVENT_PATCHABLE = new Set<string>(EVENT_COLUMNS)

/**
 * Refuses a patch naming a column the records' format does not have, or one
 * that would change a record's identity (its call or event id, when it has one).
 *
 * @example
 * assertPatch({ fields: { callee: "+442079460000" } }, ["call"]) // ok
 * assertPatch({ fields: { calee: "1" } }, ["call"]) // throws: patch.fields.calee: …
 */
export function assertPatch(patch: ExceptionPatch | undefined, kinds: Iterable<"call" | "event">): void {
  if (!patch?.fields) return
  for (const kind of new Set(kinds)) {
    const known = kind === "call" ? CALL_PATCHABLE : EVENT_PATCHABLE
    for (const key of Object.keys(patch.fields)) {
      const k = key.toLowerCase()
      if (k === "account") {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `patch.fields.${key}: set the account with patch.account_code`)
      }
      if (!known.has(k) && !(k.startsWith("x_") && k.length > 2)) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `patch.fields.${key}: not a column of ${kind === "call" ? "a call (generic CDR format)" : "a meter event"}; one of ${[...known].filter((c) => c !== "account").join(", ")} or x_*`
        )
      }
    }
  }
}

/** Switch column names (Asterisk, FreeSWITCH) as the generic column a patch sets. */
const GENERIC_NAME: Record<string, string> = {
  accountcode: "account",
  uniqueid: "call_id",
  uuid: "call_id",
  src: "caller",
  dst: "callee",
  destination_number: "callee",
  start: "start_time",
  answer: "answer_time",
  end: "end_time",
  start_stamp: "start_time",
  answer_stamp: "answer_time",
  end_stamp: "end_time",
}

/**
 * The column an invalid record failed on, as its exception's details name it
 * ("billsec: not a whole number of seconds" → "billsec"; Asterisk's "answer"
 * → "answer_time"), or null when the record failed as a whole.
 */
export function failedColumn(x: Pick<StoredException, "reason" | "details">): string | null {
  if (x.reason !== "invalid_record" || !x.details) return null
  const m = /^([A-Za-z_]+): /.exec(x.details)
  if (!m) return null
  const name = GENERIC_NAME[m[1]] ?? m[1]
  return CALL_PATCHABLE.has(name) || EVENT_PATCHABLE.has(name) ? name : null
}

// Problems found on values that were read: the record keeps them as they were.
const READ_VALUES = /required value is empty|is greater than duration|required for an answered call|has no answer_time column/

/**
 * Why an exception cannot be reprocessed as it stands, or null. A value that
 * could not be parsed (a bad timestamp, "abc" seconds) is not in the
 * normalised record (a placeholder stands there), so its column must be
 * patched: reprocessing the placeholder would store a silently wrong call.
 *
 * @example
 * unreadable({ reason: "invalid_record", details: 'answer_time: "2026-02-30…" is not …', … }) // "… (fix it with patch.fields.answer_time)"
 */
export function unreadable(x: StoredException, patch?: ExceptionPatch): string | null {
  if (x.reason !== "invalid_record") return null
  if (x.details && READ_VALUES.test(x.details)) return null
  const column = failedColumn(x)
  if (!column) {
    return `${x.details ?? "the record could not be read"} (the record as a whole is unreadable: import it again corrected, or ignore it)`
  }
  if (column === "account" && patch?.account_code) return null
  const patched = Object.keys(patch?.fields ?? {}).some((k) => k.toLowerCase() === column)
  return patched ? null : `${x.details} (fix it with patch.fields.${column})`
}

/**
 * The exception's record as a generic-format JSON call with the patch
 * applied, checked exactly as a CSV line would be (`jsonCallRecord`).
 * `index` becomes the record's line + 1 … its `line` is index + 1, which is
 * how the caller finds the rating result again.
 *
 * @example
 * const r = rebuildCall(exception, { fields: { callee: "+442079460000" } }, 0)
 * r.callee // "+442079460000"; r.error set when the patched record is still bad
 */
export function rebuildCall(x: StoredException, patch: ExceptionPatch | undefined, index: number): CdrRecord {
  const r = x.record ?? {}
  const text = (v: unknown) => (v === null || v === undefined ? "" : String(v))
  const obj: Record<string, string> = {
    call_id: text(r.call_id),
    account: text(r.account),
    direction: text(r.direction),
    caller: text(r.caller),
    callee: text(r.callee),
    answer_time: text(r.answer_time),
    start_time: text(r.start_time),
    end_time: text(r.end_time),
    duration: text(r.duration),
    billsec: text(r.billsec),
    disposition: text(r.disposition),
    campaign: text(r.campaign),
    agent: text(r.agent),
    queue: text(r.queue),
    trunk: text(r.trunk),
    carrier: text(r.carrier),
  }
  for (const [k, v] of Object.entries((r.x ?? {}) as Record<string, unknown>)) obj[`x_${k}`] = text(v)
  applyPatch(obj, patch, "call_id")
  return jsonCallRecord(obj, index)
}

/** The exception's record as a JSON meter event with the patch applied, checked as a CSV line would be. */
export function rebuildEvent(x: StoredException, patch: ExceptionPatch | undefined, index: number): MeterEventRecord {
  const r = x.record ?? {}
  const text = (v: unknown) => (v === null || v === undefined ? "" : String(v))
  const obj: Record<string, unknown> = {
    event_id: text(r.event_id),
    account: text(r.account),
    metric: text(r.metric),
    quantity: text(r.quantity),
    timestamp: text(r.timestamp),
  }
  for (const [k, v] of Object.entries((r.x ?? {}) as Record<string, unknown>)) obj[`x_${k}`] = text(v)
  applyPatch(obj as Record<string, string>, patch, "event_id")
  return jsonEventRecord(obj, index)
}

function applyPatch(obj: Record<string, string>, patch: ExceptionPatch | undefined, idColumn: string) {
  if (patch?.account_code !== undefined) obj.account = patch.account_code
  for (const [key, value] of Object.entries(patch?.fields ?? {})) {
    const k = key.toLowerCase()
    // a record's id is its dedupe key: it may be filled in, never changed
    if (k === idColumn && obj[idColumn]) {
      if (value !== obj[idColumn]) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `patch.fields.${key}: a record's ${idColumn} cannot be changed (it is its dedupe key)`)
      }
      continue
    }
    obj[k] = value
  }
}

/**
 * What the exception keeps after a reprocess: the record as now normalised,
 * its original values (`fields`) untouched, and every patch applied so far
 * with who and when (the audit trail of a fix).
 */
export function patchedRecord(
  x: StoredException,
  normalised: Record<string, unknown>,
  patch: ExceptionPatch | undefined,
  actor: string | null,
  at: Date
): Record<string, unknown> {
  const before = x.record ?? {}
  const patches = Array.isArray(before.patches) ? [...before.patches] : []
  if (patch && (patch.account_code !== undefined || Object.keys(patch.fields ?? {}).length)) {
    patches.push({ at: at.toISOString(), by: actor, ...patch })
  }
  return { ...normalised, fields: before.fields ?? normalised.fields, ...(patches.length ? { patches } : {}) }
}
