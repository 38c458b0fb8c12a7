import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MedusaError } from "@medusajs/framework/utils"
import { BILLING_MODULE } from "../../../modules/billing"
import type BillingModuleService from "../../../modules/billing/service"

export const resetSyncRecordsStepId = "reset-sync-records"
/**
 * Puts failed (or stuck pending) sync rows back to `pending`, due now: the
 * admin's retry. Synced rows are refused. Compensation restores the rows.
 *
 * @example
 * resetSyncRecordsStep({ ids: ["bsync_1"] })
 */
export const resetSyncRecordsStep = createStep(
  resetSyncRecordsStepId,
  async (input: { ids: string[] }, { container }) => {
    const billing: BillingModuleService = container.resolve(BILLING_MODULE)
    const rows = await billing.listSyncRecords({ id: input.ids })
    const missing = input.ids.filter((id) => !rows.some((r) => r.id === id))
    if (missing.length) throw new MedusaError(MedusaError.Types.NOT_FOUND, `sync record ${missing.join(", ")} was not found`)
    const synced = rows.filter((r) => r.status === "synced")
    if (synced.length) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `sync record ${synced.map((r) => r.id).join(", ")} is already synced`)
    }
    const before = rows.map((r) => ({ id: r.id, status: r.status, next_attempt_at: r.next_attempt_at, last_attempt_at: r.last_attempt_at }))
    await billing.updateSyncRecords(rows.map((r) => ({ id: r.id, status: "pending" as const, next_attempt_at: null, last_attempt_at: null })))
    return new StepResponse(input.ids, before)
  },
  async (before, { container }) => {
    if (!before?.length) return
    const billing: BillingModuleService = container.resolve(BILLING_MODULE)
    await billing.updateSyncRecords(before as any)
  }
)
