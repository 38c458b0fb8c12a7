import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { recordDunningEventsStep } from "../steps/record-dunning-events"
import { setDunningPausedStep } from "../steps/set-dunning-paused"

export const setDunningPausedWorkflowId = "set-dunning-paused"
/**
 * Pauses or resumes an account's dunning, with a timeline entry saying who.
 *
 * @example
 * await setDunningPausedWorkflow(container).run({ input: { account_id: "bacct_1", paused: true, actor: "user_1", note: "disputed" } })
 */
export const setDunningPausedWorkflow = createWorkflow(
  setDunningPausedWorkflowId,
  (input: { account_id: string; paused: boolean; actor?: string | null; note?: string | null }) => {
    const out = setDunningPausedStep(input)
    when("dunning-pause-changed", { out }, ({ out }) => out.changed).then(() => {
      recordDunningEventsStep(
        transform({ input }, ({ input }) => [
          {
            account_id: input.account_id,
            invoice_id: null,
            step: input.paused ? "paused" : "resumed",
            action: input.paused ? "pause" : "resume",
            detail: { actor: input.actor ?? null, note: input.note ?? null },
          },
        ])
      )
    })
    return new WorkflowResponse(out)
  }
)
