import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { billedBySql, unbilledSql } from "../../../../modules/metering/billing-queries"
import type { AdminGetUsageParamsType } from "./validators"

/**
 * Read-only SQL of the usage explorer. Calls arrive by the million through
 * COPY, so the explorer reads them the same way: one paged query joined to
 * the rate row each call matched (its trace), and totals for the whole
 * filter from SQL aggregates — money summed as numeric and returned as
 * exact decimal strings, never through a JS number.
 */

export type UsageFilters = Omit<AdminGetUsageParamsType, "offset" | "limit">

/** A rated call with its trace, as the explorer returns it. */
export type UsageCall = Record<string, unknown> & { trace: UsageTrace }

/** How a call was rated, from the matched rate row and card; every amount an exact string. */
export type UsageTrace = {
  card_id: string | null
  card: string | null
  card_name: string | null
  card_code: string | null
  version_id: string | null
  version: number | null
  version_number: number | null
  rate_id: string | null
  prefix: string | null
  destination: string | null
  destination_group: string | null
  band: string | null
  rate: string | null
  connect_fee: string | null
  per_call: string | null
  initial_increment: number | null
  subsequent_increment: number | null
  grace: number | null
  decimals: number | null
  rounding: string | null
  billsec: number
  rated_seconds: number
  charge: string
  currency: string
  cost: string | null
  cost_currency: string | null
  cost_card_id: string | null
  cost_card: string | null
  cost_card_code: string | null
  carrier: string | null
  summary: string
}

export type UsageTotals = {
  calls: number
  billsec: number
  billed_seconds: number
  rated_seconds: number
  /** billsec / 60, two decimals (half up) */
  minutes: string
  /** rated_seconds / 60, two decimals (half up) */
  rated_minutes: string
  charge: { currency: string; amount: string; calls: number }[]
  cost: { currency: string; amount: string; calls: number }[]
}

const CALL_COLUMNS = [
  "id",
  "source",
  "call_id",
  "account_id",
  "account_code",
  "direction",
  "caller",
  "callee",
  "number",
  "answer_time",
  "start_time",
  "end_time",
  "duration",
  "billsec",
  "disposition",
  "campaign",
  "agent",
  "queue",
  "trunk",
  "carrier",
  "rate_card_id",
  "rate_card_version_id",
  "version_number",
  "rate_id",
  "prefix",
  "destination",
  "destination_group",
  "band",
  "rated_seconds",
  "currency",
  "cost_currency",
  "cost_rate_card_id",
  "rated_at",
  "import_job_id",
  "line",
  "request_id",
  "metadata",
  "created_at",
]

/** Escapes LIKE's wildcards so a typed prefix matches literally. */
const likePrefix = (s: string) => `${s.replace(/[\\%_]/g, (m) => `\\${m}`)}%`

/**
 * The explorer's filters on `call_billing_call as c`.
 *
 * @example
 * knex("call_billing_call as c").modify(applyUsageFilters, { campaign: ["spring-offer"], status: "rated" })
 */
export function applyUsageFilters(qb: Knex.QueryBuilder, f: UsageFilters): void {
  qb.whereNull("c.deleted_at")
  if (f.account_id?.length) qb.whereIn("c.account_id", f.account_id)
  // an unanswered call has no answer time: its period is its start
  if (f.from) qb.whereRaw("coalesce(c.answer_time, c.start_time) >= ?", [f.from])
  if (f.to) qb.whereRaw("coalesce(c.answer_time, c.start_time) < ?", [f.to])
  if (f.campaign?.length) qb.whereIn("c.campaign", f.campaign)
  if (f.agent?.length) qb.whereIn("c.agent", f.agent)
  if (f.disposition?.length) qb.whereIn("c.disposition", f.disposition)
  if (f.source?.length) qb.whereIn("c.source", f.source)
  if (f.direction) qb.where("c.direction", f.direction)
  if (f.import_job_id?.length) qb.whereIn("c.import_job_id", f.import_job_id)
  if (f.status === "rated") qb.whereRaw(unbilledSql("c"))
  if (f.status === "invoiced") qb.whereRaw(`NOT ${unbilledSql("c")}`)
  if (f.q) {
    const q = f.q
    const digits = q.replace(/[\s+()\-.]/g, "")
    qb.where((w) => {
      w.where("c.call_id", q).orWhere("c.call_id", "like", likePrefix(q))
      if (/^\d+$/.test(digits)) w.orWhere("c.number", "like", likePrefix(digits))
    })
  }
}

