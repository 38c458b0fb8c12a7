import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { WalletEntryInput } from "../../../modules/billing/types"
import { emitWalletThresholdsStep } from "../steps/emit-wallet-thresholds"
import { postWalletEntriesStep } from "../steps/post-wallet-entries"

export type PostWalletEntryWorkflowInput = {
  account_id: string
  type: "top_up" | "adjustment" | "refund"
  amount: string
  reference?: string | null
  note?: string | null
  created_by?: string | null
}

export const postWalletEntryWorkflowId = "post-wallet-entry"
/**
 * A top-up, refund or manual adjustment of a prepaid wallet. A top-up with a
 * reference already on the ledger (the same bank line or payment twice) adds
 * nothing and says it was a duplicate.
 *
 * @example
 * const { result } = await postWalletEntryWorkflow(container).run({
 *   input: { account_id: "bacct_1", type: "top_up", amount: "50.00", reference: "bank-2026-11-22-7" },
 * })
 * // result: { before: "0", after: "50", duplicates: 0, … }
 */
export const postWalletEntryWorkflow = createWorkflow(postWalletEntryWorkflowId, (input: PostWalletEntryWorkflowInput) => {
  const move = postWalletEntriesStep(
    transform({ input }, ({ input }) => {
      const { account_id, type, amount, ...rest } = input
      const signed = type === "adjustment" ? amount : amount.replace(/^-/, "")
      const entry: WalletEntryInput = { type, amount: type === "refund" ? `-${signed}` : signed, ...rest }
      return { account_id, entries: [entry] }
    })
  )
  emitWalletThresholdsStep(transform({ move }, ({ move }) => [move]))
  return new WorkflowResponse(move)
})
