import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RATING_MODULE } from "../../../modules/rating"
import type RatingModuleService from "../../../modules/rating/service"
import type { PublishVersionResult } from "../../../modules/rating/service"

export type PublishRateCardVersionStepInput = {
  version_id: string
  effective_from: Date | string
  published_by?: string | null
}

export const publishRateCardVersionStepId = "publish-rate-card-version"
/**
 * Publishes a draft version from `effective_from`, closing the version in
 * force before it; the compensation puts both back.
 *
 * @example
 * publishRateCardVersionStep({ version_id: "rcver_123", effective_from: "2026-12-01T00:00:00Z" })
 */
export const publishRateCardVersionStep = createStep(
  publishRateCardVersionStepId,
  async (input: PublishRateCardVersionStepInput, { container }) => {
    const service: RatingModuleService = container.resolve(RATING_MODULE)
    const result = await service.publishVersion(
      input.version_id,
      new Date(input.effective_from),
      input.published_by ?? null
    )
    return new StepResponse(result, result)
  },
  async (result: PublishVersionResult | undefined, { container }) => {
    if (!result) {
      return
    }
    const service: RatingModuleService = container.resolve(RATING_MODULE)
    await service.revertPublication(result)
  }
)
