import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { renderInvoicePdf } from "../../../../../../modules/billing/documents"
import { invoiceDocument, loadInvoice, statementCalls } from "../../../../../../workflows/billing/utils/documents"
import { sendFile } from "../../../../../utils/send-file"
import { AdminGetInvoicePdfParamsType } from "../../validators"

/** The invoice as PDF; `?calls=true` adds the itemised call statement. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminGetInvoicePdfParamsType>, res: MedusaResponse) => {
  const invoice = await loadInvoice(req.scope, req.params.id)
  const withCalls = req.validatedQuery.calls
  const doc = await invoiceDocument(req.scope, invoice, withCalls)
  await sendFile(res, "application/pdf", `${invoice.number ?? `draft-${invoice.id}`}.pdf`, (out) =>
    renderInvoicePdf(doc, out, withCalls ? { calls: statementCalls(req.scope, invoice.id) } : {})
  )
}
