#!/usr/bin/env node
// `npm run demo`: one command from a fresh clone to a running admin with data.
//
//   1. find or start Postgres (scripts/db.js) and create call_billing_demo
//   2. write the keys .env is missing (DATABASE_URL, secrets, CORS, the demo login)
//   3. medusa db:migrate
//   4. seed with src/scripts/seed-demo.ts (idempotent; skipped while it does not exist)
//   5. create the admin user unless it exists
//   6. an SFTP drop folder on loopback (.demo/sftp/inbox), pulled every minute,
//      and stand-ins for Stripe and Xero on loopback (unless CALL_BILLING_STRIPE_* /
//      CALL_BILLING_XERO_* name real ones)
//   7. medusa develop in the foreground, until Ctrl-C
//
// Running it again reuses the database, the data and the login. Ctrl-C (or
// SIGTERM) stops everything it started: medusa's process group, the forked
// `start` child that keeps the port, and the embedded Postgres if it started one.
"use strict"

const crypto = require("crypto")
const fs = require("fs")
const path = require("path")
const { spawn } = require("child_process")
const db = require("./db")
const { startSftpServer, SFTP_SERVER_BIN } = require("./lib/sftp-server")
const { startCollectionsStandIns } = require("./lib/stand-ins")

const ROOT = db.ROOT
const DB_NAME = "call_billing_demo"
const ENV_FILE = path.join(ROOT, ".env")
const SEED = path.join(ROOT, "src", "scripts", "seed-demo.ts")
const PORT = Number(process.env.PORT || 9000)
const MEDUSA = path.join(ROOT, "node_modules", "@medusajs", "cli", "cli.js")

const log = (line) => console.log(`[demo] ${line}`)
const secs = (ms) => `${(ms / 1000).toFixed(1)}s`

// ---------------------------------------------------------------------------
// .env

function readEnvFile() {
  const values = {}
  if (!fs.existsSync(ENV_FILE)) return { text: "", values }
  const text = fs.readFileSync(ENV_FILE, "utf8")
  for (const line of text.split("\n")) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line)
    if (!m) continue
    let v = m[2]
    if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) v = v.slice(1, -1)
    values[m[1]] = v
  }
  return { text, values }
}

/**
 * Adds the keys .env lacks and keeps the rest as written. DATABASE_URL is
 * rewritten only when it names the demo database on another server (say, an
 * embedded port from an earlier run).
 */
function mergeEnvFile(wanted) {
  const { text, values } = readEnvFile()
  let out = text
  const changed = []
  const added = []
  if (values.DATABASE_URL && values.DATABASE_URL !== wanted.DATABASE_URL && new RegExp(`/${DB_NAME}(\\?|$)`).test(values.DATABASE_URL)) {
    out = out.replace(/^(\s*(?:export\s+)?DATABASE_URL\s*=).*$/m, `$1${wanted.DATABASE_URL}`)
    values.DATABASE_URL = wanted.DATABASE_URL
    changed.push("DATABASE_URL")
  }
  const missing = Object.keys(wanted).filter((k) => !(k in values))
  if (missing.length) {
    if (out && !out.endsWith("\n")) out += "\n"
    out += `${text ? "\n" : ""}# written by scripts/demo.js (npm run demo); edit freely, existing keys are kept\n`
    for (const k of missing) {
      out += `${k}=${wanted[k]}\n`
      values[k] = wanted[k]
      added.push(k)
    }
  }
  if (added.length || changed.length) fs.writeFileSync(ENV_FILE, out)
  return { values, added, changed }
}

// ---------------------------------------------------------------------------
// child processes

