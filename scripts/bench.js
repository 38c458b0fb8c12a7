#!/usr/bin/env node
// `npm run bench`: runs every bench/*.bench.js in name order, one child process
// each, with DB_HOST/DB_PORT/DB_USERNAME/DB_PASSWORD pointing at a real Postgres
// (scripts/db.js). Output streams as it comes; a failing bench is reported, the
// rest still run, and the exit code is non-zero at the end.
//
//   npm run bench                 # all of them
//   npm run bench -- engine cli   # only files whose name contains one of the words
"use strict"

const fs = require("fs")
const path = require("path")
const { spawn } = require("child_process")
const { ensurePostgres, ROOT } = require("./db")

const BENCH_DIR = path.join(ROOT, "bench")

function runBench(file, env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [file], { cwd: ROOT, env, stdio: "inherit" })
    runBench.current = child
    child.on("error", (e) => resolve({ code: 1, error: e.message }))
    child.on("exit", (code, sig) => resolve({ code: code ?? 1, signal: sig }))
  })
}

async function main() {
  const filters = process.argv.slice(2)
  const files = (fs.existsSync(BENCH_DIR) ? fs.readdirSync(BENCH_DIR) : [])
    .filter((f) => f.endsWith(".bench.js"))
    .filter((f) => !filters.length || filters.some((w) => f.slice(0, -".bench.js".length).includes(w)))
    .sort()
  if (!files.length) {
    console.log(`bench: no bench/*.bench.js${filters.length ? ` matching ${filters.join(", ")}` : ""}`)
    process.exit(filters.length ? 1 : 0)
  }

  const pg = await ensurePostgres()
  const env = { ...process.env, ...pg.env, MEDUSA_DISABLE_TELEMETRY: "true" }

  let interrupted = false
  const onSignal = (sig) => {
    interrupted = true
    if (runBench.current && runBench.current.exitCode === null) runBench.current.kill(sig)
  }
  process.on("SIGINT", onSignal)
  process.on("SIGTERM", onSignal)

  const results = []
  for (const file of files) {
    if (interrupted) break
    console.log(`\n=== bench/${file}`)
    const started = Date.now()
    const res = await runBench(path.join(BENCH_DIR, file), env)
    const seconds = (Date.now() - started) / 1000
    results.push({ file, seconds, ...res })
    if (res.code !== 0) {
      console.log(`=== bench/${file} FAILED (${res.signal ? `signal ${res.signal}` : `exit ${res.code}`}${res.error ? `, ${res.error}` : ""}) after ${seconds.toFixed(1)}s`)
    } else {
      console.log(`=== bench/${file} ok in ${seconds.toFixed(1)}s`)
    }
  }

  await pg.stop()

  const failed = results.filter((r) => r.code !== 0)
  console.log("\nbench summary:")
  for (const r of results) {
    console.log(`  ${r.code === 0 ? "ok    " : "FAILED"} ${r.file.padEnd(32)} ${r.seconds.toFixed(1).padStart(7)}s`)
  }
  const skipped = files.length - results.length
  console.log(
    `bench: ${results.length - failed.length} passed, ${failed.length} failed${skipped ? `, ${skipped} not run (interrupted)` : ""}, ${files.length} total`
  )
  process.exit(failed.length || skipped ? 1 : 0)
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : e)
  process.exit(1)
})
