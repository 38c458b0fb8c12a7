#!/usr/bin/env node
// REST push (issue 4 §6): calls/s through `POST /call-billing/usage` with
// 10,000 calls a request, over loopback, into a real Medusa server hosting the
// plugin (`medusa start` from the repository root, admin off) on a throw-away
// database migrated and seeded with the demo rating world
// (src/scripts/seed-demo.ts: three tenants, ~1,300 prefixes). Calls are
// generated like the import bench's (bench/lib/usage-data.js), sent as JSON
// objects under the generic CDR column names, authenticated with a real
// secret API key. Target: ≥ 20,000 calls/s.
//
// Passes, each over R requests of 10,000 new calls (bodies serialised before
// timing):
//   floor:       the same bodies POSTed without a key: HTTP + 3 MB JSON parse
//                + 401, what any route of this server costs for that body;
//   sequential:  one request at a time, each with its own Idempotency-Key;
//   concurrent:  two requests in flight (the server has two cores);
//   duplicates:  the sequential pass's calls again under new keys (dedupe path);
//   replays:     the sequential pass's requests again, same keys (answered from the jobs).
//
//   npm run bench -- usage-push
//   node bench/usage-push.bench.js [--requests 20] [--size 10000] [--keep-db]
"use strict"

const fs = require("fs")
const os = require("os")
const path = require("path")
const { spawn, spawnSync } = require("child_process")
const db = require("../scripts/db")
const { HEADER, tenantsFromDb, writeCdrFile } = require("./lib/usage-data")

const ROOT = db.ROOT
const MEDUSA = path.join(ROOT, "node_modules", "@medusajs", "cli", "cli.js")
const OUT_DIR = path.join(ROOT, ".tmp", "bench")
const TARGET = 20_000

function parseArgs(argv) {
  const opts = { requests: 20, size: 10_000, keepDb: false }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === "--requests") opts.requests = Number(argv[++i])
    else if (a === "--size") opts.size = Number(argv[++i])
    else if (a === "--keep-db") opts.keepDb = true
    else throw new Error(`unknown argument ${a} (node bench/usage-push.bench.js [--requests N] [--size N] [--keep-db])`)
  }
  if (!(opts.requests >= 1 && opts.size >= 1 && opts.size <= 10_000)) throw new Error("--requests ≥ 1, 1 ≤ --size ≤ 10000")
  return opts
}

function sh(cmd, args, env) {
  const r = spawnSync(cmd, args, { cwd: ROOT, env, encoding: "utf8", maxBuffer: 64 << 20 })
  if (r.status !== 0) throw new Error(`${path.basename(cmd)} ${args.join(" ")} failed (${r.status ?? r.signal}): ${(r.stderr || r.stdout || "").slice(-3000)}`)
  return r.stdout
}

const fmt = (n) => Math.round(n).toLocaleString("en-US")
const secs = (ns) => Number(ns) / 1e9

/** Generated CSV lines as the JSON objects a switch would push (empty fields left out, seconds as numbers). */
function readCalls(file) {
  const names = HEADER.split(",")
  const lines = fs.readFileSync(file, "utf8").split("\n").slice(1).filter(Boolean)
  return lines.map((line) => {
    const values = line.split(",")
    const o = {}
    names.forEach((n, i) => {
      const v = values[i]
      if (v === "" || v === undefined) return
      o[n] = n === "duration" || n === "billsec" ? Number(v) : v
    })
    return o
  })
}

