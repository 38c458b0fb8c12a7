import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RATING_MODULE } from "../../../modules/rating"
import type RatingModuleService from "../../../modules/rating/service"

export const deleteRateCardVersionsStepId = "delete-rate-card-versions"
/**
 * Deletes draft versions with their rows. Published versions are immutable
 * history and are refused. Last step of its workflow: nothing after it can fail.
 *
 * @example
 * deleteRateCardVersionsStep(["rcver_123"])
 */
export const deleteRateCardVersionsStep = createStep(
  deleteRateCardVersionsStepId,
  async (ids: string[], { container }) => {
    const service: RatingModuleService = container.resolve(RATING_MODULE)
    const versions = await service.listRateCardVersions({ id: ids })
    const missing = ids.filter((id) => !versions.find((v) => v.id === id))
    if (missing.length) {
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        `Rate card version with id: ${missing.join(", ")} was not found`
      )
    }
    const published = versions.filter((v) => v.status === "published")
    if (published.length) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Version ${published.map((v) => v.number).join(", ")} is published and cannot be deleted`
      )
    }
    await service.destroyVersions(ids)
    return new StepResponse(void 0)
  }
)
