import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RATING_MODULE } from "../../../modules/rating"
import type RatingModuleService from "../../../modules/rating/service"

export const removeCardAssignmentsStepId = "remove-card-assignments"
/**
 * Removes card assignments by id or by account; the compensation restores them.
 *
 * @example
 * removeCardAssignmentsStep({ ids: ["cassign_123"] })
 * removeCardAssignmentsStep({ account_ids: ["bacct_123"] })
 */
export const removeCardAssignmentsStep = createStep(
  removeCardAssignmentsStepId,
  async (input: { ids?: string[]; account_ids?: string[] }, { container }) => {
    const service: RatingModuleService = container.resolve(RATING_MODULE)
    const filters: Record<string, unknown> = {}
    if (input.ids) filters.id = input.ids
    if (input.account_ids) filters.account_id = input.account_ids
    if (!input.ids?.length && !input.account_ids?.length) {
      return new StepResponse([] as string[], [] as string[])
    }
    const found = await service.listCardAssignments(filters as any)
    const ids = found.map((a) => a.id)
    if (ids.length) {
      await service.softDeleteCardAssignments(ids)
    }
    return new StepResponse(ids, ids)
  },
  async (ids, { container }) => {
    if (!ids?.length) {
      return
    }
    const service: RatingModuleService = container.resolve(RATING_MODULE)
    await service.restoreCardAssignments(ids)
  }
)
