import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../../modules/billing"
import type BillingModuleService from "../../../modules/billing/service"
import { committedCredit } from "../utils/committed"

export const committedCreditStepId = "committed-credit"
/**
 * What a postpaid account already owes against its credit limit
 * (BILLING.md §6): see `committedCredit`. Prepaid accounts and accounts
 * without a limit need none of it ("0"). Reads only.
 *
 * @example
 * const committed = committedCreditStep({ account_id: "bacct_1" }) // "412.5000"
 */
export const committedCreditStep = createStep(
  committedCreditStepId,
  async (input: { account_id: string }, { container }) => {
    const billing: BillingModuleService = container.resolve(BILLING_MODULE)
    const account = await billing.retrieveBillingAccount(input.account_id, {
      select: ["id", "payment_mode", "credit_limit"],
    })
    if (account.payment_mode !== "postpaid" || account.credit_limit === null) return new StepResponse("0")
    return new StepResponse((await committedCredit(container, input.account_id)).toString())
  }
)
