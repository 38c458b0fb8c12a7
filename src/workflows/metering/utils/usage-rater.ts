// No Medusa imports here: the file import's worker thread (import-worker.ts)
// loads this file, and gets its data through a RaterSource.
import { convertCharge, type FxTable } from "../../../modules/billing/fx"
import { lineHash } from "../../../modules/metering/formats"
import type { CdrRecord, MeterEventRecord } from "../../../modules/metering/formats"
import type { IngestBatch, StagedCall, StagedException } from "../../../modules/metering/types"
import {
  parseScaled,
  rateCall,
  type CompiledCard,
  type Direction,
  type FxLookup,
  type RateCallResult,
  type RateResult,
} from "../../../modules/rating/engine"

/** What an account needs to be rated; loaded once per import. */
export type RaterAccount = {
  id: string
  code: string
  currency_code: string
  timezone: string
  country_code: string
  international_prefix: string | null
  trunk_prefix: string | null
}

/**
 * Where a rater gets what it rates with: the modules in-process
 * (rater-source.ts), or, in the import's worker thread, the main thread's
 * answers to its questions (import-worker.ts).
 */
export interface RaterSource {
  /** the billing accounts of these codes (those that exist) */
  accounts(codes: string[]): Promise<RaterAccount[]>
  /** an account's card ids for a direction, in RATING.md order */
  cardOrder(accountId: string, direction: Direction): Promise<string[]>
  /** the buy cards serving a direction */
  buyCardIds(direction: Direction): Promise<string[]>
  /** compiled cards (in the order given) with their versions in force in the window */
  compiledCards(ids: string[], window: { from: Date; to: Date }): Promise<CompiledCard[]>
  /** each card's maximum charge per call, as a decimal string or null */
  maxCharges(ids: string[]): Promise<Array<{ id: string; max_charge_per_call: string | null }>>
  fxTable(): Promise<FxTable>
}

export type RecordContext = {
  /** the switch or system: half of the dedupe key */
  source: string
  /** file format, kept on exceptions so they can be read again */
  format: string | null
  request_id?: string | null
}

const SCALE = 8
/** Records rated between two turns of the event loop. */
const YIELD_EVERY = 1000

/**
 * Turns parsed records into what the metering module stores: each call rated
 * with the engine against its account's cards (RATING.md order, cached for the
 * import), or an exception with its reason. Never drops a record: every one
 * comes back as a call, an event, or an exception.
 *
 * One rater per import; it caches accounts by code, card order per account
 * and direction, and the buy cards. Compiled versions come from the rating
 * module's own cache.
 */
export class UsageRater {
  private accounts = new Map<string, RaterAccount | null>()
  private orders = new Map<string, string[]>()
  private buyIds = new Map<Direction, string[]>()
  private maxCharge = new Map<string, bigint | null>()
  private compiledCache = new Map<string, { from: number; to: number; cards: CompiledCard[] }>()
  private fx: FxTable | null = null

  /**
   * @param options.withCost rate against the buy cards too (default true)
   * @param options.policy apply the out_of_policy checks (default true); false is an
   *   admin's explicit decision to store such calls as rated (reprocess, "accept")
   */
  constructor(
    private readonly source: RaterSource,
    private readonly options: { withCost?: boolean; policy?: boolean } = {}
  ) {}

  /** Loads the accounts of these codes that are not cached yet (codes compare exactly). */
  async loadAccounts(codes: Iterable<string>): Promise<void> {
    const missing = [...new Set(codes)].filter((c) => c && !this.accounts.has(c))
    // Postgres text cannot hold NUL: such a code names no account, and is not asked for
    const queryable = missing.filter((c) => !c.includes("\u0000"))
    const found = queryable.length ? await this.source.accounts(queryable) : []
    for (const a of found) this.accounts.set(a.code, a)
    for (const c of missing) if (!this.accounts.has(c)) this.accounts.set(c, null)
  }

  account(code: string): RaterAccount | null {
    return this.accounts.get(code) ?? null
  }

