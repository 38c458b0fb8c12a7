import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RATING_MODULE } from "../../../modules/rating"
import {
  AccountSettings,
  CallInput,
  Direction,
  RateResult,
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

export type RateCallsStepOutput = {
  results: RateResult[]
  /** the cards tried per direction, most specific first */
  cards: Record<string, Array<{ rate_card_id: string; scope: string; skipped: string | null }>>
}

export const rateCallsStepId = "rate-calls"
/**
 * Rates calls of one account with its cards in RATING.md order (overrides,
 * account card, system default), and against the buy cards for cost. Cards
 * in a currency other than the account's are skipped.
 * Reads only; compiled versions come from the module's cache.
 *
 * @example
 * const { results } = rateCallsStep({ account, calls: [{ direction: "outbound", number: "+447700900123", answer_time: new Date(), billsec: 61 }] })
 */
export const rateCallsStep = createStep(
  rateCallsStepId,
  async (input: RateCallsStepInput, { container }) => {
    const service: RatingModuleService = container.resolve(RATING_MODULE)
    const results: RateResult[] = new Array(input.calls.length)
    const cardsUsed: RateCallsStepOutput["cards"] = {}

    const byDirection = new Map<Direction, number[]>()
    input.calls.forEach((c, i) => {
      const list = byDirection.get(c.direction) ?? []
      list.push(i)
      byDirection.set(c.direction, list)
    })

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
      // A card in another currency never charges the account: its calls fall
      // through to the next card, or to no_rate, never to a wrong-currency charge.
      const currency = input.account.currency_code
      const cards = compiled.filter((c) => !currency || c.card.currency === currency)
      cardsUsed[direction] = order.map((o) => {
        const card = compiled.find((c) => c.card.id === o.rate_card_id)
        return {
          rate_card_id: o.rate_card_id,
          scope: o.scope,
          skipped: !!card && !!currency && card.card.currency !== currency ? `currency ${card.card.currency} ≠ ${currency}` : null,
        }
      })
      const buyCards = input.with_cost
        ? await service.getCompiledCards(await service.listBuyCardIds(direction), window)
        : undefined
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
          { buyCards }
        )
      }
    }
    return new StepResponse<RateCallsStepOutput>({ results, cards: cardsUsed })
  }
)
