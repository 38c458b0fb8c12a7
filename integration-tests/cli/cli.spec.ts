/**
 * The `call-billing` command as users run it: the real bin, built from the
 * current sources, spawned on the example files and on malformed ones.
 */
import { execFileSync, spawn, spawnSync } from "child_process"
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "fs"
import { tmpdir } from "os"
import { join } from "path"
import Papa from "papaparse"

const ROOT = join(__dirname, "..", "..")
const BIN = join(ROOT, "bin", "call-billing.js")
const ex = (f: string) => join(ROOT, "examples", f)
let tmp: string

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

function run(...args: string[]): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 << 20 })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

function csv(text: string): Array<Record<string, string>> {
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true })
  expect(parsed.errors).toEqual([])
  return parsed.data
}

function byId(rows: Array<Record<string, string>>): Record<string, Record<string, string>> {
  return Object.fromEntries(rows.map((r) => [r.call_id, r]))
}

const RATE_EXAMPLE = [
  "rate",
  "--rates", ex("rates.csv"),
  "--cdrs", ex("cdrs.csv"),
  "--profile", ex("profile.json"),
  "--timezone", "Europe/London",
  "--country-code", "44",
  "--buy-rates", ex("carrier-a.csv"),
]

beforeAll(() => {
  // Test the current sources, not a stale dist/.
  execFileSync(process.execPath, [join(ROOT, "scripts", "build-cli.js")], { cwd: ROOT, stdio: "inherit" })
  tmp = mkdtempSync(join(tmpdir(), "call-billing-cli-"))
})

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true })
})

describe("call-billing: help and arguments", () => {
  it("prints help for --help (exit 0) and for no command (exit 2, on stderr)", () => {
    const help = run("--help")
    expect(help.code).toBe(0)
    expect(help.stdout).toContain("call-billing rate --rates rates.csv --cdrs cdrs.csv")
    expect(help.stdout).toContain("validate-rates")
    const none = run()
    expect(none.code).toBe(2)
    expect(none.stdout).toBe("")
    expect(none.stderr).toContain("Usage:")
  })

  it("prints each command's help, including what --dedupe costs in memory", () => {
    const rate = run("rate", "--help")
    expect(rate.code).toBe(0)
    for (const flag of ["--rates", "--cdrs", "--format", "--profile", "--timezone", "--country-code", "--international-prefix", "--currency", "--decimals", "--rounding", "--buy-rates", "--out", "--dedupe"]) {
      expect(rate.stdout).toContain(flag)
    }
    expect(rate.stdout).toMatch(/--dedupe[\s\S]*memory then\s+grows with the number of distinct calls/)
    expect(run("validate-rates", "--help").stdout).toContain("line N, column C: reason")
    expect(run("diff-rates", "--help").stdout).toContain("old.csv new.csv")
    expect(run("help", "rate").stdout).toContain("--buy-rates")
  })

  it.each([
    [["launch"], 'unknown command "launch"'],
    [["rate", "--cdrs", "x.csv"], "--rates is required"],
    [["rate", "--rates", "x.csv"], "--cdrs is required"],
    [["rate", "--rate", "x.csv"], "Unknown option '--rate'"],
    [["rate", "--rates", "r", "--cdrs", "c", "--format", "cisco"], '--format must be generic, asterisk or freeswitch, not "cisco"'],
    [["rate", "--rates", "r", "--cdrs", "c", "--timezone", "Mars/Base"], '--timezone "Mars/Base" is not an IANA time zone'],
    [["rate", "--rates", "r", "--cdrs", "c", "--decimals", "9"], '--decimals must be a whole number from 0 to 8, not "9"'],
    [["rate", "--rates", "r", "--cdrs", "c", "--rounding", "bankers"], '--rounding must be half_up, up, down or half_even, not "bankers"'],
    [["rate", "--rates", "r", "--cdrs", "c", "--currency", "dollars"], '--currency must be an ISO 4217 code such as USD, not "DOLLARS"'],
    [["rate", "--rates", "r", "--cdrs", "c", "--country-code", "+44"], '--country-code must be a country calling code of 1–3 digits'],
    [["rate", "--rates", "r", "--cdrs", "c", "extra"], "Unexpected argument 'extra'"],
    [["validate-rates"], "expected 1 file argument, got 0"],
    [["diff-rates", "a.csv"], "expected 2 file arguments, got 1"],
  ])("exits 2 on bad arguments: %j", (args, message) => {
    const r = run(...args)
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(message)
    expect(r.stdout).toBe("")
  })
})

