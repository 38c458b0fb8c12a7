import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { closeInvoiceWorkflow } from "../../../../../../workflows/billing"
import { loadInvoice } from "../../../../../../workflows/billing/utils/documents"
import { invoiceDetail } from "../../helpers"

/** Marks a finalized invoice void (issued in error; nothing paid or credited on it). */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await loadInvoice(req.scope, req.params.id)
  await closeInvoiceWorkflow(req.scope).run({ input: { id: req.params.id, status: "void" } })
  res.json({ invoice: await invoiceDetail(req.scope, await loadInvoice(req.scope, req.params.id)) })
}
