/**
 * Stream messages → the records `importUsageWorkflow` takes. A message holds
 * one record or a batch, each as a JSON string:
 *
 * | field    | value                                   |
 * | -------- | --------------------------------------- |
 * | `call`   | one call, the generic CDR columns as keys |
 * | `event`  | one meter event                         |
 * | `calls`  | a JSON array of calls                   |
 * | `events` | a JSON array of meter events            |
 * | `source` | optional: the dedupe namespace (switch) |
 * | `x_*`    | optional: ignored (tracing, producer's own) |
 *
 * Nothing is dropped: what cannot be read (bad JSON, not an object, an
 * unknown field, no record at all) becomes a record that fails validation
 * and lands in the exception queue as `invalid_record`, keyed by the
 * message id (so a re-delivery does not queue it twice) and carrying the
 * raw text and the reason under `x.stream_message` / `x.stream_error`.
 */
import type { UsageStreamMessage } from "./types"

/** The message fields that carry records. */
export const RECORD_FIELDS = ["call", "event", "calls", "events"] as const
type RecordField = (typeof RECORD_FIELDS)[number]

/** Raw text kept on an exception; the whole message stays in the stream under its id. */
export const RAW_TEXT_MAX = 16_000

/** One import: the records of a batch's messages that share a source, in stream order. */
export type StreamImport = {
  source: string
  calls: Record<string, unknown>[]
  events: Record<string, unknown>[]
  /** ids of the messages these records came from */
  message_ids: string[]
  /** how many of the records are unreadable messages turned into exceptions */
  malformed: number
}

export type StreamImportOptions = {
  /** the stream key: part of the key of a malformed message's exception */
  stream: string
  /** source of messages that name none */
  source: string
}

/**
 * Groups a batch of messages by source into imports, converting each
 * message's records; unreadable ones become records that fail validation.
 *
 * @example
 * streamImports([{ id: "1-0", body: { call: '{"call_id":"c1","account":"acme","callee":"+442079460000","billsec":"61"}' } }], { stream: "cdrs", source: "pbx-1" })
 * // [{ source: "pbx-1", calls: [{ call_id: "c1", … }], events: [], message_ids: ["1-0"], malformed: 0 }]
 */
export function streamImports(messages: UsageStreamMessage[], options: StreamImportOptions): StreamImport[] {
  const bySource = new Map<string, StreamImport>()
  for (const message of messages) {
    const body = message.body ?? {}
    const named = typeof body.source === "string" ? body.source.trim() : ""
    const source = named || options.source
    let imp = bySource.get(source)
    if (!imp) bySource.set(source, (imp = { source, calls: [], events: [], message_ids: [], malformed: 0 }))
    imp.message_ids.push(message.id)
    const key = `${options.stream}/${message.id}`
    const bad = (kind: "call" | "event", suffix: string, reason: string, raw: string) => {
      imp!.malformed++
      const record = malformedRecord(kind, suffix ? `${key}/${suffix}` : key, `message ${message.id}: ${reason}`, raw)
      ;(kind === "event" ? imp!.events : imp!.calls).push(record)
    }

    let fields = 0
    for (const [field, value] of Object.entries(body)) {
      if (field === "source" || field.toLowerCase().startsWith("x_")) continue
      fields++
      if (!(RECORD_FIELDS as readonly string[]).includes(field)) {
        bad("call", field, `unknown field "${field}" (expected one of ${RECORD_FIELDS.join(", ")})`, String(value))
        continue
      }
      readField(field as RecordField, String(value), imp, bad)
    }
    if (fields === 0) {
      bad("call", "", `no record: the message has none of the fields ${RECORD_FIELDS.join(", ")}`, JSON.stringify(body))
    }
  }
  return [...bySource.values()]
}

function readField(
  field: RecordField,
  text: string,
  imp: StreamImport,
  bad: (kind: "call" | "event", suffix: string, reason: string, raw: string) => void
) {
  const kind = field === "event" || field === "events" ? "event" : "call"
  const list = kind === "event" ? imp.events : imp.calls
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (e: any) {
    bad(kind, field, `${field} is not valid JSON (${e?.message ?? e})`, text)
    return
  }
  if (field === "call" || field === "event") {
    if (isObject(value)) list.push(value)
    else bad(kind, field, `${field} must be a JSON object`, text)
    return
  }
  if (!Array.isArray(value)) {
    bad(kind, field, `${field} must be a JSON array`, text)
    return
  }
  value.forEach((item, i) => {
    if (isObject(item)) list.push(item)
    else bad(kind, `${field}/${i}`, `${field}[${i}] must be a JSON object`, JSON.stringify(item) ?? String(item))
  })
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v)
}

/**
 * A record that cannot pass validation (its required values are empty), so
 * the workflow queues it as `invalid_record` under `key` — with the reason
 * and the raw text as `x_*` values, which the exception keeps with the record.
 *
 * @example
 * malformedRecord("call", "cdrs/1-0/call", "message 1-0: call is not valid JSON (…)", "{oops")
 * // { call_id: "cdrs/1-0/call", account: "", callee: "", billsec: "", x_stream_error: "…", x_stream_message: "{oops" }
 */
export function malformedRecord(kind: "call" | "event", key: string, reason: string, raw: string): Record<string, unknown> {
  const text = raw.length > RAW_TEXT_MAX ? `${raw.slice(0, RAW_TEXT_MAX)}… (${raw.length} characters, truncated)` : raw
  const extra = { x_stream_error: reason, x_stream_message: text }
  return kind === "event"
    ? { event_id: key, account: "", metric: "", quantity: "", timestamp: "", ...extra }
    : { call_id: key, account: "", callee: "", billsec: "", ...extra }
}
