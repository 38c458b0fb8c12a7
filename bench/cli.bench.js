#!/usr/bin/env node
/**
 * `call-billing rate` end to end: the real command (node bin/call-billing.js)
 * on a generated 1,000,000-row generic CDR file and a realistic deck, written
 * to a file. Prints wall time, the peak RSS of the CLI process and the ratio
 * to a baseline measured in the same run: a small script that only parses and
 * re-writes the same file with papaparse (the same CSV library, streaming).
 * Also runs a 250,000-row file to show memory stays flat as the file grows.
 *
 * Targets: time ratio ≤ 2.0; peak RSS < 250 MB, about the same at 250k and 1M.
 *
 *   node bench/cli.bench.js [--rows 1000000] [--small 250000] [--runs 3]
 *
 * Files go to .tmp/bench/ (git-ignored) and are reused when already there.
 * The baseline and the CLI run alternately --runs times and each keeps its
 * best time (the machine is shared; the best run is the least disturbed one)
 * and its worst peak RSS. Exits 1 when a target is missed.
 */
"use strict"

const fs = require("fs")
const path = require("path")
const { spawn, spawnSync } = require("child_process")

const ROOT = path.resolve(__dirname, "..")
const DIR = path.join(ROOT, ".tmp", "bench")
const args = process.argv.slice(2)
const arg = (name, dflt) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? Number(args[i + 1]) : dflt
}
const ROWS = arg("rows", 1_000_000)
const SMALL = arg("small", 250_000)
const RUNS = arg("runs", 3)
const MAX_RATIO = 2.0
const MAX_RSS_MB = 250

