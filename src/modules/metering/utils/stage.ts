import { copyField, copyJson, rawNumeric } from "../../../lib/copy"
import { bulkEntityId } from "../../../lib/ids"
import type { StagedCall, StagedEvent, StagedException } from "../types"

/**
 * The staging table an import COPYs into, a batch at a time: one row per
 * record received. `k` says what the row is: `c` a rated call, `e` a meter
 * event, `x` an exception. INSERTs then move each kind to its table with
 * ON CONFLICT DO NOTHING (the dedupe) and the table is emptied for the next.
 */
export const STAGE_COLUMNS: Array<[string, string]> = [
  ["k", "char(1)"],
  ["seq", "integer"],
  ["id", "text"],
  ["source", "text"],
  ["call_id", "text"],
  ["account_id", "text"],
  ["account_code", "text"],
  ["direction", "text"],
  ["caller", "text"],
  ["callee", "text"],
  ["number", "text"],
  ["answer_time", "timestamptz"],
  ["start_time", "timestamptz"],
  ["end_time", "timestamptz"],
  ["duration", "integer"],
  ["billsec", "integer"],
  ["disposition", "text"],
  ["campaign", "text"],
  ["agent", "text"],
  ["queue", "text"],
  ["trunk", "text"],
  ["carrier", "text"],
  ["rate_card_id", "text"],
  ["rate_card_version_id", "text"],
  ["version_number", "integer"],
  ["rate_id", "text"],
  ["prefix", "text"],
  ["destination", "text"],
  ["destination_group", "text"],
  ["band", "text"],
  ["rated_seconds", "integer"],
  ["charge", "numeric"],
  ["raw_charge", "jsonb"],
  ["currency", "text"],
  ["cost", "numeric"],
  ["raw_cost", "jsonb"],
  ["cost_currency", "text"],
  ["cost_rate_card_id", "text"],
  ["line", "integer"],
  ["request_id", "text"],
  ["metadata", "jsonb"],
  // meter events
  ["event_id", "text"],
  ["metric", "text"],
  ["quantity", "numeric"],
  ["raw_quantity", "jsonb"],
  ["ts", "timestamptz"],
  // exceptions
  ["x_kind", "text"],
  ["record_key", "text"],
  ["reason", "text"],
  ["details", "text"],
  ["record", "jsonb"],
  ["format", "text"],
]

const N = "\\N"
const iso = (d: Date | null) => (d ? d.toISOString() : N)
const int = (n: number | null) => (n === null || n === undefined ? N : String(n))

/** Columns after `metadata` that a call row leaves empty. */
const CALL_TAIL: string[] = new Array(11).fill(N)

/**
 * One call as a COPY text line. Built with one `join` (a flat string) rather
 * than `+` chains: encoding a million rows is on the import's hot path.
 */
export function encodeCall(c: StagedCall, seq: number): string {
  return (
    [
      "c",
      seq,
      bulkEntityId("call"),
      copyField(c.source),
      copyField(c.call_id),
      c.account_id,
      copyField(c.account_code),
      c.direction,
      copyField(c.caller),
      copyField(c.callee),
      c.number,
      iso(c.answer_time),
      iso(c.start_time),
      iso(c.end_time),
      int(c.duration),
      c.billsec,
      copyField(c.disposition),
      copyField(c.campaign),
      copyField(c.agent),
      copyField(c.queue),
      copyField(c.trunk),
      copyField(c.carrier),
      copyField(c.rate_card_id),
      copyField(c.rate_card_version_id),
      int(c.version_number),
      copyField(c.rate_id),
      copyField(c.prefix),
      copyField(c.destination),
      copyField(c.destination_group),
      copyField(c.band),
      c.rated_seconds,
      c.charge,
      rawNumeric(c.charge),
      c.currency,
      c.cost === null ? N : c.cost,
      c.cost === null ? N : rawNumeric(c.cost),
      copyField(c.cost_currency),
      copyField(c.cost_rate_card_id),
      int(c.line),
      copyField(c.request_id),
      c.metadata && Object.keys(c.metadata).length ? copyJson(c.metadata) : N,
      ...CALL_TAIL,
    ].join("\t") + "\n"
  )
}

/** A staging row from the columns given; every other column is NULL. */
function row(values: Record<string, string>): string {
  return STAGE_COLUMNS.map(([name]) => values[name] ?? N).join("\t") + "\n"
}

/** One meter event as a COPY text line. */
export function encodeEvent(e: StagedEvent, seq: number): string {
  return row({
    k: "e",
    seq: String(seq),
    id: bulkEntityId("mevt"),
    source: copyField(e.source),
    account_id: e.account_id,
    account_code: copyField(e.account_code),
    event_id: copyField(e.event_id),
    metric: copyField(e.metric),
    quantity: e.quantity,
    raw_quantity: rawNumeric(e.quantity),
    ts: e.timestamp.toISOString(),
    metadata: e.properties && Object.keys(e.properties).length ? copyJson(e.properties) : N,
    line: int(e.line),
    request_id: copyField(e.request_id),
  })
}

/** One exception as a COPY text line. */
export function encodeException(x: StagedException, seq: number): string {
  return row({
    k: "x",
    seq: String(seq),
    id: bulkEntityId("uexc"),
    source: copyField(x.source),
    account_id: copyField(x.account_id),
    account_code: copyField(x.account_code),
    answer_time: iso(x.answer_time),
    line: int(x.line),
    request_id: copyField(x.request_id),
    x_kind: x.kind,
    record_key: copyField(x.record_key),
    reason: x.reason,
    details: copyField(x.details),
    record: copyJson(x.record),
    format: copyField(x.format),
  })
}
