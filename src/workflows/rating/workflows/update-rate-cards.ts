import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { updateRateCardsStep, validateRateCardSettingsStep } from "../steps"
import { UpdateRateCardInput } from "../types"

export type UpdateRateCardsWorkflowInput = { rate_cards: UpdateRateCardInput[] }

export const updateRateCardsWorkflowId = "update-rate-cards"
/**
 * Updates rate cards. Settings that change what a call costs (currency,
 * decimals, rounding, kind, direction) are frozen once a version is published.
 *
 * @example
 * await updateRateCardsWorkflow(container).run({ input: { rate_cards: [{ id: "rcard_1", name: "Retail" }] } })
 */
export const updateRateCardsWorkflow = createWorkflow(
  updateRateCardsWorkflowId,
  (input: UpdateRateCardsWorkflowInput) => {
    validateRateCardSettingsStep(input.rate_cards)
    const cards = updateRateCardsStep(input.rate_cards)
    return new WorkflowResponse(cards)
  }
)