// Deterministic PRNG (mulberry32) so every run generates the same files.
function rng(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

// Country code, name, fixed rate, mobile ranges (each gets its own row).
const COUNTRIES = [
  ["44", "United Kingdom", "0.0120", ["71", "72", "73", "74", "75", "77", "78", "79"]],
  ["1", "United States / Canada", "0.0090", ["201", "212", "213", "305", "312", "415", "416", "514", "604", "646", "718", "917"]],
  ["49", "Germany", "0.0125", ["151", "152", "157", "159", "160", "162", "163", "170", "171", "172", "173", "174", "175", "176", "177", "178", "179"]],
  ["33", "France", "0.0110", ["6", "7"]],
  ["34", "Spain", "0.0130", ["6", "7"]],
  ["39", "Italy", "0.0135", ["31", "32", "33", "34", "35", "36", "37", "38", "39"]],
  ["31", "Netherlands", "0.0140", ["6"]],
  ["32", "Belgium", "0.0150", ["46", "47", "48", "49"]],
  ["41", "Switzerland", "0.0250", ["75", "76", "77", "78", "79"]],
  ["43", "Austria", "0.0160", ["650", "660", "664", "676", "680", "681", "688", "699"]],
  ["45", "Denmark", "0.0140", ["2", "30", "31", "40", "41", "42", "50", "51", "52", "53"]],
  ["46", "Sweden", "0.0130", ["70", "72", "73", "76", "79"]],
  ["47", "Norway", "0.0150", ["4", "9"]],
  ["48", "Poland", "0.0120", ["50", "51", "53", "57", "60", "66", "69", "72", "73", "78", "79", "88"]],
  ["353", "Ireland", "0.0160", ["83", "85", "86", "87", "89"]],
  ["351", "Portugal", "0.0140", ["91", "92", "93", "96"]],
  ["30", "Greece", "0.0150", ["69"]],
  ["91", "India", "0.0190", ["6", "7", "8", "9"]],
  ["86", "China", "0.0150", ["13", "15", "17", "18", "19"]],
  ["81", "Japan", "0.0450", ["70", "80", "90"]],
  ["82", "Korea, Republic of", "0.0220", ["10"]],
  ["61", "Australia", "0.0200", ["4"]],
  ["64", "New Zealand", "0.0300", ["21", "22", "27", "29"]],
  ["55", "Brazil", "0.0350", ["119", "219", "319", "419", "519", "619", "719", "819", "919"]],
  ["52", "Mexico", "0.0250", ["1"]],
  ["27", "South Africa", "0.0400", ["6", "7", "8"]],
  ["234", "Nigeria", "0.1100", ["70", "80", "81", "90"]],
  ["971", "United Arab Emirates", "0.1200", ["50", "52", "54", "55", "56", "58"]],
  ["966", "Saudi Arabia", "0.0900", ["5"]],
  ["90", "Turkey", "0.0400", ["50", "53", "54", "55"]],
  ["7", "Russia", "0.0600", ["9"]],
  ["380", "Ukraine", "0.0700", ["50", "63", "66", "67", "68", "73", "93", "95", "96", "97", "98", "99"]],
  ["20", "Egypt", "0.0900", ["10", "11", "12", "15"]],
  ["62", "Indonesia", "0.0500", ["8"]],
  ["63", "Philippines", "0.1000", ["9"]],
  ["65", "Singapore", "0.0150", ["8", "9"]],
  ["852", "Hong Kong", "0.0150", ["5", "6", "9"]],
]

function writeDeck(file) {
  const lines = ["prefix,destination,destination_group,rate,connect_fee,per_call,initial_increment,subsequent_increment,grace,band,direction"]
  const r = rng(7)
  const numbers = []
  for (const [cc, name, fixed, mobiles] of COUNTRIES) {
    const group = name.toUpperCase().replace(/[^A-Z]+/g, "-")
    const q = (s) => (s.includes(",") ? `"${s}"` : s)
    if (cc === "44") {
      for (const [band, rate] of [["peak", "0.0150"], ["offpeak", "0.0080"], ["weekend", "0.0050"]]) {
        lines.push(`44,${q(name + " - Fixed")},${group}-FIXED,${rate},,,60,60,0,${band},`)
      }
    }
    lines.push(`${cc},${q(name + " - Fixed")},${group}-FIXED,${fixed},,,60,60,0,,`)
    // Fixed-line area codes: many short rows, like a real wholesale deck.
    for (let a = 1; a <= 60; a++) {
      const p = cc + String(a + 19)
      if (mobiles.some((m) => p.startsWith(cc + m) || (cc + m).startsWith(p))) continue
      lines.push(`${p},${q(name + " - Fixed " + a)},${group}-FIXED,${(Number(fixed) + r() / 200).toFixed(4)},,,60,60,0,,`)
    }
    for (const m of mobiles) {
      const rate = (Number(fixed) * 3 + r() / 100).toFixed(4)
      const inc = cc === "44" || cc === "1" ? "1,1" : cc === "49" ? "30,6" : "60,60"
      const fee = cc === "91" ? "0.0100" : ""
      if (cc === "44") {
        lines.push(`${cc}${m},${q(name + " - Mobile")},${group}-MOBILE,${rate},${fee},,30,6,3,peak,`)
        lines.push(`${cc}${m},${q(name + " - Mobile")},${group}-MOBILE,${(Number(rate) * 0.7).toFixed(4)},${fee},,30,6,3,offpeak,`)
        lines.push(`${cc}${m},${q(name + " - Mobile")},${group}-MOBILE,${(Number(rate) * 0.6).toFixed(4)},${fee},,30,6,3,weekend,`)
      }
      lines.push(`${cc}${m},${q(name + " - Mobile")},${group}-MOBILE,${rate},${fee},,${inc},0,,`)
      numbers.push(cc + m)
    }
    numbers.push(cc + "2", cc + "3")
  }
  fs.writeFileSync(file, lines.join("\n") + "\n")
  return { rows: lines.length - 1, numbers }
}

function writeCdrs(file, rows, numbers) {
  const r = rng(42)
  const fd = fs.openSync(file, "w")
  let buf = "call_id,account,direction,caller,callee,answer_time,start_time,end_time,duration,billsec,disposition,campaign,agent,queue,trunk,carrier\n"
  const start = Date.parse("2026-03-01T00:00:00Z")
  const iso = (ms) => new Date(ms).toISOString().slice(0, 19) + "Z"
  const dispositions = ["NO ANSWER", "NO ANSWER", "BUSY", "FAILED", "CONGESTION"]
  for (let i = 0; i < rows; i++) {
    const base = numbers[Math.floor(r() * numbers.length)]
    let callee = base + String(Math.floor(r() * 1e7)).padStart(7, "0")
    const style = r()
    if (style < 0.3) callee = "+" + callee
    else if (style < 0.5) callee = "00" + callee
    else if (style < 0.6 && callee.startsWith("44")) callee = "0" + callee.slice(2)
    // A few records that cannot be rated, as in real traffic.
    else if (style > 0.997) callee = "+888" + callee.slice(0, 8) // no rate
    else if (style > 0.996) callee = callee.slice(0, 4) + "x" + callee.slice(4) // invalid number
    const t = start + Math.floor(r() * 30 * 86400) * 1000
    const answered = r() < 0.8
    const billsec = answered ? Math.floor(r() * r() * 1800) : 0
    const ring = 3 + Math.floor(r() * 20)
    const disp = answered ? "ANSWERED" : dispositions[Math.floor(r() * dispositions.length)]
    buf +=
      `c${i},acme,outbound,+44207946${String(i % 10000).padStart(4, "0")},${callee},` +
      `${answered ? iso(t + ring * 1000) : ""},${iso(t)},${iso(t + (ring + billsec) * 1000)},${ring + billsec},${billsec},${disp},` +
      `spring,agent-${i % 50},sales,trunk-${i % 4},carrier-a\n`
    if (buf.length > 1 << 20) {
      fs.writeSync(fd, buf)
      buf = ""
    }
  }
  fs.writeSync(fd, buf)
  fs.closeSync(fd)
}

const BASELINE = `"use strict"
// Baseline: parse the CDR file with papaparse (streaming, chunk callback) and
// write every row back out with Papa.unparse, honouring backpressure.
const fs = require("fs")
const Papa = require(${JSON.stringify(require.resolve("papaparse", { paths: [ROOT] }))})
const [input, output] = process.argv.slice(2)
const out = fs.createWriteStream(output)
Papa.parse(fs.createReadStream(input, { encoding: "utf8" }), {
  chunk(results, parser) {
    if (!out.write(Papa.unparse(results.data, { newline: "\\n" }) + "\\n")) {
      parser.pause()
      out.once("drain", () => parser.resume())
    }
  },
  complete() {
    out.end()
  },
})
`

const GNU_TIME = fs.existsSync("/usr/bin/time") ? "/usr/bin/time" : null

/**
 * Runs a command; returns wall time, CPU time and peak RSS. Peak RSS comes
 * from GNU time (the child's ru_maxrss) when present, else from polling
 * /proc/<pid>/status VmHWM until the process exits.
 */
function measure(cmd, argv) {
  return new Promise((resolve, reject) => {
    const timeFile = path.join(DIR, "time.out")
    const [exe, exeArgs] = GNU_TIME ? [GNU_TIME, ["-f", "%U %S %M", "-o", timeFile, cmd, ...argv]] : [cmd, argv]
    const t0 = process.hrtime.bigint()
    const child = spawn(exe, exeArgs, { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] })
    let stderr = ""
    child.stderr.on("data", (d) => (stderr += d))
    let peakKb = 0
    const timer = GNU_TIME
      ? null
      : setInterval(() => {
          try {
            const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, "utf8"))
            if (m) peakKb = Math.max(peakKb, Number(m[1]))
          } catch {
            // exited between polls
          }
        }, 20)
    child.on("error", reject)
    child.on("exit", (code) => {
      if (timer) clearInterval(timer)
      const ms = Number(process.hrtime.bigint() - t0) / 1e6
      if (code !== 0) return reject(new Error(`${argv.join(" ")} exited ${code}\n${stderr}`))
      let cpuMs = NaN
      if (GNU_TIME) {
        const [user, sys, maxKb] = fs.readFileSync(timeFile, "utf8").trim().split("\n").pop().split(" ").map(Number)
        cpuMs = (user + sys) * 1000
        peakKb = maxKb
      }
      resolve({ ms, cpuMs, rssMb: peakKb / 1024, stderr })
    })
  })
}