describe("call-billing rate: the example generic CDRs", () => {
  let result: Run
  let rows: Array<Record<string, string>>
  beforeAll(() => {
    result = run(...RATE_EXAMPLE)
    rows = csv(result.stdout)
  })

  it("exits 0 and writes the CDR columns then the rated columns, cost and margin", () => {
    expect(result.code).toBe(0)
    const header = result.stdout.split("\n")[0]
    expect(header).toBe(
      "call_id,account,direction,caller,callee,answer_time,start_time,end_time,duration,billsec,disposition,campaign,agent,queue,trunk,carrier,x_crm_ticket," +
        "status,reason,number,card,version,prefix,destination,band,rated_seconds,charge,currency,cost,margin"
    )
    expect(rows).toHaveLength(25)
    // The original values pass through untouched, quoted fields included.
    expect(rows[3].x_crm_ticket).toBe("callback\nrequested")
    expect(rows[2].x_crm_ticket).toBe("TCK-1001, follow-up")
    expect(rows[0].callee).toBe("+44 20 7946 0018")
  })

  it("rates each call by RATING.md: longest prefix, time band in the zone, increments, fees, rounding", () => {
    const r = byId(rows)
    const pick = (id: string) => {
      const x = r[id]
      return [x.status, x.number, x.prefix, x.band, x.rated_seconds, x.charge, x.currency, x.cost, x.margin]
    }
    // 4420 (London) beats 44; 61 s at 60/60 → 120 s at 0.0100.
    expect(pick("c-0001")).toEqual(["rated", "442079460018", "4420", "peak", "120", "0.0200", "USD", "0.0120", "0.0080"])
    // 30/6 increments: 31 s → 36 s at peak 0.0350.
    expect(pick("c-0003")).toEqual(["rated", "447700900123", "447", "peak", "36", "0.0210", "USD", "0.0093", "0.0117"])
    // 20:30 GMT on a Monday is offpeak: 95 s → 96 s at 0.0250.
    expect(pick("c-0004")).toEqual(["rated", "447700900456", "447", "offpeak", "96", "0.0400", "USD", "0.0285", "0.0115"])
    // 2 s within the 3 s grace: free, though the carrier charges us.
    expect(pick("c-0005")).toEqual(["rated", "447700900789", "447", "weekend", "0", "0.0000", "USD", "0.0006", "-0.0006"])
    // 07:30Z in July is 08:30 BST: peak in London.
    expect(pick("c-0006")).toEqual(["rated", "441632960456", "44", "peak", "300", "0.0750", "USD", "0.0300", "0.0450"])
    // 2026-12-25 is a holiday in the profile: weekend band on a Friday.
    expect(pick("c-0007")[3]).toBe("weekend")
    // connect fee 0.0100 + 0.0210 × 121/60 = 0.05235 → 0.0524 (half_up).
    expect(pick("c-0012")).toEqual(["rated", "919876543210", "919", "peak", "121", "0.0524", "USD", "0.0282", "0.0242"])
    // Unanswered: rated at zero without a rate lookup.
    expect(pick("c-0013")).toEqual(["rated", "447700900123", "", "", "0", "0.0000", "USD", "0.0000", "0.0000"])
    // Inbound freephone row; the buy deck has no inbound rows, so no cost.
    expect(pick("c-0019")).toEqual(["rated", "448001234567", "44800", "peak", "240", "0.0720", "USD", "", ""])
    expect(r["c-0024"].destination).toBe("Korea, Republic of - Fixed")
  })

  it("turns unratable records into exception rows, never failures", () => {
    const r = byId(rows)
    expect([r["c-0016"].status, r["c-0016"].reason, r["c-0016"].number, r["c-0016"].charge]).toEqual(["exception", "invalid_number", "", ""])
    expect([r["c-0017"].status, r["c-0017"].reason, r["c-0017"].number]).toEqual(["exception", "no_rate", "20223456789"])
    expect([r["c-0018"].status, r["c-0018"].reason, r["c-0018"].answer_time]).toEqual(["exception", "invalid_record", "2026-02-30T10:00:00Z"])
  })

  it("prints the summary to stderr: records, rated, exceptions by reason and the exact total", () => {
    const total = rows.filter((x) => x.status === "rated").reduce((s, x) => s + BigInt(x.charge.replace(".", "")), 0n)
    const cost = rows.filter((x) => x.cost).reduce((s, x) => s + BigInt(x.cost.replace(".", "")), 0n)
    const fmt = (v: bigint) => `${v / 10000n}.${String(v % 10000n).padStart(4, "0")}`
    expect(fmt(total)).toBe("1.6408")
    expect(result.stderr).toContain(
      ["records: 25", "rated: 22", "exceptions: 3", "  invalid_number: 1", "  invalid_record: 1", "  no_rate: 1", `total charge: ${fmt(total)} USD`].join("\n")
    )
    expect(result.stderr).toContain(`total cost: ${fmt(cost)} USD (19 rated calls with a buy rate, 3 without)`)
    // Physical line numbers: c-0004 spans two lines, so c-0018 starts on line 20.
    expect(result.stderr).toContain(
      'line 20 (call c-0018): invalid_record: column answer_time: "2026-02-30T10:00:00Z" is not an ISO 8601 timestamp with Z or an offset'
    )
  })

  it("writes the same rows to --out, and nothing to stdout", () => {
    const out = join(tmp, "rated.csv")
    const r = run(...RATE_EXAMPLE, "--out", out)
    expect(r.code).toBe(0)
    expect(r.stdout).toBe("")
    expect(readFileSync(out, "utf8")).toBe(result.stdout)
    // The temporary file was renamed into place.
    expect(readdirSync(tmp).filter((f) => f.endsWith(".tmp"))).toEqual([])
  })

  it("uses --timezone for bands: in UTC the July call is offpeak", () => {
    const r = byId(csv(run("rate", "--rates", ex("rates.csv"), "--cdrs", ex("cdrs.csv"), "--profile", ex("profile.json"), "--country-code", "44").stdout))
    expect([r["c-0006"].band, r["c-0006"].charge]).toEqual(["offpeak", "0.0400"])
  })

  it("without a profile every call is in band default and takes the band-less rows", () => {
    const r = byId(csv(run("rate", "--rates", ex("rates.csv"), "--cdrs", ex("cdrs.csv"), "--country-code", "44").stdout))
    expect([r["c-0002"].band, r["c-0002"].prefix, r["c-0002"].charge]).toEqual(["default", "44", "0.0480"])
    // 447 has only banded rows, so a mobile call falls back to 44's band-less row.
    expect([r["c-0003"].prefix, r["c-0003"].charge]).toEqual(["44", "0.0120"])
  })

  it("honours --decimals, --rounding and --currency", () => {
    const r = byId(csv(run(...RATE_EXAMPLE, "--decimals", "2", "--rounding", "up", "--currency", "gbp").stdout))
    // 0.05235 rounded up at 2 decimals.
    expect([r["c-0012"].charge, r["c-0012"].currency]).toEqual(["0.06", "GBP"])
    expect(r["c-0001"].charge).toBe("0.02")
  })

  it("without --country-code a national number is left as dialled", () => {
    const r = byId(csv(run("rate", "--rates", ex("rates.csv"), "--cdrs", ex("cdrs.csv")).stdout))
    expect([r["c-0002"].status, r["c-0002"].reason, r["c-0002"].number]).toEqual(["exception", "no_rate", "01632960123"])
    expect(r["c-0001"].status).toBe("rated")
  })
})

