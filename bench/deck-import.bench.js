#!/usr/bin/env node
// Deck import through the admin API: a 200,000-row rate deck POSTed to
// /admin/call-billing/rate-cards/:id/versions (validated whole, then COPY into
// call_billing_rate in one transaction), against the baseline measured in the
// same run: `psql \copy` of the same file into a plain table.
// Targets: ≤ 10 s, ratio ≤ 4.
"use strict"

const fs = require("fs")
const path = require("path")
const { spawn, spawnSync } = require("child_process")
const {
  ROOT,
  ensurePostgres,
  ensureDatabase,
  dropDatabase,
  findFreePort,
  stopProcessTree,
  waitForHttp,
} = require("../scripts/db")

// The same rows as the API writes them (ids, raw jsonb twins), for the
// second baseline: psql \copy straight into call_billing_rate.
require("./lib/engine-ts-hook")
const { parseDeck } = require("../src/modules/rating/engine/deck")
const { encodeRateRows, RATE_COPY_COLUMNS } = require("../src/modules/rating/utils/copy-encode")

const ROWS = Number(process.env.BENCH_DECK_ROWS || 200000)
const RUNS = 3
const OUT_DIR = path.join(ROOT, ".tmp", "bench")

/** A deterministic realistic deck: unique prefixes 3–9 digits, a third banded. */
function writeDeck(file) {
  const lines = ["prefix,destination,destination_group,rate,connect_fee,per_call,initial_increment,subsequent_increment,grace,band,direction"]
  let seed = 42
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
  const bands = ["peak", "offpeak", "weekend"]
  let n = 0
  let base = 200
  while (n < ROWS) {
    const prefix = String(base++)
    const group = `G-${prefix.slice(0, 3)}`
    const cents = 1000 + Math.floor(rnd() * 90000) // rate as integer micro-units → exact string
    const rate = `0.${String(cents).padStart(6, "0")}`
    const connect = rnd() < 0.2 ? "0.0100" : ""
    if (n % 3 === 0 && n + 3 <= ROWS) {
      for (const band of bands) {
        lines.push(`${prefix},"Destination ${prefix}, ${band}",${group},${rate},${connect},,30,6,,${band},outbound`)
        n++
      }
    } else {
      lines.push(`${prefix},Destination ${prefix},${group},${rate},${connect},,60,60,,,outbound`)
      n++
    }
  }
  fs.writeFileSync(file, lines.join("\n") + "\n")
  return fs.statSync(file).size
}

