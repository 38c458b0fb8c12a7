import { MedusaError } from "@medusajs/framework/utils"
import {
  EVENT_COLUMNS,
  eventRecord,
  GENERIC_COLUMNS,
  GENERIC_REQUIRED,
  genericRecord,
  readHeader,
  type CdrRecord,
  type HeaderLayout,
  type MeterEventRecord,
} from "../../../modules/metering/formats"

/**
 * Records that arrive as JSON (REST push, a stream) go through the same
 * checks as a CSV line of the generic or meter-event format: each object is
 * laid out as a row under its own keys as the header, so a bad value gets the
 * same `invalid_record` reason a file would. `line` is the record's index + 1.
 */
/** Layouts by key list: a batch's objects nearly always share their keys, so each list is read as a header once. */
const layouts = new Map<string, HeaderLayout | { error: string }>()

function asRow(obj: Record<string, unknown>, known: readonly string[], required: readonly string[], index: number) {
  const keys = Object.keys(obj)
  const signature = `${known.length}|${keys.join("\u0001")}`
  let cached = layouts.get(signature)
  if (!cached) {
    try {
      cached = readHeader(keys, 1, known, required)
    } catch (e: any) {
      cached = { error: (e as Error).message.replace(/^line \d+, /, "") }
    }
    if (layouts.size > 1000) layouts.clear()
    layouts.set(signature, cached)
  }
  if ("error" in cached) return { error: cached.error }
  const layout = cached
  const row = keys.map((k) => {
    const v = obj[k]
    if (v === null || v === undefined) return ""
    if (typeof v === "object") return JSON.stringify(v)
    return String(v)
  })
  return { layout, row }
}

/** A JSON call as a CDR record; an unusable object comes back with `error` set. */
export function jsonCallRecord(obj: unknown, index: number): CdrRecord {
  if (!obj || typeof obj !== "object" || Array.isArray(obj)) {
    return badCall(index, "a call must be a JSON object", obj)
  }
  const parsed = asRow(obj as Record<string, unknown>, GENERIC_COLUMNS, GENERIC_REQUIRED, index)
  if ("error" in parsed) {
    const o = obj as Record<string, unknown>
    return { ...badCall(index, parsed.error!, obj), call_id: typeof o.call_id === "string" ? o.call_id : "", account: typeof o.account === "string" ? o.account : "" }
  }
  return genericRecord(parsed.layout!, parsed.row!, index + 1)
}

/** A JSON meter event as a record; an unusable object comes back with `error` set. */
export function jsonEventRecord(obj: unknown, index: number): MeterEventRecord {
  const bad = (reason: string, o: Record<string, unknown> = {}): MeterEventRecord => ({
    line: index + 1,
    event_id: typeof o.event_id === "string" ? o.event_id : "",
    account: typeof o.account === "string" ? o.account : "",
    metric: "",
    quantity: "",
    timestamp: null,
    x: {},
    fields: [JSON.stringify(o).slice(0, 2000)],
    error: { column: null, reason },
  })
  if (!obj || typeof obj !== "object" || Array.isArray(obj)) return bad("an event must be a JSON object")
  // `properties: { k: v }` is the JSON spelling of the CSV's x_k columns
  const { properties, ...rest } = obj as Record<string, unknown>
  const flat: Record<string, unknown> = { ...rest }
  if (properties && typeof properties === "object" && !Array.isArray(properties)) {
    for (const [k, v] of Object.entries(properties)) flat[`x_${k}`] = v
  } else if (properties !== undefined && properties !== null) {
    return bad("properties must be an object", obj as Record<string, unknown>)
  }
  const parsed = asRow(flat, EVENT_COLUMNS, EVENT_COLUMNS, index)
  if ("error" in parsed) return bad(parsed.error!, obj as Record<string, unknown>)
  return eventRecord(parsed.layout!, parsed.row!, index + 1)
}

/** An unusable call; its original JSON is kept as its only field, so its exception key is its content's hash. */
function badCall(index: number, reason: string, original: unknown): CdrRecord {
  return {
    line: index + 1,
    call_id: "",
    account: "",
    direction: "outbound",
    caller: null,
    callee: "",
    answer_time: null,
    start_time: null,
    end_time: null,
    duration: null,
    billsec: 0,
    disposition: "ANSWERED",
    campaign: null,
    agent: null,
    queue: null,
    trunk: null,
    carrier: null,
    x: {},
    fields: [original === undefined ? "undefined" : JSON.stringify(original).slice(0, 16000)],
    error: { column: null, reason },
  }
}

/** Refuses a batch that is not a list, or too long. */
export function assertBatch(list: unknown, name: string, max: number): unknown[] {
  if (list === undefined || list === null) return []
  if (!Array.isArray(list)) throw new MedusaError(MedusaError.Types.INVALID_DATA, `${name} must be an array`)
  if (list.length > max) throw new MedusaError(MedusaError.Types.INVALID_DATA, `${name}: at most ${max} records per request, got ${list.length}`)
  return list
}

/**
 * JSON numbers are binary floats: a quantity of `0.1` may not be what the
 * client meant, and one past 2^53 has already lost digits. A quantity must be
 * a decimal string or a safe integer; any other number is replaced by a value
 * the import rejects as `invalid_record`, with the reason in it.
 *
 * @example
 * exactQuantities([{ event_id: "e1", quantity: 3 }, { event_id: "e2", quantity: 0.5 }])
 * // [{ …, quantity: "3" }, { …, quantity: "0.5 (a JSON number that is not an integer: send the quantity as a decimal string)" }]
 */
export function exactQuantities(events: unknown[]): unknown[] {
  return events.map((e) => {
    if (!e || typeof e !== "object" || Array.isArray(e)) return e
    const q = (e as Record<string, unknown>).quantity
    if (typeof q !== "number") return e
    const quantity = Number.isSafeInteger(q)
      ? String(q)
      : `${String(q)} (a JSON number that is not ${Number.isInteger(q) ? "a safe integer" : "an integer"}: send the quantity as a decimal string)`
    return { ...(e as Record<string, unknown>), quantity }
  })
}