describe("call-billing rate: switch formats", () => {
  it("rates Asterisk Master.csv in the switch's zone, output under generic names", () => {
    const r = run("rate", "--format", "asterisk", ...RATE_EXAMPLE.slice(1).map((a) => (a === ex("cdrs.csv") ? ex("Master.csv") : a)))
    expect(r.code).toBe(0)
    const rows = csv(r.stdout)
    expect(Object.keys(rows[0]).slice(0, 16)).toEqual([
      "call_id", "account", "direction", "caller", "callee", "answer_time", "start_time", "end_time", "duration", "billsec", "disposition",
      "campaign", "agent", "queue", "trunk", "carrier",
    ])
    expect(rows).toHaveLength(8)
    const july = rows[2]
    expect([july.call_id, july.answer_time, july.band, july.charge]).toEqual(["1783326594.5", "2026-07-06T07:30:00Z", "peak", "0.1750"])
    expect(rows[6].call_id).toMatch(/^[0-9a-f]{64}$/)
    expect([rows[7].status, rows[7].reason]).toEqual(["exception", "no_rate"])
    expect(r.stderr).toContain("records: 8\nrated: 7\nexceptions: 1\n  no_rate: 1\ntotal charge: 0.2769 USD")
  })

  it("rates FreeSWITCH CSV with hangup causes as dispositions", () => {
    const r = run("rate", "--format", "freeswitch", ...RATE_EXAMPLE.slice(1).map((a) => (a === ex("cdrs.csv") ? ex("freeswitch.csv") : a)))
    expect(r.code).toBe(0)
    const rows = csv(r.stdout)
    expect(rows.map((x) => x.disposition)).toEqual(["ANSWERED", "ANSWERED", "ANSWERED", "ANSWERED", "NO ANSWER", "BUSY", "BUSY", "FAILED", "ANSWERED"])
    expect(rows.map((x) => x.x_hangup_cause)[2]).toBe("MEDIA_TIMEOUT")
    expect(rows[2].charge).toBe("0.1750")
    expect(r.stderr).toContain("records: 9\nrated: 9\nexceptions: 0\ntotal charge: 0.2831 USD")
  })
})

