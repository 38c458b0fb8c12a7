/**
 * Records the format parsers yield (FORMATS.md). Every format ends up in the
 * same normalised call record, so the metering import and the command line
 * rate them the same way whatever the switch.
 */

export type CdrFormat = "generic" | "asterisk" | "freeswitch"

export const CDR_FORMATS: readonly CdrFormat[] = ["generic", "asterisk", "freeswitch"]

export const DISPOSITIONS = ["ANSWERED", "NO ANSWER", "BUSY", "FAILED", "CONGESTION"] as const
export type Disposition = (typeof DISPOSITIONS)[number]

/** Why one record is unusable; it becomes exception `invalid_record`, never dropped. */
export interface RecordError {
  /** the column at fault (generic name), or null for the record as a whole */
  column: string | null
  reason: string
}

/** One call, normalised. Text fields are trimmed; empty optional text is null. */
export interface CdrRecord {
  /** physical line (1-based) where the record starts */
  line: number
  call_id: string
  account: string
  direction: "outbound" | "inbound"
  caller: string | null
  /** as dialled; the rating engine normalises it */
  callee: string
  answer_time: Date | null
  start_time: Date | null
  end_time: Date | null
  /** whole seconds, null when the file has none */
  duration: number | null
  /** whole seconds; 0 when the record has an error in it */
  billsec: number
  disposition: Disposition
  campaign: string | null
  agent: string | null
  queue: string | null
  trunk: string | null
  carrier: string | null
  /** metadata: `x_*` columns (without the prefix) or a switch's extra fields */
  x: Record<string, string>
  /** the record's original values, as read */
  fields: string[]
  error?: RecordError
}

/** One meter event (non-call usage, RATING.md §7). */
export interface MeterEventRecord {
  line: number
  event_id: string
  account: string
  metric: string
  /** decimal string ≥ 0, as written (trimmed) */
  quantity: string
  timestamp: Date | null
  x: Record<string, string>
  fields: string[]
  error?: RecordError
}

/** One problem that makes a whole file unreadable (a bad header). */
export interface FormatProblem {
  line: number
  column: string | null
  reason: string
}

/**
 * A file that cannot be read at all: its header names an unknown column,
 * lacks a required one, or is missing. Lists every problem found.
 *
 * @example
 * new FormatError([{ line: 1, column: "biilsec", reason: 'unknown column "biilsec"' }]).message
 * // 'line 1, column biilsec: unknown column "biilsec"'
 */
export class FormatError extends Error {
  readonly problems: FormatProblem[]

  constructor(problems: FormatProblem[]) {
    super(
      problems
        .map((p) => `line ${p.line}${p.column !== null ? `, column ${p.column}` : ""}: ${p.reason}`)
        .join("\n")
    )
    this.name = "FormatError"
    this.problems = problems
  }
}
