import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../../modules/billing"
import type BillingModuleService from "../../../modules/billing/service"

export type ExtendReservationStepInput = { reservation_id: string; requested_seconds?: number; committed?: string }

export const extendReservationStepId = "extend-reservation"
/**
 * Adds subsequent increments to an open reservation on its original terms.
 * Not compensated: an extension is its own ledger transaction, and the
 * settlement releases whatever is held.
 *
 * @example
 * extendReservationStep({ reservation_id: "bres_1", requested_seconds: 120 })
 */
export const extendReservationStep = createStep(
  extendReservationStepId,
  async (input: ExtendReservationStepInput, { container }) => {
    const billing: BillingModuleService = container.resolve(BILLING_MODULE)
    return new StepResponse(
      await billing.extendReservation(input.reservation_id, {
        requested_seconds: input.requested_seconds,
        committed: input.committed,
      })
    )
  }
)