describe("call-billing rate: malformed input", () => {
  it("rejects a bad deck with every bad line listed (exit 2), writing no output", () => {
    const out = join(tmp, "never.csv")
    const r = run("rate", "--rates", ex("bad-rates.csv"), "--cdrs", ex("cdrs.csv"), "--out", out)
    expect(r.code).toBe(2)
    expect(r.stdout).toBe("")
    expect(r.stderr).toContain(`--rates ${ex("bad-rates.csv")} is not a valid deck (9 bad lines):`)
    expect(r.stderr).toContain('  line 1, column conect_fee: unknown column "conect_fee"')
    expect(r.stderr).toContain("  line 11, column prefix: duplicate of line 2 (prefix 44, band peak, direction outbound)")
    expect(r.stderr.match(/^ {2}line \d+/gm)).toHaveLength(9)
    expect(existsSync(out)).toBe(false)
  })

  it("rejects a bad buy deck and a bad profile (exit 2)", () => {
    const badProfile = join(tmp, "profile.json")
    writeFileSync(badProfile, '{ "rules": [ { "band": "peak", "days": ["mon"], "from": "08:00", "to": "25:00" } ] }')
    const p = run("rate", "--rates", ex("rates.csv"), "--cdrs", ex("cdrs.csv"), "--profile", badProfile)
    expect(p.code).toBe(2)
    expect(p.stderr).toContain("is not a valid time profile")
    expect(p.stderr).toContain("25:00")
    writeFileSync(badProfile, "{ nope")
    expect(run("rate", "--rates", ex("rates.csv"), "--cdrs", ex("cdrs.csv"), "--profile", badProfile).stderr).toContain("is not valid JSON")
    const b = run("rate", "--rates", ex("rates.csv"), "--cdrs", ex("cdrs.csv"), "--buy-rates", ex("bad-rates.csv"))
    expect(b.code).toBe(2)
    expect(b.stderr).toContain("--buy-rates")
  })

  it("rejects missing files (exit 2)", () => {
    const r = run("rate", "--rates", join(tmp, "nope.csv"), "--cdrs", ex("cdrs.csv"))
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(`cannot read --rates ${join(tmp, "nope.csv")}: no such file`)
    const c = run("rate", "--rates", ex("rates.csv"), "--cdrs", join(tmp, "nope.csv"))
    expect(c.code).toBe(2)
    expect(c.stderr).toContain("cannot read --cdrs")
  })

  it("rejects a CDR file whose header names an unknown column (exit 2), naming it", () => {
    const f = join(tmp, "typo.csv")
    writeFileSync(f, "call_id,account,callee,billsecs\nc1,acme,447700900123,5\n")
    const out = join(tmp, "typo-out.csv")
    const r = run("rate", "--rates", ex("rates.csv"), "--cdrs", f, "--out", out)
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('line 1, column billsecs: unknown column "billsecs"')
    expect(r.stderr).toContain('line 1, column billsec: missing required column "billsec"')
    expect(existsSync(out)).toBe(false)
  })

  it("rates a file full of bad records as exception rows (exit 0), one row per record", () => {
    const f = join(tmp, "bad-records.csv")
    writeFileSync(
      f,
      [
        "call_id,account,callee,answer_time,duration,billsec",
        "b1,acme,447700900123,2026-03-02T10:00:00Z,10,-5",
        "b2,acme,447700900123,not-a-time,10,5",
        "b3,acme,447700900123,2026-03-02T10:00:00Z,10,15",
        "b4,acme,447700900123",
        "b5,acme,447700900123,2026-03-02T10:00:00Z,10,5,extra",
        "b6,acme,447700900123,2026-03-02T10:00:00Z,10,5",
      ].join("\n")
    )
    const r = run("rate", "--rates", ex("rates.csv"), "--cdrs", f)
    expect(r.code).toBe(0)
    const rows = csv(r.stdout)
    expect(rows.map((x) => [x.call_id, x.status, x.reason])).toEqual([
      ["b1", "exception", "invalid_record"],
      ["b2", "exception", "invalid_record"],
      ["b3", "exception", "invalid_record"],
      ["b4", "exception", "invalid_record"],
      ["b5", "exception", "invalid_record"],
      ["b6", "rated", ""],
    ])
    // A short record is padded so the output stays rectangular.
    expect(r.stdout.split("\n")[4].split(",")).toHaveLength(6 + 11)
    // A long one keeps its extra values: its last column holds them, as the CSV text they were.
    expect(rows[4].billsec).toBe("5,extra")
    expect(Object.keys(rows[4])).toHaveLength(6 + 11)
    expect(r.stderr).toContain("exceptions: 5\n  invalid_record: 5")
    expect(r.stderr).toContain("line 5 (call b4): invalid_record: expected 6 fields, found 3")
    expect(r.stderr).toContain("line 6 (call b5): invalid_record: expected 6 fields, found 7 (its last 2 values are kept together in the last column, billsec)")
  })

  describe("a stray or unclosed quote costs its own line, never the records after it", () => {
    const file = (name: string, bad: string) => {
      const f = join(tmp, name)
      const lines = ["call_id,account,callee,answer_time,billsec"]
      for (let i = 2; i <= 4001; i++) lines.push(i === 2500 ? bad : `c${i},acme,447700900${String(i % 1000).padStart(3, "0")},2026-03-02T10:00:00Z,60`)
      writeFileSync(f, lines.join("\n") + "\n")
      return f
    }
    it.each([
      ["stray", 'c2500,acme,"447700900500"x,2026-03-02T10:00:00Z,60', 'malformed CSV on line 2500: stray quote in field 3 ("447700900500"x); the record ends at the end of line 2500'],
      ["unclosed", 'c2500,acme,"447700900500,2026-03-02T10:00:00Z,60', 'malformed CSV on line 2500: the quote that opens field 3 is not closed ("447700900500,2026-03-02T10:00:00Z,60); the record ends at the end of line 2500'],
    ])("%s quote on line 2500 of 4001: 3999 calls rated, 1 invalid_record, counters reconcile", (name, bad, reason) => {
      const r = run("rate", "--rates", ex("rates.csv"), "--cdrs", file(`${name}-quote.csv`, bad))
      expect(r.code).toBe(0)
      const rows = csv(r.stdout)
      expect(rows).toHaveLength(4000)
      expect(rows.filter((x) => x.status === "rated")).toHaveLength(3999)
      expect(rows[2498]).toMatchObject({ call_id: "c2500", status: "exception", reason: "invalid_record" })
      expect(rows[2499]).toMatchObject({ call_id: "c2501", status: "rated" })
      expect(rows[3999]).toMatchObject({ call_id: "c4001", status: "rated" })
      expect(r.stderr).toContain("records: 4000\nrated: 3999\nexceptions: 1\n  invalid_record: 1")
      expect(r.stderr).toContain(`line 2500 (call c2500): invalid_record: ${reason}`)
    })
  })

  it("rejects a --cdrs file that cannot be read (exit 2), naming the option and the file", () => {
    const cases: Array<[string, string]> = [
      [join(tmp), "is a directory"],
      [join(ex("rates.csv"), "cdrs.csv"), "a directory in the path is a file"],
    ]
    // Opens, but the first read fails (EIO): a deterministic unreadable file, even for root.
    if (existsSync("/proc/self/mem")) cases.push(["/proc/self/mem", "input/output error"])
    for (const [file, why] of cases) {
      const out = join(tmp, "unreadable-out.csv")
      const r = run("rate", "--rates", ex("rates.csv"), "--cdrs", file, "--out", out)
      expect([file, r.code]).toEqual([file, 2])
      expect(r.stderr).toBe(`call-billing rate: cannot read --cdrs ${file}: ${why}\n`)
      expect(existsSync(out)).toBe(false)
    }
    if (existsSync("/proc/self/mem")) {
      const r = run("rate", "--rates", "/proc/self/mem", "--cdrs", ex("cdrs.csv"))
      expect(r.code).toBe(2)
      expect(r.stderr).toBe("call-billing rate: cannot read --rates /proc/self/mem: input/output error\n")
    }
  })

  // chmod 000 does not stop root; run as another user only.
  ;(process.getuid?.() === 0 ? it.skip : it)("rejects a --cdrs file without read permission (exit 2)", () => {
    const f = join(tmp, "secret.csv")
    writeFileSync(f, "call_id,account,callee,billsec\n")
    chmodSync(f, 0o000)
    const r = run("rate", "--rates", ex("rates.csv"), "--cdrs", f)
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(`call-billing rate: cannot read --cdrs ${f}: permission denied\n`)
  })

  it("rates an empty CDR file (header only) to a header-only output", () => {
    const f = join(tmp, "empty.csv")
    writeFileSync(f, "call_id,account,callee,billsec\n")
    const r = run("rate", "--rates", ex("rates.csv"), "--cdrs", f)
    expect(r.code).toBe(0)
    expect(r.stdout).toBe("call_id,account,callee,billsec,status,reason,number,card,version,prefix,destination,band,rated_seconds,charge,currency\n")
    expect(r.stderr).toContain("records: 0\nrated: 0\nexceptions: 0\ntotal charge: 0.0000 USD")
  })

  it("fails with exit 1 when the output cannot be written", () => {
    const r = run("rate", "--rates", ex("rates.csv"), "--cdrs", ex("cdrs.csv"), "--out", join(tmp, "no-such-dir", "out.csv"))
    expect(r.code).toBe(1)
    expect(r.stderr).toContain("ENOENT")
  })
})