  /** Rates a batch of CDRs into calls and exceptions. */
  async rateCalls(records: CdrRecord[], ctx: RecordContext): Promise<IngestBatch> {
    const calls: StagedCall[] = []
    const exceptions: StagedException[] = []
    await this.loadAccounts(records.filter((r) => !r.error).map((r) => r.account))

    // group by account and direction, so each group gets its cards once
    const groups = new Map<string, { account: RaterAccount; direction: Direction; records: CdrRecord[] }>()
    for (const r of records) {
      if (r.error) {
        exceptions.push(this.exception(r, ctx, "invalid_record", r.error.column ? `${r.error.column}: ${r.error.reason}` : r.error.reason))
        continue
      }
      const account = this.account(r.account)
      if (!account) {
        exceptions.push(this.exception(r, ctx, "unknown_account", r.account ? `no billing account with code "${r.account}"` : "the record names no account"))
        continue
      }
      const key = `${account.id}|${r.direction}`
      let g = groups.get(key)
      if (!g) groups.set(key, (g = { account, direction: r.direction, records: [] }))
      g.records.push(r)
    }

    let done = 0
    for (const g of groups.values()) {
      const { cards, buyCards, fx } = await this.cardsFor(g.account, g.direction, g.records)
      for (const r of g.records) {
        // let the import's Postgres stream (same thread) move between slices of rating
        if (++done % YIELD_EVERY === 0) await new Promise<void>((resolve) => setImmediate(resolve))
        const result = rateCall(
          {
            direction: r.direction,
            number: r.callee,
            answer_time: r.answer_time,
            start_time: r.start_time,
            billsec: r.billsec,
            disposition: r.disposition,
            carrier: r.carrier,
          },
          g.account,
          cards,
          { buyCards, fx }
        )
        if (result.status !== "rated") {
          exceptions.push(this.exception(r, ctx, (result.reason ?? "no_rate") as StagedException["reason"], result.detail ?? null, g.account, result))
          continue
        }
        const policy = this.options.policy === false ? null : this.policyProblem(result)
        if (policy) {
          exceptions.push(this.exception(r, ctx, "out_of_policy", policy, g.account, result))
          continue
        }
        const call = toCall(r, g.account, result, ctx)
        if (call.currency !== g.account.currency_code) {
          const problem = await this.convert(call, g.account, cards)
          if (problem) {
            exceptions.push(this.exception(r, ctx, "no_rate", problem, g.account, result))
            continue
          }
        }
        calls.push(call)
      }
    }
    return { calls, exceptions }
  }

  /**
   * A call rated by a card in another currency than the account's: its charge
   * is converted at the FX rate in force at the call (answer time, else start
   * time), rounded like the card rounds a call; the original charge, currency
   * and rate stay on the call. Returns why it cannot be, if no rate is in force.
   */
  private async convert(call: StagedCall, account: RaterAccount, cards: CompiledCard[]): Promise<string | null> {
    if (!this.fx) this.fx = await this.source.fxTable()
    const at = call.answer_time ?? call.start_time ?? new Date()
    const quote = this.fx.at(call.currency, account.currency_code, at)
    if (!quote) {
      return `the card charges in ${call.currency}, the account is billed in ${account.currency_code}, and no FX rate ${call.currency}→${account.currency_code} is in force at ${at.toISOString()}`
    }
    const card = cards.find((c) => c.card.id === call.rate_card_id)?.card
    call.original_charge = call.charge
    call.original_currency = call.currency
    call.fx_rate = quote.rate
    call.charge = convertCharge(call.charge, quote.rate, card?.decimals ?? 4, card?.rounding ?? "half_up")
    call.currency = account.currency_code
    return null
  }

