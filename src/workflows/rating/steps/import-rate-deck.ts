import { createHash } from "crypto"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RATING_MODULE } from "../../../modules/rating"
import { DeckError, parseDeck } from "../../../modules/rating/engine/deck"
import type RatingModuleService from "../../../modules/rating/service"

export type ImportRateDeckStepInput = {
  rate_card_id: string
  card_direction: "outbound" | "inbound" | "both"
  csv: string
  filename?: string | null
  notes?: string | null
  created_by?: string | null
}

export type ImportRateDeckStepOutput = {
  version: { id: string; number: number; row_count: number; rate_card_id: string } | null
  errors: DeckError[]
}

export const importRateDeckStepId = "import-rate-deck"
/**
 * Validates a whole rate deck (FORMATS.md) and, only if every line is good,
 * writes it as a new draft version in one transaction. With bad lines it
 * writes nothing and returns every one of them.
 *
 * @example
 * const { version, errors } = importRateDeckStep({ rate_card_id: "rcard_123", card_direction: "outbound", csv })
 */
export const importRateDeckStep = createStep(
  importRateDeckStepId,
  async (input: ImportRateDeckStepInput, { container }) => {
    const { rows, errors } = parseDeck(input.csv, { cardDirection: input.card_direction })
    if (errors.length) {
      return new StepResponse<ImportRateDeckStepOutput, string[]>({ version: null, errors }, [])
    }
    const service: RatingModuleService = container.resolve(RATING_MODULE)
    const version = await service.createVersionWithRates({
      rate_card_id: input.rate_card_id,
      rows,
      source_filename: input.filename ?? null,
      source_sha256: createHash("sha256").update(input.csv).digest("hex"),
      notes: input.notes ?? null,
      created_by: input.created_by ?? null,
    })
    return new StepResponse<ImportRateDeckStepOutput, string[]>({ version, errors: [] }, [version.id])
  },
  async (versionIds, { container }) => {
    if (!versionIds?.length) {
      return
    }
    const service: RatingModuleService = container.resolve(RATING_MODULE)
    await service.destroyVersions(versionIds)
  }
)