describe("call-billing rate: duplicates", () => {
  const file = () => {
    const f = join(tmp, "dupes.csv")
    writeFileSync(
      f,
      "call_id,account,callee,answer_time,billsec\nd1,acme,447700900123,2026-03-02T10:00:00Z,60\nd2,acme,447700900123,2026-03-02T10:00:00Z,60\nd1,acme,447700900123,2026-03-02T10:00:00Z,60\n"
    )
    return f
  }

  it("rates repeated call ids by default (memory stays flat)", () => {
    const rows = csv(run("rate", "--rates", ex("rates.csv"), "--cdrs", file()).stdout)
    expect(rows.map((r) => r.status)).toEqual(["rated", "rated", "rated"])
  })

  it("marks them as exception duplicate with --dedupe", () => {
    const r = run("rate", "--rates", ex("rates.csv"), "--cdrs", file(), "--dedupe")
    expect(csv(r.stdout).map((x) => [x.call_id, x.status, x.reason])).toEqual([
      ["d1", "rated", ""],
      ["d2", "rated", ""],
      ["d1", "exception", "duplicate"],
    ])
    expect(r.stderr).toContain("  duplicate: 1")
  })
})

describe("call-billing rate: streaming", () => {
  it("stops with exit 1 when the reader of stdout goes away", async () => {
    const f = join(tmp, "many.csv")
    let text = "call_id,account,callee,answer_time,billsec\n"
    for (let i = 0; i < 60_000; i++) text += `m${i},acme,447700900${String(i % 1000).padStart(3, "0")},2026-03-02T10:00:00Z,${i % 300}\n`
    writeFileSync(f, text)
    const child = spawn(process.execPath, [BIN, "rate", "--rates", ex("rates.csv"), "--cdrs", f], { cwd: ROOT })
    let stderr = ""
    child.stderr.on("data", (d) => (stderr += d))
    const code = await new Promise<number | null>((resolve) => {
      child.stdout.once("data", () => child.stdout.destroy())
      child.on("exit", resolve)
    })
    expect(code).toBe(1)
    expect(stderr).toContain("the output was closed before the end")
  })

  it("writes every row of a larger file, in order", () => {
    const f = join(tmp, "many.csv")
    const out = join(tmp, "many-out.csv")
    const r = run("rate", "--rates", ex("rates.csv"), "--cdrs", f, "--out", out)
    expect(r.code).toBe(0)
    const rows = csv(readFileSync(out, "utf8"))
    expect(rows).toHaveLength(60_000)
    expect(rows[59_999].call_id).toBe("m59999")
    expect(rows.every((x) => x.status === "rated")).toBe(true)
    expect(r.stderr).toContain("records: 60000\nrated: 60000\nexceptions: 0")
  })
})

