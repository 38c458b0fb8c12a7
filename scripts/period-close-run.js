// Closes every due period once inside a booted Medusa app — the plugin's real
// close path (closePeriodsWorkflow, batches of accounts, paging by id) — and
// writes what it measured as JSON. Run by bench/period-close.bench.js:
//
//   DATABASE_URL=postgres://…/db npx medusa exec ./scripts/period-close-run.js <as_of ISO> <out.json> [batch] [concurrency]
"use strict"

const fs = require("fs")
const path = require("path")

async function run({ container, args }) {
  const [asOf, outFile, batch = "500", concurrency = "2"] = args
  if (!asOf || !outFile) throw new Error("usage: medusa exec ./scripts/period-close-run.js <as_of> <out.json> [batch]")
  const { closePeriodsWorkflow } = require(path.join(__dirname, "..", "src", "workflows", "billing", "workflows", "close-periods"))
  let peak = process.memoryUsage().rss
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20)
  const t0 = process.hrtime.bigint()
  let closed = 0
  let runs = 0
  const skipped = []
  try {
    // what the scheduled job does: the account ids in chunks, `concurrency` workflow runs at a time
    const billing = container.resolve("callBillingBilling")
    const ids = (await billing.listBillingAccounts({ status: ["active", "suspended"] }, { select: ["id"], order: { id: "ASC" } })).map((a) => a.id)
    const chunks = []
    for (let i = 0; i < ids.length; i += Number(batch)) chunks.push(ids.slice(i, i + Number(batch)))
    const worker = async () => {
      for (let chunk = chunks.shift(); chunk; chunk = chunks.shift()) {
        const { result } = await closePeriodsWorkflow(container).run({ input: { as_of: asOf, account_ids: chunk, limit: chunk.length } })
        runs++
        closed += result.closed.length
        skipped.push(...result.skipped)
      }
    }
    await Promise.all(Array.from({ length: Number(concurrency) }, worker))
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9
    // after the close, not timed with it: one invoice's itemised statement read the way the PDF reads it
    const { statementCalls } = require(path.join(__dirname, "..", "src", "workflows", "billing", "utils", "documents"))
    const [invoice] = await billing.listInvoices({ kind: "invoice" }, { select: ["id"], order: { id: "ASC" }, take: 1 })
    const s0 = process.hrtime.bigint()
    let statement_calls = 0
    for await (const _ of statementCalls(container, invoice.id)) statement_calls++
    const statement_ms = Number(process.hrtime.bigint() - s0) / 1e6
    fs.writeFileSync(
      outFile,
      JSON.stringify({ state: "done", seconds, closed, runs, skipped: skipped.slice(0, 5), skipped_count: skipped.length, peak_rss: peak, statement_calls, statement_ms })
    )
  } catch (e) {
    fs.writeFileSync(outFile, JSON.stringify({ state: "failed", error: String(e && e.stack ? e.stack : e) }))
    throw e
  } finally {
    clearInterval(sampler)
  }
}

Object.defineProperty(exports, "__esModule", { value: true })
exports.default = run
