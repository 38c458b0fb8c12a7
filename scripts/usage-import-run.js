// Runs one usage import inside a booted Medusa app — the plugin's real import
// path (importUsageWorkflow: job, streamed read, UsageRater, metering
// `ingest`) — and writes what it measured as JSON. Run by
// bench/usage-import.bench.js and the kill -9 guarantee test through
// `medusa exec` from the repository root (ts-node loads the plugin's sources):
//
//   DATABASE_URL=postgres://…/db npx medusa exec ./scripts/usage-import-run.js <file> <out.json> [source] [format]
//
// Measures the workflow run only (not the boot): wall time, the process's CPU
// time (user + system, all its threads), RSS when the import started, the
// highest RSS sampled every 20 ms during it, and the process's VmHWM (its peak
// since start, boot included).
"use strict"

const fs = require("fs")
const path = require("path")

function vmHwm() {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync("/proc/self/status", "utf8"))
    return m ? Number(m[1]) * 1024 : null
  } catch {
    return null
  }
}

async function run({ container, args }) {
  const [file, outFile, source = "bench", format = "generic"] = args
  if (!file || !outFile) throw new Error("usage: medusa exec ./scripts/usage-import-run.js <file> <out.json> [source] [format]")
  const { importUsageWorkflow } = require(path.join(__dirname, "..", "src", "workflows", "metering", "workflows", "import-usage"))
  const write = (obj) => fs.writeFileSync(outFile, JSON.stringify(obj, null, 2))
  // the boot is done: say so (the kill -9 test waits for the job, not for this)
  write({ state: "booted", pid: process.pid, rss_boot: process.memoryUsage().rss, vmhwm_boot: vmHwm() })

  if (global.gc) global.gc()
  const rssStart = process.memoryUsage().rss
  let rssMax = rssStart
  const sampler = setInterval(() => {
    const r = process.memoryUsage().rss
    if (r > rssMax) rssMax = r
  }, 20)
  const t0 = process.hrtime.bigint()
  const cpu0 = process.cpuUsage()
  let result
  let error = null
  try {
    ;({ result } = await importUsageWorkflow(container).run({
      input: { source, channel: "upload", filename: path.basename(file), file: { path: file, format, timezone: "Europe/London" } },
    }))
  } catch (e) {
    error = (e && e.message) || String(e)
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9
  const cpu = process.cpuUsage(cpu0)
  clearInterval(sampler)
  rssMax = Math.max(rssMax, process.memoryUsage().rss)
  write({ state: error ? "failed" : "done", pid: process.pid, error, result, seconds, cpu_seconds: (cpu.user + cpu.system) / 1e6, rss_start: rssStart, rss_max: rssMax, vmhwm: vmHwm() })
  if (error) throw new Error(error)
}

Object.defineProperty(exports, "__esModule", { value: true })
exports.default = run