function run(cmd, args, env) {
  const r = spawnSync(cmd, args, { cwd: ROOT, env, encoding: "utf8" })
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(" ")} failed: ${r.stderr || r.stdout}`)
  }
  return r.stdout
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

async function main() {
  fs.mkdirSync(OUT_DIR, { recursive: true })
  const deckFile = path.join(OUT_DIR, `deck-${ROWS}.csv`)
  const bytes = writeDeck(deckFile)
  const csv = fs.readFileSync(deckFile, "utf8")
  console.log(`deck: ${ROWS} rows, ${(bytes / 1e6).toFixed(1)} MB (${path.relative(ROOT, deckFile)})`)

  const pg = await ensurePostgres()
  const db = `cb_bench_deck_${Date.now()}`
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
  }
  let server
  let port
  try {
    run("npx", ["medusa", "db:migrate", "--skip-scripts"], env)
    run("npx", ["medusa", "user", "-e", "bench@call-billing.local", "-p", "bench-password"], env)
    port = await findFreePort(9300)
    server = spawn("npx", ["medusa", "develop", "-p", String(port)], {
      cwd: ROOT,
      env,
      detached: true,
      stdio: ["ignore", "ignore", "inherit"],
    })
    const base = `http://localhost:${port}`
    await waitForHttp(`${base}/health`, { child: server, timeoutMs: 180000 })

    const login = await fetch(`${base}/auth/user/emailpass`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "bench@call-billing.local", password: "bench-password" }),
    }).then((r) => r.json())
    const headers = { authorization: `Bearer ${login.token}`, "content-type": "application/json" }
    const card = await fetch(`${base}/admin/call-billing/rate-cards`, {
      method: "POST",
      headers,
      body: JSON.stringify({ code: "BENCH", name: "Bench", currency_code: "GBP" }),
    }).then((r) => r.json())
    const body = JSON.stringify({ csv, filename: path.basename(deckFile) })

    const apiTimes = []
    for (let i = 0; i < RUNS; i++) {
      const t0 = process.hrtime.bigint()
      const res = await fetch(`${base}/admin/call-billing/rate-cards/${card.rate_card.id}/versions`, {
        method: "POST",
        headers,
        body,
      })
      const json = await res.json()
      const s = Number(process.hrtime.bigint() - t0) / 1e9
      if (res.status !== 201 || json.version.row_count !== ROWS) {
        throw new Error(`import failed: ${res.status} ${JSON.stringify(json).slice(0, 500)}`)
      }
      apiTimes.push(s)
      console.log(`  api import run ${i + 1}: ${s.toFixed(2)} s (version ${json.version.number})`)
    }

    // Baseline: psql \copy of the same file into a plain table, same database.
    const psqlEnv = { ...env, PGPASSWORD: pg.env.DB_PASSWORD || "" }
    const psql = (sql) =>
      run("psql", ["-h", pg.env.DB_HOST, "-p", String(pg.env.DB_PORT), "-U", pg.env.DB_USERNAME, "-d", db, "-v", "ON_ERROR_STOP=1", "-qc", sql], psqlEnv)
    psql(
      "create table bench_deck (prefix text, destination text, destination_group text, rate numeric, connect_fee numeric, per_call numeric, initial_increment int, subsequent_increment int, grace int, band text, direction text)"
    )
    const copyTimes = []
    for (let i = 0; i < RUNS; i++) {
      psql("truncate bench_deck")
      const t0 = process.hrtime.bigint()
      psql(`\\copy bench_deck from '${deckFile}' with (format csv, header true)`)
      const s = Number(process.hrtime.bigint() - t0) / 1e9
      copyTimes.push(s)
      console.log(`  psql \\copy run ${i + 1}: ${s.toFixed(2)} s`)
    }

    // Second baseline: Postgres's own floor for this table — psql \copy of
    // the already-encoded rows into call_billing_rate (its indexes, FK, jsonb).
    const encodedFile = path.join(OUT_DIR, `deck-${ROWS}.copy`)
    fs.writeFileSync(encodedFile, [...encodeRateRows("rcver_bench_floor", parseDeck(csv).rows)].join(""))
    const floorTimes = []
    for (let i = 0; i < RUNS; i++) {
      psql("delete from call_billing_rate where version_id = 'rcver_bench_floor'; delete from call_billing_rate_card_version where id = 'rcver_bench_floor'")
      psql(`insert into call_billing_rate_card_version (id, number, rate_card_id, status) values ('rcver_bench_floor', 1000, '${card.rate_card.id}', 'draft')`)
      const t0 = process.hrtime.bigint()
      psql(`\\copy call_billing_rate (${RATE_COPY_COLUMNS.join(", ")}) from '${encodedFile}'`)
      const s = Number(process.hrtime.bigint() - t0) / 1e9
      floorTimes.push(s)
      console.log(`  psql \\copy into call_billing_rate run ${i + 1}: ${s.toFixed(2)} s`)
    }

    const api = median(apiTimes)
    const base0 = median(copyTimes)
    const floor = median(floorTimes)
    const ratio = api / base0
    console.log("")
    console.log(`deck import via API: ${api.toFixed(2)} s for ${ROWS} rows (${Math.round(ROWS / api)} rows/s), median of ${RUNS}`)
    console.log(`baseline psql \\copy into a plain table: ${base0.toFixed(2)} s (${Math.round(ROWS / base0)} rows/s)`)
    console.log(`Postgres floor, psql \\copy of the encoded rows into call_billing_rate: ${floor.toFixed(2)} s; API / floor = ${(api / floor).toFixed(2)}`)
    console.log(`ratio: ${ratio.toFixed(2)} (target ≤ 4)   time target ≤ 10 s: ${api <= 10 ? "met" : "MISSED"}   ratio target: ${ratio <= 4 ? "met" : "MISSED"}`)
  } finally {
    if (server) {
      await stopProcessTree(server, { port })
    }
    await dropDatabase(db, pg.env).catch(() => {})
    await pg.stop()
  }
}

main().catch((e) => {
  console.error(e.stack || e.message)
  process.exit(1)
})
