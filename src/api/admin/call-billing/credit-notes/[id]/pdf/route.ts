import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { renderCreditNotePdf } from "../../../../../../modules/billing/documents"
import { creditNoteDocument } from "../../../../../../workflows/billing/utils/documents"
import { sendFile } from "../../../../../utils/send-file"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const doc = await creditNoteDocument(req.scope, req.params.id)
  await sendFile(res, "application/pdf", `${doc.number}.pdf`, (out) => renderCreditNotePdf(doc, out))
}
