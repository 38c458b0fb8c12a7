import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RATING_MODULE } from "../../../modules/rating"
import type RatingModuleService from "../../../modules/rating/service"
import { CreateRateCardInput, UpdateRateCardInput } from "../types"

/** Settings that change what a rated call costs: frozen once a version is published. */
const PRICING_FIELDS = ["kind", "currency_code", "decimals", "rounding", "direction", "carrier"] as const

export const validateRateCardSettingsStepId = "validate-rate-card-settings"
/**
 * Checks cards before they are written: a buy card names its carrier, the
 * time profile exists, and a card with published versions keeps the settings
 * its published charges were computed with.
 *
 * @example
 * validateRateCardSettingsStep([{ code: "CARRIER-A", kind: "buy", carrier: "carrier-a", currency_code: "USD", name: "A" }])
 */
export const validateRateCardSettingsStep = createStep(
  validateRateCardSettingsStepId,
  async (cards: Array<CreateRateCardInput | UpdateRateCardInput>, { container }) => {
    const service: RatingModuleService = container.resolve(RATING_MODULE)
    const ids = cards.map((c: any) => c.id).filter(Boolean) as string[]
    const existing = ids.length ? await service.listRateCards({ id: ids }) : []
    const missing = ids.filter((id) => !existing.find((e) => e.id === id))
    if (missing.length) {
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        `Rate card with id: ${missing.join(", ")} was not found`
      )
    }
    const published = ids.length
      ? await service.listRateCardVersions({ rate_card_id: ids, status: "published" } as any)
      : []

    for (const card of cards as any[]) {
      const before: any = card.id ? existing.find((e) => e.id === card.id) : undefined
      const merged = { ...before, ...card }
      if (merged.kind === "buy" && !merged.carrier) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `Rate card ${merged.code}: a buy card must name its carrier`
        )
      }
      if (card.time_profile_id) {
        const [profile] = await service.listTimeProfiles({ id: card.time_profile_id })
        if (!profile) {
          throw new MedusaError(
            MedusaError.Types.INVALID_DATA,
            `Rate card ${merged.code}: time profile ${card.time_profile_id} does not exist`
          )
        }
      }
      if (before && published.some((v: any) => v.rate_card_id === card.id)) {
        const changed = PRICING_FIELDS.filter(
          (f) => card[f] !== undefined && String(card[f] ?? "") !== String(before[f] ?? "")
        )
        if (changed.length) {
          throw new MedusaError(
            MedusaError.Types.NOT_ALLOWED,
            `Rate card ${before.code} has published versions; ${changed.join(", ")} cannot change (create a new card instead)`
          )
        }
      }
    }
    return new StepResponse(void 0)
  }
)
