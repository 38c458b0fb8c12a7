import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { reprocessExceptionsStep, type ReprocessExceptionsStepInput } from "../steps/reprocess-exceptions"

export type ReprocessExceptionsWorkflowInput = ReprocessExceptionsStepInput

export const reprocessExceptionsWorkflowId = "reprocess-usage-exceptions"
/**
 * Reprocesses open exceptions after a fix: assign an account
 * (`patch.account_code`), overwrite fields (`patch.fields`), or nothing
 * (a card or an account was created since: "reprocess all after a rate
 * change"). Each record is checked and rated again as an import would;
 * those that now rate are stored and their exceptions resolved by the actor,
 * the rest stay open with their reason now. `accept_out_of_policy` stores
 * calls that rate out of policy anyway, noted as the admin's decision.
 *
 * @example
 * const { result } = await reprocessExceptionsWorkflow(container).run({
 *   input: { filter: { reason: "unknown_account", account_code: "acme" }, all: true, actor: "user_1" },
 * })
 * // { reprocessed: 4, resolved: 4, still_failing: [], still_failing_count: 0, job_ids: ["ijob_…"] }
 */
export const reprocessExceptionsWorkflow = createWorkflow(
  reprocessExceptionsWorkflowId,
  (input: ReprocessExceptionsWorkflowInput) => {
    const result = reprocessExceptionsStep(input)
    return new WorkflowResponse(result)
  }
)
