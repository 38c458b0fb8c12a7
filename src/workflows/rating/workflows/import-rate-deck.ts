import { emitEventStep, useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { CallBillingEvents } from "../../../lib/constants"
import { importRateDeckStep } from "../steps"

export type ImportRateDeckWorkflowInput = {
  rate_card_id: string
  /** the deck, FORMATS.md "Rate deck" */
  csv: string
  filename?: string | null
  notes?: string | null
  created_by?: string | null
}

export const importRateDeckWorkflowId = "import-rate-deck"
/**
 * Imports a rate deck into a new draft version of a card. The whole file is
 * validated first: if any line is bad nothing is written and the result
 * lists every bad line (`errors`) with `version: null`.
 *
 * @example
 * const { result } = await importRateDeckWorkflow(container).run({
 *   input: { rate_card_id: "rcard_1", csv: "prefix,rate\n44,0.0200\n", filename: "rates.csv" },
 * })
 * // result.version?.number === 1, result.errors === []
 */
export const importRateDeckWorkflow = createWorkflow(
  importRateDeckWorkflowId,
  (input: ImportRateDeckWorkflowInput) => {
    const { data: cards } = useQueryGraphStep({
      entity: "rate_card",
      fields: ["id", "direction"],
      filters: { id: input.rate_card_id },
      options: { throwIfKeyNotFound: true },
    })
    const stepInput = transform({ input, cards }, ({ input, cards }) => ({
      rate_card_id: input.rate_card_id,
      card_direction: cards[0].direction,
      csv: input.csv,
      filename: input.filename,
      notes: input.notes,
      created_by: input.created_by,
    }))
    const result = importRateDeckStep(stepInput)
    when("deck-imported", { result }, ({ result }) => !!result.version).then(() => {
      emitEventStep({
        eventName: CallBillingEvents.RATE_CARD_VERSION_IMPORTED,
        data: transform({ result }, ({ result }) => ({
          id: result.version!.id,
          rate_card_id: result.version!.rate_card_id,
        })),
      })
    })
    return new WorkflowResponse(result)
  }
)
