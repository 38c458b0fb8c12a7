import { useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { Direction } from "../../../modules/rating/engine"
import { rankCarriersStep } from "../steps"

export type RankCarriersWorkflowInput = {
  number: string
  direction: Direction
  at: Date | string
  billsec?: number
  /** normalise the number as this account dials it */
  account_id?: string | null
  /** without an account: country code for national numbers */
  country_code?: string | null
}

export const rankCarriersWorkflowId = "rank-carriers"
/**
 * Ranks the carriers able to carry a number at a moment, cheapest first
 * (costs in several currencies compared in the account's currency).
 *
 * @example
 * const { result } = await rankCarriersWorkflow(container).run({
 *   input: { number: "+442079460000", direction: "outbound", at: new Date() },
 * })
 */
export const rankCarriersWorkflow = createWorkflow(
  rankCarriersWorkflowId,
  (input: RankCarriersWorkflowInput) => {
    const accounts = when("account-given", { input }, ({ input }) => !!input.account_id).then(() => {
      const { data } = useQueryGraphStep({
        entity: "billing_account",
        fields: ["id", "timezone", "country_code", "international_prefix", "trunk_prefix", "currency_code"],
        filters: { id: input.account_id as string },
        options: { throwIfKeyNotFound: true },
      })
      return data
    })
    const stepInput = transform({ input, accounts }, ({ input, accounts }) => ({
      account: accounts?.[0] ?? {
        timezone: "UTC",
        country_code: input.country_code ?? "",
        international_prefix: "00",
        trunk_prefix: "0",
      },
      number: input.number,
      at: input.at,
      direction: input.direction,
      billsec: input.billsec,
    }))
    return new WorkflowResponse(rankCarriersStep(stepInput))
  }
)
