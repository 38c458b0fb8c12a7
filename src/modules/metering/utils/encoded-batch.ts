import type { IngestBatch } from "../types"
import { CopyRows, storedText } from "./copy-rows"
import { encodeCallRow, encodeEvent, encodeException } from "./stage"

/** What every call row of an import shares, COPY-encoded once. */
export type CallEncoding = { jobId: string; ratedAt: string }

/** Encoded records, ready for Postgres in one go. */
export type EncodedBatch = {
  /** calls, the first copy of each key; per row its source and call id as Postgres stores them */
  calls: { rows: CopyRows; sources: string[]; keys: string[] } | null
  /** staging rows (meter events and exceptions), each with its input position */
  staged: Buffer[] | null
  hasEvents: boolean
  hasExceptions: boolean
  /** sources whose calls this batch writes or checks: those of calls and of call exceptions */
  lockSources: Set<string>
}

/**
 * Node reads, rates and encodes on the thread that also feeds Postgres: the
 * COPY stream's drain events and a probe's answer wait until the current
 * slice of work ends. Slices of this many records keep Postgres fed.
 */
export const YIELD_EVERY = 1000

/** Lets pending I/O (the COPY stream, query answers) run. */
export const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve))

/**
 * Gathers records (read and rated in small batches, so their objects die
 * young) into one encoded batch for Postgres. Records are numbered in input
 * order; a call whose (source, call id) already came in this batch is left
 * out (the first copy wins, the others are duplicates). Staged rows keep
 * their number so the first copy of an event or exception key wins too.
 */
export class EncodedBatchBuilder {
  private calls: CopyRows | null = null
  private sources: string[] = []
  private keys: string[] = []
  private seen = new Set<string>()
  private staged: CopyRows | null = null
  private hasEvents = false
  private hasExceptions = false
  private lockSources = new Set<string>()

  /** @param seq the number of the next record (records before it belong to earlier batches) */
  constructor(private readonly encoding: CallEncoding, public seq = 0) {}

  /** Rows held (calls kept plus staged rows). */
  get rows(): number {
    return (this.calls?.length ?? 0) + (this.staged?.length ?? 0)
  }

  /**
   * Encodes one batch of records into this one, yielding to the event loop
   * every `YIELD_EVERY` records.
   *
   * @example
   * const builder = new EncodedBatchBuilder({ jobId: "job_1", ratedAt: "2026-03-02 09:00:00+00" })
   * await builder.add({ calls: [callA, callA, callB] })
   * builder.take().calls!.keys // [callA.call_id, callB.call_id]
   */
  async add(batch: IngestBatch): Promise<void> {
    for (const c of batch.calls ?? []) {
      if (++this.seq % YIELD_EVERY === 0) await nextTick()
      const source = storedText(c.source)
      const key = storedText(c.call_id)
      const both = source + "\u0000" + key
      if (this.seen.has(both)) continue
      this.seen.add(both)
      this.lockSources.add(source)
      this.sources.push(source)
      this.keys.push(key)
      ;(this.calls ??= new CopyRows()).add(encodeCallRow(c, this.encoding.jobId, this.encoding.ratedAt))
    }
    for (const e of batch.events ?? []) {
      this.hasEvents = true
      ;(this.staged ??= new CopyRows()).add(encodeEvent(e, this.seq++))
    }
    for (const x of batch.exceptions ?? []) {
      this.hasExceptions = true
      if (x.kind === "call") this.lockSources.add(storedText(x.source))
      ;(this.staged ??= new CopyRows()).add(encodeException(x, this.seq++))
    }
  }

  /**
   * The batch gathered so far; the builder starts over empty (numbering
   * goes on).
   *
   * @example
   * const batch = builder.take() // { calls: { rows, sources, keys }, staged: null, … }
   */
  take(): EncodedBatch {
    const out: EncodedBatch = {
      calls: this.calls ? { rows: this.calls, sources: this.sources, keys: this.keys } : null,
      staged: this.staged ? this.staged.chunks() : null,
      hasEvents: this.hasEvents,
      hasExceptions: this.hasExceptions,
      lockSources: this.lockSources,
    }
    this.calls = null
    this.sources = []
    this.keys = []
    this.seen = new Set()
    this.staged = null
    this.hasEvents = false
    this.hasExceptions = false
    this.lockSources = new Set()
    return out
  }
}
