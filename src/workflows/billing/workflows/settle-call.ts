import { useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { MedusaError } from "@medusajs/framework/utils"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { rateCallsStep } from "../../rating/steps"
import { emitWalletThresholdsStep } from "../steps/emit-wallet-thresholds"
import { settleReservationsStep } from "../steps/settle-reservations"
import { ACCOUNT_RATING_FIELDS } from "./authorize-call"

export type SettleCallWorkflowInput = { reservation_id: string; used_seconds: number; call_id?: string | null }

export const settleCallWorkflowId = "settle-call"
/**
 * The switch reports what a call used: the seconds are rated as the CDR
 * would be (same cards, the moment the call was authorized), the hold is
 * released and the charge debited once. A CDR for the same call id later
 * posts only a difference. Reporting on a reservation that is no longer open
 * changes nothing and says so.
 *
 * @example
 * const { result } = await settleCallWorkflow(container).run({ input: { reservation_id: "bres_1", used_seconds: 95 } })
 * // result: { settled: true, status: "settled", charge: "0.1200", rated_seconds: 120 }
 */
export const settleCallWorkflow = createWorkflow(settleCallWorkflowId, (input: SettleCallWorkflowInput) => {
  const { data: reservations } = useQueryGraphStep({
    entity: "credit_reservation",
    fields: ["id", "account_id", "number", "direction", "terms", "granted_seconds", "status"],
    filters: { id: input.reservation_id },
    options: { throwIfKeyNotFound: true },
  }).config({ name: "load-reservation" })
  const accountFilter = transform({ reservations }, ({ reservations }) => ({ id: reservations[0].account_id }))
  const { data: accounts } = useQueryGraphStep({
    entity: "billing_account",
    fields: ACCOUNT_RATING_FIELDS,
    filters: accountFilter,
    options: { throwIfKeyNotFound: true },
  }).config({ name: "load-account" })
  const rated = rateCallsStep(
    transform({ input, reservations, accounts }, ({ input, reservations, accounts }) => {
      const r = reservations[0]
      return {
        account: accounts[0],
        calls: [
          {
            direction: r.direction,
            number: r.number,
            answer_time: new Date((r.terms as any).rated_at),
            billsec: input.used_seconds,
          },
        ],
      }
    })
  )
  const settle = transform({ input, rated }, ({ input, rated }) => {
    const r = rated.results[0]
    if (r.status !== "rated") {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `the reported call cannot be rated: ${r.detail ?? r.reason}`)
    }
    return [
      {
        reservation_id: input.reservation_id,
        charge: r.charge!,
        used_seconds: input.used_seconds,
        settled_by: "report" as const,
        call_id: input.call_id ?? null,
      },
    ]
  })
  const results = settleReservationsStep(settle)
  emitWalletThresholdsStep(transform({ results }, ({ results }) => [results[0].balance]))
  return new WorkflowResponse(
    transform({ results, rated }, ({ results: [result], rated }) => ({
      reservation_id: result.reservation_id,
      settled: result.settled,
      status: result.status,
      charge: result.settled ? rated.results[0].charge! : null,
      rated_seconds: rated.results[0].rated_seconds,
      balance: result.balance?.after ?? null,
    }))
  )
})
