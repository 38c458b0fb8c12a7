// Issue 4 §5: a fuzzed file (random bytes, truncated lines, wrong column
// counts, bad quotes, huge fields, invalid UTF-8, NUL bytes) never crashes the
// server: the job either fails cleanly with a message and stores nothing, or
// it completes, its counters reconcile with what is in the database, and every
// record the fuzzer left alone is stored or in the exception queue.
//
// Seeded (FUZZ_SEED=… to replay another run), 40 cases over the four formats.
// Each base file is the example file of its format, repeated with a unique
// token (`Z<case>Q<n>Y`) in place of each record's id, so a record can be
// found wherever it ended up: as a stored call or event, or inside an
// exception's record (a bad quote may legally swallow the next lines into a
// field, so the token is searched in the whole row's text).
import fs from "fs"
import os from "os"
import path from "path"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { importUsageWorkflow } from "../../../src/workflows/metering/workflows/import-usage"
import { adminHeaders } from "../helpers"
import { example, seedRatingWorld } from "../usage/fixtures"
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { rng } = require("../../../bench/lib/usage-data")

jest.setTimeout(600 * 1000)

type Format = "generic" | "asterisk" | "freeswitch" | "events"
const FORMATS: Format[] = ["generic", "asterisk", "freeswitch", "events"]
const CASES = 40
const SEED = Number(process.env.FUZZ_SEED || 4_2026)

/** Example file, data lines, how a record's id looks in it, and whether it has a header. */
const BASE: Record<Format, { file: string; id: RegExp; header: boolean }> = {
  generic: { file: "cdrs.csv", id: /c-\d{4}/g, header: true },
  asterisk: { file: "Master.csv", id: /"\d{10}\.\d+"/g, header: false },
  freeswitch: { file: "freeswitch.csv", id: /6f1c2a8e-1d2b-4c55-9a0e-0c3f8e2b7a\d\d/g, header: false },
  events: { file: "events.csv", id: /ev-\d{4}/g, header: true },
}

type Line = { bytes: Buffer; token: string | null; touched: boolean }

/** The base file of a case as lines, each record's id replaced by a unique token. */
function baseLines(format: Format, caseNo: number, copies: number): Line[] {
  const { file, id, header } = BASE[format]
  const text = fs.readFileSync(example(file), "utf8").replace(/\r?\n$/, "")
  const all = text.split("\n")
  const head = header ? all.slice(0, 1) : []
  const body = header ? all.slice(1) : all
  const out: Line[] = head.map((l) => ({ bytes: Buffer.from(l), token: null, touched: false }))
  let n = 0
  for (let c = 0; c < copies; c++) {
    for (const l of body) {
      let token: string | null = null
      const replaced = l.replace(id, (m) => {
        token = `Z${caseNo}Q${++n}Y`
        return m.startsWith('"') ? `"${token}"` : token
      })
      out.push({ bytes: Buffer.from(replaced), token, touched: false })
    }
  }
  return out
}

type Mutation = (lines: Line[], rnd: () => number, headerLines: number) => string

const pickLine = (lines: Line[], rnd: () => number, from: number) => from + Math.floor(rnd() * Math.max(1, lines.length - from))
const insertAt = (buf: Buffer, at: number, extra: Buffer) => Buffer.concat([buf.subarray(0, at), extra, buf.subarray(at)])
const touch = (l: Line | undefined, bytes: Buffer) => {
  if (!l) return
  l.bytes = bytes
  l.touched = true
}

