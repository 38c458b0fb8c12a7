import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { CallBillingEvents } from "../../../lib/constants"
import { publishRateCardVersionStep } from "../steps"

export type PublishRateCardVersionWorkflowInput = {
  version_id: string
  effective_from: Date | string
  published_by?: string | null
}

export const publishRateCardVersionWorkflowId = "publish-rate-card-version"
/**
 * Publishes a draft version: from `effective_from` it rates calls, and the
 * version in force before it ends there. Published versions are immutable.
 *
 * @example
 * await publishRateCardVersionWorkflow(container).run({
 *   input: { version_id: "rcver_1", effective_from: "2026-12-01T00:00:00Z" },
 * })
 */
export const publishRateCardVersionWorkflow = createWorkflow(
  publishRateCardVersionWorkflowId,
  (input: PublishRateCardVersionWorkflowInput) => {
    const result = publishRateCardVersionStep(input)
    emitEventStep({
      eventName: CallBillingEvents.RATE_CARD_VERSION_PUBLISHED,
      data: transform({ result }, ({ result }) => ({
        id: result.version_id,
        rate_card_id: result.rate_card_id,
        closed_version_id: result.closed?.id ?? null,
      })),
    })
    return new WorkflowResponse(result)
  }
)
