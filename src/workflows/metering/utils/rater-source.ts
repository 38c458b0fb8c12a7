import type { MedusaContainer } from "@medusajs/framework/types"
import { BILLING_MODULE } from "../../../modules/billing"
import type BillingModuleService from "../../../modules/billing/service"
import { RATING_MODULE } from "../../../modules/rating"
import type RatingModuleService from "../../../modules/rating/service"
import type { RaterAccount, RaterSource } from "./usage-rater"

/** The account fields a rater needs. */
export const RATER_ACCOUNT_FIELDS = ["id", "code", "currency_code", "timezone", "country_code", "international_prefix", "trunk_prefix"]

/**
 * A UsageRater's data from the rating and billing modules of this process.
 *
 * @example
 * const rater = new UsageRater(containerRaterSource(container))
 */
export function containerRaterSource(container: MedusaContainer): RaterSource {
  const rating: RatingModuleService = container.resolve(RATING_MODULE)
  const billing: BillingModuleService = container.resolve(BILLING_MODULE)
  return {
    accounts: async (codes) => (await billing.listBillingAccounts({ code: codes }, { select: RATER_ACCOUNT_FIELDS })) as unknown as RaterAccount[],
    cardOrder: async (accountId, direction) => (await rating.resolveCardOrder(accountId, direction)).map((o) => o.rate_card_id),
    buyCardIds: (direction) => rating.listBuyCardIds(direction),
    compiledCards: (ids, window) => rating.getCompiledCards(ids, window),
    maxCharges: async (ids) =>
      ((await rating.listRateCards({ id: ids }, { select: ["id", "max_charge_per_call"] })) as any[]).map((c) => ({
        id: c.id,
        max_charge_per_call: c.max_charge_per_call === null || c.max_charge_per_call === undefined ? null : String(c.max_charge_per_call),
      })),
    fxTable: () => billing.loadFxTable(),
  }
}
