import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import Decimal from "decimal.js"
import { exactOf } from "../../../../lib/big-number"
import { BILLING_MODULE } from "../../../../modules/billing"
import { currencyDecimals } from "../../../../modules/billing/calc"
import type BillingModuleService from "../../../../modules/billing/service"
import { subscriptionView } from "../../../admin/call-billing/billing-accounts/subscription-view"
import { tenantAccountId } from "../middlewares"

/** The tenant's own account: balances, what is due, its subscription. */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const billing: BillingModuleService = req.scope.resolve(BILLING_MODULE)
  const id = tenantAccountId(req)
  const [a, due, sub] = await Promise.all([billing.retrieveBillingAccount(id), billing.sumAmountDue(id), subscriptionView(req.scope, id)])
  const dp = currencyDecimals(a.currency_code)
  const m = (field: string) => exactOf(a, field).toFixed(dp)
  res.json({
    account: {
      id: a.id,
      code: a.code,
      name: a.name,
      currency_code: a.currency_code,
      timezone: a.timezone,
      status: a.status,
      payment_mode: a.payment_mode,
      wallet_balance: m("wallet_balance"),
      credit_balance: m("credit_balance"),
      credit_limit: a.credit_limit === null ? null : m("credit_limit"),
      amount_due: new Decimal(due).toFixed(dp),
      subscription: sub && { status: sub.status, plan: { code: sub.plan.code, name: sub.plan.name }, quantities: sub.quantities, start_date: sub.start_date, cancel_at: sub.cancel_at },
    },
  })
}
