#!/usr/bin/env node
// Proves the plugin installs the way a user installs it: build it, publish it
// to the local yalc store, add it to a brand-new Medusa app, migrate that app's
// database (which must run our migrations), start the app, call one of our
// admin routes with a logged-in admin and upload a CDR file (rated on the
// import's worker thread, from the build).
//
//   node scripts/plugin-install-check.js          # prints each step with its time
//   node scripts/plugin-install-check.js --keep   # leave the app, database and server for a look
//
// The app lives in .tmp/plugin-app/. Instead of a 90 s `npm install`, its
// node_modules holds symlinks to this repository's node_modules entries; the
// `npm install` that `medusa plugin:add` runs afterwards is answered by a shim
// on PATH that does nothing (the plugin's own dependencies are already among
// those symlinks). Each command's full output goes to .tmp/plugin-check-logs/.
// The outcome is also written to .tmp/plugin-install-check.json.
"use strict"

const crypto = require("crypto")
const fs = require("fs")
const path = require("path")
const { execFileSync, spawn } = require("child_process")
const db = require("./db")

const ROOT = db.ROOT
const TMP = path.join(ROOT, ".tmp")
const APP = path.join(TMP, "plugin-app")
const LOGS = path.join(TMP, "plugin-check-logs")
const RESULT_FILE = path.join(TMP, "plugin-install-check.json")
const DB_NAME = "call_billing_plugin_check"
const PLUGIN = require(path.join(ROOT, "package.json")).name
const REQUIRED_TABLES = ["call_billing_rate_card", "call_billing_billing_account"]
const ROUTE = "/admin/call-billing/rate-cards"
const ADMIN_EMAIL = "admin@plugin-check.local"
const ADMIN_PASSWORD = "check-" + crypto.randomBytes(6).toString("hex")

const keep = process.argv.includes("--keep")
const steps = []
const started = Date.now()
let server = null
let serverPort = null
let pg = null
let dbCreated = false

const log = (line) => console.log(`[plugin-check] ${line}`)
const secs = (ms) => `${(ms / 1000).toFixed(1)}s`

async function step(name, fn) {
  const t = Date.now()
  log(`-> ${name}`)
  const entry = { name, ok: false, seconds: 0 }
  steps.push(entry)
  try {
    const detail = await fn()
    entry.ok = true
    entry.seconds = (Date.now() - t) / 1000
    if (detail) entry.detail = detail
    log(`ok ${name} (${secs(Date.now() - t)})${detail ? `: ${detail}` : ""}`)
    return detail
  } catch (e) {
    entry.seconds = (Date.now() - t) / 1000
    entry.error = e.message
    log(`FAILED ${name} (${secs(Date.now() - t)}): ${e.message}`)
    throw e
  }
}

let logNo = 0
/** Runs a command, output to a log file; rejects with the output's tail on failure. */
function sh(label, cmd, args, { cwd, env, timeoutMs = 10 * 60 * 1000 } = {}) {
  fs.mkdirSync(LOGS, { recursive: true })
  const file = path.join(LOGS, `${String(++logNo).padStart(2, "0")}-${label}.log`)
  const out = fs.openSync(file, "w")
  fs.writeSync(out, `$ (cd ${cwd}) ${cmd} ${args.join(" ")}\n`)
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ["ignore", out, out] })
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs)
    child.on("error", (e) => {
      clearTimeout(timer)
      fs.closeSync(out)
      reject(new Error(`${cmd}: ${e.message}`))
    })
    child.on("exit", (code, sig) => {
      clearTimeout(timer)
      fs.closeSync(out)
      const text = fs.readFileSync(file, "utf8")
      if (code === 0) return resolve(text)
      const tail = text.trim().split("\n").slice(-40).join("\n")
      reject(new Error(`${cmd} ${args.join(" ")} exited with ${code ?? sig} (log ${path.relative(ROOT, file)})\n${tail}`))
    })
  })
}

function baseEnv(extra = {}) {
  // The command logs go to files, so keep Medusa's info lines even under `npm test`.
  const env = { ...process.env, ...pg.env, MEDUSA_DISABLE_TELEMETRY: "true", LOG_LEVEL: "info", ...extra }
  // Jest runs us with these; the app must behave as a user's would.
  delete env.PORT
  delete env.TEST_TYPE
  delete env.JEST_WORKER_ID
  return env
}

const medusaBin = (dir) => path.join(dir, "node_modules", "@medusajs", "cli", "cli.js")

function storePackagesDir() {
  const yalc = require(require.resolve("yalc", { paths: [ROOT] }))
  return yalc.getStorePackagesDir()
}

