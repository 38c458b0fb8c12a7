#!/usr/bin/env node
/**
 * Invoice PDF with an itemised call statement of 100,000 calls, written to a
 * file, as production does it (compressed, calls read one at a time from an
 * async iterable, the way a DB cursor hands them over). Target: < 30 s.
 *
 *   node bench/invoice-pdf.bench.js [--calls 100000] [--keep]
 *
 * Printed: wall and CPU time, pages, bytes, peak RSS while rendering (sampled)
 * and the process's peak RSS (which includes the generated calls), plus in
 * the same run:
 *  - baseline: the same rows as plain text lines, one pdfkit `text()` call per
 *    row, no table layout (what pdfkit itself costs for this much text);
 *  - the CSV and XLSX exports of the same calls.
 * `pdf / baseline` shows what the table layout costs on top of pdfkit.
 * Calls are generated before timing with a seeded PRNG (deterministic).
 *
 * The renderers are TypeScript; bench/lib/engine-ts-hook.js transpiles any
 * .ts file on require, so the bench measures the same source the tests run.
 */
"use strict"
require("./lib/engine-ts-hook")
const fs = require("fs")
const os = require("os")
const path = require("path")
const PDFDocument = require("pdfkit")
const docs = require(path.join(__dirname, "..", "src", "modules", "billing", "documents"))

const args = process.argv.slice(2)
function arg(name, dflt) {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? Number(args[i + 1]) : dflt
}
const CALLS = arg("calls", 100_000)
const KEEP = args.includes("--keep")
const TARGET_SECONDS = 30
const TZ = "Europe/London"

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
const rnd = prng(20260201)
const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1))
const pick = (arr) => arr[Math.floor(rnd() * arr.length)]
const digits = (n) => {
  let s = ""
  for (let i = 0; i < n; i++) s += String.fromCharCode(48 + Math.floor(rnd() * 10))
  return s
}

const DESTS = [
  ["44", "United Kingdom", 9, "0.010000"],
  ["447", "United Kingdom Mobile", 9, "0.025000"],
  ["33", "France", 9, "0.012000"],
  ["336", "France Mobile", 8, "0.030000"],
  ["49", "Germany", 10, "0.011000"],
  ["4915", "Germany Mobile", 9, "0.045000"],
  ["1", "United States", 10, "0.008000"],
  ["91", "India", 10, "0.018500"],
  ["81", "Japan 東京", 9, "0.060000"],
  ["48", "Poland Łódź", 9, "0.014000"],
  ["882", "International Networks (satellite and premium rate services, long name)", 8, "1.250000"],
]

/** charge = rate × r / 60 rounded half-up to 4 decimals, exactly (BigInt, rate × 10^6) */
function charge(rate, rated) {
  const num = BigInt(rate.replace(".", "")) * BigInt(rated)
  const den = 60n * 100n // 10^6 rate scale → 10^4 charge scale
  const v = (2n * num + den) / (2n * den)
  const s = v.toString().padStart(5, "0")
  return `${s.slice(0, -4)}.${s.slice(-4)}`
}

function makeCalls(n) {
  const from = Date.UTC(2026, 0, 1)
  const span = Date.UTC(2026, 1, 1) - from
  const out = new Array(n)
  for (let i = 0; i < n; i++) {
    const [prefix, name, len, rate] = pick(DESTS)
    const answered = rnd() >= 0.1
    const billsec = answered ? int(1, 1800) : 0
    const [ini, sub] = prefix === "882" ? [60, 60] : [30, 6]
    const rated = billsec === 0 ? 0 : billsec <= ini ? ini : ini + Math.ceil((billsec - ini) / sub) * sub
    out[i] = {
      answer_time: answered ? new Date(from + Math.floor(((i + rnd()) / n) * span)) : null,
      caller_id: `+44207946${digits(4)}`,
      destination: prefix + digits(len),
      destination_name: name,
      duration: billsec,
      rated_seconds: rated,
      rate: answered ? rate : null,
      charge: answered ? charge(rate, rated) : "0.0000",
    }
  }
  return out
}

