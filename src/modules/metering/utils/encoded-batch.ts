import type { IngestBatch } from "../types"
import { CopyRows, storedText, type BufferSource, type CopyRowsParts } from "./copy-rows"
import { encodeCallRow, encodeEvent, encodeException } from "./stage"

/** What every call row of an import shares, COPY-encoded once. */
export type CallEncoding = { jobId: string; ratedAt: string }

/**
 * Rows (calls, or staged events and exceptions) a COPY takes at a time:
 * small at first, so Postgres starts storing while Node still rates (a
 * pushed request is one batch of 10,000), then doubling up to the largest.
 */
export const FIRST_FLUSH_ROWS = 2_000
export const FLUSH_ROWS = 10_000

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

  /**
   * @param seq the number of the next record (records before it belong to earlier batches)
   * @param alloc where the rows' buffers come from (default: new ones)
   */
  constructor(
    private readonly encoding: CallEncoding,
    public seq = 0,
    private readonly alloc?: BufferSource
  ) {}

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
      ;(this.calls ??= this.rowsBuffer()).add(encodeCallRow(c, this.encoding.jobId, this.encoding.ratedAt))
    }
    for (const e of batch.events ?? []) {
      this.hasEvents = true
      ;(this.staged ??= this.rowsBuffer()).add(encodeEvent(e, this.seq++))
    }
    for (const x of batch.exceptions ?? []) {
      this.hasExceptions = true
      if (x.kind === "call") this.lockSources.add(storedText(x.source))
      ;(this.staged ??= this.rowsBuffer()).add(encodeException(x, this.seq++))
    }
  }

  private rowsBuffer(): CopyRows {
    return new CopyRows(undefined, this.alloc)
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

/** An encoded batch, and how many records the import has read up to and including it. */
export type CountedBatch = EncodedBatch & { received: number }

/** A batch with nothing to store (the last one of an import can be). */
export const isEmptyBatch = (batch: EncodedBatch): boolean => !batch.calls && !batch.staged

/**
 * Encodes records as they come (read and rated in small batches) into
 * batches for COPY, after the flush policy: the first at FIRST_FLUSH_ROWS
 * rows, each next one twice as large up to FLUSH_ROWS. The last batch is
 * always yielded, possibly empty, so that its `received` counts every record.
 * The builder's next batch is encoded only when the consumer asks for it:
 * a consumer that stores one batch while asking for the next overlaps the two.
 *
 * @example
 * for await (const batch of encodeBatches(rated(), new EncodedBatchBuilder(encoding))) {
 *   if (!isEmptyBatch(batch)) await store(batch)
 *   received = batch.received
 * }
 */
export async function* encodeBatches(batches: AsyncIterable<IngestBatch>, builder: EncodedBatchBuilder): AsyncGenerator<CountedBatch> {
  let flushAt = FIRST_FLUSH_ROWS
  for await (const batch of batches) {
    await builder.add(batch)
    if (builder.rows >= flushAt) {
      flushAt = Math.min(flushAt * 2, FLUSH_ROWS)
      yield { ...builder.take(), received: builder.seq }
    }
  }
  yield { ...builder.take(), received: builder.seq }
}

/** An EncodedBatch as plain data, for postMessage between threads. */
export type WireBatch = {
  calls: { rows: CopyRowsParts; sources: string[]; keys: string[] } | null
  staged: Uint8Array[] | null
  hasEvents: boolean
  hasExceptions: boolean
  lockSources: string[]
  /** the ArrayBuffers behind the rows (transferred): the receiver may give them back once stored */
  buffers: ArrayBuffer[]
}

/**
 * A batch as plain data, and the ArrayBuffers behind its rows to transfer
 * (moved to the other thread, not copied). The batch must not be used after.
 *
 * @example
 * const { wire, transfer } = toWire(builder.take())
 * parentPort.postMessage({ type: "batch", batch: wire }, transfer)
 */
export function toWire(batch: EncodedBatch): { wire: WireBatch; transfer: ArrayBuffer[] } {
  const rows = batch.calls ? batch.calls.rows.parts() : null
  const transfer = new Set<ArrayBuffer>()
  for (const b of [...(rows?.buffers ?? []), ...(batch.staged ?? [])]) {
    // CopyRows' own buffers (≥ 1 MB), never a slice of Node's shared small-buffer pool
    if (b.buffer.byteLength >= 1 << 16) transfer.add(b.buffer as ArrayBuffer)
  }
  return {
    wire: {
      calls: batch.calls && rows ? { rows, sources: batch.calls.sources, keys: batch.calls.keys } : null,
      staged: batch.staged,
      hasEvents: batch.hasEvents,
      hasExceptions: batch.hasExceptions,
      lockSources: [...batch.lockSources],
      buffers: [...transfer],
    },
    transfer: [...transfer],
  }
}

/** The EncodedBatch that `toWire` described. */
export function fromWire(wire: WireBatch): EncodedBatch {
  return {
    calls: wire.calls ? { rows: CopyRows.fromParts(wire.calls.rows), sources: wire.calls.sources, keys: wire.calls.keys } : null,
    staged: wire.staged ? wire.staged.map((b) => Buffer.from(b.buffer, b.byteOffset, b.byteLength)) : null,
    hasEvents: wire.hasEvents,
    hasExceptions: wire.hasExceptions,
    lockSources: new Set(wire.lockSources),
  }
}
