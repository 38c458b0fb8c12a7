#!/usr/bin/env node
// A built Medusa app (server + the admin with our extensions) on a free port,
// for the browser tests (integration-tests/browser) and for a look by hand.
//
//   const { startAdminHost } = require("./admin-host")
//   const host = await startAdminHost({ log: console.log })
//   host.url, host.email, host.password  // http://localhost:PORT, the admin's login
//   await host.stop()                    // stops the server, drops its database
//
//   node scripts/admin-host.js           # the same from the command line; Ctrl-C stops it
//
// Steps:
//  1. `medusa build` in the repository writes .medusa/server (server + admin);
//     skipped when .medusa/server/public/admin/index.html is newer than every
//     file in src/ and medusa-config.ts. (`medusa plugin:build`, run by the
//     plugin check, also writes .medusa/server but without the admin, so the
//     index.html is what says an app build is there.)
//  2. The build is copied to .tmp/admin-host/<run>/: the plugin check's
//     `plugin:build` rewrites .medusa/server, and must not pull files from
//     under a running server. Node finds the packages by walking up to the
//     repository's node_modules.
//  3. A new database: `medusa db:migrate` and `medusa user -e … -p …`, the
//     first time; that database is then kept as a template
//     (call_billing_browser_tpl_<hash of the built migrations, links, config
//     and Medusa version>) and later runs copy it (CREATE DATABASE … TEMPLATE),
//     which saves ~35 s. ADMIN_HOST_FRESH_DB=1 migrates from scratch.
//  4. `medusa start -p PORT` with NODE_ENV=test (over plain HTTP a production
//     session cookie is Secure and the browser drops it), wait for /health
//     and /app.
// Every command's output goes to .tmp/admin-host/<run>/logs/.
"use strict"

const crypto = require("crypto")
const fs = require("fs")
const path = require("path")
const { spawn } = require("child_process")
const db = require("./db")

const ROOT = db.ROOT
const BUILD_DIR = path.join(ROOT, ".medusa", "server")
const INDEX_HTML = path.join(BUILD_DIR, "public", "admin", "index.html")
const HOSTS_DIR = path.join(ROOT, ".tmp", "admin-host")
const MEDUSA_CLI = path.join(ROOT, "node_modules", "@medusajs", "cli", "cli.js")

const secs = (ms) => `${(ms / 1000).toFixed(1)}s`

function newestMtime(p) {
  if (!fs.existsSync(p)) return 0
  const st = fs.statSync(p)
  if (!st.isDirectory()) return st.mtimeMs
  let newest = 0
  for (const e of fs.readdirSync(p, { withFileTypes: true })) {
    if (e.name === "node_modules") continue
    newest = Math.max(newest, newestMtime(path.join(p, e.name)))
  }
  return newest
}

/** Null when the app build in .medusa/server is current, else why it is not. */
function buildIsStale() {
  if (!fs.existsSync(INDEX_HTML)) return "no admin build (.medusa/server/public/admin/index.html)"
  const built = fs.statSync(INDEX_HTML).mtimeMs
  const sources = Math.max(newestMtime(path.join(ROOT, "src")), newestMtime(path.join(ROOT, "medusa-config.ts")))
  return sources > built ? "older than src/" : null
}

/** Runs a command with its output in a log file; rejects with the tail of it. */
function sh(logFile, cmd, args, { cwd, env, timeoutMs = 10 * 60 * 1000 }) {
  fs.mkdirSync(path.dirname(logFile), { recursive: true })
  const out = fs.openSync(logFile, "w")
  fs.writeSync(out, `$ (cd ${cwd}) ${cmd} ${args.join(" ")}\n`)
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ["ignore", out, out], detached: true })
    const timer = setTimeout(() => db.stopProcessTree(child, { signal: "SIGKILL", graceMs: 0 }), timeoutMs)
    child.on("error", (e) => {
      clearTimeout(timer)
      fs.closeSync(out)
      reject(new Error(`${cmd}: ${e.message}`))
    })
    child.on("exit", (code, sig) => {
      clearTimeout(timer)
      fs.closeSync(out)
      if (code === 0) return resolve()
      const tail = fs.readFileSync(logFile, "utf8").trim().split("\n").slice(-40).join("\n")
      reject(new Error(`${path.basename(cmd)} ${args.join(" ")} exited with ${code ?? sig} (log ${path.relative(ROOT, logFile)})\n${tail}`))
    })
  })
}

function copyBuild(to) {
  fs.rmSync(to, { recursive: true, force: true })
  fs.mkdirSync(path.dirname(to), { recursive: true })
  fs.cpSync(BUILD_DIR, to, { recursive: true, filter: (src) => path.basename(src) !== "node_modules" })
}

/**
 * What the schema of a migrated database depends on: the built migrations and
 * links, the config, and the Medusa version. A migrated database with the
 * admin user is kept as a template under a name made from it.
 */
