import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../../modules/billing"
import type BillingModuleService from "../../../modules/billing/service"

export const listExpiredReservationsStepId = "list-expired-reservations"
/**
 * Open reservations past their expiry, oldest first. Reads only.
 *
 * @example
 * const expired = listExpiredReservationsStep({ limit: 500 })
 */
export const listExpiredReservationsStep = createStep(
  listExpiredReservationsStepId,
  async (input: { limit?: number }, { container }) => {
    const billing: BillingModuleService = container.resolve(BILLING_MODULE)
    const rows = await billing.listCreditReservations(
      { status: "open", expires_at: { $lt: new Date() } },
      { select: ["id", "account_id"], order: { expires_at: "ASC" }, take: input.limit ?? 1000 }
    )
    return new StepResponse(rows.map((r) => ({ id: r.id, account_id: r.account_id })))
  }
)