async function* cursor(calls) {
  for (const c of calls) yield c
}

function invoiceDoc(n) {
  return {
    kind: "invoice",
    number: "NW-2026-000042",
    status: "finalized",
    currency_code: "GBP",
    timezone: TZ,
    issue_date: "2026-02-01",
    due_date: "2026-03-03",
    period_start: "2026-01-01",
    period_end: "2026-02-01",
    issuer: {
      legal_name: "Northwind Voice Ltd",
      address_lines: ["1 Harbour Street", "London E1 1AA", "United Kingdom"],
      tax_id: "GB123456789",
    },
    bill_to: { name: "Acme Contact Centre Ltd", code: "ACME01", address_lines: ["2 Market Square", "Leeds LS1 1AA"] },
    lines: [
      { description: "Agent seats (Pro plan)", quantity: "250", unit_price: "19.00", amount: "4750.00" },
      {
        description: "Outbound calls",
        quantity: "1500000",
        unit_price: null,
        amount: "41234.56",
        details: { included_minutes: "100000", billable_minutes: "1400000" },
      },
    ],
    taxes: [{ name: "VAT", rate: "0.2", taxable_amount: "45984.56", amount: "9196.91" }],
    subtotal: "45984.56",
    tax_total: "9196.91",
    total: "55181.47",
    amount_paid: "0.00",
    amount_due: "55181.47",
    payment_terms: "Net 30.",
    call_count: n,
  }
}

/** Baseline: one pdfkit text() per row, fixed line height, a new page when full; no table layout. */
async function baseline(calls, file) {
  const doc = new PDFDocument({ size: "A4", margin: 40 })
  const out = fs.createWriteStream(file)
  doc.pipe(out)
  doc.font("Helvetica").fontSize(7)
  let y = 40
  for (const c of calls) {
    if (y > 790) {
      doc.addPage()
      y = 40
      // let the file stream drain, as the real renderer does between pages
      await new Promise((r) => setImmediate(r))
    }
    const t = c.answer_time ? c.answer_time.toISOString() : "-"
    doc.text(
      `${t}  ${c.caller_id}  ${c.destination}  ${c.destination_name}  ${c.duration}  ${c.rated_seconds}  ${c.rate ?? ""}  ${c.charge}`,
      40,
      y,
      { lineBreak: false }
    )
    y += 10.5
  }
  doc.end()
  await new Promise((r, j) => out.on("finish", r).on("error", j))
  return doc.bufferedPageRange().start + doc.bufferedPageRange().count
}

async function timed(fn) {
  const c = process.cpuUsage()
  const s = process.hrtime.bigint()
  const result = await fn()
  const wall = Number(process.hrtime.bigint() - s) / 1e9
  const used = process.cpuUsage(c)
  return { wall, cpu: (used.user + used.system) / 1e6, result }
}

function countPages(file) {
  // page dictionaries are never compressed: count "/Type /Page" not followed by "s"
  const s = fs.readFileSync(file, "latin1")
  return (s.match(/\/Type \/Page(?!s)/g) || []).length
}

