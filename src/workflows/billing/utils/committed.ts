import Decimal from "decimal.js"
import { BILLING_MODULE } from "../../../modules/billing"
import type BillingModuleService from "../../../modules/billing/service"
import { METERING_MODULE } from "../../../modules/metering"
import type MeteringModuleService from "../../../modules/metering/service"

/**
 * What a postpaid account has committed against its credit limit
 * (BILLING.md §6): rated usage not on any document yet, what is still due on
 * its finalized documents, and what is pending (drafts, carried amounts,
 * reported calls awaiting their CDR). Reads only.
 *
 * @example
 * await committedCredit(container, "bacct_1") // Decimal("412.5")
 */
export async function committedCredit(container: { resolve: (key: string) => any }, accountId: string): Promise<Decimal> {
  const billing: BillingModuleService = container.resolve(BILLING_MODULE)
  const metering: MeteringModuleService = container.resolve(METERING_MODULE)
  const [unbilled, due, pending] = await Promise.all([
    metering.sumUnbilledCharges(accountId),
    billing.sumAmountDue(accountId),
    billing.sumPendingCharges(accountId),
  ])
  return new Decimal(unbilled).plus(due).plus(pending)
}
