import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../../modules/billing"
import type BillingModuleService from "../../../modules/billing/service"
import { RATING_MODULE } from "../../../modules/rating"
import type RatingModuleService from "../../../modules/rating/service"

export const validateRateCardsDeletableStepId = "validate-rate-cards-deletable"
/**
 * Refuses to delete a card that an account or the system default still uses.
 *
 * @example
 * validateRateCardsDeletableStep(["rcard_123"])
 */
export const validateRateCardsDeletableStep = createStep(
  validateRateCardsDeletableStepId,
  async (ids: string[], { container }) => {
    const service: RatingModuleService = container.resolve(RATING_MODULE)
    const cards = await service.listRateCards({ id: ids })
    const missing = ids.filter((id) => !cards.find((c) => c.id === id))
    if (missing.length) {
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        `Rate card with id: ${missing.join(", ")} was not found`
      )
    }
    const used = await service.listCardAssignments({ rate_card_id: ids })
    if (used.length) {
      // name accounts by their code, which is what an admin knows them by
      const accountIds = [...new Set(used.map((a: any) => a.account_id).filter(Boolean))] as string[]
      const billing: BillingModuleService = container.resolve(BILLING_MODULE)
      const accounts = accountIds.length ? await billing.listBillingAccounts({ id: accountIds }, { select: ["id", "code"] }) : []
      const code = new Map(accounts.map((a) => [a.id, a.code]))
      const where = used
        .map((a: any) =>
          a.scope === "system"
            ? `system default (${a.direction})`
            : `account ${code.get(a.account_id) ?? a.account_id} (${a.scope}, ${a.direction})`
        )
        .join("; ")
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Rate card is in use and cannot be deleted: ${where}. Remove these assignments first.`
      )
    }
    return new StepResponse(void 0)
  }
)
