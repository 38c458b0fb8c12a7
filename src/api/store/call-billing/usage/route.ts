import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { BILLING_MODULE } from "../../../../modules/billing"
import { localDateOf, periodBoundsUtc, periodContaining } from "../../../../modules/billing/calc"
import type BillingModuleService from "../../../../modules/billing/service"
import { METERING_MODULE } from "../../../../modules/metering"
import type MeteringModuleService from "../../../../modules/metering/service"
import { tenantAccountId } from "../middlewares"

/** Calls, minutes and charge by direction and destination group; default: the current period. */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const billing: BillingModuleService = req.scope.resolve(BILLING_MODULE)
  const metering: MeteringModuleService = req.scope.resolve(METERING_MODULE)
  const a = await billing.retrieveBillingAccount(tenantAccountId(req))
  const q = (req as any).validatedQuery
  const current = periodContaining(localDateOf(new Date(), a.timezone), { interval: a.billing_interval as any, anchor_day: a.anchor_day, anchor_month: a.anchor_month })
  const period = { start: q.from ?? current.start, end: q.to ?? current.end }
  const b = periodBoundsUtc(period, a.timezone)
  const groups = await metering.usageSummary({ account_id: a.id, from: b.start, to: b.end })
  res.json({ period, timezone: a.timezone, groups })
}
