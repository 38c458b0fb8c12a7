import { useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { committedCreditStep } from "../steps/committed-credit"
import { emitWalletThresholdsStep } from "../steps/emit-wallet-thresholds"
import { extendReservationStep } from "../steps/extend-reservation"

export type ExtendCallWorkflowInput = { reservation_id: string; requested_seconds?: number }

export const extendCallWorkflowId = "extend-call"
/**
 * A call in progress asks for more: a further quota of subsequent
 * increments on the terms it was granted with, held on the same reservation.
 *
 * @example
 * const { result } = await extendCallWorkflow(container).run({ input: { reservation_id: "bres_1", requested_seconds: 120 } })
 * // result: { granted: true, granted_seconds: 420, amount: "0.42", … } (totals of the reservation)
 */
export const extendCallWorkflow = createWorkflow(extendCallWorkflowId, (input: ExtendCallWorkflowInput) => {
  const { data: reservations } = useQueryGraphStep({
    entity: "credit_reservation",
    fields: ["id", "account_id"],
    filters: { id: input.reservation_id },
    options: { throwIfKeyNotFound: true },
  })
  const committed = committedCreditStep(transform({ reservations }, ({ reservations }) => ({ account_id: reservations[0].account_id })))
  const decision = extendReservationStep(
    transform({ input, committed }, ({ input, committed }) => ({ ...input, committed }))
  )
  emitWalletThresholdsStep(transform({ decision }, ({ decision }) => [decision.granted ? decision.balance : null]))
  return new WorkflowResponse(decision)
})
