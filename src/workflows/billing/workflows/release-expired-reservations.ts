import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { CallBillingEvents } from "../../../lib/constants"
import { listExpiredReservationsStep } from "../steps/list-expired-reservations"
import { settleReservationsStep } from "../steps/settle-reservations"

export const releaseExpiredReservationsWorkflowId = "release-expired-reservations"
/**
 * Releases holds whose call never reported back before the reservation
 * expired: each is marked `expired` (flagged for review) and its hold returns
 * to the wallet. A CDR arriving later still debits the call.
 *
 * @example
 * const { result } = await releaseExpiredReservationsWorkflow(container).run({ input: { limit: 1000 } })
 * // result: { released: 3 }
 */
export const releaseExpiredReservationsWorkflow = createWorkflow(
  releaseExpiredReservationsWorkflowId,
  (input: { limit?: number }) => {
    const expired = listExpiredReservationsStep(input)
    const results = settleReservationsStep(
      transform({ expired }, ({ expired }) =>
        expired.map((r) => ({ reservation_id: r.id, charge: null, used_seconds: null, settled_by: "expired" as const }))
      )
    )
    emitEventStep({
      eventName: CallBillingEvents.RESERVATION_EXPIRED,
      data: transform({ results, expired }, ({ results, expired }) =>
        results.filter((r) => r.settled).map((r) => ({ id: r.reservation_id, account_id: expired.find((e) => e.id === r.reservation_id)!.account_id }))
      ),
    })
    return new WorkflowResponse(transform({ results }, ({ results }) => ({ released: results.filter((r) => r.settled).length })))
  }
)
