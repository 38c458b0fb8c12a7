import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { renderInvoicePdf } from "../../../../../../modules/billing/documents"
import { invoiceDocument, statementCalls } from "../../../../../../workflows/billing/utils/documents"
import { sendFile } from "../../../../../utils/send-file"
import { loadTenantInvoice } from "../../helpers"

export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const invoice = await loadTenantInvoice(req)
  const withCalls = (req as any).validatedQuery.calls as boolean
  const doc = await invoiceDocument(req.scope, invoice, withCalls)
  await sendFile(res, "application/pdf", `${invoice.number}.pdf`, (out) =>
    renderInvoicePdf(doc, out, withCalls ? { calls: statementCalls(req.scope, invoice.id) } : {})
  )
}
