import type { ImportChannel } from "../../modules/metering/types"

export type UsageFileFormat = "generic" | "asterisk" | "freeswitch" | "events"

export const USAGE_FILE_FORMATS: readonly UsageFileFormat[] = ["generic", "asterisk", "freeswitch", "events"]

/** A usage file on this machine's disk (an upload saved to a temp file, a pulled file). */
export type UsageFileInput = {
  path: string
  format: UsageFileFormat
  /** zone of local timestamps (Asterisk, FreeSWITCH); default UTC */
  timezone?: string | null
  /** account code for records that name none (a source bound to one tenant) */
  default_account?: string | null
}

export type ImportUsageWorkflowInput = {
  /** an existing job (created by the route that received the file), or made here */
  job_id?: string
  source: string
  channel: ImportChannel
  filename?: string | null
  sha256?: string | null
  size_bytes?: number | null
  request_key?: string | null
  created_by?: string | null
  file?: UsageFileInput
  /** JSON records (REST push, stream), checked like a generic / meter-event CSV line */
  calls?: unknown[]
  events?: unknown[]
  /**
   * The same records handed over in this process (`holdRecords`, a pushed
   * request's parsed body): large batches stay out of the workflow's stored
   * input. Its events' JSON-number quantities go through `exactQuantities`.
   */
  records_handle?: string | null
  request_id?: string | null
}
