#!/usr/bin/env node
// Usage import (issue 4 §6): a generic CDR CSV of 1,000,000 calls (and one of
// 100,000, to show the time grows linearly) through the plugin's real import
// path — importUsageWorkflow in a booted Medusa (`medusa exec`, the plugin's
// modules and migrations): streamed read, rating with the engine on the demo
// rating world (src/scripts/seed-demo.ts: three tenants, ~1,300 prefixes),
// per batch a probe of the (source, call_id) unique index and a COPY
// straight into call_billing_call — against two floors measured in the same
// run, same database:
//   raw floor:     `psql \copy` of the same CSV into an unindexed table
//   storage floor: `psql \copy` of the rated rows (exported from
//                  call_billing_call) into an empty
//                  `CREATE TABLE … (LIKE call_billing_call INCLUDING ALL)`
// Targets: import ≤ 1.5 × the storage floor, peak RSS ≤ 500 MB.
//
//   npm run bench -- usage-import
//   node bench/usage-import.bench.js [--lines N] [--runs R] [--keep-db]
"use strict"

const fs = require("fs")
const path = require("path")
const { spawn, spawnSync } = require("child_process")
const { ROOT, ensurePostgres, ensureDatabase, dropDatabase } = require("../scripts/db")
const { tenantsFromDb, writeCdrFile } = require("./lib/usage-data")

const MEDUSA = path.join(ROOT, "node_modules", "@medusajs", "cli", "cli.js")
const OUT_DIR = path.join(ROOT, ".tmp", "bench")
const RSS_TARGET = 500 * 1024 * 1024
const RATIO_TARGET = 1.5

function parseArgs(argv) {
  const opts = { sizes: [100000, 1000000], runs: 3, keepDb: false }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === "--lines") opts.sizes = String(argv[++i]).split(",").map(Number)
    else if (a.startsWith("--lines=")) opts.sizes = a.slice(8).split(",").map(Number)
    else if (a === "--runs") opts.runs = Number(argv[++i])
    else if (a === "--keep-db") opts.keepDb = true
    else throw new Error(`unknown argument ${a} (node bench/usage-import.bench.js [--lines N[,M]] [--runs R] [--keep-db])`)
  }
  if (process.env.BENCH_USAGE_LINES) opts.sizes = process.env.BENCH_USAGE_LINES.split(",").map(Number)
  if (opts.sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error("--lines takes positive integers")
  return opts
}

function sh(cmd, args, env) {
  const r = spawnSync(cmd, args, { cwd: ROOT, env, encoding: "utf8", maxBuffer: 64 << 20 })
  if (r.status !== 0) throw new Error(`${path.basename(cmd)} ${args.join(" ")} failed (${r.status ?? r.signal}): ${(r.stderr || r.stdout || "").slice(-3000)}`)
  return r.stdout
}

