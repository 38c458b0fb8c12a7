import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitWalletThresholdsStep } from "../../billing/steps/emit-wallet-thresholds"
import { postWalletEntriesStep } from "../../billing/steps/post-wallet-entries"
import { createStripeTopUpStep, type StripeTopUpInput } from "../steps/create-stripe-top-up"

export const stripeTopUpWorkflowId = "stripe-top-up"
/**
 * A prepaid wallet top-up paid through Stripe. A saved card charged at once
 * credits the wallet now (reference `stripe:<payment intent>`); otherwise the
 * tenant confirms the intent and `payment_intent.succeeded` credits it. The
 * reference makes the two paths credit once between them.
 *
 * @example
 * const { result } = await stripeTopUpWorkflow(container).run({ input: { account_id: "bacct_1", amount: "50.00" } })
 * // { payment_intent_id: "pi_…", status: "requires_payment_method", client_secret: "pi_…_secret_…", … }
 */
export const stripeTopUpWorkflow = createWorkflow(stripeTopUpWorkflowId, (input: StripeTopUpInput) => {
  const topUp = createStripeTopUpStep(input)
  when("stripe-top-up-succeeded", { topUp }, ({ topUp }) => topUp.status === "succeeded").then(() => {
    const move = postWalletEntriesStep(
      transform({ topUp, input }, ({ topUp, input }) => ({
        account_id: input.account_id,
        entries: [{ type: "top_up" as const, amount: topUp.amount, reference: topUp.reference, note: "Stripe top-up" }],
      }))
    )
    emitWalletThresholdsStep(transform({ move }, ({ move }) => [move]))
  })
  return new WorkflowResponse(topUp)
})
