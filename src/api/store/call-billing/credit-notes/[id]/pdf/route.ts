import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { renderCreditNotePdf } from "../../../../../../modules/billing/documents"
import { creditNoteDocument, sendFile } from "../../../../../utils/billing-documents"
import { tenantAccountId } from "../../../middlewares"

export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const doc = await creditNoteDocument(req.scope, req.params.id, tenantAccountId(req))
  await sendFile(res, "application/pdf", `${doc.number}.pdf`, (out) => renderCreditNotePdf(doc, out))
}
