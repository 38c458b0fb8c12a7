import { useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { CallInput } from "../../../modules/rating/engine"
import { rateCallsStep } from "../steps"

export type SimulateCallWorkflowInput = {
  account_id: string
  call: CallInput
}

export const simulateCallWorkflowId = "simulate-call"
/**
 * Rates one call for an account as ingestion would, with its full trace,
 * its cost on the buy cards and the margin. Writes nothing.
 *
 * @example
 * const { result } = await simulateCallWorkflow(container).run({
 *   input: { account_id: "bacct_1", call: { direction: "outbound", number: "07700900123", answer_time: new Date(), billsec: 61 } },
 * })
 * // result.result.charge === "0.0250", result.result.trace.prefix === "447"
 */
export const simulateCallWorkflow = createWorkflow(
  simulateCallWorkflowId,
  (input: SimulateCallWorkflowInput) => {
    const { data: accounts } = useQueryGraphStep({
      entity: "billing_account",
      fields: [
        "id",
        "code",
        "currency_code",
        "timezone",
        "country_code",
        "international_prefix",
        "trunk_prefix",
        "status",
      ],
      filters: { id: input.account_id },
      options: { throwIfKeyNotFound: true },
    })
    const stepInput = transform({ input, accounts }, ({ input, accounts }) => ({
      account: accounts[0],
      calls: [input.call],
      with_cost: true,
    }))
    const rated = rateCallsStep(stepInput)
    const out = transform({ rated, accounts, input }, ({ rated, accounts, input }) => ({
      account: accounts[0],
      call: input.call,
      result: rated.results[0],
      cards: rated.cards[input.call.direction] ?? [],
    }))
    return new WorkflowResponse(out)
  }
)
