import { MedusaRequest } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { loadInvoice } from "../../../../workflows/billing/utils/documents"
import { tenantAccountId } from "../middlewares"

/** Issued statuses only: a tenant never sees drafts. */
export const ISSUED = ["finalized", "partially_paid", "paid", "void", "uncollectible"]

/** One of the tenant's issued invoices; anything else (another tenant's, a draft) is 404. */
export async function loadTenantInvoice(req: MedusaRequest) {
  const invoice = await loadInvoice(req.scope, req.params.id, tenantAccountId(req))
  if (!ISSUED.includes(invoice.status)) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Invoice with id: ${req.params.id} was not found`)
  return invoice
}
