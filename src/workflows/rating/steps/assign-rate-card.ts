import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RATING_MODULE } from "../../../modules/rating"
import type RatingModuleService from "../../../modules/rating/service"
import { CardAssignmentInput } from "../types"

export const assignRateCardStepId = "assign-rate-card"
/**
 * Assigns a sell card to an account (its card or an override) or as the
 * system default, per direction. An account card or system default replaces
 * the one it succeeds; the compensation restores it.
 *
 * @example
 * assignRateCardStep({ scope: "account", account_id: "bacct_1", direction: "outbound", rate_card_id: "rcard_1" })
 */
export const assignRateCardStep = createStep(
  assignRateCardStepId,
  async (input: CardAssignmentInput, { container }) => {
    const service: RatingModuleService = container.resolve(RATING_MODULE)
    const [card] = await service.listRateCards({ id: input.rate_card_id })
    if (!card) {
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        `Rate card with id: ${input.rate_card_id} was not found`
      )
    }
    if (card.kind !== "sell") {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Rate card ${card.code} is a buy card; only sell cards rate an account's calls`
      )
    }
    if (card.direction !== "both" && card.direction !== input.direction) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Rate card ${card.code} serves ${card.direction} calls, not ${input.direction}`
      )
    }
    const selector: Record<string, unknown> = { scope: input.scope, direction: input.direction }
    if (input.scope === "system") {
      selector.account_id = null
    } else {
      selector.account_id = input.account_id
    }
    if (input.scope === "override") {
      selector.rate_card_id = input.rate_card_id
    }
    const replaced = await service.listCardAssignments(selector as any)
    if (replaced.length) {
      await service.softDeleteCardAssignments(replaced.map((a) => a.id))
    }
    const created = await service.createCardAssignments({
      scope: input.scope,
      account_id: input.scope === "system" ? null : input.account_id,
      direction: input.direction,
      rate_card_id: input.rate_card_id,
      priority: input.priority ?? 0,
    } as any)
    return new StepResponse(created, {
      created: created.id,
      replaced: replaced.map((a) => a.id),
    })
  },
  async (undo, { container }) => {
    if (!undo) {
      return
    }
    const service: RatingModuleService = container.resolve(RATING_MODULE)
    await service.deleteCardAssignments([undo.created])
    if (undo.replaced.length) {
      await service.restoreCardAssignments(undo.replaced)
    }
  }
)