  /** Validates a batch of meter events into events and exceptions. */
  async meterEvents(records: MeterEventRecord[], ctx: RecordContext): Promise<IngestBatch> {
    const events: NonNullable<IngestBatch["events"]> = []
    const exceptions: StagedException[] = []
    await this.loadAccounts(records.filter((r) => !r.error).map((r) => r.account))
    for (const r of records) {
      const base = {
        kind: "event" as const,
        source: ctx.source,
        record_key: r.event_id ? `${r.account}|${r.event_id}` : lineHash(r.fields),
        account_code: r.account || null,
        account_id: null,
        record: eventJson(r),
        format: ctx.format,
        answer_time: r.timestamp,
        line: r.line,
        request_id: ctx.request_id ?? null,
      }
      if (r.error) {
        exceptions.push({ ...base, reason: "invalid_record", details: r.error.column ? `${r.error.column}: ${r.error.reason}` : r.error.reason })
        continue
      }
      const account = this.account(r.account)
      if (!account) {
        exceptions.push({ ...base, reason: "unknown_account", details: `no billing account with code "${r.account}"` })
        continue
      }
      events.push({
        source: ctx.source,
        event_id: r.event_id,
        account_id: account.id,
        account_code: account.code,
        metric: r.metric,
        quantity: r.quantity,
        timestamp: r.timestamp!,
        properties: Object.keys(r.x).length ? r.x : null,
        line: r.line,
        request_id: ctx.request_id ?? null,
      })
    }
    return { events, exceptions }
  }

  private async cardsFor(account: RaterAccount, direction: Direction, records: CdrRecord[]) {
    let min = Infinity
    let max = -Infinity
    for (const r of records) {
      const t = (r.answer_time ?? r.start_time)?.getTime()
      if (t === undefined || isNaN(t)) continue
      if (t < min) min = t
      if (t > max) max = t
    }
    if (min === Infinity) min = max = Date.now()
    const key = `${account.id}|${direction}`
    let order = this.orders.get(key)
    if (!order) {
      order = await this.source.cardOrder(account.id, direction)
      this.orders.set(key, order)
    }
    // a card in another currency rates too: its charges are converted (see convert)
    const cards = await this.compiled(order, min, max)
    await this.loadMaxCharges(cards.map((c) => c.card.id))
    let buyCards: CompiledCard[] | undefined
    if (this.options.withCost !== false) {
      let ids = this.buyIds.get(direction)
      if (!ids) this.buyIds.set(direction, (ids = await this.source.buyCardIds(direction)))
      buyCards = ids.length ? await this.compiled(ids, min, max) : undefined
    }
    // costs in several currencies are compared, and subtracted from charges, at the FX rates in force
    let fx: FxLookup | undefined
    if (buyCards && new Set([...cards, ...buyCards].map((c) => c.card.currency)).size > 1) {
      if (!this.fx) this.fx = await this.source.fxTable()
      const table = this.fx
      fx = (base, quote, at) => table.at(base, quote, at)
    }
    return { cards, buyCards, fx }
  }

  /**
   * The compiled cards with every version in force between `from` and `to`
   * (ms). Loaded for a wider window than asked (a day before, five weeks
   * after) and reused while later batches fall inside it: a file read in
   * time order asks the database about once a month of calls, not once a batch.
   */
  private async compiled(ids: string[], from: number, to: number): Promise<CompiledCard[]> {
    const key = ids.join(",")
    const hit = this.compiledCache.get(key)
    if (hit && hit.from <= from && to <= hit.to) return hit.cards
    const DAY = 24 * 3600 * 1000
    const window = { from: Math.min(from, hit?.from ?? from) - DAY, to: Math.max(to, hit?.to ?? to) + 35 * DAY }
    const cards = await this.source.compiledCards(ids, { from: new Date(window.from), to: new Date(window.to) })
    this.compiledCache.set(key, { ...window, cards })
    return cards
  }

  /** Caches the cards' maximum charge per call (null = no maximum). */
  private async loadMaxCharges(cardIds: string[]) {
    const missing = cardIds.filter((id) => !this.maxCharge.has(id))
    if (!missing.length) return
    for (const card of await this.source.maxCharges(missing)) {
      const max = card.max_charge_per_call
      this.maxCharge.set(card.id, max === null || max === undefined ? null : parseScaled(String(max), SCALE))
    }
    for (const id of missing) if (!this.maxCharge.has(id)) this.maxCharge.set(id, null)
  }

