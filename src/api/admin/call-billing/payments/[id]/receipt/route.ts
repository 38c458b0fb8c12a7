import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { renderReceiptPdf } from "../../../../../../modules/billing/documents"
import { receiptDocument } from "../../../../../../workflows/billing/utils/documents"
import { sendFile } from "../../../../../utils/send-file"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const doc = await receiptDocument(req.scope, req.params.id)
  await sendFile(res, "application/pdf", `receipt-${doc.number}.pdf`, (out) => renderReceiptPdf(doc, out))
}
