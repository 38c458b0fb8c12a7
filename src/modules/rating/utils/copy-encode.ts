import type { RateRowInput } from "../engine/types"
import { bulkEntityId } from "../../../lib/ids"

import { copyField, rawNumeric } from "../../../lib/copy"

export { copyField, rawNumeric }

/** Columns of call_billing_rate that COPY fills, in the order encodeRateRows writes them. */
export const RATE_COPY_COLUMNS = [
  "id",
  "version_id",
  "prefix",
  "destination",
  "destination_group",
  "rate",
  "raw_rate",
  "connect_fee",
  "raw_connect_fee",
  "per_call",
  "raw_per_call",
  "initial_increment",
  "subsequent_increment",
  "grace",
  "band",
  "direction",
  "line",
]

/** COPY text lines for rows of one version, in chunks to keep writes large. */
export function* encodeRateRows(versionId: string, rows: RateRowInput[]): Generator<string> {
  let chunk = ""
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]
    const rate = r.rate
    const connect = r.connect_fee || "0"
    const perCall = r.per_call || "0"
    chunk +=
      bulkEntityId("rate") +
      "\t" +
      versionId +
      "\t" +
      copyField(r.prefix) +
      "\t" +
      copyField(r.destination || null) +
      "\t" +
      copyField(r.destination_group || null) +
      "\t" +
      rate +
      "\t" +
      rawNumeric(rate) +
      "\t" +
      connect +
      "\t" +
      rawNumeric(connect) +
      "\t" +
      perCall +
      "\t" +
      rawNumeric(perCall) +
      "\t" +
      (r.initial_increment ?? 60) +
      "\t" +
      (r.subsequent_increment ?? 60) +
      "\t" +
      (r.grace ?? 0) +
      "\t" +
      copyField(r.band || "") +
      "\t" +
      (r.direction || "outbound") +
      "\t" +
      copyField(r.id && /^\d+$/.test(r.id) ? r.id : null) +
      "\n"
    if (chunk.length > 1 << 16) {
      yield chunk
      chunk = ""
    }
  }
  if (chunk) {
    yield chunk
  }
}

