/**
 * COPY text rows written as UTF-8 straight into 1 MB buffers, remembering
 * where each row starts and ends, so rows found to be duplicates after
 * encoding (the probe of the unique index runs just before the COPY) can be
 * left out without encoding the batch again. Concatenating a batch into one
 * string and flattening it cost more than rating it.
 */
const CHUNK_BYTES = 1 << 20

/** Where CopyRows gets a buffer of at least `bytes` (default: a new one). */
export type BufferSource = (bytes: number) => Buffer

const newBuffer: BufferSource = (bytes) => Buffer.allocUnsafe(bytes)

/** CopyRows as plain data, to post to another thread (see `parts`, `fromParts`). */
export type CopyRowsParts = { buffers: Uint8Array[]; rowChunk: number[]; rowStart: number[]; rowEnd: number[] }

export class CopyRows {
  private done: Buffer[] = []
  private buf: Buffer
  private used = 0
  /** per row: index of its buffer (in `done` once finished), start and end byte */
  private rowChunk: number[] = []
  private rowStart: number[] = []
  private rowEnd: number[] = []

  /** @param alloc where buffers come from (the import's worker reuses those the main thread gave back) */
  constructor(
    private readonly chunkBytes = CHUNK_BYTES,
    private readonly alloc: BufferSource = newBuffer
  ) {
    this.buf = chunkBytes ? alloc(chunkBytes) : Buffer.alloc(0)
  }

  /** Rows added so far. */
  get length(): number {
    return this.rowStart.length
  }

  /**
   * Appends one row (a whole COPY line, `\n` included).
   *
   * @example
   * const rows = new CopyRows()
   * rows.add("a\t1\n")
   * rows.length // 1
   */
  add(row: string): void {
    // a UTF-16 code unit is at most 3 bytes of UTF-8
    if (this.used + row.length * 3 > this.buf.length) {
      if (this.used) this.done.push(this.buf.subarray(0, this.used))
      this.buf = this.alloc(Math.max(this.chunkBytes, row.length * 3))
      this.used = 0
    }
    this.rowChunk.push(this.done.length)
    this.rowStart.push(this.used)
    this.used += this.buf.write(row, this.used)
    this.rowEnd.push(this.used)
  }

  /**
   * The rows as plain data for `postMessage` (the buffers can go in its
   * transfer list). Call once, after the last `add`.
   *
   * @example
   * const copy = CopyRows.fromParts(rows.parts())
   */
  parts(): CopyRowsParts {
    this.finish()
    return { buffers: this.done, rowChunk: this.rowChunk, rowStart: this.rowStart, rowEnd: this.rowEnd }
  }

  /** The CopyRows that `parts` described (its buffers may have come from another thread as Uint8Arrays). */
  static fromParts(parts: CopyRowsParts): CopyRows {
    const rows = new CopyRows(0)
    rows.done = parts.buffers.map((b) => (Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength)))
    rows.rowChunk = parts.rowChunk
    rows.rowStart = parts.rowStart
    rows.rowEnd = parts.rowEnd
    return rows
  }

  private finish() {
    if (this.used) {
      this.done.push(this.buf.subarray(0, this.used))
      this.buf = Buffer.alloc(0)
      this.used = 0
    }
  }

  /**
   * The buffers holding every row, in order, leaving out the rows whose
   * index is in `skip`. Call once, after the last `add`.
   *
   * @example
   * const rows = new CopyRows()
   * for (const r of ["a\n", "b\n", "c\n"]) rows.add(r)
   * Buffer.concat(rows.chunks(new Set([1]))).toString() // "a\nc\n"
   */
  chunks(skip?: ReadonlySet<number>): Buffer[] {
    this.finish()
    if (!skip || skip.size === 0) return this.done
    const out: Buffer[] = []
    let chunk = -1
    let from = 0
    let to = 0
    for (let i = 0; i < this.rowStart.length; i++) {
      if (skip.has(i)) continue
      const c = this.rowChunk[i]
      // consecutive kept rows of one buffer go out as one slice
      if (c === chunk && this.rowStart[i] === to) {
        to = this.rowEnd[i]
        continue
      }
      if (chunk >= 0 && to > from) out.push(this.done[chunk].subarray(from, to))
      chunk = c
      from = this.rowStart[i]
      to = this.rowEnd[i]
    }
    if (chunk >= 0 && to > from) out.push(this.done[chunk].subarray(from, to))
    return out
  }
}

/**
 * A text as Postgres stores it: NUL (which text cannot hold) and unpaired
 * UTF-16 surrogates (which UTF-8 cannot) become U+FFFD, as they do on the
 * way in through COPY. Natural keys are compared in this form, so two keys
 * that are stored alike are one key.
 *
 * @example
 * storedText("a\u0000b") // "a\uFFFDb"
 */
export function storedText(s: string): string {
  // fast path: no NUL and no surrogate at all (nearly every key)
  if (!/[\u0000\uD800-\uDFFF]/.test(s)) return s
  return s.replace(LONE_SURROGATE_OR_NUL, "\uFFFD")
}

const LONE_SURROGATE_OR_NUL = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g