function runMedusa(label, args, env) {
  return new Promise((resolve, reject) => {
    const t = Date.now()
    const child = spawn(process.execPath, [MEDUSA, ...args], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"], detached: true })
    current = child
    let output = ""
    child.stdout.on("data", (d) => (output += d))
    child.stderr.on("data", (d) => (output += d))
    child.on("error", reject)
    child.on("exit", (code, sig) => {
      current = null
      if (code === 0) {
        log(`${label} (${secs(Date.now() - t)})`)
        return resolve(output)
      }
      process.stderr.write(output.split("\n").slice(-60).join("\n") + "\n")
      reject(new Error(`medusa ${args.join(" ")} exited with ${code ?? sig}`))
    })
  })
}

let current = null // the medusa child running now
let pg = null
let shuttingDown = false
let startedServer = false

let sftp = null
let standIns = null // the Stripe and Xero stand-ins (scripts/lib/stand-ins.js)

/**
 * The demo's SFTP drop folder: a local SFTP server (scripts/lib/sftp-server.js)
 * over .demo/sftp, configured as the usage source "demo-sftp" (Asterisk CSV,
 * London time) and pulled every minute by the plugin's scheduled job. Also
 * writes .demo/sftp/Master.csv, examples/Master.csv for the demo tenant ACME.
 */
async function startDropFolder(env) {
  if (!fs.existsSync(SFTP_SERVER_BIN)) {
    log(`no ${SFTP_SERVER_BIN} (apt-get install openssh-sftp-server): the SFTP drop folder is off`)
    return null
  }
  const root = path.join(ROOT, ".demo", "sftp")
  fs.mkdirSync(path.join(root, "inbox"), { recursive: true })
  const sample = fs.readFileSync(path.join(ROOT, "examples", "Master.csv"), "utf8").replace(/^"acme",/gm, '"ACME",')
  fs.writeFileSync(path.join(root, "Master.csv"), sample)
  const wanted = Number(process.env.DEMO_SFTP_PORT || 2222)
  const server = await startSftpServer({ root, port: wanted }).catch(() => startSftpServer({ root, port: 0 }))
  env.CALL_BILLING_USAGE_SOURCES = JSON.stringify([
    {
      name: "demo-sftp",
      type: "sftp",
      host: server.host,
      port: server.port,
      username: server.username,
      password: "env:DEMO_SFTP_PASSWORD",
      path: path.join(root, "inbox"),
      format: "asterisk",
      timezone: "Europe/London",
      pattern: "*.csv",
      min_age_seconds: 5,
    },
  ])
  env.DEMO_SFTP_PASSWORD = server.password
  env.CALL_BILLING_PULL_SCHEDULE = env.CALL_BILLING_PULL_SCHEDULE || "* * * * *"
  return server
}

async function shutdown(reason, code) {
  if (shuttingDown) return
  shuttingDown = true
  const t = Date.now()
  if (reason) log(`${reason}: stopping…`)
  if (current) {
    // SIGTERM, not SIGINT: `medusa develop` answers SIGINT with interactive prompts.
    const killed = await db.stopProcessTree(current, { port: current.servesPort, signal: "SIGTERM", graceMs: 10000 })
    if (killed.length) log(`had to SIGKILL ${killed.join(", ")}`)
    current = null
  }
  if (sftp) await sftp.stop().catch(() => {})
  if (standIns) await standIns.stop().catch(() => {})
  if (pg) await pg.stop()
  const left = startedServer ? db.portHolders(PORT) : []
  log(`stopped in ${secs(Date.now() - t)}${left.length ? ` — port ${PORT} is still held by ${left.join(", ")}` : ""}`)
  process.exit(code)
}

const SIGNAL_CODES = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 }
for (const sig of Object.keys(SIGNAL_CODES)) {
  process.on(sig, () => shutdown(sig, SIGNAL_CODES[sig]))
}

// ---------------------------------------------------------------------------