async function main() {
  const t0 = Date.now()
  const calls = makeCalls(CALLS)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "invoice-pdf-bench-"))
  const files = {
    pdf: path.join(dir, "invoice.pdf"),
    baseline: path.join(dir, "baseline.pdf"),
    csv: path.join(dir, "calls.csv"),
    xlsx: path.join(dir, "calls.xlsx"),
  }
  global.gc?.()
  const rssBefore = process.memoryUsage().rss
  console.log(
    `calls: ${calls.length} generated in ${((Date.now() - t0) / 1000).toFixed(1)} s; rss before rendering ${(rssBefore / 1e6).toFixed(0)} MB`
  )

  // warm-up: JIT, fonts, zone cache
  await docs.renderInvoicePdf(invoiceDoc(500), fs.createWriteStream(path.join(dir, "warm.pdf")), { calls: cursor(calls.slice(0, 500)) })

  let peak = 0
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10)
  const pdf = await timed(() => docs.renderInvoicePdf(invoiceDoc(calls.length), fs.createWriteStream(files.pdf), { calls: cursor(calls) }))
  clearInterval(sampler)
  peak = Math.max(peak, process.memoryUsage().rss)
  const maxRssProcess = process.resourceUsage().maxRSS * 1024
  const pages = countPages(files.pdf)
  const bytes = fs.statSync(files.pdf).size
  console.log(
    `pdf: ${pdf.wall.toFixed(2)} s (CPU ${pdf.cpu.toFixed(2)} s), ${pages} pages, ${(bytes / 1e6).toFixed(1)} MB, ` +
      `${Math.round(calls.length / pdf.wall).toLocaleString("en")} calls/s; peak RSS while rendering ${(peak / 1e6).toFixed(0)} MB ` +
      `(+${((peak - rssBefore) / 1e6).toFixed(0)} MB over the generated calls), process peak ${(maxRssProcess / 1e6).toFixed(0)} MB`
  )

  const base = await timed(() => baseline(calls, files.baseline))
  console.log(
    `baseline (pdfkit text() per row, no layout): ${base.wall.toFixed(2)} s (CPU ${base.cpu.toFixed(2)} s), ${base.result} pages, ` +
      `${(fs.statSync(files.baseline).size / 1e6).toFixed(1)} MB; pdf / baseline = ${(pdf.wall / base.wall).toFixed(2)}×`
  )

  const csv = await timed(() => docs.writeCallStatementCsv(cursor(calls), fs.createWriteStream(files.csv), { timezone: TZ }))
  console.log(`csv: ${csv.wall.toFixed(2)} s (CPU ${csv.cpu.toFixed(2)} s), ${(fs.statSync(files.csv).size / 1e6).toFixed(1)} MB; pdf / csv = ${(pdf.wall / csv.wall).toFixed(2)}×`)

  let xpeak = 0
  const xsampler = setInterval(() => (xpeak = Math.max(xpeak, process.memoryUsage().rss)), 10)
  const xlsx = await timed(() =>
    docs.writeCallStatementXlsx(cursor(calls), fs.createWriteStream(files.xlsx), { timezone: TZ, currency: "GBP", sheetName: "Calls January 2026" })
  )
  clearInterval(xsampler)
  console.log(
    `xlsx: ${xlsx.wall.toFixed(2)} s (CPU ${xlsx.cpu.toFixed(2)} s), ${(fs.statSync(files.xlsx).size / 1e6).toFixed(1)} MB; ` +
      `peak RSS ${(xpeak / 1e6).toFixed(0)} MB`
  )

  if (KEEP) console.log(`files kept in ${dir}`)
  else fs.rmSync(dir, { recursive: true, force: true })

  console.log(
    JSON.stringify({
      bench: "documents.invoice_pdf",
      calls: calls.length,
      seconds: Number(pdf.wall.toFixed(3)),
      cpu_seconds: Number(pdf.cpu.toFixed(3)),
      pages,
      bytes,
      peak_rss_mb: Math.round(peak / 1e6),
      rss_before_mb: Math.round(rssBefore / 1e6),
      target_seconds: TARGET_SECONDS,
      meets_target: pdf.wall < TARGET_SECONDS,
      baseline_text_seconds: Number(base.wall.toFixed(3)),
      ratio_pdf_to_baseline: Number((pdf.wall / base.wall).toFixed(2)),
      csv_seconds: Number(csv.wall.toFixed(3)),
      xlsx_seconds: Number(xlsx.wall.toFixed(3)),
      xlsx_peak_rss_mb: Math.round(xpeak / 1e6),
      load_average_1m: Number(os.loadavg()[0].toFixed(2)),
      node: process.version,
    })
  )
  if (pdf.wall >= TARGET_SECONDS) process.exitCode = 1
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : e)
  process.exit(1)
})
