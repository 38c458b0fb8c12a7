import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../../modules/billing"
import { syncFailure } from "../../../modules/billing/integrations/options"
import type BillingModuleService from "../../../modules/billing/service"
import { describeXeroError, xeroGateway } from "../utils/push-xero"

export const voidXeroInvoicesStepId = "void-xero-invoices"
/**
 * Voids in Xero the invoices voided here, so the receivable is gone in the
 * ledger finance reconciles; the sync row keeps Xero's status. A void Xero
 * refuses or cannot take now fails the row with the error, and the sync
 * job's retry voids it (the reconciliation report flags "void here,
 * AUTHORISED in Xero" until then). Through the tenant's rate-limited queue
 * like every Xero call.
 * Not compensated: a void cannot be taken back in Xero either.
 *
 * @example
 * voidXeroInvoicesStep({ invoice_ids: ["binv_1"] })
 */
export const voidXeroInvoicesStep = createStep(voidXeroInvoicesStepId, async (input: { invoice_ids: string[] }, { container }) => {
  const billing: BillingModuleService = container.resolve(BILLING_MODULE)
  const options = billing.collectionsOptions().xero
  const out: Array<{ invoice_id: string; status: string }> = []
  if (!options || !input.invoice_ids.length) return new StepResponse(out)
  const rows = await billing.listSyncRecords({ provider: "xero", record_type: "invoice", record_id: input.invoice_ids, status: "synced" })
  const xero = xeroGateway(options)
  for (const row of rows) {
    if (!row.external_id) continue
    const r = await xero.voidInvoice(row.external_id, row.record_id)
    if (r.ok) {
      await billing.updateSyncRecords({ id: row.id, data: { ...((row.data as any) ?? {}), status: r.status }, last_error: null })
      out.push({ invoice_id: row.record_id, status: r.status })
    } else {
      // failed: the sync job retries it (its push finds the invoice by number and voids it), and so does the admin's retry
      await billing.updateSyncRecords(syncFailure(row, `void in Xero failed: ${describeXeroError(r.error)}`))
      out.push({ invoice_id: row.record_id, status: "error" })
    }
  }
  return new StepResponse(out)
})
