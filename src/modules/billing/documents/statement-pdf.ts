/**
 * Account statement PDF: every document and payment of the period with a
 * running balance, the closing balance, and what is owed by age.
 */
import type { Writable } from "stream"
import Decimal from "decimal.js"
import {
  drawFooter,
  drawHeading,
  drawLetterhead,
  drawParties,
  drawRunningHeader,
  drawTotals,
  money,
  Table,
  widths,
} from "./frame"
import { formatDate, formatPeriod, scaleOf } from "./format"
import { openLogo, palette, PdfLayout, renderTo } from "./pdf"
import type { AgingBuckets, PdfRenderOptions, StatementDocument, StatementEntry, StatementEntryType } from "./types"
import { checkCurrencyAndZone, checkDate, checkMoney, checkParties } from "./validate"

export const ENTRY_LABELS: Record<StatementEntryType, string> = {
  invoice: "Invoice",
  payment: "Payment",
  credit_note: "Credit note",
  debit_note: "Debit note",
  write_off: "Written off",
}

export const AGING_LABELS: Array<[keyof AgingBuckets, string]> = [
  ["current", "Current"],
  ["days_1_30", "1–30 days"],
  ["days_31_60", "31–60 days"],
  ["days_61_90", "61–90 days"],
  ["days_over_90", "Over 90 days"],
]

/**
 * The running balance after each entry: opening + Σ debit − Σ credit, exact.
 * Every balance is printed with the largest number of decimals among the
 * amounts (so a 2-decimal currency prints 2 decimals).
 *
 * @example
 * runningBalances("100.00", [
 *   { date: "2026-01-05", type: "invoice", reference: "INV-1", debit: "50.00" },
 *   { date: "2026-01-20", type: "payment", reference: "PAY-1", credit: "120.00" },
 * ]) // ["150.00", "30.00"]
 */
export function runningBalances(opening: string, entries: StatementEntry[]): string[] {
  const scale = Math.max(
    scaleOf(opening),
    ...entries.flatMap((e) => [e.debit, e.credit].filter((x): x is string => x != null).map(scaleOf))
  )
  let bal = new Decimal(opening)
  return entries.map((e) => {
    if (e.debit != null) bal = bal.plus(e.debit)
    if (e.credit != null) bal = bal.minus(e.credit)
    return bal.toFixed(scale)
  })
}

function validateStatement(doc: StatementDocument): string[] {
  checkCurrencyAndZone(doc.currency_code, doc.timezone)
  checkParties(doc.issuer, doc.bill_to)
  checkDate(doc.statement_date, "statement_date")
  checkDate(doc.period_start, "period_start", true)
  checkDate(doc.period_end, "period_end", true)
  checkMoney(doc, ["opening_balance"], ["closing_balance"], "statement")
  if (!doc.aging) throw new Error("aging is required")
  checkMoney(doc.aging, AGING_LABELS.map(([k]) => k), [], "aging")
  if (!Array.isArray(doc.entries)) throw new Error("entries must be an array")
  doc.entries.forEach((e, i) => {
    if (!(e.type in ENTRY_LABELS)) throw new Error(`entries[${i}].type: ${String(e.type)} is not a statement entry type`)
    checkDate(e.date, `entries[${i}].date`)
    checkMoney(e, [], ["debit", "credit"], `entries[${i}]`)
  })
  const balances = runningBalances(doc.opening_balance, doc.entries)
  const closing = balances.length ? balances[balances.length - 1] : doc.opening_balance
  // a closing balance that the entries do not explain is a data error, not something to print
  if (doc.closing_balance != null && !new Decimal(doc.closing_balance).equals(closing)) {
    throw new Error(`closing_balance ${doc.closing_balance} does not equal opening balance + debits − credits (${closing})`)
  }
  return balances
}

/**
 * Renders an account statement as PDF into `out`; resolves when `out` has
 * finished. The running balance is computed here (a positive balance is
 * owed by the account, a negative one is its credit); a `closing_balance`
 * that disagrees with the entries fails the render.
 *
 * @example
 * await renderStatementPdf(statement, fs.createWriteStream("statement.pdf"))
 */
export async function renderStatementPdf(
  doc: StatementDocument,
  out: Writable,
  opts: PdfRenderOptions = {}
): Promise<void> {
  const balances = validateStatement(doc)
  const pal = palette(doc.issuer)
  const tz = doc.timezone
  const cur = doc.currency_code
  const name = `Statement ${formatDate(doc.statement_date, tz)}`
  const l = new PdfLayout(opts, { title: name, author: doc.issuer.legal_name })
  const logo = openLogo(l, doc.issuer.logo)
  const running = `${doc.issuer.legal_name} · ${name} · ${doc.bill_to.name}`
  l.onPage = (p) => {
    if (p.page > 1) drawRunningHeader(p, running)
  }
  l.footer = (p, n, total) => drawFooter(p, running, n, total)
  const closing = balances.length ? balances[balances.length - 1] : doc.opening_balance

  await renderTo(l, out, () => {
    l.addPage()
    drawLetterhead(l, {
      issuer: doc.issuer,
      logo,
      palette: pal,
      title: "Statement",
      subtitle: [`As of ${formatDate(doc.statement_date, tz)}`],
    })
    const meta: Array<[string, string]> = [["Statement date", formatDate(doc.statement_date, tz)]]
    if (doc.period_start && doc.period_end) meta.push(["Period", formatPeriod(doc.period_start, doc.period_end, tz)])
    meta.push(["Currency", cur])
    drawParties(l, doc.bill_to, meta)

    const w = widths(l.width, [1.5, 1.3, 2.4, 2.2, 1.5, 1.5, 1.7])
    const t = new Table(l, [
      { header: "Date", width: w[0] },
      { header: "Type", width: w[1] },
      // a reference identifies a document: wrap it rather than cut it
      { header: "Reference", width: w[2], wrap: 2 },
      { header: "Description", width: w[3], wrap: 2 },
      { header: "Debit", width: w[4], align: "right" },
      { header: "Credit", width: w[5], align: "right" },
      { header: `Balance (${cur})`, width: w[6], align: "right" },
    ], pal)
    t.header()
    t.row(["", "", "", "Opening balance", "", "", money(doc.opening_balance)], { bold: true })
    doc.entries.forEach((e, i) => {
      t.row([
        formatDate(e.date, tz),
        ENTRY_LABELS[e.type],
        e.reference,
        e.description ?? "",
        e.debit != null ? money(e.debit) : "",
        e.credit != null ? money(e.credit) : "",
        money(balances[i]),
      ])
    })
    t.row(["", "", "", "Closing balance", "", "", money(closing)], { bold: true, ruleAbove: true })

    drawHeading(l, "Aging (days past due)", 40)
    const aw = widths(l.width, [1, 1, 1, 1, 1, 1.2])
    const aging = new Table(l, [
      ...AGING_LABELS.map(([, label], i) => ({ header: label, width: aw[i], align: "right" as const })),
      { header: `Total (${cur})`, width: aw[5], align: "right" },
    ], pal)
    aging.header()
    const values = AGING_LABELS.map(([k]) => doc.aging[k])
    const scale = Math.max(...values.map(scaleOf))
    const sum = values.reduce((a, v) => a.plus(v), new Decimal(0))
    aging.row([...values.map(money), money(sum.toFixed(scale))])

    l.y += 6
    drawTotals(l, [{ label: `Balance due (${cur})`, value: money(closing), bold: true, color: pal.accentText }], 10)
    for (const n of doc.notes ?? []) {
      l.y += 4
      l.paragraph(n, { size: 8.5 })
    }
    l.finishBufferedPages(l.page)
  })
}
