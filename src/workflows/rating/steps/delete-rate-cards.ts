import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RATING_MODULE } from "../../../modules/rating"
import type RatingModuleService from "../../../modules/rating/service"

export const deleteRateCardsStepId = "delete-rate-cards"
/**
 * Soft-deletes rate cards (and their versions); the compensation restores them.
 *
 * @example
 * deleteRateCardsStep(["rcard_123"])
 */
export const deleteRateCardsStep = createStep(
  deleteRateCardsStepId,
  async (ids: string[], { container }) => {
    const service: RatingModuleService = container.resolve(RATING_MODULE)
    await service.softDeleteRateCards(ids)
    return new StepResponse(void 0, ids)
  },
  async (ids, { container }) => {
    if (!ids?.length) {
      return
    }
    const service: RatingModuleService = container.resolve(RATING_MODULE)
    await service.restoreRateCards(ids)
  }
)
