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
    // an account-scoped assignment needs the account (a card in another currency is fine:
    // its charges are converted at the FX rate in force at each call)
    when("account-scoped-assignment", { input }, ({ input }) => input.scope !== "system").then(() => {
      useQueryGraphStep({
        entity: "billing_account",
        fields: ["id"],
        filters: { id: input.account_id as string },
        options: { throwIfKeyNotFound: true },
      })
    })
    const assignment = assignRateCardStep(input)
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
