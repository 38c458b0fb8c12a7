import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createTimeProfilesStep } from "../steps"
import { CreateTimeProfileInput } from "../types"

export type CreateTimeProfilesWorkflowInput = { time_profiles: CreateTimeProfileInput[] }

export const createTimeProfilesWorkflowId = "create-time-profiles"
/**
 * Creates time profiles (band rules and holidays).
 *
 * @example
 * await createTimeProfilesWorkflow(container).run({ input: { time_profiles: [{ code: "UK", name: "UK", rules: [] }] } })
 */
export const createTimeProfilesWorkflow = createWorkflow(
  createTimeProfilesWorkflowId,
  (input: CreateTimeProfilesWorkflowInput) => {
    return new WorkflowResponse(createTimeProfilesStep(input.time_profiles))
  }
)