const MUTATIONS: Record<string, Mutation> = {
  "random bytes line": (lines, rnd, h) => {
    const bytes = Buffer.alloc(1 + Math.floor(rnd() * 200))
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(rnd() * 256)
    lines.splice(pickLine(lines, rnd, h), 0, { bytes, token: null, touched: true })
    return `random bytes (${bytes.length})`
  },
  "random bytes in a line": (lines, rnd, h) => {
    const l = lines[pickLine(lines, rnd, h)]
    const bytes = Buffer.alloc(1 + Math.floor(rnd() * 20))
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(rnd() * 256)
    touch(l, insertAt(l.bytes, Math.floor(rnd() * l.bytes.length), bytes))
    return "random bytes in a line"
  },
  "truncated line": (lines, rnd, h) => {
    const i = pickLine(lines, rnd, h)
    touch(lines[i], lines[i].bytes.subarray(0, Math.floor(rnd() * lines[i].bytes.length)))
    return "truncated line"
  },
  "truncated file": (lines, rnd, h) => {
    const i = pickLine(lines, rnd, h)
    touch(lines[i], lines[i].bytes.subarray(0, Math.floor(rnd() * lines[i].bytes.length)))
    lines.length = i + 1
    return "truncated file"
  },
  "fewer columns": (lines, rnd, h) => {
    const l = lines[pickLine(lines, rnd, h)]
    const parts = l.bytes.toString("latin1").split(",")
    parts.splice(Math.floor(rnd() * parts.length), 1 + Math.floor(rnd() * 3))
    touch(l, Buffer.from(parts.join(","), "latin1"))
    return "fewer columns"
  },
  "more columns": (lines, rnd, h) => {
    const l = lines[pickLine(lines, rnd, h)]
    touch(l, Buffer.concat([l.bytes, Buffer.from(",x".repeat(1 + Math.floor(rnd() * 5)))]))
    return "more columns"
  },
  "bad quote": (lines, rnd, h) => {
    const l = lines[pickLine(lines, rnd, h)]
    touch(l, insertAt(l.bytes, Math.floor(rnd() * l.bytes.length), Buffer.from('"')))
    return "bad quote"
  },
  "huge field": (lines, rnd, h) => {
    const l = lines[pickLine(lines, rnd, h)]
    const parts = l.bytes.toString("latin1").split(",")
    const huge = "x".repeat(1 << 20)
    parts[Math.floor(rnd() * parts.length)] = rnd() < 0.5 ? huge : `"${huge}, with a comma"`
    touch(l, Buffer.from(parts.join(","), "latin1"))
    return "huge field (1 MB)"
  },
  "invalid UTF-8": (lines, rnd, h) => {
    const l = lines[pickLine(lines, rnd, h)]
    touch(l, insertAt(l.bytes, Math.floor(rnd() * l.bytes.length), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xe2, 0x82])))
    return "invalid UTF-8"
  },
  "NUL bytes": (lines, rnd, h) => {
    const l = lines[pickLine(lines, rnd, h)]
    touch(l, insertAt(l.bytes, Math.floor(rnd() * l.bytes.length), Buffer.from([0, 0])))
    return "NUL bytes"
  },
  "blank and CRLF lines": (lines, rnd, h) => {
    lines.splice(pickLine(lines, rnd, h), 0, { bytes: Buffer.from("\r"), token: null, touched: true }, { bytes: Buffer.alloc(0), token: null, touched: true })
    return "blank lines"
  },
}
const NAMES = Object.keys(MUTATIONS)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConnection }) => {
    let dir: string

    beforeEach(async () => {
      const { headers } = await adminHeaders(getContainer())
      await seedRatingWorld(api, { ...headers })
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "cb-fuzz-"))
    })
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

    it(`${CASES} fuzzed files in every format: each job fails cleanly or stores or queues every record (seed ${SEED})`, async () => {
      const rnd = rng(SEED)
      const outcomes: Record<string, number> = { completed: 0, failed: 0 }
      const problems: string[] = []
      for (let c = 0; c < CASES; c++) {
        try {
          await fuzzCase(c)
        } catch (e: any) {
          problems.push(String(e?.message ?? e).replace(/\u0000/g, "\\0").slice(0, 1500))
        }
      }
      async function fuzzCase(c: number) {
        const format = FORMATS[c % FORMATS.length]
        const header = BASE[format].header ? 1 : 0
        const lines = baseLines(format, c, 1 + Math.floor(rnd() * 3))
        const applied: string[] = []
        // a few cases are special whole files: empty, header only, pure noise
        const special = c >= CASES - 4 ? ["empty", "header only", "noise", "CRLF"][c - (CASES - 4)] : null
        let bytes: Buffer
        if (special === "empty") bytes = Buffer.alloc(0)
        else if (special === "header only") bytes = Buffer.concat([lines[0].bytes, Buffer.from("\n")])
        else if (special === "noise") {
          bytes = Buffer.alloc(4096)
          for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(rnd() * 256)
        } else {
          const n = 1 + Math.floor(rnd() * 3)
          // the header stays out of reach of most mutations (pickLine from `header`), but one in five may hit it
          for (let i = 0; i < n; i++) applied.push(MUTATIONS[NAMES[Math.floor(rnd() * NAMES.length)]](lines, rnd, rnd() < 0.2 ? 0 : header))
          const eol = special === "CRLF" ? "\r\n" : "\n"
          bytes = Buffer.concat(lines.flatMap((l) => [l.bytes, Buffer.from(eol)]))
        }
        if (special === "empty" || special === "header only" || special === "noise") for (const l of lines) l.touched = true
        const what = `case ${c} (${format}: ${special ?? applied.join(", ")})`
        const file = path.join(dir, `case-${c}.csv`)
        fs.writeFileSync(file, bytes)
        const source = `fuzz-${c}`

        const { result, errors } = await importUsageWorkflow(getContainer()).run({
          input: { source, channel: "upload", filename: `case-${c}.csv`, file: { path: file, format, timezone: "Europe/London" } },
          throwOnError: false,
        })
        const jobs = (await dbConnection.raw(`SELECT id, status, received, inserted, duplicates, exceptions, error FROM call_billing_import_job WHERE source = ?`, [source])).rows
        expect({ what, jobs: jobs.length }).toEqual({ what, jobs: 1 })
        const job = jobs[0]
        const table = format === "events" ? "call_billing_meter_event" : "call_billing_call"
        const counts = (
          await dbConnection.raw(
            `SELECT (SELECT count(*)::int FROM ${table} WHERE import_job_id = :id) AS usage,
                    (SELECT count(*)::int FROM call_billing_usage_exception WHERE import_job_id = :id) AS exceptions,
                    (SELECT count(*)::int FROM ${table} WHERE source = :source) AS by_source`,
            { id: job.id, source }
          )
        ).rows[0]

        if (errors.length) {
          outcomes.failed++
          // failed cleanly: a message, the job says so, nothing stored
          const message = errors[0].error?.message
          expect({ what, message: typeof message === "string" && message.length > 0 }).toEqual({ what, message: true })
          expect({ what, message, status: job.status, error: !!job.error }).toEqual({ what, message, status: "failed", error: true })
          expect({ what, ...counts }).toEqual({ what, usage: 0, exceptions: 0, by_source: 0 })
          return
        }

        outcomes.completed++
        expect({ what, status: job.status }).toEqual({ what, status: "completed" })
        expect({ what, reconciles: result.received === result.inserted + result.duplicates + result.exceptions }).toEqual({ what, reconciles: true })
        expect({ what, received: job.received, inserted: job.inserted, exceptions: job.exceptions }).toEqual({
          what,
          received: result.received,
          inserted: result.inserted,
          exceptions: result.exceptions,
        })
        // the database holds what the counters say
        expect({ what, usage: counts.usage, exceptions: counts.exceptions }).toEqual({ what, usage: result.inserted, exceptions: result.exceptions })
        // every record the fuzzer left alone is stored or in the exception queue
        const tokens = lines.filter((l) => l.token && !l.touched).map((l) => l.token!)
        if (tokens.length) {
          const found = (
            await dbConnection.raw(
              `SELECT t FROM unnest(:tokens::text[]) t
                WHERE EXISTS (SELECT 1 FROM ${table} u WHERE u.import_job_id = :id AND u::text LIKE '%' || t || '%')
                   OR EXISTS (SELECT 1 FROM call_billing_usage_exception x WHERE x.import_job_id = :id AND x::text LIKE '%' || t || '%')`,
              { tokens, id: job.id }
            )
          ).rows.map((r: any) => r.t)
          expect({ what, missing: tokens.filter((t) => !found.includes(t)) }).toEqual({ what, missing: [] })
        }
        // nothing counted twice: every id is unique, so only mutated or id-less lines
        // (say two blank records with the same line hash) can be duplicates
        const untokened = lines.filter((l) => l.touched || !l.token).length
        expect({ what, duplicates: result.duplicates <= untokened }).toEqual({ what, duplicates: true })
      }

      // both outcomes happened, and the server still imports a good file
      expect(outcomes.completed).toBeGreaterThan(0)
      expect(outcomes.failed).toBeGreaterThan(0)
      const { result } = await importUsageWorkflow(getContainer()).run({
        input: { source: "after-fuzz", channel: "upload", filename: "cdrs.csv", file: { path: example("cdrs.csv"), format: "generic", timezone: "Europe/London" } },
      })
      expect(result).toMatchObject({ received: 25, inserted: 21, exceptions: 4 })
      // every case's problems, reported together
      expect(problems).toEqual([])
    })
  },
})
