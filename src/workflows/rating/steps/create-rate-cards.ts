import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RATING_MODULE } from "../../../modules/rating"
import type RatingModuleService from "../../../modules/rating/service"
import { CreateRateCardInput } from "../types"

export const createRateCardsStepId = "create-rate-cards"
/**
 * Creates rate cards.
 *
 * @example
 * const cards = createRateCardsStep([{ code: "RETAIL", name: "Retail 2026", currency_code: "GBP" }])
 */
export const createRateCardsStep = createStep(
  createRateCardsStepId,
  async (data: CreateRateCardInput[], { container }) => {
    const service: RatingModuleService = container.resolve(RATING_MODULE)
    const cards = await service.createRateCards(data as any[])
    return new StepResponse(cards, cards.map((c) => c.id))
  },
  async (ids, { container }) => {
    if (!ids?.length) {
      return
    }
    const service: RatingModuleService = container.resolve(RATING_MODULE)
    await service.deleteRateCards(ids)
  }
)
