import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { BILLING_MODULE } from "../../../../modules/billing"
import type BillingModuleService from "../../../../modules/billing/service"
import { invoiceView } from "../../../admin/call-billing/invoices/helpers"
import { type StoreInvoicesParamsType, tenantAccountId } from "../middlewares"
import { ISSUED } from "./helpers"

/** The tenant's invoices and debit notes, newest first; `status` filters among the issued ones. */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const billing: BillingModuleService = req.scope.resolve(BILLING_MODULE)
  const { limit, offset, status } = (req as any).validatedQuery as StoreInvoicesParamsType
  const [account, [invoices, count]] = await Promise.all([
    billing.retrieveBillingAccount(tenantAccountId(req), { select: ["id", "code"] }),
    billing.listAndCountInvoices(
      { account_id: tenantAccountId(req), status: status?.length ? status : ISSUED },
      { order: { issued_at: "DESC" }, skip: offset, take: limit }
    ),
  ])
  res.json({ invoices: invoices.map((i) => invoiceView(i, account.code)), count, limit, offset })
}
