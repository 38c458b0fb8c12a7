import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { loadInvoice } from "../../../../../workflows/billing/utils/documents"
import { invoiceDetail } from "../helpers"

/** One invoice with its lines, taxes, payments and credit notes. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const invoice = await loadInvoice(req.scope, req.params.id)
  res.json({ invoice: await invoiceDetail(req.scope, invoice) })
}
