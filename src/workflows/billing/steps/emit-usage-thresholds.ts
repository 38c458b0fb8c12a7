import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import Decimal from "decimal.js"
import { exactOf } from "../../../lib/big-number"
import { CallBillingEvents } from "../../../lib/constants"
import { BILLING_MODULE } from "../../../modules/billing"
import type BillingModuleService from "../../../modules/billing/service"
import { METERING_MODULE } from "../../../modules/metering"
import type MeteringModuleService from "../../../modules/metering/service"
import { committedCredit } from "../utils/committed"

/** Shares of the credit limit whose crossing is announced. */
export const USAGE_THRESHOLD_SHARES = ["0.8", "1"] as const

export const emitUsageThresholdsStepId = "emit-usage-thresholds"
/**
 * Emits `call_billing.usage.threshold_reached` for each postpaid account with
 * a credit limit whose commitment (`committedCredit`: unbilled usage, open
 * documents, pending charges) this
 * import carried across 80 % or 100 % of the limit — once per crossing: the
 * commitment before the import is the one after minus the import's own
 * calls. Accounts without a limit cost nothing here, nor does an import that
 * stored no call (`inserted: 0`). Reads and emits only.
 *
 * @example
 * emitUsageThresholdsStep({ job_id: "ijob_1" })
 */
export const emitUsageThresholdsStep = createStep(emitUsageThresholdsStepId, async (input: { job_id: string; inserted?: number }, { container }) => {
  // an import that stored no call moved no account
  if (input.inserted === 0) return new StepResponse(0)
  const billing: BillingModuleService = container.resolve(BILLING_MODULE)
  const metering: MeteringModuleService = container.resolve(METERING_MODULE)
  const limited = (await billing.listBillingAccounts({ payment_mode: "postpaid", credit_limit: { $ne: null } } as any, {
    select: ["id", "credit_limit", "currency_code"],
  })) as any[]
  if (!limited.length) return new StepResponse(0)
  const sums = await metering.sumImportCharges(input.job_id, limited.map((a) => a.id))
  const events: Array<{ name: string; data: Record<string, unknown> }> = []
  for (const s of sums) {
    const added = new Decimal(s.total)
    if (added.lte(0)) continue
    const account = limited.find((a) => a.id === s.account_id)
    const limit = exactOf(account, "credit_limit")
    const after = await committedCredit(container, account.id)
    const before = after.minus(added)
    for (const share of USAGE_THRESHOLD_SHARES) {
      const line = limit.mul(share)
      if (before.lt(line) && after.gte(line)) {
        events.push({
          name: CallBillingEvents.USAGE_THRESHOLD_REACHED,
          data: { account_id: account.id, share, amount: after.toFixed(), limit: limit.toFixed(), currency_code: account.currency_code, import_job_id: input.job_id },
        })
      }
    }
  }
  if (events.length) await container.resolve(Modules.EVENT_BUS).emit(events)
  return new StepResponse(events.length)
})
