#!/usr/bin/env node
/**
 * Rating engine throughput: `rateCall` over 1,000,000 pre-generated calls
 * against a 50,000-prefix deck with peak/offpeak/weekend bands, an account in
 * Europe/London. Target: ≥ 1,000,000 calls/s on one core.
 *
 *   node bench/engine.bench.js [--calls 1000000] [--prefixes 50000] [--runs 3] [--shuffle]
 *
 * Calls come in time order over a year, as a switch writes them (a few
 * percent sit on the DST changes); --shuffle rates them in random order, the
 * worst case for the zone-offset cache. Destinations are uniform over the
 * whole deck (no hot set), which is the worst case for the prefix trie.
 *
 * The engine is TypeScript; bench/lib/engine-ts-hook.js transpiles it on
 * require with @swc/core (a dev dependency already used by jest), so the
 * bench needs no build step and measures the same source the tests run.
 *
 * Baselines measured in the same run:
 *  - touch: a loop that only reads each call's fields (memory traffic floor);
 *  - lookup: normalise + version + band + trie lookup, no charge and no result
 *    object. `rateCall / lookup` shows what charging and the result cost.
 * Everything is deterministic (seeded PRNG), generated before timing.
 */
"use strict"
require("./lib/engine-ts-hook")
const path = require("path")
const engine = require(path.join(__dirname, "..", "src", "modules", "rating", "engine"))

const args = process.argv.slice(2)
function arg(name, dflt) {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? Number(args[i + 1]) : dflt
}
const CALLS = arg("calls", 1_000_000)
const PREFIXES = arg("prefixes", 50_000)
const RUNS = arg("runs", 3)
const SHUFFLE = args.includes("--shuffle")
const TARGET = 1_000_000

// mulberry32: small, fast, deterministic
function prng(seed) {
  let a = seed >>> 0
  return function () {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const rnd = prng(20260101)
const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1))
const pick = (arr) => arr[Math.floor(rnd() * arr.length)]
const digits = (n) => {
  let s = ""
  for (let i = 0; i < n; i++) s += String.fromCharCode(48 + Math.floor(rnd() * 10))
  return s
}
// A flat (not concatenated) copy, as a CSV parser would hand over.
const flat = (s) => Buffer.from(s, "latin1").toString("latin1")

// ---- deck ---------------------------------------------------------------
const COUNTRY = [
  "1", "7", "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46", "47",
  "48", "49", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63", "64", "65", "66", "81",
  "82", "84", "86", "90", "91", "92", "93", "94", "95", "98", "212", "213", "216", "220", "221", "234", "254",
  "255", "256", "263", "351", "352", "353", "354", "355", "356", "357", "358", "359", "370", "371", "372",
  "380", "381", "385", "386", "420", "421", "502", "503", "504", "505", "506", "507", "591", "593", "595",
  "598", "852", "853", "855", "856", "880", "886", "960", "961", "962", "963", "964", "965", "966", "971",
  "972", "973", "974", "975", "976", "977", "992", "993", "994", "995", "996", "998",
]
const LENGTH_WEIGHTS = [[2, 1], [3, 2], [4, 4], [5, 6], [6, 8], [7, 7], [8, 4], [9, 2]]
const LENGTHS = LENGTH_WEIGHTS.flatMap(([l, w]) => Array(w).fill(l))

function makeDeck() {
  const prefixes = new Set()
  for (const cc of COUNTRY) if (cc.length >= 2) prefixes.add(cc)
  for (const cc of COUNTRY) if (cc.length === 1) prefixes.add(cc + digits(1))
  while (prefixes.size < PREFIXES) {
    const cc = pick(COUNTRY)
    const len = Math.max(pick(LENGTHS), cc.length + 1)
    prefixes.add(cc + digits(len - cc.length))
  }
  const incs = [[60, 60], [1, 1], [30, 6], [60, 1], [30, 30]]
  const rate = () => `0.${String(int(10, 500000)).padStart(6, "0")}`
  const rows = []
  let line = 1
  for (const p of prefixes) {
    const [ini, sub] = pick(incs)
    const base = {
      prefix: p,
      destination: `Dest ${p}`,
      destination_group: `G${p.slice(0, 2)}`,
      initial_increment: ini,
      subsequent_increment: sub,
      connect_fee: rnd() < 0.1 ? "0.0100" : null,
      grace: rnd() < 0.2 ? 3 : null,
    }
    const kind = rnd()
    if (kind < 0.65) {
      rows.push({ ...base, id: String(++line), rate: rate() })
    } else if (kind < 0.85) {
      for (const band of ["peak", "offpeak", "weekend"]) rows.push({ ...base, id: String(++line), rate: rate(), band })
    } else {
      rows.push({ ...base, id: String(++line), rate: rate() })
      rows.push({ ...base, id: String(++line), rate: rate(), band: "peak" })
    }
  }
  return { prefixes: [...prefixes], rows }
}

