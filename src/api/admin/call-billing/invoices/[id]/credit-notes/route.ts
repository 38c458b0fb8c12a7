import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { issueCreditNoteWorkflow } from "../../../../../../workflows/billing"
import { loadInvoice } from "../../../../../../workflows/billing/utils/documents"
import { invoiceDetail } from "../../helpers"
import { AdminCreateCreditNoteType } from "../../validators"

/** A full (no amount) or partial credit note with a reason. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminCreateCreditNoteType>, res: MedusaResponse) => {
  await loadInvoice(req.scope, req.params.id)
  const { result } = await issueCreditNoteWorkflow(req.scope).run({
    input: { invoice_id: req.params.id, amount: req.validatedBody.amount ?? null, reason: req.validatedBody.reason, created_by: req.auth_context.actor_id },
  })
  res.status(201).json({ credit_note: { id: result.credit_note_id, number: result.number }, invoice: await invoiceDetail(req.scope, await loadInvoice(req.scope, req.params.id)) })
}
