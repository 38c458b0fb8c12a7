import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RATING_MODULE } from "../../../modules/rating"
import type RatingModuleService from "../../../modules/rating/service"
import { UpdateRateCardInput } from "../types"

export const updateRateCardsStepId = "update-rate-cards"
/**
 * Updates rate cards by id; the compensation restores the previous values.
 *
 * @example
 * const cards = updateRateCardsStep([{ id: "rcard_123", name: "Retail 2027" }])
 */
export const updateRateCardsStep = createStep(
  updateRateCardsStepId,
  async (data: UpdateRateCardInput[], { container }) => {
    const service: RatingModuleService = container.resolve(RATING_MODULE)
    const previous = await service.listRateCards({ id: data.map((d) => d.id) })
    const cards = await service.updateRateCards(data as any)
    return new StepResponse(cards, previous)
  },
  async (previous, { container }) => {
    if (!previous?.length) {
      return
    }
    const service: RatingModuleService = container.resolve(RATING_MODULE)
    await service.updateRateCards(
      previous.map((p: any) => ({
        id: p.id,
        code: p.code,
        name: p.name,
        description: p.description,
        currency_code: p.currency_code,
        decimals: p.decimals,
        rounding: p.rounding,
        direction: p.direction,
        carrier: p.carrier,
        charge_unanswered: p.charge_unanswered,
        max_charge_per_call: p.raw_max_charge_per_call ?? p.max_charge_per_call,
        time_profile_id: p.time_profile_id,
        metadata: p.metadata,
      })) as any
    )
  }
)