describe("call-billing validate-rates", () => {
  it("lists every bad line of a bad deck as `line N, column C: reason` (exit 2)", () => {
    const r = run("validate-rates", ex("bad-rates.csv"))
    expect(r.code).toBe(2)
    expect(r.stdout).toBe(
      [
        'line 1, column conect_fee: unknown column "conect_fee"',
        'line 4, column rate: "-0.0350" is negative; must be ≥ 0',
        'line 5, column rate: "0.02501234" has more than 6 decimals',
        'line 7, column prefix: "44a" is not 1–20 digits',
        'line 8, column initial_increment: "0" must be at least 1',
        'line 9, column subsequent_increment: "1.5" is not a whole number of seconds',
        'line 10, column direction: "sideways" is not outbound or inbound',
        "line 11, column prefix: duplicate of line 2 (prefix 44, band peak, direction outbound)",
        "line 12, column rate: required value is empty",
        "",
      ].join("\n")
    )
    expect(r.stderr).toContain("invalid deck: 9 problems on 9 lines")
  })

  it("accepts a good deck (exit 0)", () => {
    const r = run("validate-rates", ex("rates.csv"))
    expect(r.code).toBe(0)
    expect(r.stdout).toBe(`${ex("rates.csv")}: valid deck, 40 rate rows\n`)
  })

  it("names lines without a column when the whole line is wrong", () => {
    const f = join(tmp, "short.csv")
    writeFileSync(f, "prefix,rate\n44,0.01\n447\n")
    expect(run("validate-rates", f).stdout).toBe("line 3: expected 2 fields, found 1\n")
  })

  it("lists the bad lines after a stray quote too: the quote costs its own line only", () => {
    const f = join(tmp, "stray-quote-deck.csv")
    writeFileSync(f, 'prefix,destination,rate\n44,"UK"x,0.01\n447,UK Mobile,0.02\n33,France,-1\n49,"Germany\nFixed",0.01\n1,USA,abc\n')
    const r = run("validate-rates", f)
    expect(r.code).toBe(2)
    expect(r.stdout).toBe(
      [
        'line 2: malformed CSV on line 2: stray quote in field 2 ("UK"x); the record ends at the end of line 2',
        'line 4, column rate: "-1" is negative; must be ≥ 0',
        'line 7, column rate: "abc" is not a decimal number',
        "",
      ].join("\n")
    )
  })
})

