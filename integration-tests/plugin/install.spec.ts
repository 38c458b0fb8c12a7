import { spawn } from "child_process"
import fs from "fs"
import path from "path"

const ROOT = path.resolve(__dirname, "..", "..")
const SCRIPT = path.join(ROOT, "scripts", "plugin-install-check.js")
const RESULT_FILE = path.join(ROOT, ".tmp", "plugin-install-check.json")

type Step = { name: string; ok: boolean; seconds: number; detail?: string; error?: string }

function runCheck(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [SCRIPT], {
      cwd: ROOT,
      env: { ...process.env, MEDUSA_DISABLE_TELEMETRY: "true" },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    })
    running = child.pid ?? null
    let output = ""
    child.stdout.on("data", (d) => (output += d))
    child.stderr.on("data", (d) => (output += d))
    child.on("exit", (code) => {
      running = null
      resolve({ code, output })
    })
  })
}

let running: number | null = null

// A timed-out test must not leave the check (and the app it started) behind:
// the script stops its app and drops its database on SIGTERM.
afterAll(async () => {
  if (running) {
    process.kill(running, "SIGTERM")
    await new Promise((r) => setTimeout(r, 15000))
  }
})

describe("installing call-billing into a separate Medusa app", () => {
  it("builds, publishes, adds, migrates, starts and answers an admin route as a real plugin", async () => {
    const { code, output } = await runCheck()
    const result = fs.existsSync(RESULT_FILE)
      ? (JSON.parse(fs.readFileSync(RESULT_FILE, "utf8")) as { ok: boolean; steps: Step[]; error?: string })
      : { ok: false, steps: [] as Step[], error: "no result file" }

    const summary = result.steps
      .map((s) => `${s.ok ? "ok    " : "FAILED"} ${s.seconds.toFixed(1).padStart(6)}s  ${s.name}${s.detail ? ` — ${s.detail}` : ""}`)
      .join("\n")
    if (code !== 0) {
      // The tail of the script's own report says which step failed and why.
      throw new Error(`plugin install check failed (exit ${code}):\n${output.split("\n").slice(-80).join("\n")}`)
    }
    console.log(`plugin install check:\n${summary}`)

    expect(result.ok).toBe(true)
    const passed = (words: string) => result.steps.some((s) => s.name.includes(words) && s.ok)
    expect(passed("(medusa plugin:build)")).toBe(true)
    expect(passed("(medusa plugin:publish)")).toBe(true)
    expect(passed("medusa plugin:add")).toBe(true)
    expect(passed("medusa db:migrate")).toBe(true)
    expect(passed("GET /admin/call-billing/rate-cards")).toBe(true)
    expect(passed("stop the app")).toBe(true)
    expect(passed("drop database")).toBe(true)
  })
})
