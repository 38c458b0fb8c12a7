import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../../modules/billing"
import type BillingModuleService from "../../../modules/billing/service"
import { METERING_MODULE } from "../../../modules/metering"
import type MeteringModuleService from "../../../modules/metering/service"

export const reopenPeriodCloseStepId = "reopen-period-close"
/**
 * Undoes a close whose documents are drafts: documents deleted, the calls
 * they billed unmarked, subscription state, carries and credit restored.
 * Not compensated (the close that follows recreates what is needed).
 *
 * @example
 * reopenPeriodCloseStep({ id: "bper_1" })
 */
export const reopenPeriodCloseStep = createStep(
  reopenPeriodCloseStepId,
  async (input: { id: string }, { container }) => {
    const billing: BillingModuleService = container.resolve(BILLING_MODULE)
    const metering: MeteringModuleService = container.resolve(METERING_MODULE)
    const out = await billing.reopenPeriodClose(input.id)
    await metering.unmarkBilled([...out.document_ids, out.period_id])
    return new StepResponse(out)
  }
)
