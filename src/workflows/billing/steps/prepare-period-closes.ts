import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import Decimal from "decimal.js"
import { BILLING_MODULE } from "../../../modules/billing"
import {
  BundleConsumer,
  calculateInvoice,
  closesAt,
  localDateOf,
  nextPeriod,
  periodBoundsUtc,
  periodContaining,
  type BillingCycle,
  type InvoiceCalculation,
  type InvoiceInput,
  type MinuteBundle,
  type Period,
  type TaxInput,
  type UsageGroupInput,
} from "../../../modules/billing/calc"
import type BillingModuleService from "../../../modules/billing/service"
import type { DraftDocument, PeriodCloseRecord, SubscriptionUpdate } from "../../../modules/billing/types"
import { METERING_MODULE } from "../../../modules/metering"
import type { CallsPageKey, PeriodWindow, UsageGroupRow, UsageWindow, WindowUsage } from "../../../modules/metering/billing-queries"
import type MeteringModuleService from "../../../modules/metering/service"
import { RATING_MODULE } from "../../../modules/rating"
import type RatingModuleService from "../../../modules/rating/service"
import { exact, toSubscriptionInput, type StoredPlan, type StoredSubscription } from "../utils/close-inputs"

export type PreparePeriodClosesInput = {
  /** only these accounts (default: every account not closed) */
  account_ids?: string[]
  /** close periods whose close time (end + grace) is at or before this moment; default now */
  as_of?: string | Date
  /** accounts per run (the job loops); default 250 */
  limit?: number
  /** skip accounts with an id ≤ this (paging by id) */
  after_id?: string | null
}

export type PreparedClose = {
  record: PeriodCloseRecord
  /**
   * the calls this close accounts for (and, from `events_from`, the meter
   * events), what it counted of them, and the document that takes them
   */
  windows: Array<PeriodWindow & { late: boolean; events_from: Date | null; expected: WindowUsage }>
  auto_finalize: boolean
  /** the account's code, for what is reported */
  code: string
}

export type PreparePeriodClosesOutput = {
  closes: PreparedClose[]
  skipped: Array<{ account_id: string; code: string; reason: string }>
  /** accounts whose oldest open period is not due yet: that period and when it closes (end + grace) */
  not_due: Array<{ account_id: string; period_start: string; period_end: string; closes_at: string }>
  /** the last account id looked at, for paging; null when there are no more */
  last_id: string | null
}

const EPOCH = new Date("1970-01-01T00:00:00Z")
/** Money converted between currencies: exact (64 digits, the library's 20 could round) and never in exponent notation, which the calculator refuses. */
const Exact = Decimal.clone({ precision: 64, toExpNeg: -1000, toExpPos: 1000 })
/** Rows by their account, in their order. */
function byAccount<T extends { account_id: string }>(rows: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>()
  for (const r of rows) {
    const list = out.get(r.account_id)
    if (list) list.push(r)
    else out.set(r.account_id, [r])
  }
  return out
}

/** calls per page when bundles are consumed */
const BUNDLE_PAGE = 10_000

/** The usage groups to invoice: not the calls a prepaid wallet paid for. */
const invoiced = (rows: UsageGroupRow[] | undefined): UsageGroupRow[] => (rows ?? []).filter((g) => !g.wallet_paid)

/** Calls, seconds and stored charges of a window's usage groups (whatever their currency), and its meter events and their quantity: what marking must find again. */
const counted = (rows: UsageGroupRow[], metrics: Array<{ events: number; quantity: string }>): WindowUsage => ({
  calls: rows.reduce((n, g) => n + g.calls, 0),
  rated_seconds: rows.reduce((n, g) => n + g.rated_seconds, 0),
  amount: rows.reduce((s, g) => s.plus(g.amount), new Decimal(0)).toString(),
  events: metrics.reduce((n, m) => n + m.events, 0),
  quantity: metrics.reduce((s, m) => s.plus(m.quantity), new Decimal(0)).toString(),
})

export const preparePeriodClosesStepId = "prepare-period-closes"
/**
 * Reads and calculates (writes nothing): for each account whose oldest open
 * period is due (end + grace ≤ as_of), the period's subscription state,
 * usage aggregates (one SQL GROUP BY for the whole batch), bundles consumed
 * call by call, peak concurrency, meter-event totals, tax, carried amounts
 * and credit — and runs the invoice calculator. Late usage for closed
 * periods becomes a debit note or joins this period (account `late_usage`).
 *
 * @example
 * const { closes, skipped } = preparePeriodClosesStep({ as_of: "2026-12-01T02:00:00Z", limit: 250 })
 */
