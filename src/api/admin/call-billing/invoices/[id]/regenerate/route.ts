import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { regenerateInvoiceWorkflow } from "../../../../../../workflows/billing"
import { loadInvoice } from "../../../../../../workflows/billing/utils/documents"
import { invoiceDetail } from "../../helpers"

/** Rebuilds a draft from today's data; answers the new draft (it has a new id). */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await loadInvoice(req.scope, req.params.id)
  const { result } = await regenerateInvoiceWorkflow(req.scope).run({ input: { id: req.params.id } })
  const closed = result.closed[0]
  const id = closed?.invoice_id ?? null
  res.json({ invoice: id ? await invoiceDetail(req.scope, await loadInvoice(req.scope, id)) : null, outcome: closed?.outcome ?? null, skipped: result.skipped })
}
