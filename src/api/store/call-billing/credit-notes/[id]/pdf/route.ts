import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { renderCreditNotePdf } from "../../../../../../modules/billing/documents"
import { creditNoteDocument } from "../../../../../../workflows/billing/utils/documents"
import { sendFile } from "../../../../../utils/send-file"
import { tenantAccountId } from "../../../middlewares"

export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const doc = await creditNoteDocument(req.scope, req.params.id, tenantAccountId(req))
  await sendFile(res, "application/pdf", `${doc.number}.pdf`, (out) => renderCreditNotePdf(doc, out))
}