/** Null when both trees hold the same files with the same bytes, else what differs. */
function compareTrees(a, b) {
  const list = (dir) => {
    const out = []
    const walk = (d) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name)
        if (e.isDirectory()) walk(p)
        else out.push(path.relative(dir, p))
      }
    }
    if (fs.existsSync(dir)) walk(dir)
    return out.sort()
  }
  const fa = list(a)
  const fb = list(b)
  if (!fa.length) return `${a} is empty`
  const onlyA = fa.filter((f) => !fb.includes(f))
  const onlyB = fb.filter((f) => !fa.includes(f))
  if (onlyA.length || onlyB.length) {
    return `${onlyA.length} files only in the build (${onlyA.slice(0, 3).join(", ")}), ${onlyB.length} only in the copy (${onlyB.slice(0, 3).join(", ")})`
  }
  const changed = fa.filter((f) => !fs.readFileSync(path.join(a, f)).equals(fs.readFileSync(path.join(b, f))))
  if (changed.length) return `${changed.length} files differ (${changed.slice(0, 3).join(", ")})`
  return null
}

// ---------------------------------------------------------------------------
// the throw-away app

function writeApp() {
  fs.rmSync(APP, { recursive: true, force: true })
  fs.mkdirSync(path.join(APP, "src"), { recursive: true })

  const rootPkg = require(path.join(ROOT, "package.json"))
  const dev = rootPkg.devDependencies || {}
  const pick = (names) => Object.fromEntries(names.filter((n) => dev[n]).map((n) => [n, dev[n]]))
  fs.writeFileSync(
    path.join(APP, "package.json"),
    JSON.stringify(
      {
        name: "call-billing-plugin-app",
        version: "0.0.0",
        private: true,
        description: "Throw-away Medusa app made by scripts/plugin-install-check.js",
        scripts: { build: "medusa build", start: "medusa start", dev: "medusa develop" },
        dependencies: pick(["@medusajs/admin-sdk", "@medusajs/cli", "@medusajs/framework", "@medusajs/medusa"]),
        devDependencies: pick(["@swc/core", "@types/node", "ts-node", "typescript"]),
        engines: { node: ">=20" },
      },
      null,
      2
    ) + "\n"
  )
  // A lockfile marks this directory as the install root: without it
  // `plugin:add` walks up, finds this repository's lockfile, treats the app as
  // part of a monorepo and runs `npm install` in the repository.
  fs.writeFileSync(
    path.join(APP, "package-lock.json"),
    JSON.stringify({ name: "call-billing-plugin-app", version: "0.0.0", lockfileVersion: 3, requires: true, packages: {} }, null, 2) + "\n"
  )
  fs.writeFileSync(
    path.join(APP, "medusa-config.ts"),
    `import { defineConfig, loadEnv } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: {
      storeCors: process.env.STORE_CORS || "http://localhost:8000",
      adminCors: process.env.ADMIN_CORS || "http://localhost:9000",
      authCors: process.env.AUTH_CORS || "http://localhost:9000",
      jwtSecret: process.env.JWT_SECRET || "supersecret",
      cookieSecret: process.env.COOKIE_SECRET || "supersecret",
    },
  },
  admin: { disable: true },
  plugins: [{ resolve: ${JSON.stringify(PLUGIN)}, options: {} }],
})
`
  )
  fs.writeFileSync(
    path.join(APP, "tsconfig.json"),
    JSON.stringify(
      {
        compilerOptions: {
          target: "ES2021",
          esModuleInterop: true,
          module: "Node16",
          moduleResolution: "Node16",
          emitDecoratorMetadata: true,
          experimentalDecorators: true,
          skipLibCheck: true,
          skipDefaultLibCheck: true,
          declaration: false,
          sourceMap: false,
          inlineSourceMap: true,
          outDir: "./.medusa/server",
          rootDir: "./",
          jsx: "react-jsx",
          forceConsistentCasingInFileNames: true,
          resolveJsonModule: true,
          checkJs: false,
          strictNullChecks: true,
        },
        "ts-node": { swc: true },
        include: ["**/*", ".medusa/types/*"],
        exclude: ["node_modules", ".medusa/server", ".medusa/admin", ".cache"],
      },
      null,
      2
    ) + "\n"
  )
  fs.writeFileSync(path.join(APP, ".gitignore"), "node_modules\n.medusa\n.yalc\nyalc.lock\n.env\n")

  // node_modules: one symlink per entry of ours (scoped packages one level down),
  // never one for the plugin itself.
  const source = fs.realpathSync(path.join(ROOT, "node_modules"))
  const target = path.join(APP, "node_modules")
  fs.mkdirSync(target)
  let count = 0
  for (const entry of fs.readdirSync(source)) {
    if (entry === PLUGIN || entry === ".package-lock.json" || entry === ".cache") continue
    const from = path.join(source, entry)
    if (entry.startsWith("@")) {
      fs.mkdirSync(path.join(target, entry))
      for (const sub of fs.readdirSync(from)) {
        fs.symlinkSync(path.join(from, sub), path.join(target, entry, sub))
        count++
      }
    } else {
      fs.symlinkSync(from, path.join(target, entry))
      count++
    }
  }

  // `plugin:add` ends with `npm install`; the links above already are the install.
  const shim = path.join(APP, ".shim")
  fs.mkdirSync(shim)
  const realNpm = findOnPath("npm")
  fs.writeFileSync(
    path.join(shim, "npm"),
    `#!/bin/sh
# Written by scripts/plugin-install-check.js: node_modules is pre-linked.
if [ "$1" = "install" ] || [ "$1" = "i" ]; then
  echo "plugin-check shim: skipping 'npm $*' (node_modules is pre-linked)"
  exit 0
fi
exec ${realNpm ? JSON.stringify(realNpm) : "npm"} "$@"
`,
    { mode: 0o755 }
  )
  return `${count} node_modules links`
}

