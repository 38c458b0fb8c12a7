import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../../modules/billing"
import { createStripeClient, voidStripeInvoice } from "../../../modules/billing/integrations/stripe"
import { syncFailure } from "../../../modules/billing/integrations/options"
import type BillingModuleService from "../../../modules/billing/service"

export const voidStripeInvoicesStepId = "void-stripe-invoices"
/**
 * Voids in Stripe the invoices voided here, so Stripe stops asking for
 * them; the sync row keeps Stripe's answer. A failed void fails the row
 * with the error, and the sync job's retry voids it. Not compensated: a void cannot be taken back in Stripe either.
 *
 * @example
 * voidStripeInvoicesStep({ invoice_ids: ["binv_1"] })
 */
export const voidStripeInvoicesStep = createStep(voidStripeInvoicesStepId, async (input: { invoice_ids: string[] }, { container }) => {
  const billing: BillingModuleService = container.resolve(BILLING_MODULE)
  const options = billing.collectionsOptions().stripe
  if (!options || !input.invoice_ids.length) return new StepResponse([] as Array<{ invoice_id: string; status: string }>)
  const rows = await billing.listSyncRecords({ provider: "stripe", record_type: "invoice", record_id: input.invoice_ids, status: "synced" })
  const stripe = createStripeClient(options)
  const out: Array<{ invoice_id: string; status: string }> = []
  for (const row of rows) {
    if (!row.external_id || row.external_id === "-") continue
    try {
      const status = await voidStripeInvoice(stripe, row.external_id, row.record_id)
      await billing.updateSyncRecords({ id: row.id, data: { ...((row.data as any) ?? {}), status } })
      out.push({ invoice_id: row.record_id, status })
    } catch (e: any) {
      // failed: the sync job retries it (its push finds the invoice by its key and voids it), and so does the admin's retry
      await billing.updateSyncRecords(syncFailure(row, `void in Stripe failed: ${String(e?.message ?? e).slice(0, 500)}`))
      out.push({ invoice_id: row.record_id, status: "error" })
    }
  }
  return new StepResponse(out)
})