/** `medusa exec` the import runner; resolves to what it measured. */
function runImport(env, file, outFile, source) {
  fs.rmSync(outFile, { force: true })
  return new Promise((resolve, reject) => {
    const t0 = Date.now()
    const child = spawn(process.execPath, [MEDUSA, "exec", "./scripts/usage-import-run.js", file, outFile, source], {
      cwd: ROOT,
      env,
      stdio: ["ignore", "ignore", "pipe"],
    })
    let stderr = ""
    child.stderr.on("data", (d) => (stderr = (stderr + d).slice(-5000)))
    child.on("error", reject)
    child.on("exit", (code) => {
      let out = null
      try {
        out = JSON.parse(fs.readFileSync(outFile, "utf8"))
      } catch {}
      if (code !== 0 || !out || out.state !== "done") {
        return reject(new Error(`import run failed (exit ${code}): ${(out && out.error) || stderr}`))
      }
      resolve({ ...out, process_seconds: (Date.now() - t0) / 1000 })
    })
  })
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const mb = (b) => `${Math.round(b / 1048576)} MB`
const fmt = (n) => Math.round(n).toLocaleString("en-US")

async function main() {
  const opts = parseArgs(process.argv.slice(2))
  fs.mkdirSync(OUT_DIR, { recursive: true })
  const pg = await ensurePostgres()
  const db = `cb_bench_usage_${process.pid}_${Date.now().toString(36)}`
  await ensureDatabase(db, pg.env)
  const url = pg.env.databaseUrl(db)
  const env = {
    ...process.env,
    DB_HOST: pg.env.DB_HOST,
    DB_PORT: String(pg.env.DB_PORT),
    DB_USERNAME: pg.env.DB_USERNAME,
    DB_PASSWORD: pg.env.DB_PASSWORD || "",
    DATABASE_URL: url,
    ADMIN_DISABLED: "true",
    MEDUSA_DISABLE_TELEMETRY: "true",
    LOG_LEVEL: "error",
    NODE_ENV: "development",
    PGPASSWORD: pg.env.DB_PASSWORD || "",
  }
  const psql = (sql) =>
    sh("psql", ["-h", pg.env.DB_HOST, "-p", String(pg.env.DB_PORT), "-U", pg.env.DB_USERNAME, "-d", db, "-v", "ON_ERROR_STOP=1", "-qAtc", sql], env)
  const timed = (sql) => {
    const t0 = process.hrtime.bigint()
    psql(sql)
    return Number(process.hrtime.bigint() - t0) / 1e9
  }
  const { Client } = require("pg")
  const files = []
  const rows = []
  try {
    let t = Date.now()
    sh(process.execPath, [MEDUSA, "db:migrate", "--skip-scripts"], env)
    sh(process.execPath, [MEDUSA, "exec", "./src/scripts/seed-demo.ts"], env)
    console.log(`database ${db}: migrated and seeded with the demo rating world (${((Date.now() - t) / 1000).toFixed(1)} s)`)
    const client = new Client({ connectionString: url })
    await client.connect()
    const tenants = await tenantsFromDb(client).finally(() => client.end())

    for (const lines of opts.sizes) {
      const file = path.join(OUT_DIR, `usage-cdrs-${lines}.csv`)
      files.push(file)
      t = Date.now()
      const gen = await writeCdrFile(file, { lines, tenants, idPrefix: `c${lines}-` })
      console.log(
        `\n${fmt(lines)} calls: ${(gen.bytes / 1e6).toFixed(1)} MB, ${tenants.map((x) => x.code).join("/")}, ${fmt(gen.prefixes)} prefixes (generated in ${((Date.now() - t) / 1000).toFixed(1)} s)`
      )

      // the import, into empty usage tables
      psql("TRUNCATE call_billing_call, call_billing_usage_exception, call_billing_import_job")
      psql("VACUUM ANALYZE call_billing_call")
      const imp = await runImport(env, file, path.join(OUT_DIR, `usage-import-${lines}.json`), `bench-${lines}`)
      const r = imp.result
      if (r.received !== lines || r.received !== r.inserted + r.duplicates + r.exceptions) {
        throw new Error(`counters do not reconcile: ${JSON.stringify(r)}`)
      }
      console.log(
        `  import: ${imp.seconds.toFixed(2)} s (${fmt(lines / imp.seconds)} calls/s, Node CPU ${imp.cpu_seconds.toFixed(1)} s), inserted ${fmt(r.inserted)}, exceptions ${fmt(r.exceptions)} ${JSON.stringify(r.exception_reasons)}; ` +
          `RSS ${mb(imp.rss_start)} at start → ${mb(imp.rss_max)} peak (VmHWM ${mb(imp.vmhwm)}); process incl. boot ${imp.process_seconds.toFixed(1)} s`
      )

      // raw floor: the same CSV into an unindexed table
      psql(`DROP TABLE IF EXISTS bench_raw_cdr;
            CREATE TABLE bench_raw_cdr (call_id text, account text, direction text, caller text, callee text, answer_time timestamptz, start_time timestamptz, end_time timestamptz, duration int, billsec int, disposition text, campaign text, agent text, queue text, trunk text, carrier text)`)
      const rawTimes = []
      for (let i = 0; i < opts.runs; i++) {
        psql("TRUNCATE bench_raw_cdr")
        rawTimes.push(timed(`\\copy bench_raw_cdr FROM '${file}' WITH (FORMAT csv, HEADER true)`))
      }
      psql("DROP TABLE bench_raw_cdr")

      // storage floor: the rated rows into an empty copy of call_billing_call with all its indexes
      const rated = path.join(OUT_DIR, `usage-rated-${lines}.copy`)
      files.push(rated)
      psql(`\\copy (SELECT * FROM call_billing_call) TO '${rated}'`)
      const floorTimes = []
      for (let i = 0; i < opts.runs; i++) {
        psql("DROP TABLE IF EXISTS bench_call_floor; CREATE TABLE bench_call_floor (LIKE call_billing_call INCLUDING ALL)")
        floorTimes.push(timed(`\\copy bench_call_floor FROM '${rated}'`))
      }
      const indexes = psql("SELECT count(*) FROM pg_indexes WHERE tablename = 'bench_call_floor'").trim()
      psql("DROP TABLE bench_call_floor")
      const raw = median(rawTimes)
      const floor = median(floorTimes)
      console.log(`  psql \\copy of the CSV into an unindexed table: ${rawTimes.map((s) => s.toFixed(2)).join(", ")} s`)
      console.log(`  psql \\copy of the rated rows into LIKE call_billing_call INCLUDING ALL (${indexes} indexes): ${floorTimes.map((s) => s.toFixed(2)).join(", ")} s`)
      rows.push({ lines, seconds: imp.seconds, rss: imp.rss_max, rssStart: imp.rss_start, raw, floor, inserted: r.inserted, exceptions: r.exceptions })
    }
  } finally {
    if (!opts.keepDb) await dropDatabase(db, pg.env).catch(() => {})
    else console.log(`kept database ${db}`)
    for (const f of files) fs.rmSync(f, { force: true })
    await pg.stop()
  }

  console.log("")
  console.log("| calls | import | calls/s | peak RSS (at start) | psql \\copy CSV, unindexed | ratio | psql \\copy rated rows, indexed | ratio |")
  console.log("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
  for (const r of rows) {
    console.log(
      `| ${fmt(r.lines)} | ${r.seconds.toFixed(2)} s | ${fmt(r.lines / r.seconds)} | ${mb(r.rss)} (${mb(r.rssStart)}) | ${r.raw.toFixed(2)} s | ${(r.seconds / r.raw).toFixed(1)}× | ${r.floor.toFixed(2)} s | ${(r.seconds / r.floor).toFixed(2)}× |`
    )
  }
  if (rows.length > 1) {
    const [a, b] = [rows[0], rows[rows.length - 1]]
    console.log(`\nlinearity: ${fmt(b.lines)} / ${fmt(a.lines)} calls = ${(b.lines / a.lines).toFixed(1)}× the calls took ${(b.seconds / a.seconds).toFixed(2)}× the time (${fmt(a.lines / a.seconds)} → ${fmt(b.lines / b.seconds)} calls/s)`)
  }
  const last = rows[rows.length - 1]
  const ratio = last.seconds / last.floor
  console.log(
    `targets at ${fmt(last.lines)} calls: import / storage floor ${ratio.toFixed(2)} (≤ ${RATIO_TARGET}: ${ratio <= RATIO_TARGET ? "met" : "MISSED"}), ` +
      `peak RSS ${mb(last.rss)} (≤ 500 MB: ${last.rss <= RSS_TARGET ? "met" : "MISSED"})`
  )
}

main().catch((e) => {
  console.error(e.stack || e.message)
  process.exit(1)
})
