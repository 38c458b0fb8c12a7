// Realistic generic CDR files for the usage benchmark and the guarantee tests:
// a few tenants on the demo rating world (src/scripts/seed-demo.ts), callees
// drawn from the prefixes of each tenant's own cards (~1,300 on the GBP retail
// card), a month of calls in business-hours-heavy times, ~15% unanswered, two
// carriers, a few agents/queues/campaigns. Deterministic for a seed; written
// in chunks so a 1,000,000-line file never sits in memory.
//
//   const { writeCdrFile, tenantsFromDb } = require("./usage-data")
//   const tenants = await tenantsFromDb(pgClient)            // after seed-demo
//   await writeCdrFile("/tmp/cdrs.csv", { lines: 1e6, tenants, prefix: "b1-" })
"use strict"

const fs = require("fs")

const HEADER = "call_id,account,direction,caller,callee,answer_time,start_time,end_time,duration,billsec,disposition,campaign,agent,queue,trunk,carrier"

/** A small, fast, seeded PRNG (mulberry32). */
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

/**
 * The tenants of the demo world with the prefixes their calls can go to: the
 * outbound prefixes of every sell card assigned to them (or the system's),
 * and the inbound (toll-free) ones. Reads the rating tables directly.
 * @param {{ query(sql: string, params?: unknown[]): Promise<{ rows: any[] }> }} client a connected pg client
 */
async function tenantsFromDb(client) {
  const { rows: accounts } = await client.query(
    "SELECT id, code, currency_code, country_code FROM call_billing_billing_account WHERE deleted_at IS NULL ORDER BY code"
  )
  const prefixes = async (accountId, direction) => {
    const { rows } = await client.query(
      `SELECT DISTINCT r.prefix
         FROM call_billing_card_assignment a
         JOIN call_billing_rate_card c ON c.id = a.rate_card_id AND c.deleted_at IS NULL
         JOIN call_billing_rate_card_version v ON v.rate_card_id = c.id AND v.status = 'published' AND v.deleted_at IS NULL
         JOIN call_billing_rate r ON r.version_id = v.id AND r.deleted_at IS NULL
        WHERE a.deleted_at IS NULL AND a.direction = $2 AND (a.account_id = $1 OR a.scope = 'system')
          AND c.currency_code = (SELECT currency_code FROM call_billing_billing_account WHERE id = $1)
        ORDER BY 1`,
      [accountId, direction]
    )
    return rows.map((r) => r.prefix)
  }
  const out = []
  for (const a of accounts) {
    out.push({ code: a.code, outbound: await prefixes(a.id, "outbound"), inbound: await prefixes(a.id, "inbound") })
  }
  return out
}

const pad2 = (n) => (n < 10 ? "0" + n : "" + n)
const iso = (ms) => {
  const d = new Date(ms)
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}T${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}Z`
}

/**
 * Writes `lines` calls (plus the header) to `file`. Tenants get 60/25/15% of
 * the calls (in list order), 5% of each tenant's calls are inbound to a
 * toll-free prefix when it has one.
 * @returns {Promise<{ bytes: number, lines: number, prefixes: number }>}
 */
async function writeCdrFile(file, { lines, tenants, seed = 20260301, idPrefix = "c", month = "2026-03" }) {
  if (!tenants.length) throw new Error("no tenants to generate calls for")
  const rnd = rng(seed)
  const weights = tenants.map((_, i) => [0.6, 0.25, 0.15][i] ?? 0.1)
  const total = weights.reduce((a, b) => a + b, 0)
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)]
  const campaigns = ["spring-offer", "renewals", "win-back", "survey", ""]
  const queues = ["sales", "support", "billing", "retention"]
  const start = Date.parse(`${month}-01T00:00:00Z`)
  const days = 28
  const out = fs.createWriteStream(file, { highWaterMark: 1 << 20 })
  const write = (s) => (out.write(s) ? null : new Promise((r) => out.once("drain", r)))
  await write(HEADER + "\n")
  let chunk = ""
  for (let n = 1; n <= lines; n++) {
    let w = rnd() * total
    let t = 0
    while (t < tenants.length - 1 && (w -= weights[t]) > 0) t++
    const tenant = tenants[t]
    const inbound = tenant.inbound.length > 0 && rnd() < 0.05
    const prefix = pick(inbound ? tenant.inbound : tenant.outbound)
    // a full E.164 number: the prefix and enough digits for 11–12 digits in all
    let digits = prefix
    const len = 11 + Math.floor(rnd() * 2)
    while (digits.length < len) digits += Math.floor(rnd() * 10)
    const caller = `+${tenant.code === "SUNRISE" ? "1212555" : "4420794"}${String(Math.floor(rnd() * 10000)).padStart(4, "0")}`
    // business hours are busier: two thirds of calls between 08:00 and 19:00 UTC
    const day = Math.floor(rnd() * days)
    const secOfDay = rnd() < 0.66 ? 8 * 3600 + Math.floor(rnd() * 11 * 3600) : Math.floor(rnd() * 86400)
    const startMs = start + day * 86400000 + secOfDay * 1000
    const ring = 3 + Math.floor(rnd() * 20)
    const answered = rnd() >= 0.15
    const billsec = answered ? 1 + Math.floor(-Math.log(1 - rnd()) * 180) : 0
    const duration = ring + billsec
    const answer = answered ? iso(startMs + ring * 1000) : ""
    const end = iso(startMs + duration * 1000)
    chunk +=
      `${idPrefix}${n},${tenant.code},${inbound ? "inbound" : "outbound"},${caller},+${digits},` +
      `${answer},${iso(startMs)},${end},${duration},${billsec},${answered ? "ANSWERED" : "NO ANSWER"},` +
      `${pick(campaigns)},agent-${String(1 + Math.floor(rnd() * 40)).padStart(2, "0")},${pick(queues)},sip-trunk-${1 + Math.floor(rnd() * 2)},${rnd() < 0.5 ? "carrier-a" : "carrier-b"}\n`
    if (chunk.length > 1 << 20) {
      await write(chunk)
      chunk = ""
    }
  }
  if (chunk) await write(chunk)
  await new Promise((resolve, reject) => out.end((e) => (e ? reject(e) : resolve())))
  return { bytes: fs.statSync(file).size, lines, prefixes: new Set(tenants.flatMap((t) => [...t.outbound, ...t.inbound])).size }
}

module.exports = { HEADER, rng, tenantsFromDb, writeCdrFile }
