import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../../modules/billing"
import type BillingModuleService from "../../../modules/billing/service"
import type { AuthorizeCreditInput, CreditDecision } from "../../../modules/billing/types"

export const authorizeCreditStepId = "authorize-credit"
/**
 * Grants a call its quota and holds the cost, under the account's lock
 * (BILLING.md §6). Compensation releases the hold.
 *
 * @example
 * const decision = authorizeCreditStep({ account_id, number: "447700900123", direction: "outbound", terms })
 */
export const authorizeCreditStep = createStep(
  authorizeCreditStepId,
  async (input: AuthorizeCreditInput, { container }) => {
    const billing: BillingModuleService = container.resolve(BILLING_MODULE)
    const decision = await billing.authorizeCredit(input)
    return new StepResponse(decision, decision.granted ? decision.reservation_id : null)
  },
  async (reservationId, { container }) => {
    if (!reservationId) return
    const billing: BillingModuleService = container.resolve(BILLING_MODULE)
    await billing.settleReservation(reservationId, { charge: null, used_seconds: 0, settled_by: "expired" })
  }
)

export type { CreditDecision }
