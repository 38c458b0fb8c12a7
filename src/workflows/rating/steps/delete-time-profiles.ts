import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RATING_MODULE } from "../../../modules/rating"
import type RatingModuleService from "../../../modules/rating/service"

export const deleteTimeProfilesStepId = "delete-time-profiles"
/**
 * Soft-deletes time profiles that no rate card uses; the compensation restores them.
 *
 * @example
 * deleteTimeProfilesStep(["tprof_123"])
 */
export const deleteTimeProfilesStep = createStep(
  deleteTimeProfilesStepId,
  async (ids: string[], { container }) => {
    const service: RatingModuleService = container.resolve(RATING_MODULE)
    const users = await service.listRateCards({ time_profile_id: ids } as any)
    if (users.length) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Time profile is used by rate card(s) ${users.map((c) => c.code).join(", ")} and cannot be deleted`
      )
    }
    await service.softDeleteTimeProfiles(ids)
    return new StepResponse(void 0, ids)
  },
  async (ids, { container }) => {
    if (!ids?.length) {
      return
    }
    const service: RatingModuleService = container.resolve(RATING_MODULE)
    await service.restoreTimeProfiles(ids)
  }
)
