import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../../modules/billing"
import type BillingModuleService from "../../../modules/billing/service"

export type IssueCreditNoteStepInput = { invoice_id: string; amount?: string | null; reason: string; created_by?: string | null }

export const issueCreditNoteStepId = "issue-credit-note"
/**
 * Issues a numbered credit note against a finalized invoice, never more than
 * remains on it. Not compensated: numbered documents are never deleted.
 *
 * @example
 * issueCreditNoteStep({ invoice_id: "binv_1", amount: "20.00", reason: "outage on 3 Nov" })
 */
export const issueCreditNoteStep = createStep(issueCreditNoteStepId, async (input: IssueCreditNoteStepInput, { container }) => {
  const billing: BillingModuleService = container.resolve(BILLING_MODULE)
  const out = await billing.issueCreditNote(input)
  return new StepResponse({ credit_note_id: out.credit_note.id, number: out.credit_note.number, account_id: out.credit_note.account_id, settled_invoice_ids: out.settled_invoice_ids })
})