/**
 * One page of calls (newest answer first; unanswered calls last), each with
 * its trace, and the totals of the whole filter.
 *
 * @example
 * const { calls, count, totals } = await listUsage(knex, { campaign: ["spring-offer"] }, { offset: 0, limit: 50 })
 */
export async function listUsage(
  knex: Knex,
  filters: UsageFilters,
  page: { offset: number; limit: number }
): Promise<{ calls: UsageCall[]; count: number; totals: UsageTotals }> {
  const pageQuery = knex("call_billing_call as c")
    .modify(applyUsageFilters, filters)
    .select("c.*")
    .orderByRaw("c.answer_time DESC NULLS LAST, c.id DESC")
    .offset(page.offset)
    .limit(page.limit)
  const [rows, totals] = await Promise.all([
    withTrace(knex, knex.from(pageQuery.as("c"))).orderByRaw("c.answer_time DESC NULLS LAST, c.id DESC"),
    usageTotals(knex, filters),
  ])
  return { calls: rows.map(toCall), count: totals.calls, totals }
}

/**
 * One call with its trace, or null.
 *
 * @example
 * const call = await retrieveUsage(knex, "call_01J…")
 */
export async function retrieveUsage(knex: Knex, id: string): Promise<UsageCall | null> {
  const [row] = await withTrace(knex, knex.from("call_billing_call as c").where("c.id", id).whereNull("c.deleted_at"))
  return row ? toCall(row) : null
}

/**
 * Totals of every call the filter selects: counts and seconds (exact
 * integers), charge and cost per currency as SQL numeric sums (text).
 *
 * @example
 * const totals = await usageTotals(knex, { account_id: ["bacc_…"], from: new Date("2026-03-01") })
 * // { calls: 21, billsec: 2163, minutes: "36.05", charge: [{ currency: "USD", amount: "1.6408", calls: 21 }], … }
 */
export async function usageTotals(knex: Knex, filters: UsageFilters): Promise<UsageTotals> {
  const base = () => knex("call_billing_call as c").modify(applyUsageFilters, filters)
  const [byCurrency, byCostCurrency] = await Promise.all([
    base()
      .select(
        "c.currency",
        knex.raw("count(*)::text AS calls"),
        knex.raw("coalesce(sum(c.billsec), 0)::text AS billsec"),
        knex.raw("coalesce(sum(c.rated_seconds), 0)::text AS rated_seconds"),
        knex.raw("sum(c.charge)::text AS amount")
      )
      .groupBy("c.currency")
      .orderBy("c.currency"),
    base()
      .whereNotNull("c.cost")
      .select(
        knex.raw("c.cost_currency AS currency"),
        knex.raw("count(*)::text AS calls"),
        knex.raw("sum(c.cost)::text AS amount")
      )
      .groupBy("c.cost_currency")
      .orderBy("c.cost_currency"),
  ])
  let calls = 0n
  let billsec = 0n
  let rated = 0n
  for (const r of byCurrency) {
    calls += BigInt(r.calls)
    billsec += BigInt(r.billsec)
    rated += BigInt(r.rated_seconds)
  }
  return {
    calls: Number(calls),
    billsec: Number(billsec),
    billed_seconds: Number(billsec),
    rated_seconds: Number(rated),
    minutes: minutes(billsec),
    rated_minutes: minutes(rated),
    charge: byCurrency.map((r: any) => ({ currency: r.currency, amount: r.amount, calls: Number(r.calls) })),
    cost: byCostCurrency.map((r: any) => ({ currency: r.currency, amount: r.amount, calls: Number(r.calls) })),
  }
}

/** Seconds as minutes with two decimals, half up, exactly. */
export function minutes(seconds: bigint): string {
  const hundredths = (seconds * 100n * 2n + 60n) / 120n
  return `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, "0")}`
}

