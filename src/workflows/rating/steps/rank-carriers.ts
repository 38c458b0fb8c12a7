import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RATING_MODULE } from "../../../modules/rating"
import { AccountSettings, Direction, rankCarriers } from "../../../modules/rating/engine"
import type RatingModuleService from "../../../modules/rating/service"

export type RankCarriersStepInput = {
  account: AccountSettings
  number: string
  at: Date | string
  direction: Direction
  billsec?: number
}

export const rankCarriersStepId = "rank-carriers"
/**
 * Least-cost routing: every carrier whose buy card rates the number at that
 * time, cheapest first for a reference call of `billsec` seconds.
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
    const ranking = rankCarriers(input.number, input.account, at, input.direction, buyCards, {
      billsec: input.billsec,
    })
    return new StepResponse(ranking)
  }
)
