import { randomUUID } from "crypto"

/** JSON records as a request or a stream batch brought them. */
export type HandedRecords = { calls?: unknown[]; events?: unknown[] }

const held = new Map<string, HandedRecords>()

/**
 * Large JSON batches (a pushed request's 10,000 records, ~3.6 MB) are handed
 * to the ingest step by reference, in this process: a workflow's input is
 * copied (`JSON.parse(JSON.stringify(…))`) at every checkpoint, and the
 * records already are objects the body parser made, so neither a copy nor a
 * temporary file to parse again is needed. The caller that runs the workflow
 * owns the handle and drops it when the run is over, failed or not.
 *
 * @example
 * const handle = holdRecords({ calls })
 * try { await importUsageWorkflow(scope).run({ input: { …, records_handle: handle } }) } finally { dropRecords(handle) }
 */
export function holdRecords(records: HandedRecords): string {
  const handle = `records_${randomUUID()}`
  held.set(handle, records)
  return handle
}

/** The records behind a handle; an error names it when they are not held in this process. */
export function heldRecords(handle: string): HandedRecords {
  const records = held.get(handle)
  if (!records) {
    throw new Error(`records ${handle} are not held by this process (the run that handed them over has ended); send the request again`)
  }
  return records
}

export function dropRecords(handle: string): void {
  held.delete(handle)
}