describe("call-billing diff-rates", () => {
  it("prints added, removed and changed rows with old → new values", () => {
    const r = run("diff-rates", ex("rates.csv"), ex("rates-2026-04.csv"))
    expect(r.code).toBe(0)
    expect(r.stdout).toBe(
      [
        `--- ${ex("rates.csv")}`,
        `+++ ${ex("rates-2026-04.csv")}`,
        "added (2):",
        "  + 20 [any band, outbound] Egypt - Fixed: rate 0.0900, increments 60/60",
        "  + 2010 [any band, outbound] Egypt - Mobile: rate 0.1100, increments 60/60",
        "removed (1):",
        "  - 4487 [any band, outbound] United Kingdom - Premium: rate 0.4500, increments 60/60, connect_fee 0.0500",
        "changed (3):",
        "  ~ 1 [any band, outbound] United States / Canada: rate 0.0090 → 0.0085",
        "  ~ 447 [band peak, outbound] United Kingdom - Mobile: rate 0.0350 → 0.0330",
        "  ~ 91 [any band, outbound] India - Fixed: connect_fee 0.0100 → 0.0150, initial_increment 1 → 60",
        "2 added, 1 removed, 3 changed, 36 unchanged",
        "",
      ].join("\n")
    )
  })

  it("exits 2 when a deck is invalid, listing its bad lines", () => {
    const r = run("diff-rates", ex("rates.csv"), ex("bad-rates.csv"))
    expect(r.code).toBe(2)
    expect(r.stderr).toContain("is not a valid deck:")
    expect(r.stderr).toContain("  line 12, column rate: required value is empty")
  })

  it("lists the bad lines of both decks when both are invalid (exit 2)", () => {
    const older = join(tmp, "old-bad.csv")
    writeFileSync(older, "prefix,rate\n44,-1\n")
    const r = run("diff-rates", older, ex("bad-rates.csv"))
    expect(r.code).toBe(2)
    expect(r.stdout).toBe("")
    const lines = r.stderr.trimEnd().split("\n")
    expect(lines[0]).toBe("call-billing diff-rates: neither deck can be used:")
    expect(lines[1]).toBe(`  ${older}: line 2, column rate: "-1" is negative; must be ≥ 0`)
    expect(lines).toContain(`  ${ex("bad-rates.csv")}: line 12, column rate: required value is empty`)
    expect(lines).toHaveLength(1 + 1 + 9)
    // A deck that cannot be read is listed with the other's bad lines.
    const gone = run("diff-rates", join(tmp, "nope.csv"), older)
    expect(gone.code).toBe(2)
    expect(gone.stderr).toBe(
      `call-billing diff-rates: neither deck can be used:\n  cannot read rate deck ${join(tmp, "nope.csv")}: no such file\n  ${older}: line 2, column rate: "-1" is negative; must be ≥ 0\n`
    )
  })
})
