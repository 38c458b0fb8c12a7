import type { MedusaContainer } from "@medusajs/framework/types"
import path from "path"
import { Worker } from "worker_threads"
import { BILLING_MODULE } from "../../../modules/billing"
import type BillingModuleService from "../../../modules/billing/service"
import type { CdrFormat } from "../../../modules/metering/formats"
import type { EncodedBatches } from "../../../modules/metering/service"
import { fromWire, type CallEncoding, type WireBatch } from "../../../modules/metering/utils/encoded-batch"
import { RATING_MODULE } from "../../../modules/rating"
import type RatingModuleService from "../../../modules/rating/service"
import { containerRaterSource } from "./rater-source"
import type { RecordContext } from "./usage-rater"

/** What the worker is started with. */
export type ImportWorkerData = {
  file: { path: string; format: CdrFormat; timezone?: string | null; default_account?: string | null }
  ctx: RecordContext
  encoding: CallEncoding
  rater: { withCost?: boolean; policy?: boolean }
  /** records read and rated at a time */
  readBatch: number
}

/** The questions a worker's rater asks (RaterSource's methods; cards and FX as plain data). */
export type SourceMethod = "accounts" | "cardOrder" | "buyCardIds" | "cardSources" | "maxCharges" | "fxRows"

export type FromWorker =
  | { type: "ask"; id: number; method: SourceMethod; args: unknown[] }
  | { type: "batch"; batch: WireBatch; received: number }
  /** every batch is posted: the file is read to its end */
  | { type: "done" }
  | { type: "failed"; message: string; name: string }
export type ToWorker =
  | { type: "answer"; id: number; result?: unknown; error?: string }
  | { type: "took" }
  /** a stored batch's buffers, given back for the next batches */
  | { type: "free"; buffers: ArrayBuffer[] }

/**
 * The worker's heap. Reading and rating make short-lived garbage by the
 * gigabyte: a small young generation is collected often and keeps the
 * process's RSS flat. The old generation holds the rater's working set
 * (compiled decks); past the limit the import fails with a message, not
 * the process.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 512 }

/**
 * The worker's entry: the compiled `import-worker.js` in a built plugin, or
 * the TypeScript source when the app runs from source (development, tests),
 * compiled as it loads with SWC, which those setups have (ts-node's SWC
 * mode). Null when neither works here, or when turned off with
 * `CALL_BILLING_IMPORT_WORKER=0`: then the file is rated on the main thread.
 */
function workerEntry(): { entry: string; swc: string | null } | null {
  if (process.env.CALL_BILLING_IMPORT_WORKER === "0") return null
  const ext = path.extname(__filename)
  const entry = path.join(__dirname, `import-worker${ext}`)
  if (ext !== ".ts") return { entry, swc: null }
  try {
    return { entry, swc: require.resolve("@swc/core") }
  } catch {
    return null
  }
}

/**
 * Loads the entry in the worker; for a `.ts` entry, first teaches `require`
 * to compile TypeScript with SWC (types stripped, CommonJS out).
 */
const BOOT = `
const { workerData } = require("worker_threads")
if (workerData.boot.swc) {
  const fs = require("fs")
  const { transformSync } = require(workerData.boot.swc)
  require.extensions[".ts"] = (module, filename) => {
    const { code } = transformSync(fs.readFileSync(filename, "utf8"), {
      filename,
      jsc: { parser: { syntax: "typescript", decorators: true }, target: "es2021" },
      module: { type: "commonjs" },
      sourceMaps: "inline",
    })
    module._compile(code, filename)
  }
}
require(workerData.boot.entry)
`

/**
 * Whether file imports are rated on a worker thread here.
 *
 * @example
 * if (importWorkerAvailable()) counts = await metering.ingest(jobId, workerImport(container, data))
 */
export function importWorkerAvailable(): boolean {
  return workerEntry() !== null
}

/**
 * A file import read, rated and encoded on a worker thread: batches ready
 * for COPY, for `metering.ingest`. The worker asks this thread for accounts,
 * cards and FX rates (answered from the modules) and runs at most two
 * batches ahead of what Postgres has taken; the buffers of a stored batch
 * go back to it for the next ones. A failure in the worker (a bad
 * header, a file that cannot be read, the worker dying) comes out as the
 * error of the iteration, with the worker's message; the worker is stopped
 * when the iteration ends, whichever way.
 *
 * @example
 * await metering.ingest(job.id, workerImport(container, { file, ctx, rater: {}, readBatch: 1000 }), { onProgress })
 */
export function workerImport(container: MedusaContainer, data: Omit<ImportWorkerData, "encoding">): EncodedBatches {
  const boot = workerEntry()
  if (!boot) throw new Error("the import worker cannot be started here (see importWorkerAvailable)")
  return (encoding) => run(container, { ...data, encoding }, boot)
}

async function* run(container: MedusaContainer, data: ImportWorkerData, boot: { entry: string; swc: string | null }) {
  const answer = answerer(container)
  const worker = new Worker(BOOT, { eval: true, workerData: { ...data, boot }, resourceLimits: WORKER_LIMITS, stdout: false, stderr: false })
  const queue: Array<{ batch: WireBatch; received: number }> = []
  let failure: Error | null = null
  // the worker posted its last batch; the iteration is over (the worker is being stopped)
  let done = false
  let stopping = false
  let wake: (() => void) | null = null
  const notify = () => {
    const w = wake
    wake = null
    w?.()
  }
  worker.on("message", (m: FromWorker) => {
    if (m.type === "ask") {
      answer(m.method, m.args).then(
        (result) => worker.postMessage({ type: "answer", id: m.id, result } satisfies ToWorker),
        (e: any) => worker.postMessage({ type: "answer", id: m.id, error: String(e?.message ?? e) } satisfies ToWorker)
      )
      return
    }
    if (m.type === "batch") queue.push(m)
    else if (m.type === "done") done = true
    else failure = Object.assign(new Error(m.message), { name: m.name })
    notify()
  })
  worker.on("error", (e) => {
    failure ??= e
    notify()
  })
  worker.on("exit", (code) => {
    if (!done && !stopping) failure ??= new Error(`the import's worker thread stopped (exit code ${code}) before the end of the file`)
    notify()
  })
  try {
    while (true) {
      const next = queue.shift()
      if (next) {
        worker.postMessage({ type: "took" } satisfies ToWorker)
        const buffers = next.batch.buffers
        const release = () => {
          // the worker reuses them: no new buffer a batch on its side, no garbage on this one
          if (!stopping) worker.postMessage({ type: "free", buffers } satisfies ToWorker, buffers)
        }
        yield { ...fromWire(next.batch), received: next.received, release }
        continue
      }
      if (done) return
      if (failure) throw failure
      await new Promise<void>((resolve) => (wake = resolve))
    }
  } finally {
    stopping = true
    await worker.terminate()
  }
}

/** Answers a worker's questions from this process's modules. */
function answerer(container: MedusaContainer) {
  const source = containerRaterSource(container)
  const rating: RatingModuleService = container.resolve(RATING_MODULE)
  const billing: BillingModuleService = container.resolve(BILLING_MODULE)
  return async (method: SourceMethod, args: any[]): Promise<unknown> => {
    switch (method) {
      case "accounts":
        return source.accounts(args[0])
      case "cardOrder":
        return source.cardOrder(args[0], args[1])
      case "buyCardIds":
        return source.buyCardIds(args[0])
      case "cardSources":
        return rating.getCardSources(args[0], args[1])
      case "maxCharges":
        return source.maxCharges(args[0])
      case "fxRows":
        return billing.loadFxRows()
    }
  }
}
