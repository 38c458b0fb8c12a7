import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { finalizeInvoiceWorkflow } from "../../../../../../workflows/billing"
import { loadInvoice } from "../../../../../../workflows/billing/utils/documents"
import { invoiceDetail } from "../../helpers"

/** Numbers and freezes a draft. */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await loadInvoice(req.scope, req.params.id)
  await finalizeInvoiceWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.json({ invoice: await invoiceDetail(req.scope, await loadInvoice(req.scope, req.params.id)) })
}