function schemaKey(appDir) {
  const hash = crypto.createHash("sha256")
  const add = (p) => {
    if (!fs.existsSync(p)) return
    const st = fs.statSync(p)
    if (st.isDirectory()) {
      for (const name of fs.readdirSync(p).sort()) add(path.join(p, name))
    } else if (/\.(js|json)$/.test(p)) {
      hash.update(path.relative(appDir, p))
      hash.update(fs.readFileSync(p))
    }
  }
  add(path.join(appDir, "medusa-config.js"))
  add(path.join(appDir, "src", "links"))
  const modules = path.join(appDir, "src", "modules")
  if (fs.existsSync(modules)) for (const m of fs.readdirSync(modules).sort()) add(path.join(modules, m, "migrations"))
  hash.update(require(path.join(ROOT, "node_modules", "@medusajs", "medusa", "package.json")).version)
  hash.update(TEMPLATE_USER.email)
  return hash.digest("hex").slice(0, 12)
}

const TEMPLATE_PREFIX = "call_billing_browser_tpl_"
// The admin user is part of the template, so its password is fixed (a local test database).
const TEMPLATE_USER = { email: "admin@browser-test.local", password: "browser-test-password" }

/** Copies the template into a new database; null when there is no template. */
async function createFromTemplate(name, template, env) {
  const rows = await db.query("postgres", "select 1 from pg_database where datname = $1", [template], env)
  if (!rows.length) return false
  for (let attempt = 0; ; attempt++) {
    try {
      await db.query("postgres", `create database "${name}" template "${template}"`, [], env)
      return true
    } catch (e) {
      // 55006: another run is copying it right now.
      if (e.code !== "55006" || attempt >= 20) throw e
      await db.sleep(500)
    }
  }
}

/** Keeps a migrated database as the template for the next runs; drops older templates. */
async function saveTemplate(from, template, env) {
  try {
    await db.query("postgres", `create database "${template}" template "${from}"`, [], env)
  } catch (e) {
    if (e.code !== "42P04" && e.code !== "55006") throw e
  }
  const old = await db.query("postgres", "select datname from pg_database where datname like $1 and datname <> $2", [`${TEMPLATE_PREFIX}%`, template], env)
  for (const { datname } of old) await db.dropDatabase(datname, env).catch(() => {})
}

/** Removes the leftovers of earlier runs whose process is gone. */
function cleanOldRuns() {
  if (!fs.existsSync(HOSTS_DIR)) return
  for (const name of fs.readdirSync(HOSTS_DIR)) {
    const m = /^run-(\d+)-/.exec(name)
    if (!m) continue
    let alive = true
    try {
      process.kill(Number(m[1]), 0)
    } catch (e) {
      alive = e.code === "EPERM"
    }
    if (!alive) fs.rmSync(path.join(HOSTS_DIR, name), { recursive: true, force: true })
  }
}

/**
 * @param {{ log?: (line: string) => void, build?: boolean }} [opts]
 *   build: false never builds (fails when there is no app build), true always does.
 *   fresh: migrate a new database even when a template for this schema exists
 *   (ADMIN_HOST_FRESH_DB=1).
 * @returns {Promise<{ url: string, email: string, password: string, port: number, dir: string, databaseUrl: string, timings: Record<string, number>, stop(): Promise<void> }>}
 */
