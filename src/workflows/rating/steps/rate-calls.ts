import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../../modules/billing"
import { convertCharge, type FxTable } from "../../../modules/billing/fx"
import type BillingModuleService from "../../../modules/billing/service"
import { RATING_MODULE } from "../../../modules/rating"
import {
  AccountSettings,
  CallInput,
  Direction,
  FxLookup,
  RateCallResult,
  rateCall,
} from "../../../modules/rating/engine"
import type RatingModuleService from "../../../modules/rating/service"

export type RatingAccount = AccountSettings & { id: string | null; code?: string; currency_code?: string }

export type RateCallsStepInput = {
  account: RatingAccount
  calls: CallInput[]
  /** rate against buy cards too, for cost and margin */
  with_cost?: boolean
}

/** A charge in another currency than the account's, converted as an import converts it. */
export type FxConversion =
  | { charge: string; currency: string; rate: string; effective_from: string }
  | { error: string }

export type RateCallsStepOutput = {
  /** `rounding`: the rating card's decimals and rounding mode, which its charge was rounded with */
  results: Array<RateCallResult & { fx?: FxConversion; rounding?: { decimals: number; mode: "half_up" | "up" | "down" | "half_even" } }>
  /** the cards tried per direction, most specific first */
  cards: Record<string, Array<{ rate_card_id: string; scope: string; skipped: string | null }>>
}

export const rateCallsStepId = "rate-calls"
/**
 * Rates calls of one account with its cards in RATING.md order (overrides,
 * account card, system default), and against the buy cards for cost. A
 * charge in another currency than the account's shows its conversion (`fx`,
 * the rate in force at the call), as an import stores it. Costs in several
 * currencies are compared, and subtracted, at the FX rates in force.
 * Reads only; compiled versions come from the module's cache.
 *
 * @example
 * const { results } = rateCallsStep({ account, calls: [{ direction: "outbound", number: "+447700900123", answer_time: new Date(), billsec: 61 }] })
 */
export const rateCallsStep = createStep(
  rateCallsStepId,
  async (input: RateCallsStepInput, { container }) => {
    const service: RatingModuleService = container.resolve(RATING_MODULE)
    const results: RateCallsStepOutput["results"] = new Array(input.calls.length)
    const cardsUsed: RateCallsStepOutput["cards"] = {}

    const byDirection = new Map<Direction, number[]>()
    input.calls.forEach((c, i) => {
      const list = byDirection.get(c.direction) ?? []
      list.push(i)
      byDirection.set(c.direction, list)
    })

    let fxTable: FxTable | null = null
    const loadFx = async () => {
      if (!fxTable) fxTable = await (container.resolve(BILLING_MODULE) as BillingModuleService).loadFxTable()
      return fxTable
    }

    const cardSettings = new Map<string, { decimals: number; rounding: "half_up" | "up" | "down" | "half_even" }>()
    for (const [direction, indexes] of byDirection) {
      const times = indexes
        .map((i) => input.calls[i].answer_time ?? input.calls[i].start_time ?? null)
        .filter((t): t is Date => !!t)
        .map((t) => new Date(t).getTime())
      const window = times.length
        ? { from: new Date(Math.min(...times)), to: new Date(Math.max(...times)) }
        : { from: new Date(), to: new Date() }
      const order = await service.resolveCardOrder(input.account.id, direction)
      const compiled = await service.getCompiledCards(
        order.map((o) => o.rate_card_id),
        window
      )
      const cards = compiled
      for (const c of compiled) cardSettings.set(c.card.id, { decimals: c.card.decimals, rounding: c.card.rounding })
      cardsUsed[direction] = order.map((o) => ({ rate_card_id: o.rate_card_id, scope: o.scope, skipped: null }))
      const buyCards = input.with_cost
        ? await service.getCompiledCards(await service.listBuyCardIds(direction), window)
        : undefined
      let fx: FxLookup | undefined
      if (buyCards && new Set([...cards, ...buyCards].map((c) => c.card.currency)).size > 1) {
        const table = await loadFx()
        fx = (base, quote, at) => table.at(base, quote, at)
      }
      for (const i of indexes) {
        const call = input.calls[i]
        results[i] = rateCall(
          {
            ...call,
            answer_time: call.answer_time ? new Date(call.answer_time) : null,
            start_time: call.start_time ? new Date(call.start_time) : null,
          },
          input.account,
          cards,
          { buyCards, fx }
        )
      }
    }
    for (const r of results) {
      const card = r?.trace ? cardSettings.get(r.trace.card_id) : undefined
      if (card) r.rounding = { decimals: card.decimals, mode: card.rounding }
    }
    const currency = input.account.currency_code
    const foreign = results.filter((r) => r.status === "rated" && currency && r.currency && r.currency !== currency)
    if (foreign.length) {
      const fx = await loadFx()
      results.forEach((r, i) => {
        if (!foreign.includes(r)) return
        const call = input.calls[i]
        const at = new Date((call.answer_time ?? call.start_time ?? new Date()) as any)
        const quote = fx.at(r.currency!, currency!, at)
        const card = r.trace ? (cardSettings.get(r.trace.card_id) ?? null) : null
        r.fx = quote
          ? {
              charge: convertCharge(r.charge ?? "0", quote.rate, card?.decimals ?? 4, card?.rounding ?? "half_up"),
              currency: currency!,
              rate: quote.rate,
              effective_from: quote.effective_from.toISOString(),
            }
          : { error: `no FX rate ${r.currency}→${currency} in force at ${at.toISOString()}: an import sends this call to the exception queue (no_rate)` }
      })
    }
    return new StepResponse<RateCallsStepOutput>({ results, cards: cardsUsed })
  }
)
