import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { BILLING_MODULE } from "../../../../modules/billing"
import type BillingModuleService from "../../../../modules/billing/service"
import { invoiceView } from "../../../admin/call-billing/invoices/helpers"
import { tenantAccountId } from "../middlewares"
import { ISSUED } from "./helpers"

/** The tenant's invoices and debit notes, newest first. */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const billing: BillingModuleService = req.scope.resolve(BILLING_MODULE)
  const { limit, offset } = (req as any).validatedQuery
  const [invoices, count] = await billing.listAndCountInvoices(
    { account_id: tenantAccountId(req), status: ISSUED },
    { order: { issued_at: "DESC" }, skip: offset, take: limit }
  )
  res.json({ invoices: invoices.map((i) => invoiceView(i)), count, limit, offset })
}
