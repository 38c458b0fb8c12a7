import { emitEventStep, useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { CallBillingEvents } from "../../../lib/constants"
import { assignRateCardStep } from "../steps"
import { CardAssignmentInput } from "../types"

export const assignRateCardWorkflowId = "assign-rate-card"
/**
 * Makes a sell card an account's card, an override for it, or the system
 * default for a direction (RATING.md §3.1).
 *
 * @example
 * await assignRateCardWorkflow(container).run({
 *   input: { scope: "override", account_id: "bacct_1", direction: "outbound", rate_card_id: "rcard_vip", priority: 0 },
 * })
 */
export const assignRateCardWorkflow = createWorkflow(
  assignRateCardWorkflowId,
  (input: CardAssignmentInput) => {
    const accounts = when("account-scoped-assignment", { input }, ({ input }) => input.scope !== "system").then(() => {
      const { data } = useQueryGraphStep({
        entity: "billing_account",
        fields: ["id", "currency_code"],
        filters: { id: input.account_id as string },
        options: { throwIfKeyNotFound: true },
      })
      return data
    })
    const stepInput = transform({ input, accounts }, ({ input, accounts }) => ({
      ...input,
      account_currency_code: accounts?.[0]?.currency_code ?? null,
    }))
    const assignment = assignRateCardStep(stepInput)
    emitEventStep({
      eventName: CallBillingEvents.CARD_ASSIGNMENTS_CHANGED,
      data: transform({ input }, ({ input }) => ({
        account_id: input.account_id ?? null,
        direction: input.direction,
      })),
    })
    return new WorkflowResponse(assignment)
  }
)