function findOnPath(name) {
  for (const dir of (process.env.PATH || "").split(path.delimiter)) {
    const p = path.join(dir, name)
    if (dir && fs.existsSync(p) && !p.startsWith(APP)) return p
  }
  return null
}

/** node_modules/<plugin> must be the published copy, not a link back to the repository. */
function checkInstalledCopy() {
  const installed = path.join(APP, "node_modules", PLUGIN)
  const stat = fs.lstatSync(installed)
  if (stat.isSymbolicLink()) throw new Error(`node_modules/${PLUGIN} is a symlink to ${fs.readlinkSync(installed)}`)
  // Resolve from a process inside the app: a require.resolve from this script
  // would find the repository itself (a package may import its own name).
  const resolved = execFileSync(process.execPath, ["-e", `process.stdout.write(require.resolve(${JSON.stringify(PLUGIN + "/package.json")}))`], {
    cwd: APP,
    encoding: "utf8",
  })
  const real = fs.realpathSync(resolved)
  if (!real.startsWith(fs.realpathSync(APP) + path.sep)) throw new Error(`${PLUGIN} resolves to ${real}, outside the app`)
  const pkg = JSON.parse(fs.readFileSync(real, "utf8"))
  if (!pkg.yalcSig) throw new Error(`${path.relative(ROOT, real)} is not a yalc-published copy (no yalcSig)`)
  if (!fs.existsSync(path.join(installed, ".medusa", "server", "src"))) throw new Error(`the installed copy has no .medusa/server/src`)
  if (fs.existsSync(path.join(installed, "src"))) throw new Error(`the installed copy ships src/ (check "files" in package.json)`)
  const diff = compareTrees(path.join(ROOT, ".medusa", "server"), path.join(installed, ".medusa", "server"))
  if (diff) throw new Error(`node_modules/${PLUGIN} is not this build: ${diff}`)
  const appPkg = JSON.parse(fs.readFileSync(path.join(APP, "package.json"), "utf8"))
  return `${path.relative(ROOT, installed)} = ${pkg.name}@${pkg.version} (${appPkg.dependencies[PLUGIN]}, sig ${String(pkg.yalcSig).slice(0, 8)})`
}

// ---------------------------------------------------------------------------

