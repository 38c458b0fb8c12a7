import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { ignoreExceptionsStep, type IgnoreExceptionsStepInput } from "../steps/ignore-exceptions"

export type IgnoreExceptionsWorkflowInput = IgnoreExceptionsStepInput

export const ignoreExceptionsWorkflowId = "ignore-usage-exceptions"
/**
 * Ignores open exceptions with a note: they will not be billed, and the
 * queue keeps who decided, when and why.
 *
 * @example
 * await ignoreExceptionsWorkflow(container).run({
 *   input: { ids: ["uexc_1", "uexc_2"], note: "test calls from the lab", actor: "user_1" },
 * })
 */
export const ignoreExceptionsWorkflow = createWorkflow(ignoreExceptionsWorkflowId, (input: IgnoreExceptionsWorkflowInput) => {
  const result = ignoreExceptionsStep(input)
  return new WorkflowResponse(result)
})
