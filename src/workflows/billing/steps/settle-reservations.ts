import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../../modules/billing"
import type BillingModuleService from "../../../modules/billing/service"
import type { WalletMovement } from "../../../modules/billing/types"

export type SettleReservationsStepInput = Array<{
  reservation_id: string
  charge: string | null
  used_seconds: number | null
  settled_by: "cdr" | "report" | "expired"
  call_id?: string | null
}>

export const settleReservationsStepId = "settle-reservations"
/**
 * Ends reservations: releases each hold and debits the call's charge once.
 * A reservation that is no longer open is left as it is (a second report,
 * or a CDR after the expiry job, changes nothing).
 *
 * @example
 * settleReservationsStep([{ reservation_id: "bres_1", charge: "0.12", used_seconds: 120, settled_by: "report" }])
 */
export const settleReservationsStep = createStep(
  settleReservationsStepId,
  async (input: SettleReservationsStepInput, { container }) => {
    const billing: BillingModuleService = container.resolve(BILLING_MODULE)
    const results: Array<{ reservation_id: string; settled: boolean; status: string; balance: WalletMovement | null }> = []
    for (const r of input) {
      const out = await billing.settleReservation(r.reservation_id, r)
      results.push({ reservation_id: r.reservation_id, ...out })
    }
    return new StepResponse(results)
  }
)
