import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RATING_MODULE } from "../../../modules/rating"
import type RatingModuleService from "../../../modules/rating/service"
import { assertValidProfile } from "../utils"
import { UpdateTimeProfileInput } from "../types"

export const updateTimeProfilesStepId = "update-time-profiles"
/**
 * Updates time profiles; rules and holidays are checked as a whole.
 *
 * @example
 * updateTimeProfilesStep([{ id: "tprof_123", holidays: [{ date: "2026-12-25", band: "weekend" }] }])
 */
export const updateTimeProfilesStep = createStep(
  updateTimeProfilesStepId,
  async (data: UpdateTimeProfileInput[], { container }) => {
    const service: RatingModuleService = container.resolve(RATING_MODULE)
    const previous = await service.listTimeProfiles({ id: data.map((d) => d.id) })
    data.forEach((d) => {
      const before = previous.find((p) => p.id === d.id) as any
      assertValidProfile({
        rules: d.rules ?? before?.rules,
        holidays: d.holidays ?? before?.holidays ?? [],
      })
    })
    const profiles = await service.updateTimeProfiles(data as any)
    return new StepResponse(profiles, previous)
  },
  async (previous, { container }) => {
    if (!previous?.length) {
      return
    }
    const service: RatingModuleService = container.resolve(RATING_MODULE)
    await service.updateTimeProfiles(
      previous.map((p: any) => ({
        id: p.id,
        code: p.code,
        name: p.name,
        description: p.description,
        rules: p.rules,
        holidays: p.holidays,
        metadata: p.metadata,
      })) as any
    )
  }
)
