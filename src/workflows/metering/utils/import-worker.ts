/**
 * The file import's worker thread (started by import-thread.ts): reads a CDR
 * file, rates each call and encodes the rows for COPY, and posts them to the
 * main thread in batches, whose buffers are transferred, not copied. The main
 * thread only stores them, so Postgres and this thread work side by side on
 * two cores, and the garbage of reading and rating stays in this thread's
 * own small heap. What the rater needs from the database it asks the main
 * thread for (RaterSource over messages). No Medusa code is loaded here.
 *
 * Medusa loads every file under src/workflows when it boots: on the main
 * thread this file does nothing.
 */
import { isMainThread, parentPort, workerData, type MessagePort } from "worker_threads"
import { FxTable } from "../../../modules/billing/fx"
import { readCdrs } from "../../../modules/metering/formats"
import { EncodedBatchBuilder, encodeBatches, toWire, type CountedBatch } from "../../../modules/metering/utils/encoded-batch"
import { compileCard, compileVersion } from "../../../modules/rating/engine"
import type { CardSource } from "../../../modules/rating/service"
import type { ImportWorkerData, ToWorker, FromWorker, SourceMethod } from "./import-thread"
import { UsageRater, type RaterSource } from "./usage-rater"

/** Batches posted and not yet taken by the main thread: the reader waits beyond this. */
const MAX_AHEAD = 2
/** Buffers given back by the main thread kept for reuse (a few batches' worth). */
const POOL_MAX = 32

if (!isMainThread && parentPort && (workerData as ImportWorkerData | undefined)?.encoding) {
  runWorker(parentPort, workerData as ImportWorkerData)
}

function runWorker(port: MessagePort, data: ImportWorkerData) {
  const send = (m: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer)

  let nextAsk = 0
  const asks = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>()
  let ahead = 0
  let taken: (() => void) | null = null
  const pool: ArrayBuffer[] = []
  const alloc = (bytes: number): Buffer => {
    const i = pool.findIndex((b) => b.byteLength >= bytes)
    return i < 0 ? Buffer.allocUnsafe(bytes) : Buffer.from(pool.splice(i, 1)[0])
  }

  port.on("message", (m: ToWorker) => {
    if (m.type === "answer") {
      const ask = asks.get(m.id)
      asks.delete(m.id)
      if (m.error !== undefined) ask?.reject(new Error(m.error))
      else ask?.resolve(m.result)
    } else if (m.type === "free") {
      for (const b of m.buffers) if (pool.length < POOL_MAX) pool.push(b)
    } else if (m.type === "took") {
      ahead--
      taken?.()
    }
  })

  function ask<T>(method: SourceMethod, ...args: unknown[]): Promise<T> {
    const id = nextAsk++
    return new Promise<T>((resolve, reject) => {
      asks.set(id, { resolve, reject })
      send({ type: "ask", id, method, args })
    })
  }

  const source: RaterSource = {
    accounts: (codes) => ask("accounts", codes),
    cardOrder: (accountId, direction) => ask("cardOrder", accountId, direction),
    buyCardIds: (direction) => ask("buyCardIds", direction),
    compiledCards: async (ids, window) =>
      (await ask<CardSource[]>("cardSources", ids, window)).map(({ card, versions }) =>
        compileCard(card, versions.map((v) => compileVersion(v.version, v.rows)))
      ),
    maxCharges: (ids) => ask("maxCharges", ids),
    fxTable: async () => new FxTable(await ask("fxRows")),
  }

  async function post(batch: CountedBatch) {
    const { wire, transfer } = toWire(batch)
    ahead++
    send({ type: "batch", batch: wire, received: batch.received }, transfer)
    while (ahead >= MAX_AHEAD) await new Promise<void>((resolve) => (taken = resolve))
    taken = null
  }

  async function main() {
    const rater = new UsageRater(source, data.rater)
    const reader = readCdrs(data.file.path, {
      format: data.file.format,
      timezone: data.file.timezone ?? undefined,
      defaultAccount: data.file.default_account ?? undefined,
      batchSize: data.readBatch,
    })
    async function* rated() {
      for await (const batch of reader) yield await rater.rateCalls(batch, data.ctx)
    }
    for await (const batch of encodeBatches(rated(), new EncodedBatchBuilder(data.encoding, 0, alloc))) await post(batch)
    send({ type: "done" })
  }

  main().catch((e: any) => send({ type: "failed", message: String(e?.message ?? e), name: String(e?.name ?? "Error") }))
}