async function startAdminHost({ log = () => {}, build, fresh = process.env.ADMIN_HOST_FRESH_DB === "1" } = {}) {
  const timings = {}
  const timed = async (name, fn) => {
    const t = Date.now()
    const r = await fn()
    timings[name] = (Date.now() - t) / 1000
    log(`admin-host: ${name} (${secs(Date.now() - t)})`)
    return r
  }

  const runId = `run-${process.pid}-${Date.now().toString(36)}`
  const runDir = path.join(HOSTS_DIR, runId)
  const appDir = path.join(runDir, "server")
  const logs = path.join(runDir, "logs")
  const dbName = `call_billing_browser_${process.pid}_${crypto.randomBytes(3).toString("hex")}`
  const { email, password } = TEMPLATE_USER

  let pg = null
  let server = null
  let port = null
  let dbCreated = false
  let stopped = false

  const stop = async () => {
    if (stopped) return
    stopped = true
    if (server) await db.stopProcessTree(server, { port, graceMs: 8000 }).catch(() => {})
    if (dbCreated) await db.dropDatabase(dbName, pg && pg.env).catch((e) => log(`admin-host: could not drop ${dbName}: ${e.message}`))
    if (pg) await pg.stop().catch(() => {})
    fs.rmSync(appDir, { recursive: true, force: true })
  }

  try {
    cleanOldRuns()
    fs.mkdirSync(logs, { recursive: true })
    pg = await db.ensurePostgres({ log })
    const env = { ...process.env, ...pg.env, MEDUSA_DISABLE_TELEMETRY: "true", LOG_LEVEL: "info" }
    delete env.PORT
    delete env.TEST_TYPE
    delete env.JEST_WORKER_ID
    // jest runs us with --experimental-vm-modules; the app does not need it.
    delete env.NODE_OPTIONS

    // Another `medusa build` or `medusa plugin:build` in this repository can
    // replace .medusa/server while we build or copy it: check the copy, and
    // build once more when it is incomplete.
    timings.build = 0
    for (let attempt = 1; ; attempt++) {
      const stale = attempt > 1 ? "the last copy was incomplete" : build === true ? "asked to" : buildIsStale()
      if (stale && build === false && attempt === 1) throw new Error(`no usable admin build: ${stale}`)
      if (stale) {
        log(`admin-host: building the app (medusa build): ${stale}`)
        await timed("build", () =>
          sh(path.join(logs, "build.log"), process.execPath, [MEDUSA_CLI, "build"], {
            cwd: ROOT,
            env: { ...env, NODE_ENV: "production", ADMIN_DISABLED: "false" },
          })
        )
      } else if (attempt === 1) {
        log("admin-host: .medusa/server is newer than src/; not building")
      }
      const problem = await (async () => {
        try {
          copyBuild(appDir)
        } catch (e) {
          return e.message
        }
        for (const f of ["medusa-config.js", "public/admin/index.html"]) {
          if (!fs.existsSync(path.join(appDir, f))) return `the copy of the build has no ${f}`
        }
        return null
      })()
      if (!problem) break
      if (attempt >= 2) throw new Error(problem)
      log(`admin-host: ${problem}; building again`)
    }
    // The CLI wants a package.json naming @medusajs/medusa in its working directory.
    if (!fs.existsSync(path.join(appDir, "package.json"))) fs.copyFileSync(path.join(ROOT, "package.json"), path.join(appDir, "package.json"))

    const template = TEMPLATE_PREFIX + schemaKey(appDir)
    const fromTemplate = fresh ? false : await createFromTemplate(dbName, template, pg.env)
    if (!fromTemplate) await db.ensureDatabase(dbName, pg.env)
    dbCreated = true
    timings.template = fromTemplate
    port = await db.findFreePort(9100, 9300)
    const url = `http://localhost:${port}`
    const appEnv = {
      ...env,
      NODE_ENV: "test",
      DATABASE_URL: pg.env.databaseUrl(dbName),
      JWT_SECRET: "browser-test-jwt",
      COOKIE_SECRET: "browser-test-cookie",
      ADMIN_CORS: url,
      AUTH_CORS: url,
      STORE_CORS: url,
      ADMIN_DISABLED: "false",
    }

    if (fromTemplate) {
      log(`admin-host: database copied from ${template} (migrated, with the admin user)`)
    } else {
      await timed("migrate", () =>
        sh(path.join(logs, "migrate.log"), process.execPath, [MEDUSA_CLI, "db:migrate"], { cwd: appDir, env: appEnv })
      )
      await timed("admin user", () =>
        sh(path.join(logs, "user.log"), process.execPath, [MEDUSA_CLI, "user", "-e", email, "-p", password], { cwd: appDir, env: appEnv })
      )
      await saveTemplate(dbName, template, pg.env).catch((e) => log(`admin-host: could not save ${template}: ${e.message}`))
    }

    await timed("boot", async () => {
      const out = fs.openSync(path.join(logs, "server.log"), "w")
      server = spawn(process.execPath, [MEDUSA_CLI, "start", "-p", String(port)], {
        cwd: appDir,
        env: appEnv,
        stdio: ["ignore", out, out],
        detached: true,
      })
      fs.closeSync(out)
      try {
        await db.waitForHttp(`${url}/health`, { timeoutMs: 180000, child: server })
        const res = await db.waitForHttp(`${url}/app/login`, { timeoutMs: 30000, child: server })
        if (res.status !== 200) throw new Error(`${url}/app/login answered ${res.status}`)
      } catch (e) {
        const tail = fs.readFileSync(path.join(logs, "server.log"), "utf8").trim().split("\n").slice(-40).join("\n")
        throw new Error(`${e.message}\n${tail}`)
      }
    })
    log(`admin-host: ${url}/app (${email}), logs in ${path.relative(ROOT, logs)}`)
    return { url, email, password, port, dir: appDir, logs, databaseUrl: appEnv.DATABASE_URL, timings, stop }
  } catch (e) {
    await stop()
    throw e
  }
}

module.exports = { startAdminHost, buildIsStale }

if (require.main === module) {
  const force = process.argv.includes("--build")
  startAdminHost({ log: (l) => console.log(l), build: force ? true : undefined })
    .then((host) => {
      console.log(`open ${host.url}/app and log in as ${host.email} / ${host.password}; Ctrl-C stops it`)
      const bye = async () => {
        await host.stop()
        process.exit(0)
      }
      process.on("SIGINT", bye)
      process.on("SIGTERM", bye)
    })
    .catch((e) => {
      console.error(e.message)
      process.exit(1)
    })
}
