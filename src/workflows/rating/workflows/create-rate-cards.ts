import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createRateCardsStep, validateRateCardSettingsStep } from "../steps"
import { CreateRateCardInput } from "../types"

export type CreateRateCardsWorkflowInput = { rate_cards: CreateRateCardInput[] }

export const createRateCardsWorkflowId = "create-rate-cards"
/**
 * Creates sell or buy rate cards (no rows yet: rows come as versions).
 *
 * @example
 * const { result } = await createRateCardsWorkflow(container).run({
 *   input: { rate_cards: [{ code: "RETAIL", name: "Retail 2026", currency_code: "GBP" }] },
 * })
 */
export const createRateCardsWorkflow = createWorkflow(
  createRateCardsWorkflowId,
  (input: CreateRateCardsWorkflowInput) => {
    validateRateCardSettingsStep(input.rate_cards)
    const cards = createRateCardsStep(input.rate_cards)
    return new WorkflowResponse(cards)
  }
)
