import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../../modules/billing"
import type BillingModuleService from "../../../modules/billing/service"

export const closeInvoiceStepId = "close-invoice"
/**
 * Voids an invoice issued in error (nothing paid or credited) or writes it
 * off as uncollectible. Compensation restores the previous status.
 *
 * @example
 * closeInvoiceStep({ id: "binv_1", status: "void" })
 */
export const closeInvoiceStep = createStep(
  closeInvoiceStepId,
  async (input: { id: string; status: "void" | "uncollectible" }, { container }) => {
    const billing: BillingModuleService = container.resolve(BILLING_MODULE)
    const before = await billing.retrieveInvoice(input.id, { select: ["id", "status", "voided_at"] })
    const inv = await billing.closeInvoice(input.id, input.status)
    return new StepResponse({ id: inv.id, number: inv.number, status: inv.status, account_id: inv.account_id }, before)
  },
  async (before, { container }) => {
    if (!before) return
    const billing: BillingModuleService = container.resolve(BILLING_MODULE)
    await billing.updateInvoices({ id: before.id, status: before.status, voided_at: before.voided_at } as any)
  }
)