export const preparePeriodClosesStep = createStep(
  preparePeriodClosesStepId,
  async (input: PreparePeriodClosesInput, { container }) => {
    const billing: BillingModuleService = container.resolve(BILLING_MODULE)
    const metering: MeteringModuleService = container.resolve(METERING_MODULE)
    const rating: RatingModuleService = container.resolve(RATING_MODULE)
    const asOf = input.as_of ? new Date(input.as_of) : new Date()
    const limit = input.limit ?? 250

    const accounts = await billing.listBillingAccounts(
      {
        status: ["active", "suspended"],
        ...(input.account_ids ? { id: input.account_ids } : {}),
        ...(input.after_id ? { id: { ...(input.account_ids ? { $in: input.account_ids } : {}), $gt: input.after_id } } : {}),
      },
      { order: { id: "ASC" }, take: limit }
    )
    const out: PreparePeriodClosesOutput = { closes: [], skipped: [], not_due: [], last_id: accounts.length === limit ? accounts[accounts.length - 1].id : null }
    if (!accounts.length) return new StepResponse(out)
    const ids = accounts.map((a) => a.id)

    const [periods, subs, entities, taxProfiles] = await Promise.all([
      billing.listBillingPeriods({ account_id: ids }, { select: ["id", "account_id", "period_start", "period_end", "outcome", "amount", "carried_into_period_id"] }),
      billing.listSubscriptions({ account_id: ids }, { relations: ["changes"], order: { start_date: "DESC" } }),
      billing.listIssuingEntities({}, { order: { created_at: "ASC" } }),
      billing.listTaxProfiles({ id: [...new Set(accounts.map((a) => a.tax_profile_id).filter((x): x is string => !!x))] }),
    ])

    // the oldest open period of each account, if due
    type Due = { account: (typeof accounts)[number]; period: Period; next: Period; cycle: BillingCycle; bounds: { start: Date; end: Date } }
    const dues: Due[] = []
    const firstDates = new Map<string, string>()
    // everything per account is looked up by id: a batch of 10,000 accounts stays linear
    const periodsOf = byAccount(periods)
    const subsOf = byAccount(subs)
    const needFirst = accounts.filter((a) => !periodsOf.has(a.id))
    if (needFirst.length) {
      for (const row of await metering.firstUnbilledUsage(needFirst.map((a) => a.id))) firstDates.set(row.account_id, row.first)
    }
    for (const account of accounts) {
      const cycle: BillingCycle = { interval: account.billing_interval as any, anchor_day: account.anchor_day, anchor_month: account.anchor_month }
      const closed = [...(periodsOf.get(account.id) ?? [])].sort((a, b) => (a.period_end < b.period_end ? 1 : -1))
      let period: Period
      if (closed.length) {
        period = nextPeriod({ start: closed[0].period_start, end: closed[0].period_end }, cycle)
      } else {
        const candidates = [localDateOf(new Date(account.created_at as any), account.timezone)]
        const sub = subsOf.get(account.id)?.[0]
        if (sub) candidates.push(sub.start_date)
        const first = firstDates.get(account.id)
        if (first) candidates.push(localDateOf(new Date(first), account.timezone))
        period = periodContaining(candidates.sort()[0], cycle)
      }
      const closes = closesAt(period, account.timezone, account.grace_minutes)
      if (closes.getTime() > asOf.getTime()) {
        out.not_due.push({ account_id: account.id, period_start: period.start, period_end: period.end, closes_at: closes.toISOString() })
        continue
      }
      dues.push({ account, period, next: nextPeriod(period, cycle), cycle, bounds: periodBoundsUtc(period, account.timezone) })
    }
    if (!dues.length) return new StepResponse(out)

    // usage for the whole batch in a few set-based queries
    const windows = new Map<string, { main: PeriodWindow; late: PeriodWindow | null }>()
    for (const d of dues) {
      const b = d.bounds
      const hasClosed = periodsOf.has(d.account.id)
      const lateMode = hasClosed ? d.account.late_usage : null
      windows.set(d.account.id, {
        // next_period: late calls of closed periods join this one
        main: { account_id: d.account.id, from: lateMode === "next_period" ? EPOCH : b.start, to: b.end },
        late: lateMode === "debit_note" ? { account_id: d.account.id, from: EPOCH, to: b.start } : null,
      })
    }
    const mainWindows = [...windows.values()].map((w) => w.main)
    const lateWindows = [...windows.values()].map((w) => w.late).filter((w): w is PeriodWindow => !!w)
    const planIds = new Set<string>()
    for (const s of subs) {
      planIds.add(s.plan_id)
      for (const c of s.changes) planIds.add(c.plan_id)
    }
    const [plans, fxRates] = await Promise.all([
      planIds.size ? billing.listPlans({ id: [...planIds] }, { relations: ["components"] }) : Promise.resolve([]),
      billing.listFxRates({}, { order: { effective_from: "DESC" } }),
    ])
    const plansById = new Map(plans.map((p) => [p.id, p as unknown as StoredPlan]))
    /** The subscriptions that bill something in the period, newest first: the current one, then any that ended in it. */
    const subsIn = (accountId: string, period: Period) =>
      (subsOf.get(accountId) ?? []).filter(
        (s) => s.start_date < period.end && (!s.cancel_at || s.cancel_at > period.start || (s.billed_through ?? "") > period.start)
      )
    const subFor = (accountId: string, period: Period) => subsIn(accountId, period)[0]
    /** The FX rate in force at the period's end, for usage stored in a card's currency (rated before calls were converted on arrival). */
    const periodEndRate = (base: string, d: Due): string => {
      const fx = fxRates.find((f) => f.base === base && f.quote === d.account.currency_code && new Date(f.effective_from as any) < d.bounds.end)
      if (!fx) throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `no FX rate ${base}→${d.account.currency_code} in force at ${d.period.end}`)
      return exact(fx.rate)!
    }

    const rateCache = new Map<string, { rate: string; fixed: string }>()
    const ratesOf = async (rateIds: string[]) => {
      const missing = [...new Set(rateIds.filter((id) => id && !rateCache.has(id)))]
      if (!missing.length) return
      const rows = await rating.listRates({ id: missing }, { select: ["id", "rate", "connect_fee", "per_call"] })
      for (const r of rows as any[]) {
        rateCache.set(r.id, { rate: exact(r.rate) ?? "0", fixed: new Exact(exact(r.connect_fee) ?? 0).plus(exact(r.per_call) ?? 0).toString() })
      }
    }

    // each account's subscription for the period, and the bundles it consumes (a failure is the account's own)
    type Setup = {
      sub: ReturnType<typeof subFor>
      subscription: ReturnType<typeof toSubscriptionInput> | null
      /** subscriptions that ended in the period (canceled before `sub` started): their fee lines join the invoice */
      ended: Array<{ sub: NonNullable<ReturnType<typeof subFor>>; input: ReturnType<typeof toSubscriptionInput> }>
    }
    const setups = new Map<string, Setup | Error>()
    const consumers = new Map<string, BundleConsumer>()
    for (const d of dues) {
      try {
        const [sub, ...others] = subsIn(d.account.id, d.period)
        const subscription = sub ? toSubscriptionInput(sub as unknown as StoredSubscription, plansById, d.period) : null
        const ended = others.map((o) => ({ sub: o, input: toSubscriptionInput(o as unknown as StoredSubscription, plansById, d.period) }))
        setups.set(d.account.id, { sub, subscription, ended })
        const bundleDefs: MinuteBundle[] = (subscription?.plan.components ?? [])
          .filter((c): c is Extract<typeof c, { type: "bundle" }> => c.type === "bundle")
          .map((c) => ({ code: c.code, name: c.name, included_minutes: c.included_minutes, direction: c.direction, destination_groups: c.destination_groups }))
        if (bundleDefs.length && d.account.payment_mode !== "prepaid") consumers.set(d.account.id, new BundleConsumer(bundleDefs))
      } catch (e: any) {
        setups.set(d.account.id, e instanceof Error ? e : new Error(String(e)))
      }
    }
    // volume discounts replace only the per-minute part of a charge: those accounts' groups also carry their fixed fees
    const needsFees = new Set(
      dues
        .filter((d) => {
          const setup = setups.get(d.account.id)
          return d.account.payment_mode !== "prepaid" && setup && !(setup instanceof Error) && setup.subscription?.plan.components.some((c) => c.type === "volume_discount")
        })
        .map((d) => d.account.id)
    )
    // calls a prepaid wallet paid for are never invoiced, whatever the account's mode now (it may have switched)
    const walletPaid = await billing.accountsWithWalletDebits(dues.map((d) => d.account.id))
    const [groups, lateGroups, metrics] = await Promise.all([
      metering.usageGroups(mainWindows.map((w): UsageWindow => ({ ...w, fees: needsFees.has(w.account_id), wallet: walletPaid.has(w.account_id) }))),
      metering.usageGroups(lateWindows.map((w): UsageWindow => ({ ...w, wallet: walletPaid.has(w.account_id) }))),
      // meter events not billed yet, late ones included: they join this period's metrics in either late-usage mode
      metering.metricTotals(mainWindows.map((w) => ({ ...w, from: EPOCH }))),
    ])
    const groupsOf = byAccount(groups)
    const lateGroupsOf = byAccount(lateGroups)
    // a debit note says which days its late calls are from (its period is the closing one): the span of its invoiced groups
    const lateNote = (accountId: string, timezone: string): string[] => {
      const rows = invoiced(lateGroupsOf.get(accountId))
      if (!rows.length) return []
      const first = new Date(Math.min(...rows.map((g) => g.first.getTime())))
      const last = new Date(Math.max(...rows.map((g) => g.last.getTime())))
      const [from, to] = [localDateOf(first, timezone), localDateOf(last, timezone)]
      return [`Calls of ${from === to ? from : `${from} to ${to}`} that arrived after their period was closed; not on that period's invoice.`]
    }
    const metricsOf = byAccount(metrics)
    const needsPeak = dues.filter((d) => {
      const s = subFor(d.account.id, d.period)
      return s && plansById.get(s.plan_id)?.components.some((c) => c.type === "concurrency")
    })
    // the period's own peak (BILLING.md §3), not the main window's: with late_usage = next_period that starts at 1970,
    // and late calls of a closed period that join this invoice ran in that period, not this one
    const [peaks] = await Promise.all([
      metering.peakConcurrency(needsPeak.map((d) => ({ account_id: d.account.id, from: d.bounds.start, to: d.bounds.end }))),
      ratesOf(groups.map((g) => g.rate_id!).filter(Boolean)),
    ])
    /**
     * Σ connect and per-call fees of a usage-group row (in a window with `fees`), in the row's currency: its rate
     * row's fees for each call with rated seconds (converted at the calls' FX rate, exactly like the bundle
     * consumption below, when they were converted on arrival), and the whole charge of the calls without (an
     * unanswered call's connect fee under `charge_unanswered`, or 0): a call charges no per-call fee unanswered.
     */
    const fixedFeesOf = (g: UsageGroupRow): Decimal => {
      const perCall = new Exact(g.rate_id ? (rateCache.get(g.rate_id)?.fixed ?? "0") : "0").mul(g.rated_calls)
      return (g.original_currency && g.fx_rate ? perCall.mul(g.fx_rate) : perCall).plus(g.unrated_amount)
    }

    // bundles are consumed call by call in bundle order: the batch's calls in pages, account after account
    const bundleWindows = [...consumers.keys()].map((id): UsageWindow => ({ ...windows.get(id)!.main, wallet: walletPaid.has(id) }))
    const dueOf = new Map(dues.map((d) => [d.account.id, d]))
    for (let after: CallsPageKey | null = null; bundleWindows.length; ) {
      const page = await metering.callsPage(bundleWindows, after, BUNDLE_PAGE)
      await ratesOf(page.map((c) => c.rate_id!).filter(Boolean))
      for (const c of page) {
        const consumer = consumers.get(c.account_id)
        if (!consumer) continue
        const r = c.rate_id ? rateCache.get(c.rate_id) : undefined
        try {
          const d = dueOf.get(c.account_id)!
          // the rate row prices in its card's currency: a call converted on arrival has its rate and fees converted at
          // the same FX rate as its charge; one stored in the card's currency has all three converted at the period
          // end's rate, as `convert` converts its group. Exact: the charge's own rounding goes to its first bundle.
          const stored = c.currency !== d.account.currency_code
          const fx = stored ? periodEndRate(c.currency, d) : c.fx_rate
          const inAccount = (v: string) => (fx ? new Exact(v).mul(fx).toString() : v)
          consumer.add({
            direction: c.direction,
            destination_group: c.destination_group,
            rated_seconds: c.rated_seconds,
            rate: inAccount(r?.rate ?? "0"),
            fixed_fees: inAccount(r?.fixed ?? "0"),
            charge: stored ? inAccount(c.charge) : c.charge,
          })
        } catch (e: any) {
          consumers.delete(c.account_id)
          setups.set(c.account_id, e instanceof Error ? e : new Error(String(e)))
        }
      }
      if (page.length < BUNDLE_PAGE) break
      const last = page[page.length - 1]
      after = { account_id: last.account_id, t: last.t, call_id: last.call_id }
    }

    for (const d of dues) {
      const { account, period } = d
      try {
        const entity = entities.find((e) => e.id === account.entity_id) ?? (account.entity_id ? null : entities[0])
        if (!entity) throw new MedusaError(MedusaError.Types.NOT_ALLOWED, account.entity_id ? `issuing entity ${account.entity_id} not found` : "no issuing entity: create one (it numbers the invoices)")
        // what the invoice shows of usage rated in another currency: per pair and rate, the calls and both sums
        const fxUsed = new Map<string, { base: string; quote: string; rate: string; calls: number; original_amount: Decimal; amount: Decimal }>()
        const noteFx = (base: string, rate: string, calls: number, original: string, amount: string) => {
          const key = `${base}/${rate}`
          const e = fxUsed.get(key) ?? { base, quote: account.currency_code, rate, calls: 0, original_amount: new Decimal(0), amount: new Decimal(0) }
          e.calls += calls
          e.original_amount = e.original_amount.plus(original)
          e.amount = e.amount.plus(amount)
          fxUsed.set(key, e)
        }
        const withFees = needsFees.has(account.id)
        const convert = (rows: UsageGroupRow[], fees: boolean): UsageGroupInput[] => {
          // one usage group per (direction, destination group): converted calls join the others
          const merged = new Map<string, UsageGroupInput>()
          for (const g of rows) {
            let amount = g.amount
            let fixed = fees ? fixedFeesOf(g) : null
            if (g.currency !== account.currency_code) {
              // stored in the card's currency (rated before calls were converted on arrival): the rate at the period's end
              const rate = periodEndRate(g.currency, d)
              amount = new Exact(g.amount).mul(rate).toString()
              fixed = fixed && fixed.mul(rate)
              noteFx(g.currency, rate, g.calls, g.amount, amount)
            } else if (g.original_currency && g.fx_rate) {
              noteFx(g.original_currency, g.fx_rate, g.calls, g.original_amount ?? "0", g.amount)
            }
            const key = `${g.direction}|${g.destination_group ?? ""}`
            const m = merged.get(key)
            if (m) {
              m.calls += g.calls
              m.rated_seconds += g.rated_seconds
              m.amount = new Exact(m.amount).plus(amount).toString()
              if (fixed) m.fixed_fees = fixed.plus(m.fixed_fees ?? "0").toString()
            } else {
              merged.set(key, {
                direction: g.direction,
                destination_group: g.destination_group,
                calls: g.calls,
                rated_seconds: g.rated_seconds,
                amount,
                ...(fixed ? { fixed_fees: fixed.toString() } : {}),
              })
            }
          }
          return [...merged.values()]
        }
        const setup = setups.get(account.id)!
        if (setup instanceof Error) throw setup
        const { sub, subscription, ended } = setup
        const consumer = consumers.get(account.id)
        const bundles = consumer ? consumer.result() : null
        const tp = taxProfiles.find((t) => t.id === account.tax_profile_id)
        const tax: TaxInput | null = tp
          ? { components: tp.components as any, inclusive: tp.inclusive, exempt: tp.exempt, reverse_charge: tp.reverse_charge, note: tp.note, surcharges: (tp.surcharges as any) ?? null }
          : null
        const carried = (periodsOf.get(account.id) ?? []).filter((p) => p.outcome === "carry_forward" && !p.carried_into_period_id)
        const carriedAmount = carried.reduce((s, p) => s.plus(exact(p.amount) ?? 0), new Decimal(0))
        const credit = Decimal.max(0, exact(account.credit_balance) ?? 0)
        const calcInput: InvoiceInput = {
          currency: account.currency_code,
          period,
          next_period: d.next,
          floor: exact(account.invoicing_floor) ?? "0",
          carried_forward: carriedAmount.toString(),
          account_credit: credit.toString(),
          subscription,
          ended_subscriptions: ended.map((e) => e.input),
          usage: {
            // calls the wallet paid for (debited as they came in) are not invoiced; a prepaid account's others
            // (stored while it was postpaid) are
            usage_groups: convert(invoiced(groupsOf.get(account.id)), withFees),
            bundles,
            peak_concurrency: peaks.get(account.id) ?? null,
            metrics: (metricsOf.get(account.id) ?? []).map((m) => ({ metric: m.metric, quantity: m.quantity })),
          },
          tax,
        }
        const calc = calculateInvoice(calcInput)
        const late = windows.get(account.id)!.late
        const lateRows = late ? convert(invoiced(lateGroupsOf.get(account.id)), false) : []
        const lateCalc = lateRows.length
          ? calculateInvoice({
              ...calcInput,
              floor: "0",
              carried_forward: "0",
              account_credit: "0",
              subscription: null,
              ended_subscriptions: [],
              usage: { usage_groups: lateRows, bundles: null, peak_concurrency: null, metrics: [] },
            })
          : null
        const doc = (c: InvoiceCalculation, kind: DraftDocument["kind"]): DraftDocument => ({
          kind,
          entity_id: entity.id,
          currency_code: account.currency_code,
          period_start: period.start,
          period_end: period.end,
          subtotal: c.subtotal,
          tax_total: c.tax_total,
          total: c.total,
          tax_inclusive: c.tax_inclusive,
          notes: kind === "debit_note" ? [...lateNote(account.id, account.timezone), ...c.notes] : c.notes,
          fx: fxUsed.size
            ? [...fxUsed.values()].map((e) => ({ ...e, original_amount: e.original_amount.toString(), amount: e.amount.toString() }))
            : null,
          lines: c.lines.map((l) => ({ ...l })),
          taxes: c.taxes.map((t) => ({ ...t })),
          metadata: kind === "debit_note" ? { reason: "usage that arrived after its period was closed" } : c.warnings.length ? { warnings: c.warnings } : null,
        })
        // what the close leaves on a subscription: setup billed, billed ahead through, trial converted or canceled
        const stateAfter = (s: NonNullable<typeof sub>, state: NonNullable<typeof calc.subscription>): SubscriptionUpdate => ({
          id: s.id,
          before: { setup_billed: s.setup_billed, billed_through: s.billed_through, status: s.status },
          after: {
            setup_billed: state.setup_billed,
            billed_through: state.billed_in_advance_for_next_period ? d.next.end : s.billed_through,
            status:
              s.cancel_at && s.cancel_at <= d.next.start
                ? "canceled"
                : s.status === "trialing" && s.trial_end && s.trial_end <= period.end
                  ? "active"
                  : s.status,
          },
        })
        const nextSubState = sub && calc.subscription ? stateAfter(sub, calc.subscription) : null
        const record: PeriodCloseRecord = {
          account_id: account.id,
          period_start: period.start,
          period_end: period.end,
          currency_code: account.currency_code,
          outcome: calc.outcome,
          amount: calc.total,
          invoice: calc.outcome === "invoice" ? doc(calc, "invoice") : null,
          debit_note: lateCalc && new Decimal(lateCalc.total).gt(0) ? doc(lateCalc, "debit_note") : null,
          // a carried amount is a line of this close, whatever its outcome (a new carry includes it)
          carried_period_ids: carried.map((p) => p.id),
          credit_applied: calc.account_credit_applied,
          credit_added: calc.account_credit_added,
          subscription: nextSubState,
          ended_subscriptions: ended.map((e, i) => stateAfter(e.sub, calc.ended_subscriptions[i])),
        }
        const w = windows.get(account.id)!
        out.closes.push({
          record,
          windows: [
            { ...w.main, late: false, events_from: EPOCH, expected: counted(groupsOf.get(account.id) ?? [], metricsOf.get(account.id) ?? []) },
            ...(w.late && record.debit_note ? [{ ...w.late, late: true, events_from: null, expected: counted(lateGroupsOf.get(account.id) ?? [], []) }] : []),
          ],
          auto_finalize: account.auto_finalize,
          code: account.code,
        })
      } catch (e: any) {
        out.skipped.push({ account_id: account.id, code: account.code, reason: e?.message ?? String(e) })
      }
    }
    return new StepResponse(out)
  }
)