async function main() {
  console.log(`[plugin-check] proving that ${PLUGIN} installs into a fresh Medusa app`)
  fs.rmSync(LOGS, { recursive: true, force: true })
  fs.rmSync(RESULT_FILE, { force: true })
  pg = await db.ensurePostgres({ log })

  await step("build the plugin (medusa plugin:build)", async () => {
    await sh("plugin-build", process.execPath, [medusaBin(ROOT), "plugin:build"], { cwd: ROOT, env: baseEnv() })
    const out = path.join(ROOT, ".medusa", "server", "src")
    if (!fs.existsSync(out)) throw new Error(".medusa/server/src was not written")
    return fs.readdirSync(out).join(", ")
  })

  await step("publish it to the local yalc store (medusa plugin:publish)", async () => {
    const out = await sh("plugin-publish", process.execPath, [medusaBin(ROOT), "plugin:publish"], { cwd: ROOT, env: baseEnv() })
    // `medusa plugin:publish` exits 0 even when a lifecycle script it runs
    // (prepublishOnly: medusa plugin:build) fails and nothing is published.
    const failed = out.split("\n").find((l) => /^Error: Command failed/.test(l.trim()))
    if (failed) throw new Error(`plugin:publish reported: ${failed.trim()} (log .tmp/plugin-check-logs)`)
    const store = path.join(storePackagesDir(), PLUGIN, require(path.join(ROOT, "package.json")).version)
    const diff = compareTrees(path.join(ROOT, ".medusa", "server"), path.join(store, ".medusa", "server"))
    if (diff) throw new Error(`the yalc store copy (${store}) is not this build: ${diff}`)
    const line = out.split("\n").find((l) => /published in store|has not changed/.test(l))
    return `${line ? line.trim() : "published"} (${store} matches .medusa/server)`
  })

  await step("create the app in .tmp/plugin-app", async () => writeApp())

  await step(`add the plugin to the app (medusa plugin:add ${PLUGIN})`, async () => {
    const env = baseEnv({ PATH: `${path.join(APP, ".shim")}${path.delimiter}${process.env.PATH}` })
    await sh("plugin-add", process.execPath, [medusaBin(APP), "plugin:add", PLUGIN], { cwd: APP, env })
    return checkInstalledCopy()
  })

  const appEnv = () =>
    baseEnv({
      DATABASE_URL: pg.env.databaseUrl(DB_NAME),
      NODE_ENV: "development",
      JWT_SECRET: "plugin-check-jwt",
      COOKIE_SECRET: "plugin-check-cookie",
    })

  await step(`create a fresh database ${DB_NAME}`, async () => {
    await db.dropDatabase(DB_NAME)
    await db.ensureDatabase(DB_NAME)
    dbCreated = true
  })

  await step("migrate the app's database (medusa db:migrate)", async () => {
    await sh("db-migrate", process.execPath, [medusaBin(APP), "db:migrate"], { cwd: APP, env: appEnv() })
    const rows = await db.query(
      DB_NAME,
      "select table_name from information_schema.tables where table_schema = 'public' and table_name like 'call_billing_%' order by 1"
    )
    const tables = rows.map((r) => r.table_name)
    const missing = REQUIRED_TABLES.filter((t) => !tables.includes(t))
    if (missing.length) {
      throw new Error(`the plugin's migrations did not run: missing ${missing.join(", ")} (call_billing_* tables: ${tables.join(", ") || "none"})`)
    }
    return `${tables.length} call_billing_* tables`
  })

  await step(`create an admin user (medusa user -e ${ADMIN_EMAIL})`, async () => {
    await sh("user", process.execPath, [medusaBin(APP), "user", "-e", ADMIN_EMAIL, "-p", ADMIN_PASSWORD], { cwd: APP, env: appEnv() })
  })

  serverPort = await db.findFreePort(9100, 9300)
  const base = `http://localhost:${serverPort}`

  await step(`start the app (medusa start -p ${serverPort}) and wait for /health`, async () => {
    fs.mkdirSync(LOGS, { recursive: true })
    const file = path.join(LOGS, `${String(++logNo).padStart(2, "0")}-server.log`)
    const out = fs.openSync(file, "w")
    server = spawn(process.execPath, [medusaBin(APP), "start", "-p", String(serverPort)], {
      cwd: APP,
      env: appEnv(),
      stdio: ["ignore", out, out],
      detached: true,
    })
    fs.closeSync(out)
    try {
      await db.waitForHttp(`${base}/health`, { timeoutMs: 180000, child: server })
    } catch (e) {
      const tail = fs.readFileSync(file, "utf8").trim().split("\n").slice(-40).join("\n")
      throw new Error(`${e.message} (log ${path.relative(ROOT, file)})\n${tail}`)
    }
    return `${base} (pid ${server.pid})`
  })

  let token = null
  await step("log in as the admin (POST /auth/user/emailpass)", async () => {
    const res = await fetch(`${base}/auth/user/emailpass`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
    })
    const body = await res.text()
    if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${body.slice(0, 300)}`)
    token = JSON.parse(body).token
    if (!token) throw new Error(`no token in ${body.slice(0, 300)}`)
    return "token received"
  })

  await step(`GET ${ROUTE} as the admin`, async () => {
    const res = await fetch(`${base}${ROUTE}`, { headers: { authorization: `Bearer ${token}` } })
    const body = await res.text()
    if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${body.slice(0, 300)}`)
    let json
    try {
      json = JSON.parse(body)
    } catch {
      throw new Error(`not JSON: ${body.slice(0, 300)}`)
    }
    if (!Array.isArray(json.rate_cards)) throw new Error(`no rate_cards array in ${body.slice(0, 300)}`)
    return `HTTP 200, ${json.rate_cards.length} rate_cards`
  })

  // The file import rates on a worker thread that loads the plugin's compiled
  // import-worker.js: an upload that completes proves it runs from the build
  // (this app has no billing accounts, so every call is an unknown_account exception).
  await step("upload examples/cdrs.csv (POST /admin/call-billing/imports) and wait for the job", async () => {
    const auth = { authorization: `Bearer ${token}` }
    const csv = fs.readFileSync(path.join(ROOT, "examples", "cdrs.csv"))
    const res = await fetch(`${base}/admin/call-billing/imports?format=generic&source=plugin-check&filename=cdrs.csv`, {
      method: "POST",
      headers: { ...auth, "content-type": "text/csv" },
      body: csv,
    })
    const body = await res.text()
    if (res.status !== 202) throw new Error(`HTTP ${res.status}: ${body.slice(0, 300)}`)
    const id = JSON.parse(body).import_job.id
    const deadline = Date.now() + 60000
    while (Date.now() < deadline) {
      const job = (await (await fetch(`${base}/admin/call-billing/imports/${id}`, { headers: auth })).json()).import_job
      if (job.status === "failed") throw new Error(`import ${id} failed: ${job.error}`)
      if (job.status === "completed") {
        if (job.received !== 25 || job.received !== job.inserted + job.duplicates + job.exceptions) {
          throw new Error(`import ${id} counters: ${JSON.stringify(job)}`)
        }
        return `job ${id} completed: received ${job.received}, exceptions ${job.exceptions}`
      }
      await new Promise((r) => setTimeout(r, 250))
    }
    throw new Error(`import ${id} did not finish in 60 s`)
  })
}

