import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import Decimal from "decimal.js"
import { exactOf } from "../../../lib/big-number"
import { BILLING_MODULE } from "../../../modules/billing"
import { calculateInvoice, nextPeriod, type TaxInput } from "../../../modules/billing/calc"
import type BillingModuleService from "../../../modules/billing/service"
import type { DraftDocument } from "../../../modules/billing/types"

export type RerateAdjustment = { invoice_id: string; delta: string; calls: number }

export const issueRerateAdjustmentsStepId = "issue-rerate-adjustments"
/**
 * Turns what a re-rate moved on finalized invoices into documents, never an
 * edit of the invoice (BILLING.md §1): a rise becomes a draft debit note that
 * corrects the invoice, a fall a credit note against it (up to what remains
 * on it; the rest becomes account credit). Amounts are taxed with the
 * account's tax profile, like any usage line. Not compensated: numbered
 * credit notes are never deleted, and the re-rate it follows has committed.
 *
 * @example
 * issueRerateAdjustmentsStep({ adjustments: [{ invoice_id: "binv_1", delta: "-0.0200", calls: 2 }], actor: "user_1" })
 */
export const issueRerateAdjustmentsStep = createStep(
  issueRerateAdjustmentsStepId,
  async (input: { adjustments: RerateAdjustment[]; actor?: string | null }, { container }) => {
    const billing: BillingModuleService = container.resolve(BILLING_MODULE)
    const out: Array<{ invoice_id: string; kind: "debit_note" | "credit_note" | "none"; document_id: string | null; amount: string; account_credit: string }> = []
    for (const adj of input.adjustments) {
      const inv = await billing.retrieveInvoice(adj.invoice_id)
      const account = await billing.retrieveBillingAccount(inv.account_id)
      const tp = account.tax_profile_id ? await billing.retrieveTaxProfile(account.tax_profile_id) : null
      const tax: TaxInput | null = tp
        ? { components: tp.components as any, inclusive: tp.inclusive, exempt: tp.exempt, reverse_charge: tp.reverse_charge, note: tp.note, surcharges: null }
        : null
      const period = { start: inv.period_start, end: inv.period_end }
      const cycle = { interval: account.billing_interval as any, anchor_day: account.anchor_day, anchor_month: account.anchor_month }
      const magnitude = new Decimal(adj.delta).abs().toFixed()
      const calc = calculateInvoice({
        currency: inv.currency_code,
        period,
        next_period: nextPeriod(period, cycle),
        floor: "0",
        carried_forward: "0",
        account_credit: "0",
        subscription: null,
        usage: { usage_groups: [{ direction: "outbound", destination_group: null, calls: adj.calls, rated_seconds: 0, amount: magnitude }], bundles: null, peak_concurrency: null, metrics: [] },
        tax,
      })
      const label = `Re-rate of ${adj.calls} call(s) billed on ${inv.number ?? inv.id}`
      if (new Decimal(calc.total).isZero()) {
        out.push({ invoice_id: inv.id, kind: "none", document_id: null, amount: "0", account_credit: "0" })
        continue
      }
      if (new Decimal(adj.delta).gt(0)) {
        const doc: DraftDocument = {
          kind: "debit_note",
          entity_id: inv.entity_id,
          currency_code: inv.currency_code,
          period_start: inv.period_start,
          period_end: inv.period_end,
          subtotal: calc.subtotal,
          tax_total: calc.tax_total,
          total: calc.total,
          tax_inclusive: calc.tax_inclusive,
          notes: calc.notes,
          fx: null,
          lines: calc.lines.map((l) => ({ ...l, description: l.kind === "usage" ? label : l.description })),
          taxes: calc.taxes.map((t) => ({ ...t })),
          metadata: { reason: "re-rate", corrects_invoice: inv.number, delta: adj.delta },
        }
        const [id] = await billing.createCorrectionDrafts([{ account_id: inv.account_id, corrects_invoice_id: inv.id, doc }])
        out.push({ invoice_id: inv.id, kind: "debit_note", document_id: id, amount: calc.total, account_credit: "0" })
        continue
      }
      const remaining = exactOf(inv, "total").minus(exactOf(inv, "amount_paid")).minus(exactOf(inv, "amount_credited"))
      const credited = Decimal.min(remaining, calc.total)
      let noteId: string | null = null
      if (credited.gt(0)) {
        const { credit_note } = await billing.issueCreditNote({ invoice_id: inv.id, amount: credited.toFixed(), reason: label, created_by: input.actor ?? null })
        noteId = credit_note.id
      }
      const rest = new Decimal(calc.total).minus(credited)
      if (rest.gt(0)) await billing.addAccountCredit(inv.account_id, rest.toFixed())
      out.push({ invoice_id: inv.id, kind: "credit_note", document_id: noteId, amount: credited.toFixed(), account_credit: rest.toFixed() })
    }
    return new StepResponse(out)
  }
)