const PROFILE = {
  rules: [
    { band: "peak", days: ["mon", "tue", "wed", "thu", "fri"], from: "08:00", to: "19:00" },
    { band: "offpeak", days: ["mon", "tue", "wed", "thu", "fri"], from: "00:00", to: "24:00" },
    { band: "weekend", days: ["sat", "sun"], from: "00:00", to: "24:00" },
  ],
  holidays: [
    { date: "2026-01-01", band: "weekend" },
    { date: "2026-12-25", band: "weekend" },
    { date: "2026-12-26", band: "weekend" },
  ],
}

// ---- calls --------------------------------------------------------------
function makeCalls(prefixes) {
  const from = Date.UTC(2026, 0, 1)
  const span = Date.UTC(2027, 0, 1) - from
  // a few percent exactly around the DST changes (2026-03-29, 2026-10-25 01:00 UTC)
  const dst = [Date.UTC(2026, 2, 29, 1), Date.UTC(2026, 9, 25, 1)]
  const calls = new Array(CALLS)
  for (let i = 0; i < CALLS; i++) {
    let num
    if (rnd() < 0.95) {
      const p = pick(prefixes)
      num = p + digits(Math.max(0, int(10, 13) - p.length))
    } else {
      num = digits(int(8, 13)) // mostly matches a country row, sometimes no_rate
    }
    const form = rnd()
    if (form < 0.1) num = "+" + num
    else if (form < 0.15) num = "00" + num
    else if (form < 0.2 && num.startsWith("44")) num = "0" + num.slice(2)
    // Switches write CDRs as calls end, so a file is in time order: calls
    // spread evenly over the year with jitter, and a few percent right at the
    // DST changes. --shuffle puts them in random order instead.
    const atMs =
      rnd() < 0.03 ? pick(dst) + int(-7200, 7200) * 1000 : from + Math.floor(((i + rnd() * 50) / CALLS) * span)
    const unanswered = rnd() < 0.12
    calls[i] = {
      direction: "outbound",
      number: flat(num),
      answer_time: unanswered ? null : new Date(atMs),
      start_time: new Date(atMs - 15000),
      billsec: unanswered ? 0 : int(0, 1800),
      disposition: unanswered ? pick(["NO ANSWER", "BUSY", "FAILED"]) : "ANSWERED",
    }
  }
  if (SHUFFLE) {
    for (let i = calls.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1))
      const t = calls[i]
      calls[i] = calls[j]
      calls[j] = t
    }
  }
  return calls
}