async function main() {
  const t0 = Date.now()

  if (!(await db.portIsFree(PORT))) {
    const holders = db.portHolders(PORT)
    throw new Error(`port ${PORT} is already in use${holders.length ? ` (pid ${holders.join(", ")})` : ""}; stop it or run PORT=<other> npm run demo`)
  }

  // A server named in .env is the first one to try (unless the shell names one).
  const fromFile = readEnvFile().values.DATABASE_URL
  if (fromFile && !process.env.DATABASE_URL) process.env.DATABASE_URL = fromFile
  pg = await db.ensurePostgres({ log })
  const created = await db.ensureDatabase(DB_NAME)
  log(`database ${DB_NAME} ${created ? "created" : "exists"}`)

  const wanted = {
    DATABASE_URL: pg.env.databaseUrl(DB_NAME),
    JWT_SECRET: crypto.randomBytes(24).toString("hex"),
    COOKIE_SECRET: crypto.randomBytes(24).toString("hex"),
    STORE_CORS: "http://localhost:8000",
    ADMIN_CORS: `http://localhost:${PORT},http://localhost:5173`,
    AUTH_CORS: `http://localhost:${PORT},http://localhost:5173,http://localhost:8000`,
    DEMO_ADMIN_EMAIL: "admin@call-billing.local",
    DEMO_ADMIN_PASSWORD: "demo-" + crypto.randomBytes(5).toString("hex"),
  }
  const { values, added, changed } = mergeEnvFile(wanted)
  if (added.length || changed.length) {
    log(`.env: ${[added.length && `added ${added.join(", ")}`, changed.length && `updated ${changed.join(", ")}`].filter(Boolean).join("; ")}`)
  }

  // The children get the .env values (and the server we found) directly;
  // medusa-config's loadEnv does not override variables already set.
  const env = {
    ...process.env,
    ...pg.env,
    ...values,
    DATABASE_URL: pg.env.databaseUrl(DB_NAME),
    PORT: String(PORT),
    MEDUSA_DISABLE_TELEMETRY: "true",
  }
  delete env.NODE_ENV // medusa sets development

  // before the seed: the invoices it finalizes go to them
  standIns = await startCollectionsStandIns(env, PORT).catch((e) => {
    log(`the Stripe / Xero stand-ins did not start (${e.message}): collections are off`)
    return null
  })

  await runMedusa("migrated (medusa db:migrate)", ["db:migrate"], env)

  if (fs.existsSync(SEED)) {
    const out = await runMedusa("seeded (medusa exec ./src/scripts/seed-demo.ts)", ["exec", "./src/scripts/seed-demo.ts"], env)
    // The seed tags its own lines "[seed-…]"; the rest is Medusa booting.
    for (const line of out.split("\n")) {
      const m = /(\[seed[^\]]*\].*)$/.exec(line.replace(/\x1b\[[0-9;]*m/g, ""))
      if (m) console.log(`  ${m[1]}`)
    }
  } else {
    log(`warning: ${path.relative(ROOT, SEED)} does not exist yet; not seeding`)
  }

  const email = values.DEMO_ADMIN_EMAIL
  const password = values.DEMO_ADMIN_PASSWORD
  const exists = await db.query(DB_NAME, `select 1 from "user" where email = $1 and deleted_at is null`, [email])
  let passwordNote = ""
  if (exists.length) {
    log(`admin user ${email} exists`)
    // A user from before this .env was written keeps the password it was given then.
    if (added.includes("DEMO_ADMIN_PASSWORD")) passwordNote = " (only if the user was created with it; it predates this .env)"
  } else {
    await runMedusa(`created admin user ${email}`, ["user", "-e", email, "-p", password], env)
  }

  sftp = await startDropFolder(env)

  log(`ready to start after ${secs(Date.now() - t0)}`)
  console.log("")
  console.log(`  Admin:     http://localhost:${PORT}/app`)
  console.log(`  Login:     ${email}`)
  console.log(`  Password:  ${password}${passwordNote}`)
  console.log(`  Database:  ${pg.env.databaseUrl(DB_NAME)}${pg.embedded ? " (embedded)" : ""}`)
  if (sftp) {
    console.log(`  Drop CDRs: cp .demo/sftp/Master.csv .demo/sftp/inbox/   (or sftp -P ${sftp.port} ${sftp.username}@localhost, password ${sftp.password})`)
    console.log(`             pulled every minute, rated, in Call billing → Usage; bad lines in Exceptions`)
  }
  if (standIns?.stripe) {
    console.log(`  Stripe:    stand-in at ${standIns.stripe.url}: finalized invoices are pushed there; pay one on its hosted page`)
    console.log(`             (Call billing → Collections, the invoice's Stripe row) and the webhook marks it paid here`)
  }
  if (standIns?.xero) console.log(`  Xero:      stand-in at ${standIns.xero.api_base}: invoices, payments and credit notes; Collections → Reconciliation`)
  console.log(`  Stop:      Ctrl-C`)
  console.log("")

  const tDev = Date.now()
  const child = spawn(process.execPath, [MEDUSA, "develop"], { cwd: ROOT, env, stdio: "inherit", detached: true })
  child.servesPort = PORT
  current = child
  startedServer = true
  db.waitForHttp(`http://localhost:${PORT}/health`, { timeoutMs: 300000, child })
    .then(() => log(`/health answers after ${secs(Date.now() - tDev)}: http://localhost:${PORT}/app`))
    .catch(() => {})
  child.on("exit", (code, sig) => {
    if (shuttingDown) return
    // Its forked `start` child may outlive it; shutdown() looks for it.
    shutdown(`medusa develop exited (${code ?? sig})`, code ?? 1)
  })
}

main().catch(async (e) => {
  console.error(`[demo] ${e.message}`)
  await shutdown(null, 1)
})
