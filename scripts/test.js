#!/usr/bin/env node
// `npm test`: one jest run over every project (unit, modules, http, plugin)
// against a real Postgres, with one summary line at the end.
//
//   npm test                              # everything
//   npm test -- integration-tests/cli     # extra args go to jest
//   TEST_TYPE=unit npm test               # one project (see jest.config.js)
//
// Finds or starts Postgres (scripts/db.js), builds the CLI into dist/ when it
// is missing or older than its sources, then runs
// `jest --runInBand --forceExit` and exits with jest's code.
"use strict"

const fs = require("fs")
const path = require("path")
const { spawn } = require("child_process")
const { ensurePostgres, ROOT } = require("./db")

function walk(dir, onFile) {
  if (!fs.existsSync(dir)) return
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name)
    if (entry.isDirectory()) {
      if (entry.name !== "__tests__" && entry.name !== "node_modules") walk(p, onFile)
    } else onFile(p)
  }
}

/**
 * dist/ is stale when a source it was compiled from is newer than it: the
 * CLI's own files, and the .ts files in every src/ folder dist/ mirrors (the
 * engine and the formats the CLI imports).
 */
function cliIsStale(dist) {
  let built = 0
  const dirs = new Set()
  walk(dist, (p) => {
    built = Math.max(built, fs.statSync(p).mtimeMs)
    dirs.add(path.relative(dist, path.dirname(p)))
  })
  if (!built) return "missing"
  let newest = 0
  const consider = (p) => {
    if (p.endsWith(".ts") && !p.endsWith(".spec.ts")) newest = Math.max(newest, fs.statSync(p).mtimeMs)
  }
  walk(path.join(ROOT, "src", "cli"), consider)
  for (const d of dirs) {
    const src = path.join(ROOT, "src", d)
    if (!fs.existsSync(src)) continue
    for (const f of fs.readdirSync(src)) consider(path.join(src, f))
  }
  return newest > built ? "older than its sources" : null
}

function run(cmd, args, opts) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: "inherit", ...opts })
    child.on("error", (e) => {
      console.error(`${cmd}: ${e.message}`)
      resolve(1)
    })
    child.on("exit", (code, sig) => resolve(code ?? (sig ? 128 + (require("os").constants.signals[sig] || 1) : 1)))
    run.current = child
  })
}

async function buildCliIfNeeded() {
  if (!fs.existsSync(path.join(ROOT, "src", "cli", "index.ts"))) return 0
  const stale = cliIsStale(path.join(ROOT, "dist"))
  if (!stale) return 0
  console.log(`cli: dist/ is ${stale}; building it (scripts/build-cli.js)`)
  return run(process.execPath, [path.join(ROOT, "scripts", "build-cli.js")], { cwd: ROOT })
}

/** jest's own summary, once more as the plain "N passed, N failed" closing line. */
function printClosingLine(file) {
  if (!fs.existsSync(file)) return
  const r = JSON.parse(fs.readFileSync(file, "utf8"))
  const skipped = r.numPendingTests + r.numTodoTests
  console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ""}`)
}

async function main() {
  const args = process.argv.slice(2)
  const pg = await ensurePostgres()

  let stopping = false
  const onSignal = (sig) => {
    if (stopping) return
    stopping = true
    // jest shares our process group, so a Ctrl-C already reached it; a signal
    // sent to this pid alone is passed on.
    if (run.current && run.current.exitCode === null) run.current.kill(sig)
  }
  process.on("SIGINT", onSignal)
  process.on("SIGTERM", onSignal)

  let code = await buildCliIfNeeded()
  if (code !== 0) {
    console.error("cli: build failed")
  } else {
    const env = { ...process.env, ...pg.env }
    env.NODE_ENV = "test"
    env.MEDUSA_DISABLE_TELEMETRY = "true"
    // Medusa logs every boot step at "info"; LOG_LEVEL=info npm test brings them back.
    env.LOG_LEVEL = env.LOG_LEVEL || "error"
    let nodeOptions = env.NODE_OPTIONS || ""
    if (!nodeOptions.includes("--experimental-vm-modules")) nodeOptions = `${nodeOptions} --experimental-vm-modules`
    // one jest process boots Medusa for every HTTP suite in band; what each boot leaves
    // behind adds up past V8's default ~4 GB heap (measured: 3.7 GB after ~40 suites)
    if (!nodeOptions.includes("--max-old-space-size")) nodeOptions = `${nodeOptions} --max-old-space-size=10240`
    env.NODE_OPTIONS = nodeOptions.trim()
    // The HTTP test runner listens on $PORT when it is set; let it pick a free one.
    delete env.PORT
    const jest = require.resolve("jest/bin/jest", { paths: [ROOT] })
    const results = path.join(ROOT, ".tmp", "jest-results.json")
    fs.mkdirSync(path.dirname(results), { recursive: true })
    fs.rmSync(results, { force: true })
    code = await run(
      process.execPath,
      [jest, "--runInBand", "--forceExit", "--json", `--outputFile=${results}`, ...args],
      { cwd: ROOT, env }
    )
    printClosingLine(results)
  }

  await pg.stop()
  process.exit(code)
}

main().catch(async (e) => {
  console.error(e && e.stack ? e.stack : e)
  process.exit(1)
})
