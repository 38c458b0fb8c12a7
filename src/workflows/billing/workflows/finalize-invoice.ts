import { emitEventStep, useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { MedusaError } from "@medusajs/framework/utils"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { CallBillingEvents } from "../../../lib/constants"
import { finalizeInvoicesStep } from "../steps/finalize-invoices"

export const finalizeInvoiceWorkflowId = "finalize-invoice"
/**
 * Finalizes a draft invoice or debit note: it takes its entity's next number
 * and becomes immutable (BILLING.md §4).
 *
 * @example
 * const { result } = await finalizeInvoiceWorkflow(container).run({ input: { id: "binv_1" } })
 * // { id: "binv_1", number: "ACME-2026-000001", status: "finalized" }
 */
export const finalizeInvoiceWorkflow = createWorkflow(finalizeInvoiceWorkflowId, (input: { id: string }) => {
  const { data: invoices } = useQueryGraphStep({
    entity: "invoice",
    fields: ["id", "status", "number"],
    filters: { id: input.id },
    options: { throwIfKeyNotFound: true },
  })
  const ids = transform({ invoices }, ({ invoices }) => {
    const inv = invoices[0]
    if (inv.status !== "draft") {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `invoice ${inv.number ?? inv.id} is ${inv.status}; only a draft can be finalized`)
    }
    // strict: a finalize of the same draft that got there first makes this one a 400, not a second number
    return { ids: [inv.id], strict: true }
  })
  const finalized = finalizeInvoicesStep(ids)
  emitEventStep({
    eventName: CallBillingEvents.INVOICE_FINALIZED,
    data: transform({ finalized }, ({ finalized }) => finalized.map((i) => ({ id: i.id, number: i.number, account_id: i.account_id }))),
  })
  return new WorkflowResponse(transform({ finalized }, ({ finalized }) => finalized[0]))
})