  /**
   * out_of_policy: a charge above the card's maximum per call, or a sell
   * price below cost (a negative margin: the cost in the charge's currency).
   */
  private policyProblem(result: RateCallResult): string | null {
    const cardId = result.trace?.card_id
    if (cardId) {
      const max = this.maxCharge.get(cardId)
      if (max !== null && max !== undefined && result.charge && parseScaled(result.charge, SCALE) > max) {
        return `charge ${result.charge} ${result.currency} is above the card's maximum per call`
      }
    }
    const cost = result.cost
    if (cost && result.charge && result.margin && parseScaled(result.margin, SCALE) < 0n) {
      const converted = cost.fx ? ` ${cost.currency} (${cost.fx.cost} ${cost.fx.currency} at ${cost.fx.rate})` : ""
      return `sold at ${result.charge} ${result.currency}, below its cost ${cost.cost}${converted} (${cost.card})`
    }
    return null
  }

  private exception(
    r: CdrRecord,
    ctx: RecordContext,
    reason: StagedException["reason"],
    details: string | null,
    account?: RaterAccount,
    result?: RateResult
  ): StagedException {
    return {
      kind: "call",
      source: ctx.source,
      record_key: r.call_id || lineHash(r.fields),
      account_code: r.account || null,
      account_id: account?.id ?? null,
      reason,
      details,
      record: { ...cdrJson(r), ...(result?.number ? { number: result.number } : {}) },
      format: ctx.format,
      answer_time: r.answer_time && !isNaN(r.answer_time.getTime()) ? r.answer_time : null,
      line: r.line,
      request_id: ctx.request_id ?? null,
    }
  }
}

/** A CDR as JSON for the exception queue (dates as ISO strings, the original fields kept). */
export function cdrJson(r: CdrRecord): Record<string, unknown> {
  const d = (v: Date | null) => (v && !isNaN(v.getTime()) ? v.toISOString() : null)
  return {
    call_id: r.call_id,
    account: r.account,
    direction: r.direction,
    caller: r.caller,
    callee: r.callee,
    answer_time: d(r.answer_time),
    start_time: d(r.start_time),
    end_time: d(r.end_time),
    duration: r.duration,
    billsec: r.billsec,
    disposition: r.disposition,
    campaign: r.campaign,
    agent: r.agent,
    queue: r.queue,
    trunk: r.trunk,
    carrier: r.carrier,
    x: r.x,
    fields: r.fields,
  }
}

function eventJson(r: MeterEventRecord): Record<string, unknown> {
  return {
    event_id: r.event_id,
    account: r.account,
    metric: r.metric,
    quantity: r.quantity,
    timestamp: r.timestamp && !isNaN(r.timestamp.getTime()) ? r.timestamp.toISOString() : null,
    x: r.x,
    fields: r.fields,
  }
}

function toCall(r: CdrRecord, account: RaterAccount, result: RateResult, ctx: RecordContext): StagedCall {
  const t = result.trace
  const cost = result.cost
  return {
    source: ctx.source,
    call_id: r.call_id,
    account_id: account.id,
    account_code: account.code,
    direction: r.direction,
    caller: r.caller,
    callee: r.callee,
    number: result.number ?? "",
    answer_time: r.answer_time,
    start_time: r.start_time,
    end_time: r.end_time,
    duration: r.duration,
    billsec: r.billsec,
    disposition: r.disposition,
    campaign: r.campaign,
    agent: r.agent,
    queue: r.queue,
    trunk: r.trunk,
    carrier: r.carrier,
    rate_card_id: t?.card_id ?? null,
    rate_card_version_id: t?.version_id ?? null,
    version_number: t?.version ?? null,
    rate_id: t?.row_id ?? null,
    prefix: t?.prefix ?? null,
    destination: t?.destination ?? null,
    destination_group: t?.destination_group ?? null,
    band: t ? t.band : null,
    rated_seconds: result.rated_seconds,
    charge: result.charge ?? "0",
    currency: result.currency ?? account.currency_code,
    cost: cost ? cost.cost : null,
    cost_currency: cost ? cost.currency : null,
    cost_rate_card_id: cost ? cost.card_id : null,
    line: r.line,
    request_id: ctx.request_id ?? null,
    metadata: Object.keys(r.x).length ? r.x : null,
  }
}