async function cleanup() {
  if (keep) {
    log(`--keep: app in ${path.relative(ROOT, APP)}, database ${DB_NAME}${server ? `, server pid ${server.pid} on port ${serverPort}` : ""}`)
    return
  }
  if (server) {
    const t = Date.now()
    const killed = await db.stopProcessTree(server, { port: serverPort, signal: "SIGTERM", graceMs: 10000 })
    const left = db.portHolders(serverPort)
    const entry = { name: "stop the app", ok: !left.length, seconds: (Date.now() - t) / 1000 }
    if (killed.length) entry.detail = `SIGKILL needed for ${killed.join(", ")}`
    steps.push(entry)
    log(`${left.length ? "FAILED" : "ok"} stop the app (${secs(Date.now() - t)})${killed.length ? `: SIGKILL needed for ${killed.join(", ")}` : ""}${left.length ? `: port ${serverPort} still held by ${left.join(", ")}` : ""}`)
    server = null
  }
  if (dbCreated && pg) {
    const t = Date.now()
    try {
      await db.dropDatabase(DB_NAME)
      steps.push({ name: `drop database ${DB_NAME}`, ok: true, seconds: (Date.now() - t) / 1000 })
      log(`ok drop database ${DB_NAME} (${secs(Date.now() - t)})`)
    } catch (e) {
      steps.push({ name: `drop database ${DB_NAME}`, ok: false, seconds: 0, error: e.message })
      log(`FAILED drop database ${DB_NAME}: ${e.message}`)
    }
  }
  fs.rmSync(APP, { recursive: true, force: true })
  if (pg) await pg.stop()
}

function writeResult(ok, error) {
  fs.mkdirSync(TMP, { recursive: true })
  const result = { ok, seconds: (Date.now() - started) / 1000, steps, error: error || undefined }
  fs.writeFileSync(RESULT_FILE, JSON.stringify(result, null, 2) + "\n")
  return result
}

let finishing = false
async function finish(ok, error) {
  if (finishing) return
  finishing = true
  await cleanup().catch((e) => log(`cleanup: ${e.message}`))
  const cleanOk = steps.every((s) => s.ok)
  const result = writeResult(ok && cleanOk, error)
  log("")
  for (const s of steps) log(`${s.ok ? "ok    " : "FAILED"} ${secs(s.seconds * 1000).padStart(6)}  ${s.name}${s.detail ? ` — ${s.detail}` : ""}`)
  log(result.ok ? `PLUGIN INSTALL CHECK PASSED in ${secs(Date.now() - started)}` : `PLUGIN INSTALL CHECK FAILED after ${secs(Date.now() - started)}`)
  process.exit(result.ok ? 0 : 1)
}

for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, () => {
    log(`${sig}: stopping`)
    finish(false, `interrupted by ${sig}`)
  })
}

main().then(
  () => finish(true),
  (e) => finish(false, e.message)
)
