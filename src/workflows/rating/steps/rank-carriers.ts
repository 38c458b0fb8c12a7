import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../../modules/billing"
import type BillingModuleService from "../../../modules/billing/service"
import { RATING_MODULE } from "../../../modules/rating"
import { AccountSettings, Direction, FxLookup, rankCarriers } from "../../../modules/rating/engine"
import type RatingModuleService from "../../../modules/rating/service"

export type RankCarriersStepInput = {
  /** `currency_code`: the account's, which costs in several currencies are compared in */
  account: AccountSettings & { currency_code?: string | null }
  number: string
  at: Date | string
  direction: Direction
  billsec?: number
}

export const rankCarriersStepId = "rank-carriers"
/**
 * Least-cost routing: every carrier whose buy card rates the number at that
 * time, once, cheapest first for a reference call of `billsec` seconds. Costs
 * in several currencies are compared in the account's currency at the FX
 * rates in force at that time; those that cannot be are listed unranked.
 *
 * @example
 * const ranking = rankCarriersStep({ account, number: "+4420…", at: new Date(), direction: "outbound" })
 */
export const rankCarriersStep = createStep(
  rankCarriersStepId,
  async (input: RankCarriersStepInput, { container }) => {
    const service: RatingModuleService = container.resolve(RATING_MODULE)
    const at = new Date(input.at)
    const buyCards = await service.getCompiledCards(
      await service.listBuyCardIds(input.direction),
      { from: at, to: at }
    )
    const currency = input.account.currency_code ?? null
    let fx: FxLookup | undefined
    if (currency && new Set(buyCards.map((c) => c.card.currency)).size > 1) {
      const billing: BillingModuleService = container.resolve(BILLING_MODULE)
      const table = await billing.loadFxTable()
      fx = (base, quote, when) => table.at(base, quote, when)
    }
    const ranking = rankCarriers(input.number, input.account, at, input.direction, buyCards, {
      billsec: input.billsec,
      currency,
      fx,
    })
    return new StepResponse(ranking)
  }
)
