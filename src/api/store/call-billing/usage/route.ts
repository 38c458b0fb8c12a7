import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { BILLING_MODULE } from "../../../../modules/billing"
import { localDateOf, periodBoundsUtc, periodContaining } from "../../../../modules/billing/calc"
import type BillingModuleService from "../../../../modules/billing/service"
import { METERING_MODULE } from "../../../../modules/metering"
import type MeteringModuleService from "../../../../modules/metering/service"
import { tenantAccountId } from "../middlewares"

/**
 * Calls, minutes and charge by direction and destination group over the
 * account's local dates `[from, to)` (like a billing period, `to` is the day
 * after); either one defaults to the current period's. `charge` is the sum of
 * the calls' rated charges as rated (the card's decimals, in the group's
 * `currency`), not an amount owed: bundles, discounts, FX and rounding to the
 * currency come when the period is invoiced.
 */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const billing: BillingModuleService = req.scope.resolve(BILLING_MODULE)
  const metering: MeteringModuleService = req.scope.resolve(METERING_MODULE)
  const a = await billing.retrieveBillingAccount(tenantAccountId(req))
  const q = (req as any).validatedQuery
  const current = periodContaining(localDateOf(new Date(), a.timezone), { interval: a.billing_interval as any, anchor_day: a.anchor_day, anchor_month: a.anchor_month })
  const period = { start: q.from ?? current.start, end: q.to ?? current.end }
  // both given: checked by StoreUsageParams; one given: against the current period's other end
  if (period.start >= period.end) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      q.from ? `from: must be before to (by default ${current.end}, the current period's end)` : `to: must be after from (by default ${current.start}, the current period's start)`
    )
  }
  const b = periodBoundsUtc(period, a.timezone)
  const groups = await metering.usageSummary({ account_id: a.id, from: b.start, to: b.end })
  res.json({ period, timezone: a.timezone, groups })
}