function withTrace(knex: Knex, from: Knex.QueryBuilder) {
  return from
    .leftJoin("call_billing_rate as r", "r.id", "c.rate_id")
    .leftJoin("call_billing_rate_card as rc", "rc.id", "c.rate_card_id")
    .leftJoin("call_billing_rate_card as cc", "cc.id", "c.cost_rate_card_id")
    .leftJoin("call_billing_billing_account as a", "a.id", "c.account_id")
    .select(
      ...CALL_COLUMNS.map((col) => `c.${col}`),
      // the document that billed the call, or null
      knex.raw(`${billedBySql("c")} AS invoice_id`),
      knex.raw("c.charge::text AS charge"),
      knex.raw("c.cost::text AS cost"),
      knex.raw("a.name AS account_name"),
      knex.raw("r.destination AS rate_destination"),
      knex.raw("r.destination_group AS rate_destination_group"),
      knex.raw("r.prefix AS rate_prefix"),
      knex.raw("r.band AS rate_band"),
      knex.raw("r.rate::text AS rate_rate"),
      knex.raw("r.connect_fee::text AS rate_connect_fee"),
      knex.raw("r.per_call::text AS rate_per_call"),
      knex.raw("r.initial_increment AS rate_initial_increment"),
      knex.raw("r.subsequent_increment AS rate_subsequent_increment"),
      knex.raw("r.grace AS rate_grace"),
      knex.raw("rc.code AS card_code"),
      knex.raw("rc.name AS card_name"),
      knex.raw("rc.decimals AS card_decimals"),
      knex.raw("rc.rounding AS card_rounding"),
      knex.raw("cc.code AS cost_card_code"),
      knex.raw("cc.name AS cost_card_name"),
      knex.raw("cc.carrier AS cost_card_carrier")
    )
}

function toCall(row: any): UsageCall {
  const call: Record<string, unknown> = {}
  for (const col of CALL_COLUMNS) call[col] = row[col]
  call.invoice_id = row.invoice_id
  call.charge = row.charge
  call.cost = row.cost
  call.account_name = row.account_name ?? null
  call.status = row.invoice_id ? "invoiced" : "rated"
  const trace: Omit<UsageTrace, "summary"> = {
    card_id: row.rate_card_id,
    card: row.card_name ?? null,
    card_name: row.card_name ?? null,
    card_code: row.card_code ?? null,
    version_id: row.rate_card_version_id,
    version: row.version_number,
    version_number: row.version_number,
    rate_id: row.rate_id,
    prefix: row.prefix ?? row.rate_prefix ?? null,
    destination: row.destination ?? row.rate_destination ?? null,
    destination_group: row.destination_group ?? row.rate_destination_group ?? null,
    // the band the call fell in; a rate row for any band has ""
    band: row.band ?? null,
    rate: row.rate_rate ?? null,
    connect_fee: row.rate_connect_fee ?? null,
    per_call: row.rate_per_call ?? null,
    initial_increment: row.rate_initial_increment ?? null,
    subsequent_increment: row.rate_subsequent_increment ?? null,
    grace: row.rate_grace ?? null,
    decimals: row.card_decimals ?? null,
    rounding: row.card_rounding ?? null,
    billsec: row.billsec,
    rated_seconds: row.rated_seconds,
    charge: row.charge,
    currency: row.currency,
    cost: row.cost,
    cost_currency: row.cost_currency,
    cost_card_id: row.cost_rate_card_id,
    cost_card: row.cost_card_name ?? null,
    cost_card_code: row.cost_card_code ?? null,
    carrier: row.carrier ?? row.cost_card_carrier ?? null,
  }
  return { ...call, trace: { ...trace, summary: summarize(row, trace) } } as UsageCall
}

const isZero = (v: string | null) => v == null || /^0*(\.0*)?$/.test(v)

/** The trace in one English sentence (the admin phrases its own, translated). */
function summarize(row: any, t: Omit<UsageTrace, "summary">): string {
  const parts: string[] = []
  if (t.prefix) {
    const dest = t.destination ? ` "${t.destination}"` : ""
    const card = t.card_name ? ` in card "${t.card_name}"${t.card_code ? ` (${t.card_code})` : ""}` : ""
    const version = t.version_number != null ? ` v${t.version_number}` : ""
    parts.push(`${row.number} matched ${t.prefix}${dest}${card}${version}${t.band ? `, band ${t.band}` : ""}`)
  } else {
    parts.push(`${row.number} was not billed by a rate row`)
  }
  if (t.rate != null) {
    const steps = `${t.initial_increment}/${t.subsequent_increment}${t.grace ? `, ${t.grace} s grace` : ""}`
    const fees = [
      isZero(t.connect_fee) ? null : `connect ${t.connect_fee}`,
      isZero(t.per_call) ? null : `per call ${t.per_call}`,
    ].filter(Boolean)
    parts.push(`${t.billsec} s billed as ${t.rated_seconds} s (${steps}) at ${t.rate}/min${fees.length ? ` + ${fees.join(" + ")}` : ""}`)
  }
  parts.push(`charge ${t.charge} ${t.currency}`)
  if (t.cost != null) {
    const who = t.cost_card ?? t.carrier
    parts.push(`cost ${t.cost} ${t.cost_currency ?? t.currency}${who ? ` (${who})` : ""}`)
  }
  return parts.join("; ")
}
