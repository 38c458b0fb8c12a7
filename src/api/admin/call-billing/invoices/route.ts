import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { BILLING_MODULE } from "../../../../modules/billing"
import type BillingModuleService from "../../../../modules/billing/service"
import { invoiceView } from "./helpers"
import { AdminGetInvoicesParamsType } from "./validators"

/**
 * Invoices and debit notes, newest period first, filtered by account, status,
 * kind, number or period (`period_from`/`period_to`: local dates, both
 * inclusive, compared with the period's start).
 */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminGetInvoicesParamsType>, res: MedusaResponse) => {
  const billing: BillingModuleService = req.scope.resolve(BILLING_MODULE)
  const q = req.validatedQuery
  const filters: Record<string, unknown> = {}
  if (q.account_id?.length) filters.account_id = q.account_id
  if (q.status?.length) filters.status = q.status
  if (q.kind) filters.kind = q.kind
  if (q.q) filters.number = { $ilike: `%${q.q}%` }
  // period_start is a "YYYY-MM-DD" text column: string order is date order
  if (q.period_from || q.period_to) {
    filters.period_start = { ...(q.period_from ? { $gte: q.period_from } : {}), ...(q.period_to ? { $lte: q.period_to } : {}) }
  }
  const [invoices, count] = await billing.listAndCountInvoices(filters, {
    order: { period_start: "DESC", created_at: "DESC" },
    skip: q.offset,
    take: q.limit,
  })
  const accounts = invoices.length
    ? await billing.listBillingAccounts({ id: [...new Set(invoices.map((i) => i.account_id))] }, { select: ["id", "code"] })
    : []
  res.json({
    invoices: invoices.map((i) => invoiceView(i, accounts.find((a) => a.id === i.account_id)?.code)),
    count,
    offset: q.offset,
    limit: q.limit,
  })
}