/** Runs the two commands alternately RUNS times (so both see the same machine load); best time, worst RSS. */
async function compare(a, b) {
  const best = [null, null]
  for (let i = 0; i < RUNS; i++) {
    for (const [k, [cmd, argv]] of [a, b].entries()) {
      const r = await measure(cmd, argv)
      const cur = best[k]
      best[k] = !cur
        ? r
        : { ms: Math.min(cur.ms, r.ms), cpuMs: Math.min(cur.cpuMs, r.cpuMs), rssMb: Math.max(cur.rssMb, r.rssMb), stderr: r.stderr }
    }
  }
  return best
}

function countLines(file) {
  const fd = fs.openSync(file, "r")
  const buf = Buffer.alloc(1 << 20)
  let n = 0
  for (let k; (k = fs.readSync(fd, buf, 0, buf.length, null)) > 0; ) for (let i = 0; i < k; i++) if (buf[i] === 10) n++
  fs.closeSync(fd)
  return n
}

async function main() {
  fs.mkdirSync(DIR, { recursive: true })
  const build = spawnSync(process.execPath, [path.join(ROOT, "scripts", "build-cli.js")], { cwd: ROOT, stdio: "inherit" })
  if (build.status !== 0) throw new Error("scripts/build-cli.js failed")

  const deck = path.join(DIR, "deck.csv")
  const { rows: deckRows, numbers } = writeDeck(deck)
  fs.copyFileSync(path.join(ROOT, "examples", "profile.json"), path.join(DIR, "profile.json"))
  const baseline = path.join(DIR, "baseline.js")
  fs.writeFileSync(baseline, BASELINE)

  const results = []
  for (const rows of [SMALL, ROWS]) {
    const cdrs = path.join(DIR, `cdrs-v2-${rows}.csv`)
    // Generated once per version of this generator (the name carries it).
    if (!fs.existsSync(cdrs) || countLines(cdrs) !== rows + 1) writeCdrs(cdrs, rows, numbers)
    const mb = fs.statSync(cdrs).size / 1e6
    const out = path.join(DIR, `rated-${rows}.csv`)
    const [base, cli] = await compare(
      [process.execPath, [baseline, cdrs, path.join(DIR, `baseline-${rows}.csv`)]],
      [
        process.execPath,
        [
          path.join(ROOT, "bin", "call-billing.js"),
          "rate",
          "--rates", deck,
          "--cdrs", cdrs,
          "--profile", path.join(DIR, "profile.json"),
          "--timezone", "Europe/London",
          "--country-code", "44",
          "--out", out,
        ],
      ]
    )
    const outLines = countLines(out)
    if (outLines !== rows + 1) throw new Error(`rated output has ${outLines} lines, expected ${rows + 1}`)
    const records = /records: (\d+)/.exec(cli.stderr)
    if (!records || Number(records[1]) !== rows) throw new Error(`summary does not count ${rows} records:\n${cli.stderr}`)
    results.push({ rows, mb, base, cli, summary: cli.stderr.split("\n").filter((l) => /^(rated|exceptions|total charge)/.test(l)).join("; ") })
  }

  console.log(`\ncall-billing rate — deck of ${deckRows} rows with peak/offpeak/weekend bands, Europe/London, best of ${RUNS}, runs alternated`)
  const cpu = (r) => (Number.isNaN(r.cpuMs) ? "" : ` (${(r.cpuMs / 1000).toFixed(2)} s CPU)`)
  console.log("rows        file   baseline: papaparse parse + write      call-billing rate                      ratio")
  for (const r of results) {
    console.log(
      `${String(r.rows).padEnd(10)} ${r.mb.toFixed(0).padStart(4)} MB  ` +
        `${(r.base.ms / 1000).toFixed(2).padStart(6)} s${cpu(r.base).padEnd(16)} ${r.base.rssMb.toFixed(0).padStart(4)} MB RSS   ` +
        `${(r.cli.ms / 1000).toFixed(2).padStart(6)} s${cpu(r.cli).padEnd(16)} ${r.cli.rssMb.toFixed(0).padStart(4)} MB RSS   ` +
        `${(r.cli.ms / r.base.ms).toFixed(2)}` +
        (Number.isNaN(r.cli.cpuMs) ? "" : ` (CPU ${(r.cli.cpuMs / r.base.cpuMs).toFixed(2)})`)
    )
    console.log(`           ${r.summary}`)
  }
  const big = results[results.length - 1]
  const small = results[0]
  const ratio = big.cli.ms / big.base.ms
  const growth = big.cli.rssMb - small.cli.rssMb
  const ok = ratio <= MAX_RATIO && big.cli.rssMb < MAX_RSS_MB
  console.log(
    `targets: ratio ${ratio.toFixed(2)} ≤ ${MAX_RATIO} ${ratio <= MAX_RATIO ? "ok" : "MISSED"}; ` +
      `peak RSS ${big.cli.rssMb.toFixed(0)} MB < ${MAX_RSS_MB} MB ${big.cli.rssMb < MAX_RSS_MB ? "ok" : "MISSED"}; ` +
      `RSS ${small.rows} → ${big.rows} rows: ${growth >= 0 ? "+" : ""}${growth.toFixed(0)} MB`
  )
  process.exitCode = ok ? 0 : 1
}

main().catch((e) => {
  console.error(e)
  process.exitCode = 1
})