async function main() {
  const opts = parseArgs(process.argv.slice(2))
  fs.mkdirSync(OUT_DIR, { recursive: true })
  const pg = await db.ensurePostgres()
  const name = `cb_bench_push_${process.pid}_${Date.now().toString(36)}`
  await db.ensureDatabase(name, pg.env)
  const url = pg.env.databaseUrl(name)
  const env = {
    ...process.env,
    ...pg.env,
    DATABASE_URL: url,
    ADMIN_DISABLED: "true",
    MEDUSA_DISABLE_TELEMETRY: "true",
    LOG_LEVEL: "error",
    NODE_ENV: "development",
    JWT_SECRET: "bench-jwt",
    COOKIE_SECRET: "bench-cookie",
  }
  delete env.NODE_OPTIONS
  delete env.TEST_TYPE
  const logFile = path.join(OUT_DIR, `usage-push-server-${process.pid}.log`)
  const csv = path.join(OUT_DIR, `usage-push-${process.pid}.csv`)
  let server = null
  let port = null
  try {
    let t = Date.now()
    sh(process.execPath, [MEDUSA, "db:migrate", "--skip-scripts"], env)
    sh(process.execPath, [MEDUSA, "exec", "./src/scripts/seed-demo.ts"], env)
    const admin = { email: "bench@call-billing.local", password: "bench-password" }
    sh(process.execPath, [MEDUSA, "user", "-e", admin.email, "-p", admin.password], env)
    console.log(`database ${name}: migrated, seeded with the demo rating world, admin user (${((Date.now() - t) / 1000).toFixed(1)} s)`)

    const { Client } = require("pg")
    const client = new Client({ connectionString: url })
    await client.connect()
    const tenants = await tenantsFromDb(client).finally(() => client.end())

    // new calls for 2 passes (sequential, concurrent) and 100 spare ones for the warm-up: it must
    // not send a pass's call ids from another source (a prepaid wallet debits a call id once)
    const perPass = opts.requests * opts.size
    t = Date.now()
    await writeCdrFile(csv, { lines: perPass * 2 + 100, tenants, idPrefix: "p" })
    const calls = readCalls(csv)
    fs.rmSync(csv, { force: true })
    const chunk = (from) =>
      Array.from({ length: opts.requests }, (_, i) => JSON.stringify({ source: "bench-push", calls: calls.slice(from + i * opts.size, from + (i + 1) * opts.size) }))
    const seqBodies = chunk(0)
    const conBodies = chunk(perPass)
    const mb = seqBodies.reduce((a, b) => a + Buffer.byteLength(b), 0) / seqBodies.length / 1e6
    console.log(`${fmt(perPass * 2)} calls over ${tenants.map((x) => x.code).join("/")}, ${opts.requests} × ${fmt(opts.size)} a pass, ${mb.toFixed(2)} MB a request (generated in ${((Date.now() - t) / 1000).toFixed(1)} s)`)

    port = await db.findFreePort(9400, 9600)
    const base = `http://localhost:${port}`
    t = Date.now()
    const out = fs.openSync(logFile, "w")
    server = spawn(process.execPath, [MEDUSA, "start", "-p", String(port)], { cwd: ROOT, env, stdio: ["ignore", out, out], detached: true })
    fs.closeSync(out)
    try {
      await db.waitForHttp(`${base}/health`, { timeoutMs: 180000, child: server })
    } catch (e) {
      throw new Error(`${e.message}\n${fs.readFileSync(logFile, "utf8").slice(-3000)}`)
    }
    console.log(`server on ${base} (medusa start, pid ${server.pid}) in ${((Date.now() - t) / 1000).toFixed(1)} s`)

    const json = async (res) => {
      const text = await res.text()
      if (!res.ok) throw new Error(`${res.url} answered ${res.status}: ${text.slice(0, 500)}`)
      return JSON.parse(text)
    }
    const { token: jwt } = await json(await fetch(`${base}/auth/user/emailpass`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(admin) }))
    const { api_key } = await json(
      await fetch(`${base}/admin/api-keys`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${jwt}` },
        body: JSON.stringify({ title: "bench pusher", type: "secret" }),
      })
    )
    const auth = `Basic ${Buffer.from(`${api_key.token}:`).toString("base64")}`

    const post = async (body, key, { authed = true } = {}) => {
      const headers = { "content-type": "application/json" }
      if (authed) headers.authorization = auth
      if (key) headers["idempotency-key"] = key
      const t0 = process.hrtime.bigint()
      const res = await fetch(`${base}/call-billing/usage`, { method: "POST", headers, body })
      const text = await res.text()
      const ms = secs(process.hrtime.bigint() - t0) * 1000
      if (authed && res.status !== 200) throw new Error(`push answered ${res.status}: ${text.slice(0, 500)}`)
      if (!authed && res.status !== 401) throw new Error(`unauthenticated push answered ${res.status}`)
      return { ms, body: authed ? JSON.parse(text) : null, replayed: res.headers.get("idempotent-replayed") === "true" }
    }
    /** Sends the bodies with `concurrency` in flight; returns wall time, latencies and the summed counters. */
    const pass = async (label, bodies, keyOf, { concurrency = 1, authed = true } = {}) => {
      const lat = []
      const sum = { received: 0, inserted: 0, duplicates: 0, exceptions: 0, replayed: 0 }
      let next = 0
      const t0 = process.hrtime.bigint()
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < bodies.length) {
            const i = next++
            const r = await post(bodies[i], keyOf(i), { authed })
            lat.push(r.ms)
            if (r.body) for (const k of ["received", "inserted", "duplicates", "exceptions"]) sum[k] += r.body[k]
            if (r.replayed) sum.replayed++
          }
        })
      )
      const wall = secs(process.hrtime.bigint() - t0)
      lat.sort((a, b) => a - b)
      const pct = (p) => lat[Math.min(lat.length - 1, Math.floor((p / 100) * lat.length))]
      const calls = bodies.length * opts.size
      return { label, wall, rate: calls / wall, p50: pct(50), p95: pct(95), sum, calls }
    }

    // warm up: the first request compiles routes and loads the rating cache
    await post(JSON.stringify({ source: "bench-warm", calls: calls.slice(perPass * 2) }), "warm-up")

    const results = []
    results.push(await pass("floor (no key: HTTP + JSON parse + 401)", seqBodies, () => null, { authed: false }))
    results.push(await pass("sequential, new calls", seqBodies, (i) => `seq-${i}`))
    results.push(await pass("2 in flight, new calls", conBodies, (i) => `con-${i}`, { concurrency: 2 }))
    results.push(await pass("sequential, all duplicates", seqBodies, (i) => `dup-${i}`))
    results.push(await pass("sequential, replays (same keys)", seqBodies, (i) => `seq-${i}`))

    const check = new Client({ connectionString: url })
    await check.connect()
    const stored = (await check.query(`SELECT count(*)::int AS n FROM call_billing_call WHERE source = 'bench-push'`)).rows[0].n
    const exceptions = (await check.query(`SELECT count(*)::int AS n FROM call_billing_usage_exception WHERE source = 'bench-push'`)).rows[0].n
    await check.end()

    const floor = results[0]
    console.log(`\nREST push, ${opts.requests} requests × ${fmt(opts.size)} calls, loopback, ${os.cpus().length} cores (server, Postgres and this client share them)`)
    console.log(`${"pass".padEnd(40)} ${"wall s".padStart(8)} ${"calls/s".padStart(9)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)}  ${"× floor".padStart(7)}  counters`)
    for (const r of results) {
      const s = r.sum
      const counters = r === floor ? "401 each" : `inserted ${fmt(s.inserted)}, duplicates ${fmt(s.duplicates)}, exceptions ${fmt(s.exceptions)}${s.replayed ? `, ${s.replayed} replayed` : ""}`
      console.log(
        `${r.label.padEnd(40)} ${r.wall.toFixed(2).padStart(8)} ${fmt(r.rate).padStart(9)} ${r.p50.toFixed(0).padStart(8)} ${r.p95.toFixed(0).padStart(8)}  ${(r.wall / floor.wall).toFixed(2).padStart(7)}  ${counters}`
      )
      if (r !== floor && s.received !== s.inserted + s.duplicates + s.exceptions) throw new Error(`${r.label}: counters do not reconcile`)
    }
    const seq = results[1]
    const con = results[2]
    console.log(`stored: ${fmt(stored)} calls, ${fmt(exceptions)} exceptions (expected ${fmt(perPass * 2)} together)`)
    if (stored + exceptions !== perPass * 2) throw new Error("stored calls + exceptions do not add up to the calls sent")
    const verdict = (r) => `${fmt(r.rate)} calls/s = ${(r.rate / TARGET).toFixed(2)} × the target ${fmt(TARGET)} (${r.rate >= TARGET ? "met" : "NOT met"})`
    console.log(`sequential: ${verdict(seq)}`)
    console.log(`2 in flight: ${verdict(con)}`)
  } finally {
    if (server) await db.stopProcessTree(server, { port, graceMs: 8000 }).catch(() => {})
    fs.rmSync(csv, { force: true })
    if (!opts.keepDb) await db.dropDatabase(name, pg.env).catch((e) => console.error(`could not drop ${name}: ${e.message}`))
    else console.log(`kept database ${name}`)
    await pg.stop()
  }
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : e)
  process.exit(1)
})