// ---- run ----------------------------------------------------------------
function main() {
  const t0 = Date.now()
  const { prefixes, rows } = makeDeck()
  const tc = process.hrtime.bigint()
  const version = engine.compileVersion(
    { id: "rver_bench", number: 1, effective_from: new Date("2025-01-01T00:00:00Z"), effective_to: null },
    rows
  )
  const compileMs = Number(process.hrtime.bigint() - tc) / 1e6
  const card = engine.compileCard(
    {
      id: "rcard_bench",
      name: "Bench",
      kind: "sell",
      currency: "GBP",
      decimals: 4,
      rounding: "half_up",
      direction: "outbound",
      time_profile: PROFILE,
    },
    [version]
  )
  const cards = [card]
  const account = { timezone: "Europe/London", country_code: "44" }
  const calls = makeCalls(prefixes)
  console.log(
    `deck: ${prefixes.length} prefixes, ${rows.length} rows (compiled in ${compileMs.toFixed(0)} ms); ` +
      `calls: ${calls.length} generated in ${((Date.now() - t0) / 1000).toFixed(1)} s`
  )

  function touch() {
    let acc = 0
    for (let i = 0; i < calls.length; i++) {
      const c = calls[i]
      acc += c.billsec + c.number.length + (c.answer_time === null ? 0 : 1)
    }
    return acc
  }
  function lookups() {
    let acc = 0
    for (let i = 0; i < calls.length; i++) {
      const c = calls[i]
      const n = engine.normalizeNumber(c.number, account)
      if (n === null || c.answer_time === null) continue
      const ms = c.answer_time.getTime()
      const v = card.versionAt(ms)
      const band = engine.bandAt(card.profile, ms, account.timezone)
      const row = v.lookup(n, "outbound", band)
      if (row !== null) acc += row.initial_increment
    }
    return acc
  }
  const stats = { rated: 0, exception: 0, seconds: 0, chars: 0 }
  function rateAll() {
    let rated = 0
    let exceptions = 0
    let seconds = 0
    let chars = 0
    for (let i = 0; i < calls.length; i++) {
      const r = engine.rateCall(calls[i], account, cards)
      if (r.status === "rated") {
        rated++
        seconds += r.rated_seconds
        chars += r.charge.length
      } else exceptions++
    }
    stats.rated = rated
    stats.exception = exceptions
    stats.seconds = seconds
    stats.chars = chars
  }
  // Wall time, and this process's CPU time: on a shared machine the gap is
  // time spent descheduled by other work.
  let lastCpu = 0
  const time = (fn) => {
    const c = process.cpuUsage()
    const s = process.hrtime.bigint()
    fn()
    const wall = Number(process.hrtime.bigint() - s) / 1e9
    const used = process.cpuUsage(c)
    lastCpu = (used.user + used.system) / 1e6
    return wall
  }

  // warm-up: let the JIT settle and fill the zone offset cache
  for (let i = 0; i < 2; i++) {
    touch()
    lookups()
  }
  rateAll()

  const results = []
  for (let run = 1; run <= RUNS; run++) {
    const tTouch = time(touch)
    const tLookup = time(lookups)
    const tRate = time(rateAll)
    const cpuRate = lastCpu
    results.push({ tTouch, tLookup, tRate, cpuRate })
    console.log(
      `run ${run}: rateCall ${tRate.toFixed(3)} s = ${Math.round(calls.length / tRate).toLocaleString("en")} calls/s; ` +
        `lookup-only ${tLookup.toFixed(3)} s (${Math.round(calls.length / tLookup).toLocaleString("en")}/s); ` +
        `touch-only ${tTouch.toFixed(3)} s; rateCall/lookup = ${(tRate / tLookup).toFixed(2)}×; ` +
        `rateCall CPU ${cpuRate.toFixed(3)} s; load ${require("os").loadavg()[0].toFixed(2)}`
    )
  }
  const best = results.reduce((a, b) => (b.tRate < a.tRate ? b : a))
  const callsPerSec = calls.length / best.tRate
  console.log(
    `result: rated ${stats.rated}, exceptions ${stats.exception}, rated seconds ${stats.seconds}, charge chars ${stats.chars}`
  )
  console.log(
    JSON.stringify({
      bench: "engine.rateCall",
      calls: calls.length,
      order: SHUFFLE ? "shuffled" : "chronological",
      seconds: Number(best.tRate.toFixed(3)),
      calls_per_second: Math.round(callsPerSec),
      target_calls_per_second: TARGET,
      meets_target: callsPerSec >= TARGET,
      baseline_lookup_seconds: Number(best.tLookup.toFixed(3)),
      baseline_touch_seconds: Number(best.tTouch.toFixed(4)),
      ratio_rate_to_lookup: Number((best.tRate / best.tLookup).toFixed(2)),
      cpu_seconds: Number(best.cpuRate.toFixed(3)),
      load_average_1m: Number(require("os").loadavg()[0].toFixed(2)),
      node: process.version,
    })
  )
}

main()
