import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RATING_MODULE } from "../../../modules/rating"
import type RatingModuleService from "../../../modules/rating/service"
import { assertValidProfile } from "../utils"
import { CreateTimeProfileInput } from "../types"

export const createTimeProfilesStepId = "create-time-profiles"
/**
 * Creates time profiles after checking their rules and holidays.
 *
 * @example
 * createTimeProfilesStep([{ code: "UK-BUSINESS", name: "UK business hours", rules: [...], holidays: [] }])
 */
export const createTimeProfilesStep = createStep(
  createTimeProfilesStepId,
  async (data: CreateTimeProfileInput[], { container }) => {
    data.forEach((p, i) =>
      assertValidProfile({ rules: p.rules, holidays: p.holidays ?? [] }, data.length > 1 ? `time_profiles[${i}].` : "")
    )
    const service: RatingModuleService = container.resolve(RATING_MODULE)
    const profiles = await service.createTimeProfiles(
      data.map((p) => ({ ...p, holidays: p.holidays ?? [] })) as any[]
    )
    return new StepResponse(profiles, profiles.map((p) => p.id))
  },
  async (ids, { container }) => {
    if (!ids?.length) {
      return
    }
    const service: RatingModuleService = container.resolve(RATING_MODULE)
    await service.deleteTimeProfiles(ids)
  }
)
