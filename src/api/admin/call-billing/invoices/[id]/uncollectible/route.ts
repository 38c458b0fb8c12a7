import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { closeInvoiceWorkflow } from "../../../../../../workflows/billing"
import { loadInvoice } from "../../../../../../workflows/billing/utils/documents"
import { invoiceDetail } from "../../helpers"

/** Marks a finalized invoice uncollectible (written off). */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await loadInvoice(req.scope, req.params.id)
  await closeInvoiceWorkflow(req.scope).run({ input: { id: req.params.id, status: "uncollectible" } })
  res.json({ invoice: await invoiceDetail(req.scope, await loadInvoice(req.scope, req.params.id)) })
}
