import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { updateTimeProfilesStep } from "../steps"
import { UpdateTimeProfileInput } from "../types"

export type UpdateTimeProfilesWorkflowInput = { time_profiles: UpdateTimeProfileInput[] }

export const updateTimeProfilesWorkflowId = "update-time-profiles"
/**
 * Updates time profiles. Bands are computed at rating time, so a change
 * applies to calls rated from now on (a re-rate applies it to the past).
 *
 * @example
 * await updateTimeProfilesWorkflow(container).run({ input: { time_profiles: [{ id: "tprof_1", holidays: [] }] } })
 */
export const updateTimeProfilesWorkflow = createWorkflow(
  updateTimeProfilesWorkflowId,
  (input: UpdateTimeProfilesWorkflowInput) => {
    const profiles = updateTimeProfilesStep(input.time_profiles)
    return new WorkflowResponse(profiles)
  }
)
